// The distance between Spark SQL (what Clean Rooms runs) and SQLite (the local engine), bridged
// where a template would otherwise get a silently different answer or a bare SQLite error:
// - CAST(x AS STRING | DATE | TIMESTAMP…) would take SQLite's NUMERIC affinity ('007' → 7,
//   '2024-01-31' → 2024): the type is mapped to TEXT, which keeps the canonical text.
// - Functions Spark has and SQLite lacks, added: the variance/stddev family, ANY_VALUE,
//   APPROX_COUNT_DISTINCT (exact here), NVL, YEAR, MONTH, DAY/DAYOFMONTH, DATEDIFF.
// - PERCENTILE_CONT/PERCENTILE_DISC … WITHIN GROUP is refused with a message; other missing
//   functions are named by engine.ts.
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

/** The SQL with Spark's text-like CAST targets as TEXT; string literals, quoted names and comments untouched. */
export function sqliteDialect(sql: string): string {
  if (/\bwithin\s+group\b/i.test(stripLiterals(sql)))
    throw new Error(
      'PERCENTILE_CONT / PERCENTILE_DISC … WITHIN GROUP is Spark SQL the local engine (SQLite) cannot run. Run the template in AWS.',
    );
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteral(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const cast = /^\bAS(\s+)([A-Za-z_]+)(?=\s*\))/i.exec(sql.slice(i));
    if (cast && !/\w/.test(sql[i - 1] ?? '') && TEXT_CASTS.test(cast[2])) {
      out += `AS${cast[1]}TEXT`;
      i += cast[0].length;
      continue;
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

export function addSparkFunctions(database: Database): void {
  const db = database as AggregateDatabase;
  const statistics: Record<string, (values: number[]) => number | null> = {
    var_samp: variance(false),
    variance: variance(false),
    var_pop: variance(true),
    stddev: (v) => sqrtOrNull(variance(false)(v)),
    stddev_samp: (v) => sqrtOrNull(variance(false)(v)),
    stddev_pop: (v) => sqrtOrNull(variance(true)(v)),
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
  db.create_function('datediff', (end: SqlValue, start: SqlValue) => {
    const [e, s] = [epochDay(end), epochDay(start)];
    return e === undefined || s === undefined ? null : e - s;
  });
}
