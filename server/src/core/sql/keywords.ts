// Spark SQL's keywords as names. Clean Rooms runs Spark SQL, where most keywords are non-reserved:
// `COUNT(*) AS limit`, a column `session`, `t.desc` are valid. Only the words reserved in Spark's
// ANSI mode (the stricter of its two modes) can never be an unquoted name.
import {
  OPERAND_LEADS,
  RESERVED_OPERAND_STARTS,
  SPARK_RESERVED,
  TRAILING_KEYWORDS,
} from './keywordRoles';
import type { Token } from './lexer';

/** Whether `t` can end an operand (a `*` counts: `SELECT *`, `t.*`). */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.text === ')' || t.text === ']' || t.text === '*') return true;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'param' || t.kind === 'quoted')
    return true;
  return t.kind === 'word' && !OPERAND_LEADS.has(t.upper);
}

/** Whether an operand (or a name) starts right after `toks[k]` (k < 0: the start). */
function operandStartsAfter(toks: Token[], k: number): boolean {
  const t = toks[k];
  if (!t) return true;
  // `*` after an operand multiplies; anywhere else (`SELECT *`, `t.*`, `COUNT(*)`) it is the operand.
  if (t.text === '*') return endsOperand(toks[k - 1]);
  return !endsOperand(t);
}

/**
 * Whether the keyword-spelled word `toks[i]` is a name there (a column, alias, table, CTE or
 * qualifier): right after AS, next to a `.`, or (for keywords that only follow an operand) where
 * an operand starts. Never for a word reserved in Spark, nor for a call (`word(`).
 */
export function keywordIsName(toks: Token[], i: number): boolean {
  const t = toks[i];
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (t?.kind !== 'word' || SPARK_RESERVED.has(t.upper) || next?.text === '(') return false;
  if (prev?.text === '.' || next?.text === '.') return true;
  if (prev?.kind === 'word' && prev.upper === 'AS') return true;
  return TRAILING_KEYWORDS.has(t.upper) && operandStartsAfter(toks, i - 1);
}

/** A token that can begin an operand. */
function beginsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'word')
    return !SPARK_RESERVED.has(t.upper) || RESERVED_OPERAND_STARTS.has(t.upper);
  return (
    ['number', 'string', 'param', 'quoted'].includes(t.kind) ||
    t.text === '(' ||
    t.text === '-' ||
    t.text === '+'
  );
}

/** Whether `toks[i]` is Spark's infix integer division `a DIV b` (not a name such as an alias `div`). */
export function isInfixDiv(toks: Token[], i: number): boolean {
  return (
    toks[i]?.kind === 'word' &&
    toks[i].upper === 'DIV' &&
    i > 0 &&
    !operandStartsAfter(toks, i - 1) &&
    beginsOperand(toks[i + 1])
  );
}
