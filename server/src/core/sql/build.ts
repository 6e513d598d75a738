// Builds the query model from the body's tokens with a small recursive-descent parser. The
// syntax gate (parse.ts) decides whether the SQL is valid; this parser is forgiving on purpose
// (it never throws, always advances) so the model also exists for half-typed text, and it gives
// every node an exact span, which node-sql-parser's sparse locations cannot.
import { functionEntry, isAggregateCall } from '../catalog';
import type { Located, Span } from '../types';
import {
  CLAUSE_STARTS,
  FRAME_WORDS,
  KEYWORD_FUNCTIONS,
  KEYWORD_LITERALS,
  RESERVED,
  SET_OPERATORS,
} from './keywordRoles';
import { isInfixDiv, keywordIsName } from './keywords';
import { codeTokens, type Token } from './lexer';
import { MAX_NESTING, parenPairs } from './parens';
import { selectExprs } from './resolve';
import { angleClose, isBinaryLiteralPrefix, NESTED_TYPES, TYPED_LITERALS } from './sparkForms';
import {
  exprChildren,
  type Clause,
  type ColumnRef,
  type Cte,
  type Expr,
  type FunctionCall,
  type GroupBy,
  type Join,
  type OrderBy,
  type QueryModel,
  type Query,
  type Scope,
  type Select,
  type SelectItem,
  type Subquery,
  type TableRef,
  type WindowSpec,
} from './model';

const startsCall = (t: Token, next: Token | undefined) =>
  next?.text === '(' && (!RESERVED.has(t.upper) || KEYWORD_FUNCTIONS.has(t.upper));

/** Functions whose first argument is a bare date part, not a column. */
const DATE_PART_FIRST = new Set([
  'DATEADD',
  'DATEDIFF',
  'DATE_ADD',
  'DATE_DIFF',
  'DATE_PART',
  'EXTRACT',
  'TIMESTAMPADD',
  'TIMESTAMPDIFF',
]);
/** Date parts written bare as a first argument (`DATEDIFF(day, a, b)`, `EXTRACT(YEAR FROM ts)`); any other word there is a column. */
const DATE_PARTS = [
  'YEAR',
  'YEARS',
  'Y',
  'YY',
  'YYYY',
  'YR',
  'YRS',
  'QUARTER',
  'QUARTERS',
  'QTR',
  'QTRS',
  'Q',
  'MONTH',
  'MONTHS',
  'MON',
  'MONS',
  'MM',
  'WEEK',
  'WEEKS',
  'W',
  'WK',
  'WKS',
  'DAY',
  'DAYS',
  'D',
  'DD',
  'DAYOFWEEK',
  'DOW',
  'DAYOFYEAR',
  'DOY',
  'HOUR',
  'HOURS',
  'H',
  'HH',
  'HR',
  'HRS',
  'MINUTE',
  'MINUTES',
  'M',
  'MI',
  'MIN',
  'MINS',
  'SECOND',
  'SECONDS',
  'S',
  'SEC',
  'SECS',
  'MILLISECOND',
  'MILLISECONDS',
  'MS',
  'MSEC',
  'MICROSECOND',
  'MICROSECONDS',
  'US',
  'USEC',
  'EPOCH',
  'DECADE',
  'CENTURY',
  'MILLENNIUM',
  'TIMEZONE',
  'TIMEZONE_HOUR',
  'TIMEZONE_MINUTE',
];
const COMPARISON = new Set(['=', '==', '<>', '!=', '<', '>', '<=', '>=']);

interface State {
  /** The text the token spans point into (the whole template). */
  source: string;
  toks: Token[];
  /** Partner index of each paren token (see parens.ts). */
  pairs: Int32Array;
  /** Nesting depth: expressions (calls, NOT, CASE, CAST, unary operators, parentheses, subqueries)
   * and parenthesized FROM items and queries. Bounded by MAX_NESTING to keep the stack safe. */
  depth: number;
  i: number;
  scope: Scope;
  clause: Clause;
  /** The select whose aggregates / windows are being collected. */
  select?: Select;
  model: QueryModel;
  /** The furthest token index read so far: what the model up to here depends on. */
  seen: number;
  checkpoints: Checkpoint[];
}

/**
 * What a build of a later version of the text may reuse: the tokens and parenthesis pairs it read,
 * its model (before resolution) and the CTEs in source order (resolution reorders model.ctes).
 */
export interface BuildTrace {
  toks: Token[];
  pairs: Int32Array;
  model: QueryModel;
  ctes: Cte[];
  /** Where the parse stood after each CTE. */
  checkpoints: Checkpoint[];
}

/**
 * The parser's state after a CTE (and its comma), and how long each model list was there. Every node of the
 * CTEs before it was built from tokens up to `seen` and their parenthesis pairs alone, so a text
 * whose tokens and pairs agree up to `seen` builds the very same nodes: the build resumes here.
 */
interface Checkpoint {
  /** A comma followed: the next CTE begins; else the final query does. */
  more: boolean;
  ctes: number;
  i: number;
  seen: number;
  depth: number;
  scope: Scope;
  clause: Clause;
  tables: number;
  columns: number;
  functions: number;
  subqueries: number;
  unplaced: number;
}

export interface BuildResult {
  model: QueryModel;
  trace: BuildTrace;
  /** How many leading CTEs (source order) are the previous build's objects, unchanged. */
  reusedCtes: number;
}

const span = (a: Span, b: Span): Span => ({ start: a.start, end: b.end });

/** `tokens` are the body's tokens; their spans point into `source` (the whole template text). */
export function buildModel(tokens: Token[], source: string): QueryModel {
  return buildModelAfter(tokens, source).model;
}

/**
 * buildModel, resuming after the last CTE of `previous` (the build of an earlier version of the
 * text) whose tokens are the very token objects of `tokens` (the lexer keeps an unchanged prefix)
 * with the same parenthesis pairs. Those CTEs' nodes are shared with the previous model, unchanged:
 * the result is the model a fresh build gives, node for node.
 */
export function buildModelAfter(
  tokens: Token[],
  source: string,
  previous?: BuildTrace,
): BuildResult {
  const toks = codeTokens(tokens);
  const first = toks[0];
  const model: QueryModel = {
    statement: {
      value: first?.kind === 'word' ? first.upper : (first?.text ?? ''),
      span: first?.span ?? { start: 0, end: 0 },
    },
    ctes: [],
    final: emptyQuery(first?.span.start ?? 0),
    tables: [],
    columns: [],
    functions: [],
    subqueries: [],
    params: toks
      .filter((t) => t.kind === 'param')
      .map((t) => ({ name: t.text.slice(1), span: t.span })),
    unsupported: [],
    extraStatements: [],
    unplaced: [],
  };
  const s: State = {
    source,
    toks,
    pairs: parenPairs(toks),
    depth: 0,
    i: 0,
    scope: { kind: 'final' },
    clause: 'select',
    model,
    seen: -1,
    checkpoints: [],
  };
  // model.ctes in source order: resolution replaces the model's list with its own order.
  const trace: BuildTrace = {
    toks,
    pairs: s.pairs,
    model,
    ctes: model.ctes,
    checkpoints: s.checkpoints,
  };
  if (!first) return { model, trace, reusedCtes: 0 };
  const resumed = previous && resume(s, previous);
  if (resumed) {
    if (resumed.more) parseCtes(s);
  } else if (first.upper === 'WITH') {
    s.i++;
    if (peek(s)?.upper === 'RECURSIVE') s.i++;
    parseCtes(s);
  }
  s.scope = { kind: 'final' };
  model.final = parseQuery(s);
  // Anything after the statement: `;` then more statements, or stray tokens.
  while (s.i < toks.length) {
    if (toks[s.i].text === ';') {
      s.i++;
      const start = s.i;
      let depth = 0;
      while (s.i < toks.length && !(toks[s.i].text === ';' && depth === 0)) {
        if (toks[s.i].text === '(') depth++;
        else if (toks[s.i].text === ')') depth--;
        s.i++;
      }
      if (s.i > start) model.extraStatements.push(span(toks[start].span, toks[s.i - 1].span));
    } else skipTo(s, s.i + 1, 'it comes after the end of the query');
  }
  const reusedCtes = resumed?.ctes ?? 0;
  scanUnsupported(s, reusedCtes);
  // Inner nodes are recorded before the ones enclosing them: restore source order. Sorting is
  // stable and a resumed build's reused entries all come before its new ones, so the order is a
  // fresh build's.
  const bySpan = (a: { span: Span }, b: { span: Span }) => a.span.start - b.span.start;
  model.functions.sort(bySpan);
  model.subqueries.sort(bySpan);
  model.tables.sort(bySpan);
  model.columns.sort(bySpan);
  return { model, trace, reusedCtes };
}

/**
 * Puts `s` at the last checkpoint of `previous` that the new tokens still support, with the model
 * lists holding the previous model's entries up to there; undefined when there is none.
 */
function resume(s: State, previous: BuildTrace): Checkpoint | undefined {
  const old = previous.toks;
  const n = Math.min(old.length, s.toks.length);
  let same = 0;
  while (same < n && old[same] === s.toks[same] && previous.pairs[same] === s.pairs[same]) same++;
  let k = previous.checkpoints.length - 1;
  while (k >= 0 && previous.checkpoints[k].seen >= same) k--;
  if (k < 0) return undefined;
  const cp = previous.checkpoints[k];
  const m = s.model;
  const was = previous.model;
  m.ctes.push(...previous.ctes.slice(0, cp.ctes));
  m.tables = was.tables.slice(0, cp.tables);
  m.columns = was.columns.slice(0, cp.columns);
  m.functions = was.functions.slice(0, cp.functions);
  m.subqueries = was.subqueries.slice(0, cp.subqueries);
  m.unplaced = was.unplaced.slice(0, cp.unplaced);
  // The sorted list of the previous build: the reused CTEs' entries (from the parse and from
  // scanUnsupported) are the ones before the end of the last token they read (their ',' or ')';
  // a ',' may end the text).
  const boundary = s.toks[cp.i - 1].span.end;
  m.unsupported = was.unsupported.filter((u) => u.span.start < boundary);
  s.checkpoints.push(...previous.checkpoints.slice(0, k + 1));
  s.i = cp.i;
  s.seen = cp.seen;
  s.depth = cp.depth;
  s.scope = cp.scope;
  s.clause = cp.clause;
  return cp;
}

function emptyQuery(at: number): Query {
  return { span: { start: at, end: at }, selects: [], setOps: [], outputs: [] };
}

const closeOf = (s: State, open: number): number =>
  open >= 0 && open < s.pairs.length ? s.pairs[open] : -1;
/** Every read of a token goes through here, so a checkpoint knows what its CTEs depend on. */
function tok(s: State, k: number): Token {
  if (k > s.seen) s.seen = k;
  return s.toks[k];
}
const peek = (s: State, k = 0): Token | undefined => tok(s, s.i + k);
/** keywordIsName / isInfixDiv at the current token: they read the tokens around it. */
const nameAt = (s: State) => (tok(s, s.i + 1), keywordIsName(s.toks, s.i));
const divAt = (s: State) => (tok(s, s.i + 1), isInfixDiv(s.toks, s.i));
const isWord = (t: Token | undefined, ...w: string[]) =>
  !!t && t.kind === 'word' && w.includes(t.upper);
const prevEnd = (s: State): Span => tok(s, Math.max(0, s.i - 1))?.span ?? { start: 0, end: 0 };

/**
 * Moves to token `to`, recording the tokens passed over as not placed in the model: the verdict
 * must never rest on a model that silently left part of the query out.
 */
function skipTo(s: State, to: number, reason: string): void {
  const end = Math.min(to, s.toks.length);
  if (end <= s.i) return;
  const last = s.model.unplaced[s.model.unplaced.length - 1];
  const sp = span(tok(s, s.i).span, tok(s, end - 1).span);
  // Adjacent skips (one token at a time) are one place to report.
  if (last && last.reason === reason && last.lastToken === s.i - 1) {
    last.span = span(last.span, sp);
    last.lastToken = end - 1;
  } else s.model.unplaced.push({ span: sp, reason, lastToken: end - 1 });
  s.i = end;
}

/**
 * Runs `inner` one nesting level deeper; past MAX_NESTING it records where, and ends the parse
 * (every loop stops at the end of the tokens), so no input can exhaust the stack.
 */
function nested<T>(s: State, inner: () => T, tooDeep: () => T): T {
  if (s.depth >= MAX_NESTING) {
    const at = tok(s, Math.min(s.i, s.toks.length - 1));
    s.model.tooDeep ??= at.span;
    s.i = s.toks.length;
    return tooDeep();
  }
  s.depth++;
  const out = inner();
  s.depth--;
  return out;
}

/** Past the `)` at `close`; whatever the parse left before it is recorded as not placed. */
function closeAt(s: State, close: number): void {
  if (close < 0) return;
  if (s.i < close) skipTo(s, close, 'it was not understood inside these parentheses');
  if (s.i === close) s.i++;
}

function accept(s: State, ...words: string[]): Token | undefined {
  const t = peek(s);
  if (
    t &&
    ((t.kind === 'word' && words.includes(t.upper)) ||
      (t.kind !== 'word' && words.includes(t.text)))
  ) {
    s.i++;
    return t;
  }
  return undefined;
}

function parseCtes(s: State): void {
  for (;;) {
    const nameTok = peek(s);
    if (
      !nameTok ||
      (nameTok.kind !== 'word' && nameTok.kind !== 'quoted') ||
      nameTok.upper === 'SELECT'
    )
      return;
    s.i++;
    const name = identName(nameTok);
    const cte: Cte = {
      name,
      key: identKey(nameTok),
      nameSpan: nameTok.span,
      span: nameTok.span,
      query: emptyQuery(nameTok.span.end),
      dependsOn: [],
      involvesDp: false,
    };
    if (peek(s)?.text === '(') {
      const close = closeOf(s, s.i);
      const end = close < 0 ? s.toks.length : close;
      cte.columnList = nameList(s, end);
    }
    accept(s, 'AS');
    if (peek(s)?.text === '(') {
      const open = s.i;
      const close = closeOf(s, open);
      s.i++;
      s.scope = { kind: 'cte', cte: name };
      cte.query = parseQuery(s);
      closeAt(s, close);
      cte.span = span(nameTok.span, prevEnd(s));
    }
    s.model.ctes.push(cte);
    const more = !!accept(s, ',');
    const m = s.model;
    s.checkpoints.push({
      more,
      ctes: m.ctes.length,
      i: s.i,
      seen: s.seen,
      depth: s.depth,
      scope: s.scope,
      clause: s.clause,
      tables: m.tables.length,
      columns: m.columns.length,
      functions: m.functions.length,
      subqueries: m.subqueries.length,
      unplaced: m.unplaced.length,
    });
    if (!more) return;
  }
}

function parseQuery(s: State): Query {
  const start = peek(s)?.span.start ?? prevEnd(s).end;
  const q: Query = { span: { start, end: start }, selects: [], setOps: [], outputs: [] };
  for (;;) {
    const inner = parseSelectOrParen(s);
    if (inner) {
      // A parenthesized branch keeps all of itself: its selects, set operators and clauses.
      // Loops, not push(...): a spread of more than ~120,000 elements overflows the stack.
      for (const sel of inner.selects) q.selects.push(sel);
      for (const op of inner.setOps) q.setOps.push(op);
      q.orderBy ??= inner.orderBy;
      q.limit ??= inner.limit;
      q.offset ??= inner.offset;
    }
    const t = peek(s);
    if (t?.kind !== 'word' || !SET_OPERATORS.has(t.upper)) break;
    s.i++;
    const mod = accept(s, 'ALL', 'DISTINCT');
    q.setOps.push({
      value: mod ? `${t!.upper} ${mod.upper}` : t!.upper,
      span: span(t!.span, (mod ?? t!).span),
    });
  }
  for (;;) {
    const t = peek(s);
    if (isWord(t, 'ORDER') && isWord(peek(s, 1), 'BY')) {
      s.i += 2;
      q.orderBy = parseOrderBy(s, t!.span);
    } else if (isWord(t, 'LIMIT', 'OFFSET')) {
      s.i++;
      const v = peek(s);
      if (v && v.text !== ')' && v.text !== ';') s.i++;
      if (v && isWord(peek(s), 'ROWS', 'ROW')) s.i++;
      const loc = { value: v?.text ?? '', span: span(t!.span, prevEnd(s)) };
      if (t!.upper === 'LIMIT') q.limit = loc;
      else q.offset = loc;
    } else break;
  }
  q.span = { start, end: Math.max(start, prevEnd(s).end) };
  return q;
}

function parseOrderBy(s: State, orderTok: Span): OrderBy {
  const saved = s.clause;
  s.clause = 'orderBy';
  const items = parseList(s, () => {
    const e = parseExpr(s);
    accept(s, 'ASC', 'DESC');
    if (accept(s, 'NULLS')) accept(s, 'FIRST', 'LAST');
    return e;
  });
  s.clause = saved;
  return { span: span(orderTok, prevEnd(s)), items };
}

function parseList<T>(s: State, item: () => T | undefined): T[] {
  const out: T[] = [];
  for (;;) {
    const before = s.i;
    const v = item();
    if (v !== undefined) out.push(v);
    if (s.i === before && !accept(s, ',')) return out;
    if (!accept(s, ',')) return out;
  }
}

/** The next branch of a query expression: one SELECT, or a parenthesized query expression. */
function parseSelectOrParen(
  s: State,
): Pick<Query, 'selects' | 'setOps' | 'orderBy' | 'limit' | 'offset'> | undefined {
  const t = peek(s);
  if (t?.text === '(' && (isWord(peek(s, 1), 'SELECT', 'WITH') || peek(s, 1)?.text === '(')) {
    const close = closeOf(s, s.i);
    return nested(
      s,
      () => {
        s.i++;
        const inner = parseQuery(s);
        closeAt(s, close);
        return inner;
      },
      () => undefined,
    );
  }
  if (!isWord(t, 'SELECT')) return undefined;
  return { selects: [parseSelect(s)], setOps: [] };
}

function parseSelect(s: State): Select {
  const kw = peek(s)!;
  s.i++;
  const sel: Select = {
    span: kw.span,
    scope: s.scope,
    selectKeyword: kw.span,
    items: [],
    itemsSpan: { start: kw.span.end, end: kw.span.end },
    from: [],
    aggregates: [],
    windows: [],
  };
  const outerSelect = s.select;
  const outerClause = s.clause;
  s.select = sel;
  const d = accept(s, 'DISTINCT', 'ALL');
  if (d?.upper === 'DISTINCT') sel.distinct = d.span;
  if (isWord(peek(s), 'TOP') && peek(s, 1)?.kind === 'number') {
    sel.top = span(peek(s)!.span, peek(s, 1)!.span);
    s.i += 2;
  }
  s.clause = 'select';
  sel.items = parseList(s, () => parseSelectItem(s));
  if (sel.items.length)
    sel.itemsSpan = span(sel.items[0].span, sel.items[sel.items.length - 1].span);
  if (accept(s, 'FROM')) parseFrom(s, sel);
  if (accept(s, 'WHERE')) {
    s.clause = 'where';
    sel.where = parseExpr(s);
  }
  const g = peek(s);
  if (isWord(g, 'GROUP') && isWord(peek(s, 1), 'BY')) {
    s.i += 2;
    sel.groupBy = parseGroupBy(s, g!.span);
  }
  if (accept(s, 'HAVING')) {
    s.clause = 'having';
    sel.having = parseExpr(s);
  }
  for (;;) {
    if (accept(s, 'QUALIFY')) {
      s.clause = 'where';
      sel.qualify = parseExpr(s);
    } else if (accept(s, 'WINDOW')) parseWindowClause(s, sel);
    else break;
  }
  sel.span = span(kw.span, prevEnd(s));
  s.select = outerSelect;
  s.clause = outerClause;
  return sel;
}

/** `WINDOW w AS (...), ...`: each call written `OVER w` takes the named specification. */
function parseWindowClause(s: State, sel: Select): void {
  parseList(s, () => {
    const name = peek(s);
    if (
      !name ||
      (name.kind !== 'word' && name.kind !== 'quoted') ||
      !isWord(peek(s, 1), 'AS') ||
      peek(s, 2)?.text !== '('
    )
      return undefined;
    s.i += 2;
    const spec = parseWindow(s, name.span);
    for (const call of sel.windows) {
      if (call.over?.name !== identKey(name)) continue;
      call.over.partitionBy = spec.partitionBy;
      call.over.orderBy = spec.orderBy;
    }
    return spec;
  });
}

function parseGroupBy(s: State, groupTok: Span): GroupBy {
  s.clause = 'groupBy';
  const gb: GroupBy = { span: groupTok, items: [], extended: [] };
  gb.items = parseList(s, () => {
    const t = peek(s)!;
    const ext = isWord(t, 'ROLLUP', 'CUBE')
      ? t.upper
      : isWord(t, 'GROUPING') && isWord(peek(s, 1), 'SETS')
        ? 'GROUPING SETS'
        : undefined;
    const open = s.i + (ext === 'GROUPING SETS' ? 2 : 1);
    if (!ext || tok(s, open)?.text !== '(') return parseExpr(s);
    // ROLLUP / CUBE / GROUPING SETS, as any item: the columns inside still count as grouped.
    s.i = open + 1;
    const inner = parseList(s, () => (peek(s)?.text === ')' ? undefined : parseExpr(s)));
    closeAt(s, closeOf(s, open));
    const sp = span(t.span, prevEnd(s));
    gb.extended.push({ value: ext, span: sp });
    const items = inner.flatMap((e) => (e.kind === 'list' ? e.items : [e]));
    return { kind: 'list', items, span: sp } as Expr;
  }).flatMap((e) => (e.kind === 'list' ? e.items : [e]));
  // MySQL-style `GROUP BY a, b WITH ROLLUP` (or CUBE).
  if (isWord(peek(s), 'WITH') && isWord(peek(s, 1), 'ROLLUP', 'CUBE')) {
    gb.extended.push({
      value: `WITH ${peek(s, 1)!.upper}`,
      span: span(peek(s)!.span, peek(s, 1)!.span),
    });
    s.i += 2;
  }
  gb.span = span(groupTok, prevEnd(s));
  return gb;
}

function parseSelectItem(s: State): SelectItem | undefined {
  const t = peek(s);
  if (
    !t ||
    (t.kind === 'word' &&
      RESERVED.has(t.upper) &&
      t.upper !== 'CASE' &&
      t.upper !== 'NOT' &&
      !startsCall(t, peek(s, 1)) &&
      !nameAt(s)) ||
    t.text === ')' ||
    t.text === ';'
  )
    return undefined;
  const expr = parseExpr(s);
  const item: SelectItem = { expr, span: expr.span };
  const alias = parseAlias(s);
  if (alias) {
    item.alias = alias;
    item.span = span(expr.span, alias.span);
  }
  item.outputName = alias?.value ?? (expr.kind === 'column' ? expr.ref.name : undefined);
  return item;
}

function parseAlias(s: State): Located<string> | undefined {
  const as = accept(s, 'AS');
  const t = peek(s);
  // After AS a keyword is a name (`COUNT(*) AS top`), unless it starts the next clause.
  const word = t?.kind === 'word' && (!(as ? CLAUSE_STARTS : RESERVED).has(t.upper) || nameAt(s));
  if (t && (t.kind === 'quoted' || (t.kind === 'string' && as) || word)) {
    s.i++;
    return { value: identName(t), span: t.span };
  }
  return undefined;
}

function parseFrom(s: State, sel: Select): void {
  s.clause = 'from';
  const first = parseTableFactor(s, sel);
  if (first) sel.from.push(first);
  for (;;) {
    const t = peek(s);
    if (!t) return;
    let join: Join | undefined;
    if (t.text === ',') {
      s.i++;
      join = { type: ',', keywordSpan: t.span };
    } else {
      const start = s.i;
      const natural = accept(s, 'NATURAL');
      const words: string[] = [];
      for (;;) {
        const w = accept(s, 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER', 'SEMI', 'ANTI');
        if (!w) break;
        words.push(w.upper);
      }
      if (!accept(s, 'JOIN')) {
        s.i = start;
        return;
      }
      const type = words.filter((w) => w !== 'OUTER').join(' ') || 'INNER';
      join = { type, keywordSpan: span((natural ?? tok(s, start)).span, prevEnd(s)) };
      if (natural) join.natural = natural.span;
    }
    s.clause = 'join';
    const ref = parseTableFactor(s, sel);
    if (!ref) return;
    ref.join = join;
    sel.from.push(ref);
    if (accept(s, 'ON')) {
      s.clause = 'on';
      join.on = parseExpr(s);
    } else if (isWord(peek(s), 'USING') && peek(s, 1)?.text === '(') {
      const kw = peek(s)!;
      s.i++;
      const close = closeOf(s, s.i);
      const columns = nameList(s, close < 0 ? s.toks.length : close);
      join.using = { columns, span: span(kw.span, prevEnd(s)) };
    }
    s.clause = 'from';
  }
}

function parseTableFactor(s: State, sel: Select): TableRef | undefined {
  return peek(s)?.text === '('
    ? nested(
        s,
        () => parseTableFactorAt(s, sel),
        () => undefined,
      )
    : parseTableFactorAt(s, sel);
}

/** A derived table (a subquery or VALUES) that starts at `first` and ends before its alias, if any. */
function derivedTable(s: State, sel: Select, first: Token, query: Query): TableRef {
  const bodySpan = span(first.span, prevEnd(s));
  s.model.subqueries.push({
    query,
    span: bodySpan,
    clause: s.clause,
    outer: s.scope,
    involvesDp: false,
  });
  const alias = parseAlias(s);
  const ref: TableRef = {
    kind: 'derived',
    span: alias ? span(first.span, alias.span) : bodySpan,
    alias,
    subquery: query,
    scope: sel.scope,
    target: { kind: 'derived' },
  };
  if (alias && peek(s)?.text === '(') {
    const close = closeOf(s, s.i);
    ref.columnList = nameList(s, close < 0 ? s.toks.length : close);
    ref.span = span(first.span, prevEnd(s));
  }
  s.model.tables.push(ref);
  return ref;
}

/**
 * `VALUES (a, b), (c, d)`: an inline table, one select per row whose outputs are Spark's names
 * col1, col2, ... (a column list after the alias renames them).
 */
function valuesQuery(s: State): Query {
  const kw = tok(s, s.i++);
  const outer = s.scope;
  s.scope = { kind: 'subquery', clause: s.clause, outer };
  const rows = parseList(s, () => (peek(s)?.text === '(' ? parseExpr(s) : undefined));
  s.scope = outer;
  const selects = rows.map((row): Select => {
    const cells = row.kind === 'list' ? row.items : [row];
    return {
      span: span(kw.span, row.span),
      scope: s.scope,
      selectKeyword: kw.span,
      items: cells.map((expr, k) => ({ expr, span: expr.span, outputName: `col${k + 1}` })),
      itemsSpan: row.span,
      from: [],
      aggregates: [],
      windows: [],
    };
  });
  return {
    span: span(kw.span, prevEnd(s)),
    selects,
    setOps: selects.slice(1).map(() => ({ value: 'UNION ALL', span: kw.span })),
    outputs: [],
  };
}

function parseTableFactorAt(s: State, sel: Select): TableRef | undefined {
  const t = peek(s);
  if (!t) return undefined;
  accept(s, 'LATERAL');
  if (isWord(t, 'VALUES') && peek(s, 1)?.text === '(')
    return derivedTable(s, sel, t, valuesQuery(s));
  if (t.text === '(' && isWord(peek(s, 1), 'VALUES')) {
    const close = closeOf(s, s.i);
    s.i++;
    const query = valuesQuery(s);
    closeAt(s, close);
    return derivedTable(s, sel, t, query);
  }
  if (t.text === '(') {
    const close = closeOf(s, s.i);
    if (isWord(peek(s, 1), 'SELECT', 'WITH') || peek(s, 1)?.text === '(') {
      const outer = s.scope;
      const clause = s.clause;
      s.i++;
      s.scope = { kind: 'subquery', clause, outer };
      const query = parseQuery(s);
      s.scope = outer;
      s.clause = clause;
      closeAt(s, close);
      return derivedTable(s, sel, t, query);
    }
    // A parenthesized join: read its tables into this FROM.
    s.i++;
    parseFrom(s, sel);
    closeAt(s, close);
    return sel.from.pop();
  }
  if (t.kind !== 'word' && t.kind !== 'quoted') return undefined;
  if (t.kind === 'word' && RESERVED.has(t.upper) && !nameAt(s)) return undefined;
  // db.schema.table: the last part names the table.
  let last = t;
  s.i++;
  while (peek(s)?.text === '.' && (peek(s, 1)?.kind === 'word' || peek(s, 1)?.kind === 'quoted')) {
    last = peek(s, 1)!;
    s.i += 2;
  }
  const alias = parseAlias(s);
  const ref: TableRef = {
    kind: 'table',
    name: identName(last),
    key: identKey(last),
    nameSpan: span(t.span, last.span),
    alias,
    span: alias ? span(t.span, alias.span) : span(t.span, last.span),
    scope: sel.scope,
    target: { kind: 'unresolved' },
  };
  s.model.tables.push(ref);
  return ref;
}

// ---- expressions (precedence climbing) ----

const BINARY: Record<string, number> = {
  OR: 1,
  AND: 2,
  '=': 4,
  '==': 4,
  '<>': 4,
  '!=': 4,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '||': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
  DIV: 7,
  '^': 8,
  '&': 5,
  '|': 5,
  '#': 5,
  '||/': 6,
  '|/': 6,
  '@': 6,
};

function parseExpr(s: State, minPrec = 0): Expr {
  return nested(
    s,
    () => parseExprAt(s, minPrec),
    () => ({ kind: 'literal', text: '', span: prevEnd(s) }),
  );
}

function parseExprAt(s: State, minPrec: number): Expr {
  let left = parseUnary(s);
  for (;;) {
    const t = peek(s);
    if (!t) return left;
    const startI = s.i;
    if (t.kind === 'word') {
      const not = t.upper === 'NOT' ? 1 : 0;
      const w = peek(s, not);
      if (minPrec < 4 && isWord(w, 'IN')) {
        s.i += not + 1;
        left = parseIn(s, left, span(t.span, w!.span));
        continue;
      }
      if (minPrec < 4 && isWord(w, 'BETWEEN')) {
        s.i += not + 1;
        const lo = parseExpr(s, 4);
        accept(s, 'AND');
        const hi = parseExpr(s, 4);
        left = {
          kind: 'operator',
          op: 'BETWEEN',
          opSpan: w!.span,
          args: [left, lo, hi],
          span: span(left.span, hi.span),
        };
        continue;
      }
      if (minPrec < 4 && isWord(w, 'LIKE', 'ILIKE', 'RLIKE', 'SIMILAR', 'REGEXP')) {
        s.i += not + 1;
        if (w!.upper === 'SIMILAR') accept(s, 'TO');
        accept(s, 'ANY', 'ALL');
        const right = parseExpr(s, 5);
        const args = [left, right];
        if (accept(s, 'ESCAPE')) args.push(parseExpr(s, 5));
        left = {
          kind: 'operator',
          op: w!.upper,
          opSpan: w!.span,
          args,
          span: span(left.span, args[args.length - 1].span),
        };
        continue;
      }
      if (minPrec < 4 && t.upper === 'IS') {
        s.i++;
        accept(s, 'NOT');
        let right: Expr;
        if (accept(s, 'DISTINCT')) {
          accept(s, 'FROM');
          right = parseExpr(s, 5);
        } else {
          const v = peek(s);
          if (v) s.i++;
          right = { kind: 'literal', text: v?.text ?? '', span: v?.span ?? t.span };
        }
        left = {
          kind: 'operator',
          op: 'IS',
          opSpan: t.span,
          args: [left, right],
          span: span(left.span, right.span),
        };
        continue;
      }
      if (t.upper !== 'AND' && t.upper !== 'OR' && !divAt(s)) return left;
    }
    if (t.text === '[') {
      // arr[0], m['key']: Spark's subscript of an array or map.
      s.i++;
      const index = parseExpr(s);
      if (peek(s)?.text !== ']') return left;
      const close = tok(s, s.i++);
      left = {
        kind: 'operator',
        op: '[]',
        opSpan: span(t.span, close.span),
        args: [left, index],
        span: span(left.span, close.span),
      };
      continue;
    }
    const field = peek(s, 1);
    if (
      t.text === '.' &&
      (field?.kind === 'word' || field?.kind === 'quoted') &&
      (left.kind === 'function' ||
        (left.kind === 'operator' && (left.op === '[]' || left.op === '.')))
    ) {
      // arr[0].x.y, named_struct('x', 1).x: fields of a struct value.
      s.i += 2;
      left = {
        kind: 'operator',
        op: '.',
        opSpan: span(t.span, field.span),
        args: [left],
        span: span(left.span, field.span),
      };
      continue;
    }
    if (t.kind === 'operator' && t.text === '::') {
      s.i++;
      const type = parseTypeName(s);
      left = {
        kind: 'cast',
        form: '::',
        expr: left,
        type: type.value,
        span: span(left.span, type.span),
      };
      continue;
    }
    const op = t.kind === 'word' ? t.upper : t.kind === 'operator' ? t.text : undefined;
    const prec = op !== undefined ? BINARY[op] : undefined;
    if (prec === undefined || prec <= minPrec) return left;
    s.i++;
    // `= ANY (subquery)` and friends.
    if (COMPARISON.has(op!) && isWord(peek(s), 'ANY', 'ALL', 'SOME') && peek(s, 1)?.text === '(')
      s.i++;
    const right = parseExpr(s, prec);
    // Same-operator chains (a OR b OR c ...) become one n-ary node: long generated conditions
    // must not turn into trees deep enough to exhaust the stack when walked.
    if (
      left.kind === 'operator' &&
      left.op === op &&
      left.args.length >= 2 &&
      !COMPARISON.has(op!) &&
      op !== '^'
    ) {
      left.args.push(right);
      left.span = span(left.span, right.span);
    } else {
      left = {
        kind: 'operator',
        op: op!,
        opSpan: t.span,
        args: [left, right],
        span: span(left.span, right.span),
      };
    }
    if (s.i === startI) return left;
  }
}

function parseIn(s: State, left: Expr, opSpan: Span): Expr {
  const t = peek(s);
  if (t?.text === '(' && isWord(peek(s, 1), 'SELECT', 'WITH')) {
    const sub = parseSubquery(s, 'IN', opSpan);
    return {
      kind: 'operator',
      op: 'IN',
      opSpan,
      args: [left, sub],
      span: span(left.span, sub.span),
    };
  }
  const right = parseUnary(s);
  return {
    kind: 'operator',
    op: 'IN',
    opSpan,
    args: [left, right],
    span: span(left.span, right.span),
  };
}

function parseTypeName(s: State): Located<string> {
  const t = peek(s);
  if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) return { value: '', span: prevEnd(s) };
  s.i++;
  let end = t.span;
  if (isWord(t, 'DOUBLE') && isWord(peek(s), 'PRECISION')) end = tok(s, s.i++).span;
  if (isWord(t, 'CHARACTER') && isWord(peek(s), 'VARYING')) end = tok(s, s.i++).span;
  if (peek(s)?.text === '(') {
    const close = closeOf(s, s.i);
    if (close > 0) {
      end = tok(s, close).span;
      s.i = close + 1;
    }
  } else if (peek(s)?.text === '<' && NESTED_TYPES.has(t.upper)) {
    const close = angleClose(s.toks, s.i);
    if (close > 0) {
      end = tok(s, close).span;
      s.i = close + 1;
    }
  }
  return { value: tokensText(s, t.span.start, end.end), span: span(t.span, end) };
}

function tokensText(s: State, start: number, end: number): string {
  return s.source.slice(start, end);
}

function parseUnary(s: State): Expr {
  const t = peek(s);
  if (!t) return { kind: 'literal', text: '', span: prevEnd(s) };
  if (
    (t.kind === 'operator' && ['-', '+', '~', '|/', '||/', '@', '!'].includes(t.text)) ||
    isWord(t, 'NOT')
  ) {
    s.i++;
    const arg = parseExpr(s, t.kind === 'word' ? 3 : 8);
    return {
      kind: 'operator',
      op: t.kind === 'word' ? 'NOT' : t.text,
      opSpan: t.span,
      args: [arg],
      span: span(t.span, arg.span),
    };
  }
  return parsePrimary(s);
}

function parseSubquery(
  s: State,
  predicate: 'EXISTS' | 'IN' | undefined,
  predicateSpan?: Span,
): Expr {
  const open = peek(s)!;
  const close = closeOf(s, s.i);
  const outer = s.scope;
  const clause = s.clause;
  const outerSelect = s.select;
  s.i++;
  s.scope = { kind: 'subquery', clause, outer };
  s.select = undefined;
  const query = parseQuery(s);
  s.scope = outer;
  s.clause = clause;
  s.select = outerSelect;
  closeAt(s, close);
  const sp = span(open.span, prevEnd(s));
  const sub: Subquery = {
    query,
    span: sp,
    clause,
    outer,
    involvesDp: false,
    ...(predicate ? { predicate, predicateSpan } : {}),
  };
  s.model.subqueries.push(sub);
  return { kind: 'subquery', subquery: sub, span: sp };
}

function parsePrimary(s: State): Expr {
  const t = peek(s)!;
  const next = peek(s, 1);
  if (t.kind === 'number' || t.kind === 'string') {
    s.i++;
    return { kind: 'literal', text: t.text, span: t.span };
  }
  if (isBinaryLiteralPrefix(s.toks, s.i)) {
    s.i += 2;
    return { kind: 'literal', text: t.text + next!.text, span: span(t.span, next!.span) };
  }
  if (t.kind === 'quoted' && t.text.startsWith('`') && next?.text === '(')
    return parseFunction(s, identName(t).toUpperCase(), t.span);
  if (t.kind === 'param') {
    s.i++;
    return { kind: 'param', name: t.text.slice(1), span: t.span };
  }
  if (t.text === '*') {
    s.i++;
    return { kind: 'star', span: t.span };
  }
  if (t.text === '(') {
    const close = closeOf(s, s.i);
    if (isWord(next, 'SELECT', 'WITH')) return parseSubquery(s, undefined);
    s.i++;
    const items = parseList(s, () => (peek(s)?.text === ')' ? undefined : parseExpr(s)));
    closeAt(s, close);
    const sp = span(t.span, prevEnd(s));
    if (items.length === 1) return items[0];
    return { kind: 'list', items, span: sp };
  }
  if (t.kind === 'word') {
    if (t.upper === 'CASE') return parseCase(s);
    if (t.upper === 'EXISTS' && next?.text === '(') {
      s.i++;
      return parseSubquery(s, 'EXISTS', t.span);
    }
    if ((t.upper === 'CAST' || t.upper === 'TRY_CAST') && next?.text === '(') return parseCast(s);
    if (
      t.upper === 'INTERVAL' ||
      ((t.upper === 'DATE' ||
        t.upper === 'TIMESTAMP' ||
        t.upper === 'TIME' ||
        TYPED_LITERALS.has(t.upper)) &&
        next?.kind === 'string')
    ) {
      s.i++;
      let end = t.span;
      if (peek(s)?.kind === 'string' || peek(s)?.kind === 'param' || peek(s)?.kind === 'number')
        end = tok(s, s.i++).span;
      if (t.upper === 'INTERVAL' && peek(s)?.kind === 'word' && !RESERVED.has(peek(s)!.upper))
        end = tok(s, s.i++).span;
      return {
        kind: 'literal',
        text: tokensText(s, t.span.start, end.end),
        span: span(t.span, end),
      };
    }
    if (t.upper === 'APPROXIMATE' && next?.kind === 'word' && peek(s, 2)?.text === '(') {
      s.i++;
      return parseFunction(s, `APPROXIMATE ${next.upper}`, t.span);
    }
    if (startsCall(t, next)) return parseFunction(s, t.upper, t.span);
    if (KEYWORD_LITERALS.has(t.upper)) {
      s.i++;
      return { kind: 'literal', text: t.upper, span: t.span };
    }
  }
  if (t.kind === 'word' || t.kind === 'quoted') return parseColumn(s);
  // Anything else: pass over it so parsing always advances.
  skipTo(s, s.i + 1, 'an expression was expected here');
  return { kind: 'literal', text: t.text, span: t.span };
}

function parseColumn(s: State): Expr {
  const parts: Token[] = [tok(s, s.i++)];
  while (peek(s)?.text === '.' && peek(s, 1)) {
    const p = peek(s, 1)!;
    if (p.text === '*') {
      s.i += 2;
      return {
        kind: 'star',
        qualifier: identName(parts[parts.length - 1]),
        span: span(parts[0].span, p.span),
      };
    }
    if (p.kind !== 'word' && p.kind !== 'quoted') break;
    parts.push(p);
    s.i += 2;
  }
  const last = parts[parts.length - 1];
  const qual = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const ref: ColumnRef = {
    name: identName(last),
    key: identKey(last),
    span: span(parts[0].span, last.span),
    scope: s.scope,
    clause: s.clause,
    ...(qual ? { qualifier: { value: identKey(qual), span: qual.span } } : {}),
  };
  s.model.columns.push(ref);
  return { kind: 'column', ref, span: ref.span };
}

function parseCase(s: State): Expr {
  const start = tok(s, s.i++).span;
  const args: Expr[] = [];
  for (let guard = 0; guard < 100000; guard++) {
    const t = peek(s);
    if (!t || t.text === ')' || t.text === ';') break;
    if (accept(s, 'END')) break;
    if (accept(s, 'WHEN', 'THEN', 'ELSE')) continue;
    const before = s.i;
    args.push(parseExpr(s));
    if (s.i === before) skipTo(s, s.i + 1, 'it was not understood inside CASE');
  }
  return { kind: 'case', args, span: span(start, prevEnd(s)) };
}

function parseCast(s: State): Expr {
  const start = tok(s, s.i).span;
  const close = closeOf(s, s.i + 1);
  s.i += 2;
  const expr = parseExpr(s);
  accept(s, 'AS');
  const type = parseTypeName(s);
  closeAt(s, close);
  return { kind: 'cast', form: 'CAST', expr, type: type.value, span: span(start, prevEnd(s)) };
}

function parseFunction(s: State, name: string, nameSpan: Span): Expr {
  s.i++; // the name
  const open = s.i;
  const close = closeOf(s, open);
  s.i++;
  const call: FunctionCall = {
    name,
    nameSpan,
    span: nameSpan,
    args: [],
    star: false,
    aggregate: false,
    scope: s.scope,
    clause: s.clause,
  };
  const d = accept(s, 'DISTINCT', 'ALL');
  if (d?.upper === 'DISTINCT') call.distinct = call.aggregateSyntax = d.span;
  if (name === 'CONVERT' && convertTypeFirst(s)) {
    const type = parseTypeName(s);
    accept(s, ',');
    const expr = parseExpr(s);
    closeAt(s, close);
    const sp = span(nameSpan, prevEnd(s));
    s.model.unsupported.push({
      kind: 'convert',
      span: sp,
      replacement: `CAST(${textOf(s, expr.span)} AS ${type.value})`,
    });
    return { kind: 'cast', form: 'CONVERT', expr, type: type.value, span: sp };
  }
  const end = close < 0 ? s.toks.length : close;
  for (let guard = 0; s.i < end && guard < 100000; guard++) {
    const t = peek(s)!;
    if (
      t.text === ',' ||
      isWord(t, 'FROM', 'IN', 'FOR', 'BOTH', 'LEADING', 'TRAILING', 'AS', 'SEPARATOR')
    ) {
      s.i++;
      continue;
    }
    if (t.text === '*' && (peek(s, 1)?.text === ')' || peek(s, 1)?.text === ',')) {
      call.star = true;
      s.i++;
      continue;
    }
    if (
      call.args.length === 0 &&
      DATE_PART_FIRST.has(name) &&
      isWord(t, ...DATE_PARTS) &&
      (peek(s, 1)?.text === ',' || isWord(peek(s, 1), 'FROM'))
    ) {
      s.i++;
      call.args.push({ kind: 'literal', text: t.text, span: t.span });
      continue;
    }
    const before = s.i;
    call.args.push(parseExpr(s));
    if (s.i === before) skipTo(s, s.i + 1, 'it was not understood among the arguments');
  }
  closeAt(s, close);
  // WITHIN GROUP (ORDER BY ...), FILTER (WHERE ...), IGNORE/RESPECT NULLS
  for (;;) {
    if (isWord(peek(s), 'WITHIN') && isWord(peek(s, 1), 'GROUP') && peek(s, 2)?.text === '(') {
      call.aggregateSyntax ??= span(peek(s)!.span, peek(s, 1)!.span);
      s.i += 2;
      for (const e of parseParenClause(s)) call.args.push(e);
    } else if (isWord(peek(s), 'FILTER') && peek(s, 1)?.text === '(') {
      call.aggregateSyntax ??= peek(s)!.span;
      s.i++;
      for (const e of parseParenClause(s)) call.args.push(e);
    } else if (isWord(peek(s), 'IGNORE', 'RESPECT') && isWord(peek(s, 1), 'NULLS')) s.i += 2;
    else break;
  }
  if (isWord(peek(s), 'OVER')) {
    const overTok = tok(s, s.i++);
    call.over = parseWindow(s, overTok.span);
  }
  call.span = span(nameSpan, prevEnd(s));
  call.aggregate = isAggregateCall(functionEntry(name), {
    over: !!call.over,
    aggregateSyntax: !!call.aggregateSyntax,
  });
  s.model.functions.push(call);
  if (s.select) {
    if (call.over) s.select.windows.push(call);
    else if (call.aggregate) s.select.aggregates.push(call);
  }
  return { kind: 'function', call, span: call.span };
}

/** At the first argument of CONVERT: `CONVERT(type, x)` (a type name, with or without `(p, s)`, then a comma). */
function convertTypeFirst(s: State): boolean {
  if (peek(s)?.kind !== 'word') return false;
  let k = s.i + 1;
  if (isWord(peek(s), 'DOUBLE', 'CHARACTER') && isWord(tok(s, k), 'PRECISION', 'VARYING')) k++;
  if (tok(s, k)?.text === '(') k = closeOf(s, k) + 1;
  return k > 0 && tok(s, k)?.text === ',';
}

/** `( ORDER BY ... )` or `( WHERE ... )`: the expressions inside. */
function parseParenClause(s: State): Expr[] {
  const close = closeOf(s, s.i);
  s.i++;
  const out: Expr[] = [];
  for (let guard = 0; s.i < (close < 0 ? s.toks.length : close) && guard < 100000; guard++) {
    if (accept(s, 'ORDER', 'BY', 'WHERE', 'ASC', 'DESC', ',', 'NULLS', 'FIRST', 'LAST')) continue;
    const before = s.i;
    out.push(parseExpr(s));
    if (s.i === before) skipTo(s, s.i + 1, 'it was not understood in this clause');
  }
  closeAt(s, close);
  return out;
}

function parseWindow(s: State, overSpan: Span): WindowSpec {
  const w: WindowSpec = { span: overSpan, partitionBy: [], orderBy: [] };
  const named = peek(s);
  if (named?.text !== '(') {
    if (named?.kind === 'word' || named?.kind === 'quoted') {
      w.name = identKey(named);
      s.i++;
    }
    w.span = span(overSpan, prevEnd(s));
    return w;
  }
  const close = closeOf(s, s.i);
  const end = close < 0 ? s.toks.length : close;
  s.i++;
  const saved = s.clause;
  s.clause = 'window';
  for (let guard = 0; s.i < end && guard < 100000; guard++) {
    if (isWord(peek(s), 'PARTITION') && isWord(peek(s, 1), 'BY')) {
      s.i += 2;
      w.partitionBy = parseList(s, () => parseExpr(s));
    } else if (isWord(peek(s), 'ORDER') && isWord(peek(s, 1), 'BY')) {
      s.i += 2;
      w.orderBy = parseList(s, () => {
        const e = parseExpr(s);
        accept(s, 'ASC', 'DESC');
        if (accept(s, 'NULLS')) accept(s, 'FIRST', 'LAST');
        return e;
      });
    } else if (
      FRAME_WORDS.has(peek(s)!.upper) ||
      peek(s)!.kind === 'number' ||
      peek(s)!.kind === 'param'
    )
      s.i++;
    else skipTo(s, s.i + 1, 'it was not understood in the OVER clause');
  }
  s.clause = saved;
  closeAt(s, close);
  w.span = span(overSpan, prevEnd(s));
  return w;
}

/** `( a, b )` of a CTE's or derived table's column list or USING: the names up to `end` (the closing paren), which it passes. */
function nameList(s: State, end: number): Located<string>[] {
  const out: Located<string>[] = [];
  s.i++;
  while (s.i < end) {
    const t = tok(s, s.i);
    if (t.kind === 'word' || t.kind === 'quoted') out.push({ value: identName(t), span: t.span });
    else if (t.text !== ',') {
      skipTo(s, s.i + 1, 'a column name was expected here');
      continue;
    }
    s.i++;
  }
  closeAt(s, end < s.toks.length ? end : -1);
  return out;
}

function textOf(s: State, sp: Span): string {
  return s.source.slice(sp.start, sp.end);
}

/**
 * Lexer-level constructs of rule 37, with their replacement where one is mechanical. The first
 * `fromCte` CTEs are a resumed build's reused ones, whose entries the list holds already.
 */
function scanUnsupported(s: State, fromCte: number): void {
  const { model } = s;
  const walkAll = (visit: (e: Expr) => void) => {
    const seen = new Set<Query>();
    const visitQuery = (q: Query) => {
      if (seen.has(q)) return;
      seen.add(q);
      for (const sel of q.selects) {
        const exprs: Expr[] = selectExprs(sel);
        for (const ref of sel.from) {
          if (ref.join?.on) exprs.push(ref.join.on);
          if (ref.subquery) visitQuery(ref.subquery);
        }
        for (const e of exprs) walk(e, visit, visitQuery);
      }
      for (const e of q.orderBy?.items ?? []) walk(e, visit, visitQuery);
    };
    for (const c of model.ctes.slice(fromCte)) visitQuery(c.query);
    visitQuery(model.final);
  };
  walkAll((e) => {
    if (e.kind === 'cast' && e.form === '::') {
      model.unsupported.push({
        kind: 'double-colon-cast',
        span: e.span,
        replacement: `CAST(${textOf(s, e.expr.span)} AS ${e.type})`,
      });
    } else if (e.kind === 'operator' && e.args.length === 2 && e.op === '^') {
      model.unsupported.push({
        kind: 'caret',
        span: e.span,
        replacement: `POWER(${textOf(s, e.args[0].span)}, ${textOf(s, e.args[1].span)})`,
      });
    } else if (e.kind === 'operator' && (e.op === '||/' || e.op === '|/')) {
      const fn = e.op === '||/' ? 'CBRT' : 'SQRT';
      model.unsupported.push({
        kind: e.op === '||/' ? 'cube-root-op' : 'square-root-op',
        span: e.span,
        ...(e.args.length === 1 ? { replacement: `${fn}(${textOf(s, e.args[0].span)})` } : {}),
      });
    } else if (e.kind === 'literal' && e.text === 'SYSDATE') {
      model.unsupported.push({ kind: 'sysdate', span: e.span, replacement: 'CURRENT_DATE' });
    } else if (e.kind === 'literal' && /^INTERVAL\s*'[^']*[a-z][^']*'$/i.test(e.text)) {
      // The unit inside the quotes, in any case and spacing: `interval '7 days'`, `'3 hours, 35 minutes'`.
      const m = /^INTERVAL\s*'\s*([\d.]+)\s*([a-z]+)\s*'$/i.exec(e.text);
      model.unsupported.push({
        kind: 'interval-literal',
        span: e.span,
        ...(m ? { replacement: `INTERVAL '${m[1]}' ${m[2].toUpperCase()}` } : {}),
      });
    }
  });
  const topSelects = [...model.ctes.slice(fromCte).map((c) => c.query), model.final].flatMap((q) =>
    q.selects.map((sel) => ({ sel, q })),
  );
  for (const { sel, q } of topSelects) {
    if (!sel.top) continue;
    const num = s.toks.find((t) => t.span.start >= sel.top!.start && t.kind === 'number');
    model.unsupported.push({
      kind: 'top',
      span: sel.top,
      limit: num?.text ?? '',
      queryEnd: q.span.end,
    });
  }
  model.unsupported.sort((a, b) => a.span.start - b.span.start);
}

function walk(e: Expr, visit: (e: Expr) => void, visitQuery: (q: Query) => void): void {
  visit(e);
  if (e.kind === 'subquery') visitQuery(e.subquery.query);
  for (const k of exprChildren(e)) walk(k, visit, visitQuery);
}

export function identName(t: Token): string {
  if (t.kind === 'quoted')
    return t.text
      .slice(1, t.unterminated ? undefined : -1)
      .replace(/""/g, '"')
      .replace(/``/g, '`');
  if (t.kind === 'string') return t.text.slice(1, -1);
  return t.text;
}

/**
 * Lookup key: identifiers fold to lower case, quoted ones too ("Both regular identifiers and
 * delimited identifiers are case-insensitive": Spark SQL reference, Identifiers; the legacy
 * engine folds delimited identifiers by default as well).
 */
export function identKey(t: Token): string {
  return identName(t).toLowerCase();
}
