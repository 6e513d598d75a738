// What the user is typing at an offset, decided from the text before it alone (pure; works on
// half-typed SQL that does not parse). Header lines are `-- @directive ...` comments before the
// body. In the body a small clause detector walks the tokens with a stack of parenthesis frames,
// so `WITH c AS (SELECT |`, `... FROM t i WHERE |` or `COUNT(|` are told apart without a parse.
import { NOT_CALLS, RESERVED, SET_OPERATORS } from '../core/sql/keywordRoles';
import { codeTokens, lex, type Token } from '../core/sql/lexer';
import type { Span } from '../core/types';

/** The clause an expression is typed in (`call`: inside a function's parentheses). */
export type ExprClause = 'select' | 'on' | 'where' | 'having' | 'groupBy' | 'orderBy' | 'call';

/** Where in the SQL the cursor is: which SELECT, which CTE, which DP rule set. */
export interface SqlPlace {
  /** Offset of the SELECT keyword of the query the cursor is in, when one was typed. */
  selectAt?: number;
  /** The CTE whose body the cursor is in: its name and the offset of the name. */
  cte?: { name: string; at: number };
  /** `final` in the final query, `cte` in a CTE body or a derived table (DP rules differ). */
  rules: 'final' | 'cte';
}

export type CompletionContext =
  | { kind: 'none' }
  /** After `-- @` in the header: directive names. */
  | { kind: 'directive'; prefix: string; replace: Span }
  /** After `-- @param name `: the 28 parameter types. */
  | { kind: 'paramType'; prefix: string; replace: Span }
  /** After `:` in the body: declared parameters (`replace` excludes the colon). */
  | { kind: 'param'; prefix: string; replace: Span }
  /** After `qualifier.`: the columns of that table, alias or CTE. */
  | { kind: 'member'; qualifier: string; prefix: string; replace: Span }
  /** After FROM / JOIN (or a comma in a FROM list): tables and CTEs. `afterJoin`: JOIN was typed. */
  | { kind: 'table'; prefix: string; replace: Span; place: SqlPlace; afterJoin: boolean }
  /** The first word of the body, or a CTE name after WITH or a comma in the WITH list. */
  | { kind: 'start'; prefix: string; replace: Span; inWith: boolean }
  /** After a complete table reference or operand: the keywords that may follow it. */
  | {
      kind: 'keyword';
      words: string[];
      prefix: string;
      replace: Span;
      /** After `JOIN t alias`: the query being written, for a ready `ON` condition. */
      joinOn?: SqlPlace;
    }
  /**
   * An expression: columns, parameters, functions as the clause allows. `fn`: the call it is an
   * argument of; `opening`: right after that call's `(`, where `DISTINCT` may go.
   */
  | {
      kind: 'expression';
      clause: ExprClause;
      fn?: string;
      opening?: boolean;
      prefix: string;
      replace: Span;
      place: SqlPlace;
    };

const DIRECTIVE_LINE = /^(\s*--\s*@)([A-Za-z_][\w-]*)?$/;
const PARAM_TYPE_LINE = /^\s*--\s*@param\s+[0-9A-Za-z_]+\s+([A-Za-z_]*)$/i;

export function completionContext(
  text: string,
  offset: number,
  bodyStart: number,
): CompletionContext {
  const at = Math.max(0, Math.min(offset, text.length));
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  if (lineStart < bodyStart) return headerContext(text.slice(lineStart, at), at);
  return bodyContext(text, at, bodyStart);
}

function headerContext(line: string, at: number): CompletionContext {
  const type = PARAM_TYPE_LINE.exec(line);
  if (type)
    return { kind: 'paramType', prefix: type[1], replace: { start: at - type[1].length, end: at } };
  const directive = DIRECTIVE_LINE.exec(line);
  if (directive) {
    const prefix = directive[2] ?? '';
    return { kind: 'directive', prefix, replace: { start: at - prefix.length, end: at } };
  }
  return { kind: 'none' };
}

function bodyContext(text: string, at: number, bodyStart: number): CompletionContext {
  const tokens = lex(text.slice(bodyStart, at), bodyStart);
  let i = tokens.length - 1;
  const last = tokens[i];
  let prefix = '';
  let replace: Span = { start: at, end: at };
  if (last && last.span.end === at) {
    switch (last.kind) {
      case 'comment':
      case 'string':
      case 'quoted':
      case 'number':
      case 'unknown':
        return { kind: 'none' };
      case 'param':
        return {
          kind: 'param',
          prefix: last.text.slice(1),
          replace: { start: last.span.start + 1, end: at },
        };
      case 'punct':
        if (last.text === ':') return { kind: 'param', prefix: '', replace };
        break;
      case 'word':
        prefix = last.text;
        replace = last.span;
        i--;
        break;
    }
  }
  const prev = tokens[i];
  if (prev?.kind === 'punct' && prev.text === '.') {
    const q = tokens[i - 1];
    if (q && (q.kind === 'word' || q.kind === 'quoted') && q.span.end === prev.span.start) {
      return { kind: 'member', qualifier: unquote(q), prefix, replace };
    }
    return { kind: 'none' };
  }
  const before = codeTokens(tokens.slice(0, i + 1));
  const state = scan(before);
  const frame = state.frames[state.frames.length - 1];
  const p = before[before.length - 1];
  if (!p) return { kind: 'start', prefix, replace, inWith: false };
  if (frame.clause === 'with') {
    if (frame.expectName) return { kind: 'start', prefix, replace, inWith: true };
    // `WITH a AS (...) |`: the final query comes next (or a comma and another CTE).
    return p.text === ')'
      ? { kind: 'keyword', words: ['SELECT'], prefix, replace }
      : { kind: 'none' };
  }
  if (p.kind === 'word' && p.upper === 'AS') return { kind: 'none' };
  const place = placeOf(state.frames);
  switch (frame.clause) {
    case 'from':
    case 'join':
      if (frame.kind === 'query' && (isWord(p, 'FROM', 'JOIN') || p.text === ',')) {
        return { kind: 'table', prefix, replace, place, afterJoin: isWord(p, 'JOIN') };
      }
      // `FROM t i |`: the table and its alias are written; what comes next is a keyword.
      if (
        frame.kind === 'query' &&
        (p.kind === 'word' || p.kind === 'quoted') &&
        !isWord(p, 'LEFT', 'RIGHT', 'FULL', 'INNER', 'CROSS', 'OUTER', 'NATURAL')
      ) {
        // A joined table needs its ON first.
        return frame.clause === 'join'
          ? { kind: 'keyword', words: ['ON', ...AFTER_TABLE], prefix, replace, joinOn: place }
          : { kind: 'keyword', words: AFTER_TABLE, prefix, replace };
      }
      return { kind: 'none' };
    case 'limit':
    case 'using':
      return { kind: 'none' };
    case undefined:
      if (frame.kind === 'query') return { kind: 'none' };
  }
  // A complete operand before the cursor (`WHERE ts >= :since |`): what may follow it, not another operand.
  const next = wordsAfter(state.frames, before, () => fromFollows(text, at));
  if (next) return { kind: 'keyword', words: next, prefix, replace };
  // Inside a call's or a window's parentheses (possibly nested in grouping ones): its arguments.
  const inner = [...state.frames].reverse().find((f) => f.kind !== 'paren');
  if (inner?.kind === 'call' || inner?.kind === 'over')
    return {
      kind: 'expression',
      clause: 'call',
      fn: inner.fn ?? 'OVER',
      opening: inner === frame && p.text === '(',
      prefix,
      replace,
      place,
    };
  const clause = queryFrame(state.frames).clause;
  // `FROM (|`, `USING (|`, `LIMIT (|`: no expression of the query's columns goes there.
  return isExprClause(clause)
    ? { kind: 'expression', clause, prefix, replace, place }
    : { kind: 'none' };
}

type FrameClause = ExprClause | 'from' | 'join' | 'with' | 'limit' | 'using' | undefined;

const EXPR_CLAUSES: readonly FrameClause[] = [
  'select',
  'on',
  'where',
  'having',
  'groupBy',
  'orderBy',
  'call',
];
const isExprClause = (c: FrameClause): c is ExprClause => EXPR_CLAUSES.includes(c);

interface Frame {
  /** `query`: a statement, CTE body or subquery; `call`: a function's arguments; `over`: a window; `paren`: grouping. */
  kind: 'query' | 'call' | 'over' | 'paren';
  clause: FrameClause;
  selectAt?: number;
  fn?: string;
  cte?: { name: string; at: number };
  /** The query was opened in a FROM / JOIN: a derived table. */
  derived?: boolean;
  /** In a WITH list, where the next word names a CTE. */
  expectName?: boolean;
  /** In a WITH list: the last CTE name read. */
  pendingName?: { name: string; at: number };
  /** A parenthesis after IN: a list of values. */
  inList?: boolean;
  /** Open CASE expressions in this frame, each with its last keyword (CASE, WHEN, THEN or ELSE). */
  cases?: string[];
}

const AFTER_TABLE = ['JOIN', 'LEFT JOIN', 'WHERE', 'GROUP BY', 'ORDER BY', 'LIMIT'];

/** Functions whose arguments may contain FROM (`EXTRACT(YEAR FROM ts)`). */
const FROM_IN_ARGS = new Set(['EXTRACT', 'SUBSTRING', 'SUBSTR', 'TRIM', 'POSITION', 'OVERLAY']);

/**
 * A clause keyword met inside a call or grouping parenthesis means the parenthesis was left
 * open (`COUNT(x FROM t GROUP BY |`): the keyword belongs to the query, as the parser will say.
 */
function leftOpen(f: Frame, t: Token, prev: Token | undefined): boolean {
  if (f.kind !== 'call' && f.kind !== 'paren') return false;
  switch (t.upper) {
    case 'HAVING':
    case 'LIMIT':
      return true;
    case 'WHERE':
      return f.fn !== 'FILTER';
    case 'BY':
      return isWord(prev, 'GROUP');
    case 'FROM':
      return !FROM_IN_ARGS.has(f.fn ?? '');
    default:
      return false;
  }
}

/** Walks the code tokens before the cursor, keeping one frame per open parenthesis. */
function scan(toks: Token[]): { frames: Frame[] } {
  const frames: Frame[] = [{ kind: 'query', clause: undefined }];
  const top = () => frames[frames.length - 1];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    const prev = toks[k - 1];
    if (t.kind === 'word' && leftOpen(top(), t, prev))
      while (frames.length > 1 && top().kind !== 'query') frames.pop();
    const f = top();
    if (t.text === '(') {
      if (f.clause === 'with' && isWord(prev, 'AS') && f.pendingName) {
        frames.push({ kind: 'query', clause: undefined, cte: f.pendingName });
        f.pendingName = undefined;
      } else if (f.clause === 'with') {
        frames.push({ kind: 'paren', clause: undefined });
      } else if (isWord(prev, 'OVER')) {
        frames.push({ kind: 'over', clause: undefined });
      } else if (
        prev &&
        (prev.kind === 'word' || prev.kind === 'quoted') &&
        !NOT_CALLS.has(prev.upper) &&
        f.clause !== 'from' &&
        f.clause !== 'join'
      ) {
        frames.push({ kind: 'call', clause: 'call', fn: prev.upper });
      } else {
        frames.push({
          kind: 'paren',
          clause: undefined,
          derived: f.kind === 'query' && (f.clause === 'from' || f.clause === 'join'),
          ...(isWord(prev, 'IN') ? { inList: true } : {}),
        });
      }
      continue;
    }
    if (t.text === ')') {
      if (frames.length > 1) frames.pop();
      continue;
    }
    if (f.clause === 'with') {
      if (t.text === ',') f.expectName = true;
      else if (
        f.expectName &&
        (t.kind === 'word' || t.kind === 'quoted') &&
        !isWord(t, 'SELECT', 'RECURSIVE')
      ) {
        f.pendingName = { name: unquote(t), at: t.span.start };
        f.expectName = false;
      }
      if (!isWord(t, 'SELECT')) continue;
    }
    if (t.kind !== 'word') continue;
    const w = t.upper;
    if (w === 'CASE') (f.cases ??= []).push(w);
    else if ((w === 'WHEN' || w === 'THEN' || w === 'ELSE') && f.cases?.length)
      f.cases[f.cases.length - 1] = w;
    else if (w === 'END' && f.cases?.length) f.cases.pop();
    if (w === 'WITH' && f.clause === undefined) {
      f.kind = 'query';
      f.clause = 'with';
      f.expectName = true;
    } else if (w === 'SELECT') {
      if (f.kind === 'paren') f.kind = 'query';
      if (f.kind !== 'query') continue;
      f.clause = 'select';
      f.selectAt = t.span.start;
      f.expectName = false;
    } else if (f.kind !== 'query') {
      continue;
    } else if (SET_OPERATORS.has(w)) {
      f.clause = undefined;
    } else if (w === 'FROM' && f.clause === 'select') {
      f.clause = 'from';
    } else if (w === 'JOIN') {
      f.clause = 'join';
    } else if (w === 'ON' && (f.clause === 'join' || f.clause === 'from')) {
      f.clause = 'on';
    } else if (w === 'USING' && f.clause === 'join') {
      f.clause = 'using';
    } else if (w === 'WHERE' || w === 'QUALIFY') {
      f.clause = 'where';
    } else if (w === 'HAVING') {
      f.clause = 'having';
    } else if (w === 'BY' && isWord(prev, 'GROUP')) {
      f.clause = 'groupBy';
    } else if (w === 'BY' && isWord(prev, 'ORDER')) {
      f.clause = 'orderBy';
    } else if (w === 'LIMIT' || w === 'OFFSET') {
      f.clause = 'limit';
    } else if (
      (w === 'LEFT' ||
        w === 'RIGHT' ||
        w === 'FULL' ||
        w === 'INNER' ||
        w === 'CROSS' ||
        w === 'NATURAL') &&
      f.clause === 'on'
    ) {
      f.clause = 'join';
    }
  }
  return { frames };
}

/** Words that compare: after one of them an operand makes a whole condition. */
const COMPARISONS = new Set([
  '=',
  '==',
  '<',
  '>',
  '<=',
  '>=',
  '<>',
  '!=',
  '<=>',
  'IN',
  'LIKE',
  'ILIKE',
  'RLIKE',
  'BETWEEN',
  'IS',
  'EXISTS',
]);
/** Words that are not operands although they are not reserved: a value follows them. */
const BEFORE_VALUE = new Set(['INTERVAL', 'EXISTS', 'TOP']);
const ON_CONDITION = ['AND', 'OR'];
const TO_COMPARE = ['IN', 'BETWEEN', 'LIKE', 'IS NULL', 'IS NOT NULL', 'NOT IN'];
/** In a CASE, by its last keyword: what follows the operand after it. */
const IN_CASE: Record<string, string[]> = {
  CASE: ['WHEN'],
  WHEN: ['THEN', 'AND', 'OR'],
  THEN: ['WHEN', 'ELSE', 'END'],
  ELSE: ['END'],
};
/** By clause: the clauses that may come next. */
const NEXT_CLAUSES: Partial<Record<ExprClause, string[]>> = {
  where: ['GROUP BY', 'ORDER BY', 'LIMIT'],
  on: ['JOIN', 'LEFT JOIN', 'WHERE', 'GROUP BY', 'ORDER BY', 'LIMIT'],
  having: ['ORDER BY', 'LIMIT'],
  groupBy: ['HAVING', 'ORDER BY', 'LIMIT'],
  orderBy: ['ASC', 'DESC', 'LIMIT'],
};

/** The last token completes an operand (a column, value, parameter, closed call or `*`). */
function endsOperand(toks: Token[]): boolean {
  const p = toks[toks.length - 1];
  const before = toks[toks.length - 2];
  switch (p?.kind) {
    case 'number':
    case 'string':
    case 'param':
    case 'quoted':
      return true;
    case 'word':
      return (!RESERVED.has(p.upper) && !BEFORE_VALUE.has(p.upper)) || p.upper === 'END';
    case 'punct':
      return p.text === ')';
    case 'operator':
      return (
        p.text === '*' &&
        (!before || isWord(before, 'SELECT') || before.text === ',' || before.text === '.')
      );
    default:
      return false;
  }
}

/** The current condition (back to WHERE / ON / HAVING / AND / OR / WHEN or an open parenthesis) compares something. */
function compares(toks: Token[]): boolean {
  let depth = 0;
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k];
    if (t.text === ')') depth++;
    else if (t.text === '(') {
      if (depth === 0) return false;
      depth--;
    } else if (depth > 0) continue;
    else if (COMPARISONS.has(t.upper)) return true;
    else if (isWord(t, 'AND') && toks.slice(0, k).some((b) => isWord(b, 'BETWEEN'))) return true;
    else if (isWord(t, 'WHERE', 'ON', 'HAVING', 'AND', 'OR', 'WHEN', 'SELECT')) return false;
  }
  return false;
}

/** The select list being written already has its FROM after the cursor (`SELECT a | FROM t`). */
function fromFollows(text: string, at: number): boolean {
  let depth = 0;
  for (const t of codeTokens(lex(text.slice(at), at))) {
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth < 0) return false;
    else if (depth === 0 && (t.text === ';' || isWord(t, 'SELECT', 'UNION', 'WHERE'))) return false;
    else if (depth === 0 && isWord(t, 'FROM')) return true;
  }
  return false;
}

/** After a complete operand: the words that may follow it where it stands, else undefined. */
function wordsAfter(frames: Frame[], toks: Token[], hasFrom: () => boolean): string[] | undefined {
  const frame = frames[frames.length - 1];
  const p = toks[toks.length - 1];
  if (frame.kind === 'query' && frame.clause === 'orderBy' && isWord(p, 'ASC', 'DESC'))
    return ['LIMIT'];
  if (isWord(p, 'IS')) return ['NULL', 'NOT NULL'];
  if (isWord(p, 'NOT') && isWord(toks[toks.length - 2], 'IS')) return ['NULL'];
  if (!endsOperand(toks)) return undefined;
  const inCase = frame.cases?.[frame.cases.length - 1];
  if (inCase) return IN_CASE[inCase];
  if (frame.kind === 'call') return frame.fn === 'CAST' ? ['AS'] : [];
  if (frame.kind === 'over') return ['ORDER BY'];
  const condition = compares(toks) ? ON_CONDITION : [...TO_COMPARE, ...ON_CONDITION];
  if (frame.kind === 'paren') return frame.inList ? [] : condition;
  switch (frame.clause) {
    case 'select': {
      const from = hasFrom() ? [] : ['FROM'];
      return isWord(toks[toks.length - 2], 'AS') ? from : [...from, 'AS'];
    }
    case 'where':
    case 'on':
    case 'having':
      return [...condition, ...NEXT_CLAUSES[frame.clause]!];
    case 'groupBy':
    case 'orderBy':
      return NEXT_CLAUSES[frame.clause];
    default:
      return undefined;
  }
}

/** The innermost query frame. */
function queryFrame(frames: Frame[]): Frame {
  for (let k = frames.length - 1; k >= 0; k--) if (frames[k].kind === 'query') return frames[k];
  return frames[0];
}

function placeOf(frames: Frame[]): SqlPlace {
  const q = queryFrame(frames);
  const cte = [...frames].reverse().find((f) => f.cte)?.cte;
  const derived = frames.some((f) => f.derived);
  return {
    ...(q.selectAt !== undefined ? { selectAt: q.selectAt } : {}),
    ...(cte ? { cte } : {}),
    rules: cte || derived ? 'cte' : 'final',
  };
}

const isWord = (t: Token | undefined, ...words: string[]) =>
  !!t && t.kind === 'word' && words.includes(t.upper);

function unquote(t: Token): string {
  if (t.kind !== 'quoted') return t.text;
  const q = t.text[0];
  return t.text
    .slice(1, t.unterminated ? undefined : -1)
    .split(q + q)
    .join(q);
}
