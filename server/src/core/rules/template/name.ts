// @name is required and must match the service's TableAlias pattern, at most 128 characters.
import type { Diagnostic } from '../../types';
import type { TemplateCheck } from '../params/context';
import { closestDirective } from '../../template/parse';

export const TEMPLATE_NAME = /^[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?$/;

export const templateName: TemplateCheck = {
  code: 'TPL001',
  name: 'TemplateNameMissing',
  summary: '`@name` missing',
  also: [
    { code: 'TPL002', name: 'TemplateNameInvalid', summary: '`@name` not allowed by the service' },
  ],
  check({ template }) {
    const name = template.name;
    if (!name) {
      const firstLineEnd = template.text.search(/\r?\n|\r|$/);
      // A misspelt `@nmae` is the name: correcting the word fixes both diagnostics.
      const typo = template.directives.find(
        (d) => closestDirective(d.name.value) === 'name' && d.name.value.toLowerCase() !== 'name',
      );
      return [
        {
          code: 'TPL001',
          severity: 'error',
          message: typo
            ? `The template has no name: @${typo.name.value} is not a directive. Did you mean @name?`
            : 'The template has no name. Add a first line like `-- @name Unique reach by campaign`.',
          span: typo ? typo.name.span : { start: 0, end: Math.max(0, firstLineEnd) },
          fixes: typo
            ? [
                {
                  title: `Change @${typo.name.value} to @name`,
                  preferred: true,
                  edits: [{ span: typo.name.span, newText: '@name' }],
                },
              ]
            : [
                {
                  title: 'Add an @name line',
                  preferred: true,
                  edits: [{ span: { start: 0, end: 0 }, newText: '-- @name My analysis\n' }],
                },
              ],
        },
      ];
    }
    const out: Diagnostic[] = [];
    const v = name.value;
    if (v.length > 128) {
      out.push({
        code: 'TPL002',
        severity: 'error',
        message: `Template name is ${v.length} characters long; at most 128 are allowed.`,
        span: name.span,
      });
    } else if (!TEMPLATE_NAME.test(v)) {
      const suggestion = v
        .replace(/[^a-zA-Z0-9_ -]/g, '_')
        .replace(/-{2,}/g, '-')
        .replace(/^[^a-zA-Z0-9_]+/, '')
        .replace(/-+$/, '');
      out.push({
        code: 'TPL002',
        severity: 'error',
        message: `Template name '${v}' is not allowed: use letters, digits, _, spaces and single hyphens, starting with a letter, digit or _ and not ending with a hyphen.${suggestion && TEMPLATE_NAME.test(suggestion) ? ` Try '${suggestion}'.` : ''}`,
        span: name.span,
        fixes:
          suggestion && TEMPLATE_NAME.test(suggestion)
            ? [
                {
                  title: `Rename to '${suggestion}'`,
                  edits: [{ span: name.span, newText: suggestion }],
                },
              ]
            : [],
      });
    }
    return out;
  },
};
