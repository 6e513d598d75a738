// @description: at most 255 characters, printable Unicode plus TAB/CR/LF (ResourceDescription).
import type { Diagnostic } from '../../types';
import type { TemplateCheck } from '../params/context';

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- control characters are what the service forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const templateDescription: TemplateCheck = {
  code: 'TPL003',
  name: 'TemplateDescriptionInvalid',
  summary: '`@description` too long or with control characters',
  check({ template }) {
    const d = template.description;
    if (!d) return [];
    const out: Diagnostic[] = [];
    if (d.value.length > 255) {
      out.push({
        code: 'TPL003',
        severity: 'error',
        message: `Description is ${d.value.length} characters long; at most 255 are allowed. Shorten it by ${d.value.length - 255}.`,
        span: { start: d.span.start + 255, end: d.span.end },
      });
    }
    for (const m of d.value.matchAll(FORBIDDEN)) {
      const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      out.push({
        code: 'TPL003',
        severity: 'error',
        message: `Description contains the control character U+${code}, which the service rejects. Remove it.`,
        span: { start: d.span.start + m.index!, end: d.span.start + m.index! + m[0].length },
        fixes: [
          {
            title: 'Remove the control character',
            preferred: true,
            edits: [
              {
                span: {
                  start: d.span.start + m.index!,
                  end: d.span.start + m.index! + m[0].length,
                },
                newText: '',
              },
            ],
          },
        ],
      });
    }
    return out;
  },
};
