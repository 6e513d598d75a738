// Runs a protected query's SQL over the seed's sample rows with SQLite (sql.js: SQLite compiled
// to WebAssembly, shipped inside its npm package, ~50 ms to load). A fresh in-memory database per
// query: sample data is small, and no query can see another's leftovers. Parameter values are
// bound as typed SQLite values through SQLite's own `:name` parameters, never spliced into text.
// Dates and timestamps are canonical text ('YYYY-MM-DD HH:MM:SS'), which compares in time order.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { TypedValue } from '../../client/src/aws/parameterValues';
import { toCsv } from '../../client/src/aws/results';
import type { SeedColumn } from './seed';

export interface QueryTable {
  name: string;
  columns: SeedColumn[];
  rows: Record<string, unknown>[];
}

export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

let engine: Promise<SqlJsStatic> | undefined;

function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function affinity(type: string): string {
  const t = type.toLowerCase();
  if (/^(tinyint|smallint|int|integer|bigint|long|short|byte|boolean)$/.test(t)) return 'INTEGER';
  if (/^(double|float|real|decimal|numeric)/.test(t)) return 'REAL';
  return 'TEXT';
}

function cell(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** sql.js has had `create_aggregate` since 1.8; @types/sql.js does not declare it yet. */
type AggregateDatabase = Database & {
  create_aggregate(
    name: string,
    fns: {
      init: () => number[];
      step: (state: number[], value: SqlValue) => number[];
      finalize: (state: number[]) => number | null;
    },
  ): void;
};

/** Sample (n-1) and population variance, as Clean Rooms SQL names them; SQLite has none. */
function addStatistics(db: AggregateDatabase): void {
  const variance = (population: boolean) => (values: number[]) => {
    const n = values.length;
    if (n === 0 || (!population && n === 1)) return null;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (population ? n : n - 1);
  };
  const aggregates: Record<string, (values: number[]) => number | null> = {
    var_samp: variance(false),
    variance: variance(false),
    var_pop: variance(true),
    stddev: (v) => sqrtOrNull(variance(false)(v)),
    stddev_samp: (v) => sqrtOrNull(variance(false)(v)),
    stddev_pop: (v) => sqrtOrNull(variance(true)(v)),
  };
  for (const [name, finish] of Object.entries(aggregates)) {
    db.create_aggregate(name, {
      init: () => [] as number[],
      step: (state: number[], value: SqlValue) => {
        if (value !== null) state.push(Number(value));
        return state;
      },
      finalize: (state: number[]) => finish(state),
    });
  }
}

const sqrtOrNull = (v: number | null) => (v === null ? null : Math.sqrt(v));

/** Runs `sql` (one statement) over `tables`, binding `params` by name. Throws SQLite's error on bad SQL. */
export async function runQuery(
  tables: QueryTable[],
  sql: string,
  params: Record<string, TypedValue>,
): Promise<QueryResult> {
  const SQL = await sqlite();
  const db = new SQL.Database();
  try {
    addStatistics(db as AggregateDatabase);
    for (const t of tables) {
      db.run(
        `CREATE TABLE ${quoteIdent(t.name)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${affinity(c.type)}`).join(', ')})`,
      );
      if (t.rows.length === 0) continue;
      const insert = db.prepare(
        `INSERT INTO ${quoteIdent(t.name)} VALUES (${t.columns.map(() => '?').join(', ')})`,
      );
      for (const row of t.rows) insert.run(t.columns.map((c) => cell(row[c.name])));
      insert.free();
    }
    const statement = db.prepare(sql);
    try {
      const bound: Record<string, SqlValue> = {};
      for (const [name, value] of Object.entries(params))
        bound[`:${name}`] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
      statement.bind(bound);
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get());
      return { columns: statement.getColumnNames(), rows };
    } finally {
      statement.free();
    }
  } finally {
    db.close();
  }
}

/** The result as Clean Rooms writes a CSV result (the client's writer, so both sides agree); NULL is an empty field. */
export function resultCsv(result: QueryResult): string {
  return toCsv(
    result.columns,
    result.rows.map((row) =>
      row.map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)),
    ),
  );
}
