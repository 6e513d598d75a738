// The same parameter declared twice: the service would reject the parameter list.
import type { Diagnostic } from '../../types';
import { lineWithBreak } from '../../template/parse';
import type { TemplateCheck } from './context';

export const duplicateParam: TemplateCheck = {
  code: 'PAR006',
  name: 'ParameterDuplicate',
  summary: 'parameter declared twice',
  check({ template }) {
    const first = new Map<string, (typeof template.params)[number]>();
    const out: Diagnostic[] = [];
    for (const p of template.params) {
      if (!p.name.value) continue;
      const earlier = first.get(p.name.value);
      if (!earlier) {
        first.set(p.name.value, p);
        continue;
      }
      out.push({
        code: 'PAR006',
        severity: 'error',
        message: `Parameter '${p.name.value}' is declared twice. Keep one declaration.`,
        span: p.name.span,
        related: [{ message: 'First declaration', target: 'template', span: earlier.name.span }],
        fixes: [
          {
            title: 'Remove this declaration',
            edits: [{ span: lineWithBreak(template.text, p.line), newText: '' }],
          },
        ],
      });
    }
    return out;
  },
};
