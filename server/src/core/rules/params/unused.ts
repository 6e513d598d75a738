// A declared parameter that the body never references: the caller would be asked for a value
// that changes nothing.
import { lineWithBreak } from '../../template/parse';
import type { TemplateCheck } from './context';

export const unusedParam: TemplateCheck = {
  code: 'PAR002',
  name: 'ParameterUnused',
  summary: 'parameter declared but never used',
  check({ template, paramRefs }) {
    const used = new Set(paramRefs.map((r) => r.name));
    return template.params
      .filter((p) => p.name.value && !used.has(p.name.value))
      .map((p) => ({
        code: 'PAR002',
        severity: 'warning' as const,
        message: `Parameter '${p.name.value}' is declared but never used. Reference it as :${p.name.value} in the SQL, or remove the declaration.`,
        span: p.name.span,
        fixes: [
          {
            title: `Remove unused parameter '${p.name.value}'`,
            preferred: true,
            edits: [{ span: lineWithBreak(template.text, p.line), newText: '' }],
          },
        ],
      }));
  },
};
