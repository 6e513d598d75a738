// Spark SQL forms that node-sql-parser's redshift grammar (the syntax gate) does not take, each
// with a same-length stand-in it does take: keyword-spelled names, `backticks`, Spark type names,
// SUBSTRING(x FROM a FOR b), typed number literals, plural interval units, ... Only the gate's
// copy of the text changes; every other check reads the original, at the same offsets.
import { GATE_NILADIC, NON_QUERY_KEYWORDS, QUERY_KEYWORDS } from './keywordRoles';
import { isInfixDiv, keywordIsName } from './keywords';
import type { Token } from './lexer';

/** A replacement of `[start, end)` (offsets relative to the body); `text` is padded with blanks. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Spark type names the parser does not know; `DEC(p, s)` takes its parentheses along. */
const SPARK_TYPES = new Set([
  'STRING',
  'BYTE',
  'SHORT',
  'LONG',
  'TIMESTAMP_NTZ',
  'TIMESTAMP_LTZ',
  'DEC',
  'BINARY',
]);

/** Spark's typed literals beyond DATE / TIMESTAMP / TIME 'literal', which the parser knows. */
export const TYPED_LITERALS = new Set(['TIMESTAMP_NTZ', 'TIMESTAMP_LTZ']);

/** Spark's parameterised types, `ARRAY<INT>`, `MAP<STRING, INT>`, `STRUCT<a: INT>`: the parser knows none. */
export const NESTED_TYPES = new Set(['ARRAY', 'MAP', 'STRUCT']);

/**
 * Niladic functions Spark calls without parentheses that the parser does not know bare; each
 * becomes CURRENT_DATE, which the parser takes as a value (both are 12 characters).
 */
/** Interval units (Spark takes the plurals too); the parser gets `DAY`. */
const INTERVAL_UNITS = new Set([
  'YEAR',
  'YEARS',
  'MONTH',
  'MONTHS',
  'WEEK',
  'WEEKS',
  'DAY',
  'DAYS',
  'HOUR',
  'HOURS',
  'MINUTE',
  'MINUTES',
  'SECOND',
  'SECONDS',
  'MILLISECOND',
  'MILLISECONDS',
  'MICROSECOND',
  'MICROSECONDS',
]);

/** EXTRACT fields of Spark the parser does not take (it knows YEAR, MONTH, DAY, DOW, ...). */
const EXTRACT_FIELDS = new Set([
  'Y',
  'YR',
  'YRS',
  'YEARS',
  'YEAROFWEEK',
  'QTR',
  'MON',
  'MONS',
  'MONTHS',
  'W',
  'WEEKS',
  'D',
  'DAYS',
  'DAYOFWEEK',
  'DAYOFWEEK_ISO',
  'DOW_ISO',
  'H',
  'HR',
  'HRS',
  'HOURS',
  'M',
  'MIN',
  'MINS',
  'MINUTES',
  'S',
  'SEC',
  'SECS',
  'SECONDS',
]);

/** The `>` that closes the `<` at `toks[open]` of a nested type; -1 when there is none. */
export function angleClose(toks: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    const x = toks[k].text;
    if (x === '<') depth++;
    else if (x === '>') depth--;
    else if (x === '(' || x === ')' || x === ';') return -1;
    if (depth <= 0) return depth === 0 ? k : -1;
  }
  return -1;
}

/** `t` ends a value a subscript may follow: a name, a call's or subscript's closing bracket. */
const endsValue = (t: Token | undefined) =>
  !!t && (t.kind === 'word' || t.kind === 'quoted' || t.text === ')' || t.text === ']');

/** The `]` that closes the `[` at `toks[open]`; -1 when there is none before the statement ends. */
export function bracketClose(toks: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    const x = toks[k].text;
    if (x === '[') depth++;
    else if (x === ']' && --depth === 0) return k;
    else if (x === ';') return -1;
  }
  return -1;
}

/** `toks[i]` is the X of a binary literal X'0A' (the string follows with no space). */
export function isBinaryLiteralPrefix(toks: Token[], i: number): boolean {
  const t = toks[i];
  const next = toks[i + 1];
  return (
    t.kind === 'word' &&
    t.upper === 'X' &&
    next?.kind === 'string' &&
    next.span.start === t.span.end
  );
}

/** `IS DISTINCT FROM` or `IS NOT DISTINCT FROM` starts at `toks[i]`. */
function isDistinctFrom(toks: Token[], i: number): boolean {
  const k = toks[i + 1]?.upper === 'NOT' ? i + 2 : i + 1;
  return toks[k]?.upper === 'DISTINCT' && toks[k + 1]?.upper === 'FROM';
}

/**
 * The edits that make Spark-only forms parse. `toks` are the body's code tokens lexed with `base`;
 * `pairs` their paren partners (parens.ts).
 */
export function sparkFormEdits(toks: Token[], pairs: Int32Array, base: number): Edit[] {
  const edits: Edit[] = [];
  const closeOf = (open: number) => (open >= 0 && open < pairs.length ? pairs[open] : -1);
  const put = (t: Token, text: string) =>
    edits.push({ start: t.span.start - base, end: t.span.end - base, text });
  /** Tokens `[from, to]` become `text`. */
  const putRange = (from: number, to: number, text: string) =>
    edits.push({ start: toks[from].span.start - base, end: toks[to].span.end - base, text });
  /** A type name at `k` the parser does not know becomes `INT`. */
  const type = (k: number) => {
    const t = toks[k];
    if (t?.kind !== 'word') return;
    if (NESTED_TYPES.has(t.upper) && toks[k + 1]?.text === '<') {
      const close = angleClose(toks, k + 1);
      if (close > k) putRange(k, close, 'INT');
      return;
    }
    if (!SPARK_TYPES.has(t.upper)) return;
    const close = toks[k + 1]?.text === '(' ? closeOf(k + 1) : -1;
    putRange(k, close > k ? close : k, 'INT');
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const prev = toks[i - 1];
    const next = toks[i + 1];
    // Past the query, another statement (DP012's concern) keeps its keywords: `; DROP TABLE t`.
    if (t.text === ';') break;
    if (t.kind === 'quoted' && t.text.startsWith('`') && next?.text === '(') {
      // `max`(n): the parser calls no quoted name; the bare name (or any name) stands in.
      const bare = t.text.slice(1, -1);
      put(t, /^[a-z_]\w*$/i.test(bare) ? bare : 'F');
    } else if (t.kind === 'quoted' && t.text.startsWith('`')) {
      put(t, `"${t.text.slice(1, -1).replace(/["`]/g, '_')}"`);
    } else if (isBinaryLiteralPrefix(toks, i)) {
      // X'0A' (a binary literal): the parser gets the string alone.
      put(t, '');
    } else if (t.kind === 'number' && /[a-z]$/i.test(t.text)) {
      // 10L, 1.5D, 2BD: Spark's typed number literals.
      put(t, t.text.replace(/[a-z]+$/i, ''));
    } else if (t.text === '[' && endsValue(prev)) {
      // arr[i + 1]: the parser takes only a literal index. After a name the brackets become a
      // call's parentheses, so the index is still checked; elsewhere any index stands in as 0.
      const close = bracketClose(toks, i);
      const single = close === i + 2 && ['number', 'string', 'param'].includes(next.kind);
      if (close > i + 1 && !single) {
        if (prev.kind === 'word') {
          put(t, '(');
          put(toks[close], ')');
        } else putRange(i + 1, close - 1, '0');
      }
    } else if (
      t.text === '.' &&
      (next?.kind === 'word' || next?.kind === 'quoted') &&
      (prev?.text === ']' || (prev?.text === ')' && toks[closeOf(i - 1) - 1]?.kind === 'word'))
    ) {
      // arr[0].x.y, named_struct('x', 1).x: fields of a subscript or call; the parser knows neither.
      let last = i + 1;
      while (toks[last + 1]?.text === '.' && ['word', 'quoted'].includes(toks[last + 2]?.kind))
        last += 2;
      putRange(i, last, '');
      i = last;
    } else if (t.kind === 'operator') {
      if (t.text === '==') put(t, '=');
      else if (t.text === '&' || t.text === '|') put(t, '+');
      else if (t.text === '::') type(i + 1);
    } else if (t.kind !== 'word') {
      continue;
    } else if (TYPED_LITERALS.has(t.upper) && next?.kind === 'string') {
      // TIMESTAMP_NTZ '2024-01-01 00:00:00': a typed literal the parser takes as TIMESTAMP '...'.
      put(t, 'TIMESTAMP');
    } else if (GATE_NILADIC.has(t.upper) && next?.text !== '(' && prev?.text !== '.') {
      put(t, 'CURRENT_DATE');
    } else if (
      NON_QUERY_KEYWORDS.has(t.upper) &&
      next?.text !== '(' &&
      !(t.upper === 'RECURSIVE' && prev?.upper === 'WITH')
    ) {
      put(t, `_${t.text.slice(1)}`);
    } else if (QUERY_KEYWORDS.has(t.upper) && keywordIsName(toks, i)) {
      put(t, `_${t.text.slice(1)}`);
    } else if ((t.upper === 'CAST' || t.upper === 'TRY_CAST') && next?.text === '(') {
      if (t.upper === 'TRY_CAST') put(t, 'CAST'.padStart(t.text.length));
      for (
        let k = i + 2, close = closeOf(i + 1);
        k < close;
        k = toks[k].text === '(' ? closeOf(k) + 1 || close : k + 1
      ) {
        if (toks[k].upper === 'AS') type(k + 1);
      }
    } else if ((t.upper === 'SUBSTRING' || t.upper === 'SUBSTR') && next?.text === '(') {
      // SUBSTRING(x FROM a FOR b) is SUBSTRING(x, a, b).
      for (
        let k = i + 2, close = closeOf(i + 1);
        k < close;
        k = toks[k].text === '(' ? closeOf(k) + 1 || close : k + 1
      ) {
        if (toks[k].upper === 'FROM' || toks[k].upper === 'FOR') put(toks[k], ',');
      }
    } else if (
      t.upper === 'EXTRACT' &&
      next?.text === '(' &&
      EXTRACT_FIELDS.has(toks[i + 2]?.upper) &&
      toks[i + 3]?.upper === 'FROM'
    ) {
      // EXTRACT(DAYOFWEEK FROM x): the parser gets the plain call LEAST(1, x).
      put(t, 'LEAST'.padStart(t.text.length));
      put(toks[i + 2], '1');
      put(toks[i + 3], ',');
    } else if (
      t.upper === 'ALL' &&
      prev?.text === '(' &&
      toks[i - 2]?.kind === 'word' &&
      next?.text !== ')'
    ) {
      // COUNT(ALL x), STDDEV(ALL x): the default, spelled out.
      put(t, '');
    } else if (
      (t.upper === 'IGNORE' || t.upper === 'RESPECT') &&
      next?.upper === 'NULLS' &&
      prev?.text === ')' &&
      toks[i + 2]?.upper === 'OVER'
    ) {
      putRange(i, i + 1, '');
    } else if (
      t.upper === 'INTERVAL' &&
      next &&
      ['number', 'string', 'param'].includes(next.kind) &&
      INTERVAL_UNITS.has(toks[i + 2]?.upper)
    ) {
      put(toks[i + 2], 'DAY');
    } else if (isInfixDiv(toks, i)) {
      put(t, '/');
    } else if (t.upper === 'IS' && isDistinctFrom(toks, i)) {
      // a IS [NOT] DISTINCT FROM b: the parser takes only a name or string as b, so it gets a <> b.
      const from = toks[i + 1].upper === 'NOT' ? i + 3 : i + 2;
      putRange(i, from - 1, '');
      put(toks[from], '<>');
    } else if (t.upper === 'POSITION' && next?.text === '(') {
      // POSITION(a IN b): the parser takes only a string as a; POSITION(a, b) is the same call.
      for (
        let k = i + 2, close = closeOf(i + 1);
        k < close;
        k = toks[k].text === '(' ? closeOf(k) + 1 || close : k + 1
      ) {
        if (toks[k].upper === 'IN') put(toks[k], ',');
      }
    } else if (
      (t.upper === 'ALL' && prev?.upper === 'SELECT') ||
      ((t.upper === 'ALL' || t.upper === 'DISTINCT') &&
        (prev?.upper === 'INTERSECT' || prev?.upper === 'EXCEPT'))
    ) {
      put(t, '');
    }
  }
  return edits;
}
