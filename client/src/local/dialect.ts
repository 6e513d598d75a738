// The distance between Spark SQL (what Clean Rooms runs) and SQLite (the local engine), bridged
// where a template would otherwise get a silently different answer or a bare SQLite error:
// - CAST(x AS STRING | DATE | TIMESTAMP…) would take SQLite's NUMERIC affinity ('007' → 7,
//   '2024-01-31' → 2024): the type is mapped to TEXT, which keeps the canonical text; a CAST to
//   DATE also keeps only the date part, as Spark does ('2024-03-10 10:00:00' → '2024-03-10').
// - Spark's typed literals DATE '…' and TIMESTAMP '…' are their text.
// - Functions Spark has and SQLite lacks, added: the variance/stddev family, ANY_VALUE,
//   APPROX_COUNT_DISTINCT (exact here), SKEWNESS, PERCENTILE, APPROX_PERCENTILE/PERCENTILE_APPROX (exact
//   here), NVL, YEAR, MONTH, DAY/DAYOFMONTH, DAYOFWEEK, DAYOFYEAR, HOUR, MINUTE, SECOND,
//   DATEDIFF/DATE_DIFF, TO_DATE, TO_TIMESTAMP, DATE_ADD, DATE_SUB, ADD_MONTHS, LAST_DAY,
//   DATE_TRUNC, LPAD, RPAD, MD5.
// - PERCENTILE_CONT/PERCENTILE_DISC … WITHIN GROUP is refused with a message; other missing
//   functions are named by engine.ts.
import { createHash } from 'node:crypto';
import type { Database, SqlValue } from 'sql.js';

/** sql.js has had `create_aggregate` since 1.8; @types/sql.js does not declare it yet. */
type AggregateDatabase = Database & {
  create_aggregate<S>(
    name: string,
    fns: {
      init: () => S;
      step: (state: S, ...values: SqlValue[]) => S;
      finalize: (state: S) => SqlValue;
    },
  ): void;
};

const TEXT_CASTS = /^(string|date|timestamp|timestamp_ntz|timestamp_ltz)$/i;

/** Wraps a CAST to DATE so it keeps only the date part (see spark_date below). */
const SPARK_DATE = 'spark_date';

/** The SQL with Spark's text-like CAST targets as TEXT and typed literals as text; string literals, quoted names and comments untouched. */
export function sqliteDialect(sql: string): string {
  if (/\bwithin\s+group\b/i.test(stripLiterals(sql)))
    throw new Error(
      'PERCENTILE_CONT / PERCENTILE_DISC … WITHIN GROUP is Spark SQL the local engine (SQLite) cannot run. Run the template in AWS.',
    );
  let out = '';
  let i = 0;
  let depth = 0;
  // Open CASTs: where each starts in `out` and the parenthesis depth inside it.
  const casts: { at: number; depth: number }[] = [];
  while (i < sql.length) {
    const skipped = skipLiteral(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const rest = sql.slice(i);
    const wordStart = !/\w/.test(sql[i - 1] ?? '');
    const typed = wordStart && /^(DATE|TIMESTAMP)\s*(?=')/i.exec(rest);
    if (typed) {
      i += typed[0].length;
      continue;
    }
    const open = wordStart && /^CAST\s*\(/i.exec(rest);
    if (open) {
      casts.push({ at: out.length, depth: ++depth });
      out += open[0];
      i += open[0].length;
      continue;
    }
    const target = wordStart && /^AS(\s+)([A-Za-z_]+)(\s*)\)/i.exec(rest);
    if (target && TEXT_CASTS.test(target[2])) {
      const cast = casts.at(-1)?.depth === depth ? casts.pop() : undefined;
      const closed = `AS${target[1]}TEXT${target[3]})`;
      out =
        cast && /^date$/i.test(target[2])
          ? `${out.slice(0, cast.at)}${SPARK_DATE}(${out.slice(cast.at)}${closed})`
          : out + closed;
      depth--;
      i += target[0].length;
      continue;
    }
    if (sql[i] === '(') depth++;
    if (sql[i] === ')') {
      if (casts.at(-1)?.depth === depth) casts.pop();
      depth--;
    }
    out += sql[i++];
  }
  return out;
}

/** Where a literal, quoted identifier or comment starting at `i` ends; `i` when none starts there. */
function skipLiteral(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1;
    while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
    return j + 1;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

function stripLiterals(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length;) {
    const j = skipLiteral(sql, i);
    if (j > i) {
      out += ' ';
      i = j;
    } else out += sql[i++];
  }
  return out;
}

const sqrtOrNull = (v: number | null) => (v === null ? null : Math.sqrt(v));

const variance = (population: boolean) => (values: number[]) => {
  const n = values.length;
  if (n === 0 || (!population && n === 1)) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (population ? n : n - 1);
};

/** 'YYYY-MM-DD…' → its parts; NULL for anything else, as Spark gives for an unparsable date. */
function datePart(index: number) {
  return (value: SqlValue): SqlValue => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
    return m ? Number(m[index]) : null;
  };
}

function epochDay(value: SqlValue): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Spark's DATEDIFF / DATE_DIFF(end, start): whole days from start to end. */
function daysBetween(end: SqlValue, start: SqlValue): SqlValue {
  const [e, s] = [epochDay(end), epochDay(start)];
  return e === undefined || s === undefined ? null : e - s;
}

/** Spark's SKEWNESS: the population skewness; NULL without values or spread. */
function skewness(values: number[]): number | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const m2 = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const m3 = values.reduce((a, b) => a + (b - mean) ** 3, 0) / n;
  return m2 === 0 ? null : m3 / m2 ** 1.5;
}

/** HOUR, MINUTE, SECOND of a 'YYYY-MM-DD HH:MM:SS' text (a bare date is midnight). */
function timePart(index: number) {
  return (value: SqlValue): SqlValue => {
    const m = /^\d{4}-\d{2}-\d{2}(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(String(value ?? ''));
    return m ? Number(m[index] ?? 0) : null;
  };
}

/** Spark's DAYOFWEEK (1 = Sunday … 7 = Saturday) and DAYOFYEAR. */
function weekDay(value: SqlValue): SqlValue {
  const day = epochDay(value);
  return day === undefined ? null : ((((day + 4) % 7) + 7) % 7) + 1;
}
function yearDay(value: SqlValue): SqlValue {
  const day = epochDay(value);
  if (day === undefined) return null;
  const year = new Date(day * 86_400_000).getUTCFullYear();
  return day - Date.UTC(year, 0, 1) / 86_400_000 + 1;
}

/** TO_TIMESTAMP(text): the canonical 'YYYY-MM-DD HH:MM:SS' (a bare date is midnight); NULL otherwise. */
function toTimestamp(value: SqlValue): SqlValue {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?))?$/.exec(
    String(value ?? '').trim(),
  );
  return m ? `${m[1]} ${m[2] ?? '00:00:00'}` : null;
}

/** Spark's PERCENTILE: exact, interpolating between the two nearest values. */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/** APPROX_PERCENTILE, exact: the smallest value with at least a fraction p of the values at or below it. */
function percentileValue(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}
const dayText = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const fromEpochDay = (day: number) => dayText(new Date(day * 86_400_000));

/** The 'YYYY-MM-DD' of a date or timestamp text, NULL when it is not one (Spark's CAST gives NULL too). */
function dateOf(value: SqlValue): SqlValue {
  const day = epochDay(value);
  return day === undefined ? null : fromEpochDay(day);
}

function addDays(sign: 1 | -1) {
  return (value: SqlValue, days: SqlValue): SqlValue => {
    const day = epochDay(value);
    return day === undefined || typeof days !== 'number' ? null : fromEpochDay(day + sign * days);
  };
}

/** Spark 3's ADD_MONTHS: the same day of the month, or the month's last day when it has fewer. */
function addMonths(value: SqlValue, months: SqlValue): SqlValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value ?? ''));
  if (!m || typeof months !== 'number') return null;
  const first = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(Number(m[3]), last));
  return dayText(first);
}

function lastDay(value: SqlValue): SqlValue {
  const m = /^(\d{4})-(\d{2})/.exec(String(value ?? ''));
  return m ? dayText(new Date(Date.UTC(Number(m[1]), Number(m[2]), 0))) : null;
}

/** Spark's DATE_TRUNC(unit, timestamp): the timestamp text cut down to the unit; NULL for an unknown unit. */
function dateTrunc(unit: SqlValue, value: SqlValue): SqlValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(String(value ?? ''));
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0));
  const at = (parts: number[]) => {
    const t = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
    return `${dayText(t)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  };
  switch (String(unit ?? '').toUpperCase()) {
    case 'YEAR':
    case 'YYYY':
    case 'YY':
      return at([y, 1, 1, 0, 0, 0]);
    case 'QUARTER':
      return at([y, mo - ((mo - 1) % 3), 1, 0, 0, 0]);
    case 'MONTH':
    case 'MM':
    case 'MON':
      return at([y, mo, 1, 0, 0, 0]);
    case 'WEEK': {
      const weekday = (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
      return at([y, mo, d - weekday, 0, 0, 0]);
    }
    case 'DAY':
    case 'DD':
      return at([y, mo, d, 0, 0, 0]);
    case 'HOUR':
      return at([y, mo, d, h, 0, 0]);
    case 'MINUTE':
      return at([y, mo, d, h, mi, 0]);
    case 'SECOND':
      return at([y, mo, d, h, mi, s]);
    default:
      return null;
  }
}

/** Spark's LPAD/RPAD: padded with `fill` to `length` characters, or cut to it when longer. */
function padTo(left: boolean) {
  return (value: SqlValue, length: SqlValue, fill: SqlValue): SqlValue => {
    if (value === null || typeof length !== 'number' || fill === null) return null;
    const text = String(value);
    if (length <= text.length) return text.slice(0, Math.max(0, length));
    const filler = String(fill);
    if (!filler) return text;
    return left ? text.padStart(length, filler) : text.padEnd(length, filler);
  };
}

export function addSparkFunctions(database: Database): void {
  const db = database as AggregateDatabase;
  const statistics: Record<string, (values: number[]) => number | null> = {
    var_samp: variance(false),
    variance: variance(false),
    var_pop: variance(true),
    stddev: (v) => sqrtOrNull(variance(false)(v)),
    stddev_samp: (v) => sqrtOrNull(variance(false)(v)),
    stddev_pop: (v) => sqrtOrNull(variance(true)(v)),
    skewness,
  };
  for (const [name, finish] of Object.entries(statistics)) {
    db.create_aggregate<number[]>(name, {
      init: () => [],
      step: (state, value) => {
        if (value !== null) state.push(Number(value));
        return state;
      },
      finalize: finish,
    });
  }
  const percentiles: Record<string, (values: number[], p: number) => number | null> = {
    percentile,
    approx_percentile: percentileValue,
    percentile_approx: percentileValue,
  };
  for (const [name, finish] of Object.entries(percentiles)) {
    db.create_aggregate<{ values: number[]; p: number }>(name, {
      init: () => ({ values: [], p: NaN }),
      step: (state, value, p) => {
        if (typeof p !== 'number' || p < 0 || p > 1)
          throw new Error(`${name.toUpperCase()}: the percentage must be a number from 0 to 1`);
        if (value !== null) state.values.push(Number(value));
        state.p = p;
        return state;
      },
      finalize: (state) => finish(state.values, state.p),
    });
  }
  db.create_aggregate<{ value: SqlValue }>('any_value', {
    init: () => ({ value: null }),
    step: (state, value) => (state.value === null ? { value } : state),
    finalize: (state) => state.value,
  });
  db.create_aggregate<Set<SqlValue>>('approx_count_distinct', {
    init: () => new Set(),
    step: (state, value) =>
      value === null
        ? state
        : state.add(value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value),
    finalize: (state) => state.size,
  });
  db.create_function('nvl', (a: SqlValue, b: SqlValue) => a ?? b);
  db.create_function('year', datePart(1));
  db.create_function('month', datePart(2));
  db.create_function('day', datePart(3));
  db.create_function('dayofmonth', datePart(3));
  db.create_function('datediff', daysBetween);
  db.create_function('date_diff', daysBetween);
  db.create_function('dayofweek', weekDay);
  db.create_function('dayofyear', yearDay);
  db.create_function('hour', timePart(1));
  db.create_function('minute', timePart(2));
  db.create_function('second', timePart(3));
  db.create_function('to_timestamp', toTimestamp);
  db.create_function(SPARK_DATE, dateOf);
  db.create_function('to_date', dateOf);
  db.create_function('date_add', addDays(1));
  db.create_function('date_sub', addDays(-1));
  db.create_function('add_months', addMonths);
  db.create_function('last_day', lastDay);
  db.create_function('date_trunc', dateTrunc);
  db.create_function('lpad', padTo(true));
  db.create_function('rpad', padTo(false));
  db.create_function('md5', (value: SqlValue) =>
    value === null
      ? null
      : createHash('md5')
          .update(value instanceof Uint8Array ? value : String(value))
          .digest('hex'),
  );
}
