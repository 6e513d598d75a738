// The syntax gate: the only module that imports node-sql-parser (its single-dialect redshift
// build). The body is first rewritten to a parser-friendly text of the same length, so that valid
// Clean Rooms SQL the parser does not know (SUM(DISTINCT x), `^`, TOP n, LEFT SEMI JOIN, window
// forms of any function, ...) parses and every parser offset still points at the original text.
// Constructs the service rejects are flagged by the DP rules from tokens, not hidden here.
import { Parser } from 'node-sql-parser/build/redshift';
import type { Token } from './lexer';

export interface SyntaxError {
  message: string;
  /** Offsets relative to the body. */
  start: number;
  end: number;
}

const parser = new Parser();

/** Functions the parser accepts with an OVER clause. */
const PARSER_WINDOW_FUNCTIONS = new Set([
  'SUM', 'AVG', 'COUNT', 'MIN', 'MAX', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'LAG', 'LEAD', 'NTILE',
  'FIRST_VALUE', 'LAST_VALUE', 'NTH_VALUE', 'PERCENTILE_CONT', 'PERCENTILE_DISC',
]);

const CLAUSE_KEYWORDS = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'ON', 'UNION',
  'INTERSECT', 'EXCEPT', 'MINUS', 'AND', 'OR', 'AS', 'BY', 'WITH', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS',
]);

/** Index of the `)` matching the `(` at `open` among `toks`, or -1. */
export function matchParen(toks: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i].text === '(') depth++;
    else if (toks[i].text === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * A same-length text the parser accepts for valid Clean Rooms SQL. `toks` are the body's code
 * tokens lexed with base 0.
 */
export function parserFriendly(body: string, toks: Token[]): string {
  const out = body.split('');
  const put = (t: Token, text: string) => {
    for (let k = 0; k < t.text.length; k++) out[t.span.start + k] = k < text.length ? text[k] : ' ';
  };
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (t.kind === 'operator') {
      if (t.text === '^') put(t, '*');
      else if (t.text === '||/') put(t, '  -');
      else if (t.text === '|/') put(t, ' -');
      else if (t.text === '@') put(t, '-');
      continue;
    }
    if (t.kind === 'param' && prev?.upper === 'INTERVAL') {
      put(t, `'${' '.repeat(t.text.length - 2)}'`);
      continue;
    }
    if (t.kind !== 'word') continue;
    if (t.upper === 'DISTINCT' && prev?.text === '(' && toks[i - 2]?.kind === 'word' && toks[i - 2].upper !== 'COUNT') {
      put(t, '');
    } else if (t.upper === 'TOP' && next?.kind === 'number' && (prev?.upper === 'SELECT' || prev?.upper === 'DISTINCT' || prev?.upper === 'ALL')) {
      put(t, '');
      put(next, '');
    } else if (t.upper === 'MINUS' && next && (next.upper === 'SELECT' || next.upper === 'ALL' || next.upper === 'DISTINCT' || next.text === '(')) {
      put(t, 'UNION');
    } else if (t.upper === 'GROUPING' && next?.upper === 'SETS') {
      put(t, 'ROLLUP');
      put(next, '');
    } else if ((t.upper === 'SEMI' || t.upper === 'ANTI') && prev?.upper === 'LEFT' && next?.upper === 'JOIN') {
      put(t, '');
    } else if (t.upper === 'APPROXIMATE' && next?.kind === 'word') {
      put(t, '');
    } else if (t.upper === 'RLIKE') {
      put(t, 'LIKE');
    } else if (t.upper === 'WITHIN' && next?.upper === 'GROUP' && toks[i + 2]?.text === '(') {
      const close = matchParen(toks, i + 2);
      if (close > 0) blank(t.span.start, toks[close].span.end);
    } else if (next?.text === '(' && !PARSER_WINDOW_FUNCTIONS.has(t.upper)) {
      // Any other function with an OVER clause: stand in a same-length window function.
      const close = matchParen(toks, i + 1);
      let after = close + 1;
      if (toks[after]?.upper === 'WITHIN') after = matchParen(toks, after + 2) + 1;
      if (close > 0 && after > 0 && toks[after]?.upper === 'OVER') {
        const noArgs = close === i + 2;
        const stand = noArgs ? 'RANK' : 'LAG';
        if (t.text.length >= stand.length) put(t, stand.padStart(t.text.length, ' '));
      }
    }
  }
  return out.join('');
}

function describe(t: Token): string {
  const text = t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text;
  return `'${text}'`;
}

/** Turns the parser's failure offset into a message a SQL author understands. */
function explain(toks: Token[], offset: number, bodyLength: number): SyntaxError {
  const unterminated = toks.find((t) => t.unterminated);
  if (unterminated) {
    const what = unterminated.kind === 'string' ? 'string literal' : unterminated.kind === 'quoted' ? 'quoted identifier' : 'comment';
    return { message: `Unterminated ${what}: add the closing ${unterminated.kind === 'string' ? "'" : unterminated.kind === 'quoted' ? '"' : '*/'}.`, start: unterminated.span.start, end: unterminated.span.end };
  }
  const code = toks.filter((t) => t.kind !== 'comment');
  let idx = code.findIndex((t) => t.span.end > offset);
  if (idx < 0) {
    const last = code[code.length - 1];
    const open = unclosedParen(code);
    if (open) return { message: "Missing ')' to close this '('.", start: open.span.start, end: open.span.end };
    if (!last) return { message: 'The query is empty.', start: 0, end: bodyLength };
    return { message: `The query ends unexpectedly after ${describe(last)}.`, start: last.span.start, end: last.span.end };
  }
  // The parser often takes a misplaced keyword for a name and fails one token later.
  const before = code[idx - 1];
  if (before?.kind === 'word' && CLAUSE_KEYWORDS.has(before.upper)) {
    const b2 = code[idx - 2];
    if (b2 && (b2.text === ',' || b2.text === '(' || b2.kind === 'operator' || CLAUSE_KEYWORDS.has(b2.upper))) idx--;
  }
  const bad = code[idx];
  const prev = code[idx - 1];
  if (bad.text === ')' && depthBefore(code, idx) === 0) {
    return { message: "Unexpected ')': there is no '(' to close.", start: bad.span.start, end: bad.span.end };
  }
  if (unclosedParen(code) && bad.kind === 'word' && CLAUSE_KEYWORDS.has(bad.upper) && depthBefore(code, idx) > 0) {
    return { message: `Missing ')' before ${describe(bad)}.`, start: bad.span.start, end: bad.span.end };
  }
  if (bad.kind === 'unknown') {
    return { message: `Unexpected character ${describe(bad)}.`, start: bad.span.start, end: bad.span.end };
  }
  const message = prev ? `Unexpected ${describe(bad)} after ${describe(prev)}.` : `Unexpected ${describe(bad)} at the start of the query.`;
  return { message, start: bad.span.start, end: bad.span.end };
}

function depthBefore(code: Token[], idx: number): number {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    if (code[i].text === '(') depth++;
    else if (code[i].text === ')') depth--;
  }
  return depth;
}

function unclosedParen(code: Token[]): Token | undefined {
  const stack: Token[] = [];
  for (const t of code) {
    if (t.text === '(') stack.push(t);
    else if (t.text === ')') stack.pop();
  }
  return stack[stack.length - 1];
}

/**
 * Parses the body (one statement; the caller has checked it is a SELECT) and returns the first
 * syntax error, if any. `toks` are all the body's tokens lexed with base 0.
 */
export function syntaxError(body: string, toks: Token[]): SyntaxError | undefined {
  const code = toks.filter((t) => t.kind !== 'comment');
  const friendly = parserFriendly(body, code);
  try {
    parser.astify(friendly, { database: 'redshift' });
    const bad = toks.find((t) => t.unterminated || (t.kind === 'unknown' && t.text !== '$'));
    return bad ? explain(toks, bad.span.start, body.length) : undefined;
  } catch (e) {
    const offset = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    return explain(toks, typeof offset === 'number' ? offset : body.length, body.length);
  }
}
