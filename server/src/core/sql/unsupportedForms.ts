// Spark SQL forms that Apache Spark takes but AWS Clean Rooms does not document or lists as not
// supported. The syntax gate names the form and what to write instead, not "Unexpected 'VIEW'
// after 'LATERAL'": a listed form always (even where the parser would take it), an undocumented
// one when the parse fails.
import { NEXT_CLAUSE } from './keywordRoles';
import type { Token } from './lexer';

/** Where the reference says so (userguide/custom-sql-capabilities.html lists these as not supported). */
const LISTED = "AWS Clean Rooms' SQL capabilities list it as not supported";
/** Apache Spark has it; the Clean Rooms SQL reference documents no such clause. */
const UNDOCUMENTED = 'the AWS Clean Rooms Spark SQL reference does not document it';

export interface UnsupportedForm {
  message: string;
  /** Listed as not supported (reported even where the parser would take it), not just undocumented. */
  listed: boolean;
  /** Indexes of the first and last token of the form. */
  from: number;
  to: number;
}

const word = (t: Token | undefined, ...w: string[]) => t?.kind === 'word' && w.includes(t.upper);
/** After `t` an operand starts: there QUALIFY is a column (`SELECT qualify + 1`), not the clause. */
const startsOperand = (t: Token) =>
  t.text === ',' ||
  t.text === '(' ||
  t.kind === 'operator' ||
  word(
    t,
    'SELECT',
    'DISTINCT',
    'WHERE',
    'AND',
    'OR',
    'NOT',
    'BY',
    'ON',
    'HAVING',
    'WHEN',
    'THEN',
    'ELSE',
  );

/** The first Spark form of `code` (code tokens, no comments) Clean Rooms does not take, if any. */
export function unsupportedForm(code: Token[]): UnsupportedForm | undefined {
  for (let i = 0; i < code.length; i++) {
    const t = code[i];
    const prev = code[i - 1];
    const next = code[i + 1];
    if (t.text === ';') return undefined;
    if (prev?.text === '.' || word(prev, 'AS')) continue;
    if (t.text === '<=' && next?.text === '>' && next.span.start === t.span.end)
      return {
        message: `'<=>' is not supported: AWS Clean Rooms removed it from its Spark SQL reference as unsupported. Write a IS NOT DISTINCT FROM b.`,
        listed: true,
        from: i,
        to: i + 1,
      };
    if (t.kind !== 'word') continue;
    if (t.upper === 'LATERAL' && word(next, 'VIEW'))
      return {
        message: `LATERAL VIEW is not supported: ${LISTED} (LATERAL), and ${UNDOCUMENTED}. Read the array's elements another way, for example with a join to a table that has one row per element.`,
        listed: true,
        from: i,
        to: i + 1,
      };
    if (t.upper === 'LATERAL' && next?.text === '(')
      return {
        message: `LATERAL subqueries are not supported: ${LISTED} (LATERAL). Join the subquery with an ON condition instead.`,
        listed: true,
        from: i,
        to: i,
      };
    if (word(t, 'GROUP', 'ORDER') && word(next, 'BY') && word(code[i + 2], 'ALL')) {
      const after = code[i + 3];
      if (
        after &&
        after.text !== ';' &&
        after.text !== ')' &&
        !(after.kind === 'word' && NEXT_CLAUSE.has(after.upper))
      )
        continue;
      return {
        message: `${t.upper} BY ALL is not supported here: ${UNDOCUMENTED}. List the ${t.upper === 'GROUP' ? 'grouping' : 'sort'} expressions.`,
        listed: false,
        from: i,
        to: i + 2,
      };
    }
    if (word(t, 'DISTRIBUTE', 'SORT', 'CLUSTER') && word(next, 'BY'))
      return {
        message: `${t.upper} BY is not supported: ${LISTED}. Use ORDER BY in the final SELECT.`,
        listed: true,
        from: i,
        to: i + 1,
      };
    if (word(t, 'PIVOT', 'UNPIVOT') && next?.text === '(')
      return {
        message: `${t.upper} is not supported: ${LISTED}. Use CASE expressions with GROUP BY instead.`,
        listed: true,
        from: i,
        to: i,
      };
    if (t.upper === 'TABLESAMPLE' && next?.text === '(')
      return {
        message: `TABLESAMPLE is not supported here: ${UNDOCUMENTED}.`,
        listed: false,
        from: i,
        to: i,
      };
    if (
      t.upper === 'QUALIFY' &&
      prev &&
      !startsOperand(prev) &&
      next &&
      next.kind !== 'operator' &&
      ![',', ')', ';'].includes(next.text) &&
      !(next.kind === 'word' && NEXT_CLAUSE.has(next.upper))
    )
      return {
        message: `QUALIFY is not supported here: ${UNDOCUMENTED}. Compute the window function in a CTE and filter on it with WHERE.`,
        listed: false,
        from: i,
        to: i,
      };
  }
  return undefined;
}
