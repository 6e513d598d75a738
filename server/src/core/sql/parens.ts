// Parenthesis matching over tokens, computed once per text (O(n)) so nothing rescans the input
// for every '(' (which would be quadratic on pathological input).
import type { Token } from './lexer';

/** For each `(` / `)` token, the index of its partner; -1 when unmatched or not a paren. */
export function parenPairs(toks: Token[]): Int32Array {
  const pairs = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i].text;
    if (t === '(') stack.push(i);
    else if (t === ')' && stack.length) {
      const open = stack.pop()!;
      pairs[open] = i;
      pairs[i] = open;
    }
  }
  return pairs;
}

/**
 * The one nesting limit of the analysis: expressions, subqueries and parenthesized FROM items
 * deeper than this are reported (SQL003) instead of modelled or handed to the recursive parser.
 */
export const MAX_NESTING = 200;

/** The deepest parenthesis nesting. */
export function maxDepth(toks: Token[]): number {
  let depth = 0;
  let max = 0;
  for (const t of toks) {
    if (t.text === '(') max = Math.max(max, ++depth);
    else if (t.text === ')' && depth > 0) depth--;
  }
  return max;
}
