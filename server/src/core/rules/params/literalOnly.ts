// Rule 40: a parameter stands in for a literal value only, never a table, column or function name.
import type { Diagnostic } from '../../types';
import type { Token } from '../../sql/lexer';
import type { TemplateCheck } from './context';

const NAME_POSITION_BEFORE = new Set(['FROM', 'JOIN', 'INTO', 'TABLE', 'UPDATE', '.']);

/**
 * Whether the FROM at `code[i]` separates a function's operands (`EXTRACT(DAY FROM x)`,
 * `SUBSTRING(s FROM 2)`, `TRIM(BOTH 'x' FROM s)`, `a IS DISTINCT FROM b`) rather than starting a
 * clause: a clause's FROM sits outside parentheses or in a query's, which start with SELECT/WITH.
 */
function fromIsOperator(code: Token[], i: number): boolean {
  if (code[i - 1]?.upper === 'DISTINCT' && code[i - 2]?.upper !== 'SELECT') return true;
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = code[k];
    if (t.text === ')') depth++;
    else if (t.text === '(' && depth-- === 0) {
      const first = code[k + 1]?.upper;
      return first !== 'SELECT' && first !== 'WITH' && code[k - 1]?.kind === 'word';
    }
  }
  return false;
}

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
        before &&
        NAME_POSITION_BEFORE.has(before.upper) &&
        !(before.upper === 'FROM' && fromIsOperator(code, i - 1))
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
