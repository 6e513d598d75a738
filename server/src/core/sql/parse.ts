// The syntax gate: the only module that imports node-sql-parser (its single-dialect redshift
// build). The body is first rewritten to a parser-friendly text of the same length, so that valid
// Clean Rooms SQL the parser does not know (SUM(DISTINCT x), `^`, TOP n, LEFT SEMI JOIN, window
// forms of any function, the Spark forms of sparkForms.ts, ...) parses and every parser offset
// still points at the original text.
// Constructs the service rejects are flagged by the DP rules from tokens, not hidden here.
import type { Parser } from 'node-sql-parser/build/redshift';
import { CLAUSE_KEYWORDS, NEXT_CLAUSE, PATTERN_END, SET_OPERATORS } from './keywordRoles';
import type { Token } from './lexer';
import { MAX_NESTING, maxDepth, parenPairs } from './parens';
import { sparkFormEdits } from './sparkForms';
import { unsupportedForm } from './unsupportedForms';

export interface SyntaxError {
  message: string;
  /** Offsets relative to the body. */
  start: number;
  end: number;
}

let parser: Parser | undefined;

/** Loaded on first use, not at module load: the server answers `initialize` before paying for it. */
function sqlParser(): Parser {
  if (!parser) {
    const { Parser: Loaded } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; import() would make every caller async
      require('node-sql-parser/build/redshift') as typeof import('node-sql-parser/build/redshift');
    parser = withoutMessages(new Loaded());
  }
  return parser;
}

/**
 * The parser's syntax errors format every alternative the grammar expected at the failure
 * (hundreds: mapped, sorted, deduplicated, joined) into their message, a fifth of a failed
 * parse's time, and half-typed text fails on most keystrokes. Only the failure's offset is read
 * here (parsePiece), so its error class, which the parser does not export, builds no message.
 */
function withoutMessages(loaded: Parser): Parser {
  try {
    loaded.astify('(', { database: 'redshift' });
  } catch (e) {
    const errorClass = (e as { constructor?: { buildMessage?: unknown } }).constructor;
    if (errorClass && errorClass !== Error && typeof errorClass.buildMessage === 'function')
      errorClass.buildMessage = () => '';
  }
  return loaded;
}

/** Functions the parser accepts with an OVER clause. */
const PARSER_WINDOW_FUNCTIONS = new Set([
  'SUM',
  'AVG',
  'COUNT',
  'MIN',
  'MAX',
  'ROW_NUMBER',
  'RANK',
  'DENSE_RANK',
  'LAG',
  'LEAD',
  'NTILE',
  'FIRST_VALUE',
  'LAST_VALUE',
  'NTH_VALUE',
]);

/**
 * A same-length text the parser accepts for valid Clean Rooms SQL. `toks` are the body's code
 * tokens lexed with `base`.
 */
export function parserFriendly(body: string, toks: Token[], base = 0): string {
  // Most bodies need no rewrite: the character array is made on the first one only.
  let chars: string[] | undefined;
  const edit = () => (chars ??= body.split(''));
  const pairs = parenPairs(toks);
  const closeOf = (open: number) => (open >= 0 && open < pairs.length ? pairs[open] : -1);
  const put = (t: Token, text: string) => {
    const out = edit();
    for (let k = 0; k < t.text.length; k++)
      out[t.span.start - base + k] = k < text.length ? text[k] : ' ';
  };
  const blank = (from: number, to: number) => {
    const out = edit();
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  // Spark-only forms first: the rewrites below may cover them (a LIKE pattern becomes one literal).
  for (const e of sparkFormEdits(toks, pairs, base)) {
    blank(e.start, e.end);
    const out = edit();
    for (let k = 0; k < e.text.length && e.start + k < e.end; k++) out[e.start + k] = e.text[k];
  }
  // The parser takes only a single term as a LIKE pattern; `'%' || :q || '%'` is valid SQL, so
  // it is handed over as one string literal of the same length.
  const likePattern = (from: number) => {
    let depth = 0;
    let end = from;
    let concat = false;
    for (; end < toks.length; end++) {
      const x = toks[end];
      if (x.text === '(') depth++;
      else if (x.text === ')' && --depth < 0) break;
      else if (
        depth === 0 &&
        (x.text === ',' || x.text === ';' || (x.kind === 'word' && PATTERN_END.has(x.upper)))
      )
        break;
      if (x.text === '||') concat = true;
    }
    if (!concat || end === from || !concatenation(from, end)) return;
    const start = toks[from].span.start - base;
    const stop = toks[end - 1].span.end - base;
    blank(start, stop);
    const out = edit();
    out[start] = "'";
    out[stop - 1] = "'";
  };
  /** `toks[from, end)` is `term || term || ...` (terms: literals, params, columns, calls). */
  const concatenation = (from: number, end: number): boolean => {
    let k = from;
    for (;;) {
      const x = toks[k];
      if (!x || !['string', 'param', 'number', 'word', 'quoted'].includes(x.kind)) return false;
      k++;
      while (
        toks[k]?.text === '.' &&
        (toks[k + 1]?.kind === 'word' || toks[k + 1]?.kind === 'quoted')
      )
        k += 2;
      if (toks[k]?.text === '(' && (x.kind === 'word' || x.kind === 'quoted')) k = closeOf(k) + 1;
      if (k <= 0 || k > end) return false;
      if (k === end) return true;
      if (toks[k].text !== '||') return false;
      k++;
    }
  };
  /** Any other function with an OVER clause (`toks[i]` its name): a same-length window function stands in. */
  const windowStandIn = (i: number) => {
    const t = toks[i];
    const close = closeOf(i + 1);
    let after = close + 1;
    if (toks[after]?.upper === 'WITHIN') after = closeOf(after + 2) + 1;
    if (
      (toks[after]?.upper === 'IGNORE' || toks[after]?.upper === 'RESPECT') &&
      toks[after + 1]?.upper === 'NULLS'
    )
      after += 2;
    if (close > 0 && after > 0 && toks[after]?.upper === 'OVER') {
      const noArgs = close === i + 2;
      const stand = noArgs ? 'RANK' : 'LAG';
      if (t.text.length >= stand.length) put(t, stand.padStart(t.text.length, ' '));
    }
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
    if (t.kind === 'quoted' && t.text.startsWith('`') && next?.text === '(') {
      // `max`(n): sparkForms.ts stands the bare name in; a window form needs a window function.
      if (!PARSER_WINDOW_FUNCTIONS.has(t.text.slice(1, -1).toUpperCase())) windowStandIn(i);
      continue;
    }
    if (t.kind !== 'word') continue;
    if (t.upper === 'LIKE' || t.upper === 'ILIKE') likePattern(i + 1);
    if (
      t.upper === 'DISTINCT' &&
      prev?.text === '(' &&
      toks[i - 2]?.kind === 'word' &&
      toks[i - 2].upper !== 'COUNT'
    ) {
      put(t, '');
    } else if (
      t.upper === 'TOP' &&
      next?.kind === 'number' &&
      (prev?.upper === 'SELECT' || prev?.upper === 'DISTINCT' || prev?.upper === 'ALL')
    ) {
      put(t, '');
      put(next, '');
    } else if (
      t.upper === 'MINUS' &&
      next &&
      (next.upper === 'SELECT' ||
        next.upper === 'ALL' ||
        next.upper === 'DISTINCT' ||
        next.text === '(')
    ) {
      put(t, 'UNION');
    } else if (t.upper === 'GROUPING' && next?.upper === 'SETS') {
      put(t, 'ROLLUP');
      put(next, '');
      // The empty grouping set `()` becomes a same-length `1 ` the parser takes as an item.
      const close = toks[i + 2]?.text === '(' ? closeOf(i + 2) : -1;
      for (let k = i + 3; k < close; k++) {
        if (toks[k].text === '(' && toks[k + 1]?.text === ')') {
          put(toks[k], '1');
          put(toks[k + 1], ' ');
        }
      }
    } else if (
      t.upper === 'WITH' &&
      (next?.upper === 'ROLLUP' || next?.upper === 'CUBE') &&
      toks[i + 2]?.text !== '(' &&
      toks[i + 2]?.upper !== 'AS' &&
      i > 0
    ) {
      // MySQL-style `GROUP BY a, b WITH ROLLUP`: Spark SQL, rejected by rule 35 (DP035), not a syntax error.
      put(t, '');
      put(next, '');
      i++;
    } else if (
      (t.upper === 'SEMI' || t.upper === 'ANTI') &&
      prev?.upper === 'LEFT' &&
      next?.upper === 'JOIN'
    ) {
      put(t, '');
    } else if (t.upper === 'APPROXIMATE' && next?.kind === 'word') {
      put(t, '');
    } else if (
      t.upper === 'NATURAL' &&
      next &&
      ['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL'].includes(next.upper)
    ) {
      put(t, '');
    } else if (
      (t.upper === 'RLIKE' || t.upper === 'REGEXP') &&
      next?.text !== '(' &&
      prev?.upper !== 'AS' &&
      prev?.text !== '.'
    ) {
      put(t, 'LIKE');
      likePattern(i + 1);
    } else if (
      (t.upper === 'WITHIN' && next?.upper === 'GROUP' && toks[i + 2]?.text === '(') ||
      (t.upper === 'FILTER' &&
        prev?.text === ')' &&
        next?.text === '(' &&
        toks[i + 2]?.upper === 'WHERE')
    ) {
      // An aggregate's WITHIN GROUP (ORDER BY ...) or FILTER (WHERE ...): the parser knows neither.
      const close = closeOf(t.upper === 'WITHIN' ? i + 2 : i + 1);
      if (close > 0) {
        blank(t.span.start - base, toks[close].span.end - base);
        i = close;
      }
    } else if (next?.text === '(' && !PARSER_WINDOW_FUNCTIONS.has(t.upper)) {
      windowStandIn(i);
    }
  }
  return chars ? chars.join('') : body;
}

function describe(t: Token): string {
  const text = t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text;
  return `'${text}'`;
}

/**
 * Turns the parser's failure offset (relative to the body) into a message a SQL author
 * understands. `toks` are lexed with `base`; the error's offsets are relative to the body.
 */
function explain(toks: Token[], offset: number, bodyLength: number, base: number): SyntaxError {
  const at = (t: Token) => ({ start: t.span.start - base, end: t.span.end - base });
  const unterminated = toks.find((t) => t.unterminated);
  if (unterminated) {
    const what =
      unterminated.kind === 'string'
        ? 'string literal'
        : unterminated.kind === 'quoted'
          ? 'quoted identifier'
          : 'comment';
    return {
      message: `Unterminated ${what}: add the closing ${unterminated.kind === 'comment' ? '*/' : unterminated.text[0]}.`,
      ...at(unterminated),
    };
  }
  const code = toks.filter((t) => t.kind !== 'comment');
  const form = unsupportedForm(code);
  if (form)
    return {
      message: form.message,
      start: code[form.from].span.start - base,
      end: code[form.to].span.end - base,
    };
  let idx = code.findIndex((t) => t.span.end - base > offset);
  const missing = missingPiece(code, idx);
  if (missing) return { message: missing.message, ...at(missing.at) };
  if (idx < 0) {
    const last = code[code.length - 1];
    const open = unclosedParen(code);
    if (open) return { message: "Missing ')' to close this '('.", ...at(open) };
    if (!last) return { message: 'The query is empty.', start: 0, end: bodyLength };
    return { message: `The query ends unexpectedly after ${describe(last)}.`, ...at(last) };
  }
  // The parser often takes a misplaced keyword for a name and fails one token later.
  const before = code[idx - 1];
  if (before?.kind === 'word' && CLAUSE_KEYWORDS.has(before.upper)) {
    const b2 = code[idx - 2];
    if (
      b2 &&
      (b2.text === ',' ||
        b2.text === '(' ||
        b2.kind === 'operator' ||
        CLAUSE_KEYWORDS.has(b2.upper))
    )
      idx--;
  }
  const moved = missingPiece(code, idx);
  if (moved) return { message: moved.message, ...at(moved.at) };
  const bad = code[idx];
  const prev = code[idx - 1];
  if (bad.text === ')' && depthBefore(code, idx) === 0) {
    return { message: "Unexpected ')': there is no '(' to close.", ...at(bad) };
  }
  if (
    unclosedParen(code) &&
    bad.kind === 'word' &&
    CLAUSE_KEYWORDS.has(bad.upper) &&
    depthBefore(code, idx) > 0
  ) {
    return { message: `Missing ')' before ${describe(bad)}.`, ...at(bad) };
  }
  if (
    prev &&
    (prev.upper === 'GROUP' || prev.upper === 'ORDER' || prev.upper === 'PARTITION') &&
    bad.upper !== 'BY'
  ) {
    return { message: `Expected 'BY' after ${describe(prev)}.`, ...at(bad) };
  }
  if (bad.kind === 'unknown') {
    return { message: `Unexpected character ${describe(bad)}.`, ...at(bad) };
  }
  const message = prev
    ? `Unexpected ${describe(bad)} after ${describe(prev)}.`
    : `Unexpected ${describe(bad)} at the start of the query.`;
  return { message, ...at(bad) };
}

/** What a keyword needs after it, for half-typed text that stops (or a clause that starts) too early. */
const NEEDS: Record<string, string> = {
  SELECT: 'The select list is empty: write the columns or expressions to select after SELECT.',
  DISTINCT: 'The select list is empty: write the columns or expressions to select after DISTINCT.',
  FROM: "Missing table after 'FROM': name the table or CTE to read.",
  JOIN: "Missing table after 'JOIN': name the table or CTE to join.",
  WHERE: "Missing condition after 'WHERE'.",
  HAVING: "Missing condition after 'HAVING'.",
  ON: "Missing join condition after 'ON'.",
  AND: "Missing condition after 'AND'.",
  OR: "Missing condition after 'OR'.",
  WITH: "Missing CTE after 'WITH': write name AS (SELECT ...).",
  LIMIT: "Missing row count after 'LIMIT'.",
  OFFSET: "Missing row count after 'OFFSET'.",
  AS: "Missing name after 'AS'.",
};

/**
 * Half-typed text: the part that is missing, said on the place where it is missing. `idx` is the
 * token the parser stopped at, -1 when it ran out of text.
 */
function missingPiece(code: Token[], idx: number): { message: string; at: Token } | undefined {
  const bad = idx < 0 ? undefined : code[idx];
  const prev = idx < 0 ? code[code.length - 1] : code[idx - 1];
  if (!prev) return undefined;
  const inCase = openCase(code, idx < 0 ? code.length : idx);
  if (inCase) return inCase;
  const endsHere =
    !bad ||
    bad.text === ')' ||
    bad.text === ';' ||
    (bad.kind === 'word' && NEXT_CLAUSE.has(bad.upper));
  const cte = cteHeadAt(code, code.indexOf(prev));
  if (!bad && cte) return { message: cte, at: prev };
  if (endsHere && prev.kind === 'word') {
    if (
      prev.upper === 'BY' &&
      ['GROUP', 'ORDER', 'PARTITION'].includes(code[code.indexOf(prev) - 1]?.upper)
    ) {
      return {
        message: `Missing the expressions to ${code[code.indexOf(prev) - 1].upper === 'GROUP' ? 'group' : code[code.indexOf(prev) - 1].upper === 'ORDER' ? 'sort' : 'partition'} by after '${code[code.indexOf(prev) - 1].upper} BY'.`,
        at: prev,
      };
    }
    const need = NEEDS[prev.upper];
    // `SELECT DISTINCT` is the select list's start; DISTINCT elsewhere (COUNT(DISTINCT) is not.
    if (need && (prev.upper !== 'DISTINCT' || code[code.indexOf(prev) - 1]?.upper === 'SELECT'))
      return { message: need, at: prev };
  }
  if (endsHere && prev.text === ',')
    return {
      message: `Missing item after ','${bad ? ` before ${describe(bad)}` : ''}: remove the comma or add an item.`,
      at: prev,
    };
  if (
    !bad &&
    prev.text === ')' &&
    code[0]?.upper === 'WITH' &&
    depthBefore(code, code.length) === 0 &&
    !code.some((t, k) => t.upper === 'SELECT' && depthBefore(code, k) === 0)
  ) {
    return { message: 'Missing the final SELECT after the CTEs.', at: prev };
  }
  if (!bad && prev.kind === 'operator')
    return { message: `Missing value after ${describe(prev)}.`, at: prev };
  const open = unclosedParen(code);
  if (!open) return undefined;
  const opener = code[code.indexOf(open) - 1];
  if (!bad)
    return {
      message: `Missing ')' at the end to close the '('${opener ? ` after ${describe(opener)}` : ''}.`,
      at: prev,
    };
  // A SELECT inside an open parenthesis that no '(' or set operator introduces starts the next query: the ')' belongs before it.
  for (let j = Math.max(1, idx - 2); j <= idx; j++) {
    const t = code[j];
    const before = code[j - 1];
    if (
      t.upper === 'SELECT' &&
      depthBefore(code, j) > 0 &&
      before.text !== '(' &&
      !SET_OPERATORS.has(before.upper) &&
      !['ALL', 'DISTINCT', 'AS'].includes(before.upper)
    ) {
      return {
        message: `Missing ')' before ${describe(t)}: close the '(' that starts the query above first.`,
        at: t,
      };
    }
  }
  return undefined;
}

/**
 * A CASE still open where the parser stopped, cut short by the end of the text or by a clause
 * keyword at its own depth (`SELECT CASE WHEN x THEN 1 FROM t`): what the CASE misses, where.
 */
function openCase(code: Token[], stop: number): { message: string; at: Token } | undefined {
  const open: number[] = [];
  for (let k = 0; k < stop; k++) {
    if (code[k].upper === 'CASE') open.push(k);
    else if (code[k].upper === 'END') open.pop();
  }
  const start = open[open.length - 1];
  if (start === undefined) return undefined;
  // The first clause keyword at the CASE's own depth, or the ')' closing the parenthesis it is in.
  let depth = 0;
  let end = start + 1;
  for (; end <= stop && end < code.length; end++) {
    const t = code[end];
    if (depth === 0 && (t.text === ')' || (t.kind === 'word' && NEXT_CLAUSE.has(t.upper)))) break;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
  }
  const cut = code[end];
  if (cut === undefined ? stop < code.length : end > stop) return undefined;
  const last = code[end - 1];
  if (last.upper === 'WHEN') return { message: "Missing condition after 'WHEN'.", at: last };
  if (last.upper === 'THEN' || last.upper === 'ELSE')
    return { message: `Missing value after '${last.upper}'.`, at: last };
  if (last.upper === 'CASE') return { message: "Missing WHEN after 'CASE'.", at: last };
  return cut
    ? { message: `Missing END to close the CASE before ${describe(cut)}.`, at: cut }
    : { message: 'Missing END at the end to close the CASE.', at: last };
}

/** At the end of text inside a CTE's head (`WITH name`, `name AS`, `AS (`, `, ` in the list): what the CTE still needs. */
function cteHeadAt(code: Token[], i: number): string | undefined {
  const t = code[i];
  const before = code[i - 1];
  const listStart = (k: number) =>
    code[k]?.upper === 'WITH' ||
    (code[k]?.text === ',' && depthBefore(code, k) === 0 && code[0]?.upper === 'WITH');
  if ((t.kind === 'word' || t.kind === 'quoted') && t.upper !== 'AS' && listStart(i - 1))
    return `Missing AS (SELECT ...) after the CTE name ${describe(t)}.`;
  if (t.upper === 'AS' && before && listStart(i - 2))
    return `Missing (SELECT ...) after 'AS': the CTE ${describe(before)} needs its query.`;
  if (t.text === '(' && before?.upper === 'AS' && listStart(i - 3))
    return `The CTE ${describe(code[i - 2])} is empty: write its SELECT after '('.`;
  if (
    t.text === ',' &&
    depthBefore(code, i) === 0 &&
    code[0]?.upper === 'WITH' &&
    code.slice(0, i).every((x, k) => x.upper !== 'SELECT' || depthBefore(code, k) > 0)
  ) {
    return "Missing the next CTE after ',': write name AS (SELECT ...), or remove the comma.";
  }
  return undefined;
}

/** The depth before each token, per token list: an explanation asks it of many tokens (was O(n²)). */
const depths = new WeakMap<Token[], Int32Array>();

function depthBefore(code: Token[], idx: number): number {
  let d = depths.get(code);
  if (!d) {
    d = new Int32Array(code.length + 1);
    for (let i = 0; i < code.length; i++)
      d[i + 1] = d[i] + (code[i].text === '(' ? 1 : code[i].text === ')' ? -1 : 0);
    depths.set(code, d);
  }
  return d[Math.max(0, Math.min(idx, code.length))];
}

/** The innermost '(' left open at the end, per token list: an explanation asks up to three times. */
const unclosed = new WeakMap<Token[], Token | undefined>();

function unclosedParen(code: Token[]): Token | undefined {
  if (unclosed.has(code)) return unclosed.get(code);
  const stack: Token[] = [];
  for (const t of code) {
    if (t.text === '(') stack.push(t);
    else if (t.text === ')') stack.pop();
  }
  const open = stack[stack.length - 1];
  unclosed.set(code, open);
  return open;
}

/** How much of a long body is parsed; past these, the rest is reported as not checked (SQL002). */
interface SyntaxLimits {
  /** Pieces longer than this are not parsed. */
  maxPiece: number;
  /** Bodies longer than this are not syntax-checked at all. */
  maxBody: number;
  /** Stop parsing pieces after this much time. */
  budgetMs: number;
}

/** On the editor's thread (the service's own limit for DP queries is 8 KB). */
export const TYPING_LIMITS: SyntaxLimits = {
  maxPiece: 64 * 1024,
  maxBody: 256 * 1024,
  budgetMs: 250,
};
/** Off the editor's thread: everything up to the service's 500,000-character limit, however long it takes. */
const FULL_LIMITS: SyntaxLimits = { maxPiece: 500_000, maxBody: 500_000, budgetMs: Infinity };
/**
 * Bodies up to this size are always parsed completely, however long it takes: DP queries are at
 * most 8 KB, and their verdict must not depend on how busy the machine is.
 */
const ALWAYS_CHECKED = 16 * 1024;

export interface SyntaxResult {
  error?: SyntaxError;
  /** Part of the body was too long to check. */
  unchecked?: boolean;
}

/** Parse results by piece text: an edit while typing touches one CTE, the others are cache hits. */
type PieceResult = number | 'ok' | 'unchecked';
const cache = new Map<string, PieceResult>();
const CACHE_SIZE = 512;

/** The offset of the first syntax error in `text`, 'ok', or 'unchecked' if the parser gave up. */
function parsePiece(piece: string): PieceResult {
  // The parser trims its input, so trailing blanks (a blanked final query) must not miss the cache.
  const text = piece.trimEnd();
  const hit = cache.get(text);
  if (hit !== undefined) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  let result: PieceResult = 'ok';
  try {
    sqlParser().astify(text, { database: 'redshift' });
  } catch (e) {
    const offset = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    // No location: the parser itself failed (e.g. its stack on huge input), not the SQL.
    result = typeof offset === 'number' ? offset : 'unchecked';
  }
  cache.set(text, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/**
 * The bodies of `WITH name AS ( ... )` CTEs, and the final query after them: parsed on their own
 * so each is cached, and typing in one of them re-parses only that piece. `end` ends the final
 * query's piece; offsets are relative to the body (`code` is lexed with `base`).
 */
function ctePieces(code: Token[], end: number, base: number): { start: number; end: number }[] {
  const pairs = parenPairs(code);
  const out: { start: number; end: number }[] = [];
  if (code[0]?.upper !== 'WITH') return out;
  let i = code[1]?.upper === 'RECURSIVE' ? 2 : 1;
  while (i < code.length && (code[i].kind === 'word' || code[i].kind === 'quoted')) {
    i++;
    if (code[i]?.text === '(') i = pairs[i] + 1;
    if (i <= 0 || code[i]?.upper !== 'AS' || code[i + 1]?.text !== '(') break;
    const open = i + 1;
    const close = pairs[open];
    if (close < 0) break;
    const piece =
      close > open + 1
        ? { start: code[open + 1].span.start - base, end: code[close - 1].span.end - base }
        : undefined;
    // Shorter bodies stay in the skeleton, which needs 8 characters for its `SELECT 1` stand-in.
    if (
      piece &&
      piece.end - piece.start >= 8 &&
      (code[open + 1].upper === 'SELECT' || code[open + 1].upper === 'WITH')
    )
      out.push(piece);
    i = close + 1;
    if (code[i]?.text !== ',') {
      // The final query; the skeleton keeps the CTE headers, which then stay a cache hit while it is typed.
      const final = code[i];
      if (out.length && final?.upper === 'SELECT' && end - (final.span.start - base) >= 8)
        out.push({ start: final.span.start - base, end });
      break;
    }
    i++;
  }
  return out;
}

/** Spaces of `text`'s length, its line breaks kept. */
function blankLines(text: string): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n');
}

/** `friendly` with each piece blanked (line breaks kept) behind a same-length `SELECT 1` stand-in. */
function skeletonOf(friendly: string, pieces: { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const p of pieces) {
    out += `${friendly.slice(at, p.start)}SELECT 1${blankLines(friendly.slice(p.start + 8, p.end))}`;
    at = p.end;
  }
  return out + friendly.slice(at);
}

/** The parser ends a comment at its first closing mark; Spark nests them, so a nested one is blanked. */
function withoutNestedComments(text: string, tokens: Token[], base: number): string {
  let out = text;
  for (const t of tokens) {
    if (t.kind !== 'comment' || !t.text.startsWith('/*') || t.text.indexOf('/*', 2) < 0) continue;
    const start = t.span.start - base;
    const end = t.span.end - base;
    out = out.slice(0, start) + out.slice(start, end).replace(/[^\r\n]/g, ' ') + out.slice(end);
  }
  return out;
}

/**
 * Parses the body (one statement; the caller has checked it starts like a query) and returns the
 * first syntax error, if any, with offsets relative to the body. `tokens` are all the body's
 * tokens, lexed with `base`. `full`: not on the editor's thread, so no size or time limit short
 * of the service's (FULL_LIMITS).
 */
export function checkSyntax(body: string, tokens: Token[], base = 0, full = false): SyntaxResult {
  const limits = full ? FULL_LIMITS : TYPING_LIMITS;
  const unterminated = tokens.find((t) => t.unterminated);
  // Far past every service limit for DP queries: do not spend the editor's time on it.
  if (!unterminated && body.length > limits.maxBody) return { unchecked: true };
  if (unterminated)
    return { error: explain(tokens, unterminated.span.start - base, body.length, base) };
  const code = tokens.filter((t) => t.kind !== 'comment');
  if (maxDepth(code) > MAX_NESTING) {
    let depth = 0;
    const deep = code.find(
      (t) => (t.text === '(' ? ++depth : t.text === ')' ? depth-- : depth) > MAX_NESTING,
    )!;
    return {
      error: {
        message: `Parentheses are nested more than ${MAX_NESTING} deep; simplify the expression or move parts into CTEs.`,
        start: deep.span.start - base,
        end: deep.span.end - base,
      },
    };
  }
  // Spark forms Clean Rooms lists as not supported are named, whether or not the parser takes them.
  const form = unsupportedForm(code);
  if (form?.listed)
    return {
      error: {
        message: form.message,
        start: code[form.from].span.start - base,
        end: code[form.to].span.end - base,
      },
    };
  const friendly = withoutNestedComments(parserFriendly(body, code, base), tokens, base);
  // Comments after the last code token only decide whether the parse fails past that token, and
  // a bare `--` does the same: typing a trailing comment then keeps every piece a cache hit. Not
  // when the lexer met characters it does not know (`$$` quoting, ...): the parser may read those
  // comments differently.
  const last = code[code.length - 1];
  const tailComment =
    !!last && tokens[tokens.length - 1] !== last && !code.some((t) => t.kind === 'unknown');
  const parsed = tailComment ? `${friendly.slice(0, last.span.end - base)} --` : friendly;
  const pieces = ctePieces(code, parsed.length, base);
  sqlParser(); // loading the parser is not parsing: it does not count against the budget
  const started = Date.now();
  let unchecked = false;
  let first: number | undefined;
  // The final query is checked as part of the skeleton it was split from: same size limit, same turn.
  const final =
    pieces[pieces.length - 1]?.end === parsed.length ? pieces[pieces.length - 1] : undefined;
  const ctes = final ? pieces.slice(0, -1) : pieces;
  const todo = [{ start: 0, size: body.length, text: skeletonOf(parsed, pieces) }];
  if (final) todo.push({ start: final.start, size: body.length, text: parsed.slice(final.start) });
  for (const p of [
    ...todo,
    ...ctes.map((p) => ({
      start: p.start,
      size: p.end - p.start,
      text: parsed.slice(p.start, p.end),
    })),
  ]) {
    if (
      p.size > limits.maxPiece ||
      (body.length > ALWAYS_CHECKED && Date.now() - started > limits.budgetMs)
    ) {
      unchecked = true;
      continue;
    }
    const offset = parsePiece(p.text);
    if (offset === 'unchecked') unchecked = true;
    else if (offset !== 'ok' && (first === undefined || offset + p.start < first))
      first = offset + p.start;
  }
  if (first === undefined) {
    const bad = code.find((t) => t.kind === 'unknown' && t.text !== '$');
    if (bad) first = bad.span.start - base;
  }
  return {
    ...(first !== undefined ? { error: explain(tokens, first, body.length, base) } : {}),
    ...(unchecked ? { unchecked } : {}),
  };
}
