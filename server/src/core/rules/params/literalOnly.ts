// Rule 40: a parameter stands in for a literal value only, never a table, column or function name.
import type { Diagnostic } from '../../types';
import type { TemplateCheck } from './context';

const NAME_POSITION_BEFORE = new Set(['FROM', 'JOIN', 'INTO', 'TABLE', 'UPDATE', '.']);

export const literalOnlyParam: TemplateCheck = {
  code: 'PAR010',
  name: 'ParameterWhereLiteralRequired',
  summary: 'parameter where only a literal can stand (rule 40)',
  check({ tokens }) {
    const code = tokens.filter((t) => t.kind !== 'comment');
    const out: Diagnostic[] = [];
    code.forEach((t, i) => {
      if (t.kind !== 'param') return;
      const before = code[i - 1];
      const after = code[i + 1];
      const where =
        before && NAME_POSITION_BEFORE.has(before.upper)
          ? before.upper === '.'
            ? 'a column name'
            : 'a table name'
          : after?.text === '.'
            ? 'a table or alias name'
            : after?.text === '('
              ? 'a function name'
              : undefined;
      if (!where) return;
      out.push({
        code: 'PAR010',
        severity: 'error',
        message: `Parameter '${t.text}' is used as ${where}; parameters can only stand in for literal values. Write the name itself and use the parameter in a condition, e.g. WHERE column = ${t.text}.`,
        span: t.span,
        rules: [40],
      });
    });
    return out;
  },
};
