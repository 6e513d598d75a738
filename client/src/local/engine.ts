// Runs a template's SQL over sample rows with SQLite (sql.js: SQLite compiled to WebAssembly, no
// native code, no network). Shared by Run Locally (in a worker thread, see worker.ts) and the
// emulator's protected queries. A fresh in-memory database per query: no query sees another's
// leftovers. Parameter values are bound as typed SQLite values through SQLite's own `:name`
// parameters, never spliced into the SQL text. Dates and timestamps are canonical text
// ('YYYY-MM-DD HH:MM:SS'), which compares in time order. The distance to Spark SQL is bridged in
// dialect.ts; any other function SQLite lacks fails with a message naming it.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { TypedValue } from '../aws/parameterValues';
import { addSparkFunctions, sqliteDialect } from './dialect';

export interface EngineColumn {
  name: string;
  type: string;
}

export interface QueryTable {
  name: string;
  columns: EngineColumn[];
  /** Cells in the order of `columns`. */
  rows: readonly (readonly SqlValue[])[];
}

export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

/** Where sql-wasm.wasm is when the engine is bundled (the worker passes it); sql.js finds its own otherwise. */
export interface EngineOptions {
  wasmPath?: string;
}

let engine: Promise<SqlJsStatic> | undefined;

function sqlite(options: EngineOptions): Promise<SqlJsStatic> {
  const { wasmPath } = options;
  engine ??= initSqlJs(wasmPath ? { locateFile: () => wasmPath } : undefined);
  return engine;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type ColumnKind = 'integer' | 'real' | 'boolean' | 'text';

/** How a schema column type is stored: SQLite affinity, and how a CSV cell is read. */
export function columnKind(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (t === 'boolean') return 'boolean';
  if (/^(tinyint|smallint|int|integer|bigint|long|short|byte)$/.test(t)) return 'integer';
  if (/^(double|float|real|decimal|numeric)/.test(t)) return 'real';
  return 'text';
}

const AFFINITY: Record<ColumnKind, string> = {
  integer: 'INTEGER',
  boolean: 'INTEGER',
  real: 'REAL',
  text: 'TEXT',
};

/** SQLite's "no such function" said in terms of the template: the local engine is not Spark. */
function explain(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const missing = /no such function: (\w+)/i.exec(message);
  if (missing)
    return new Error(
      `${missing[1].toUpperCase()} is a Spark SQL function the local engine (SQLite) does not have, so this template cannot run locally. Run it in AWS, or use an equivalent SQLite has.`,
    );
  return new Error(`The local engine (SQLite) refused the query: ${message}`);
}

export const bindValue = (value: TypedValue): SqlValue =>
  typeof value === 'boolean' ? (value ? 1 : 0) : value;

/**
 * Rows per INSERT: each statement call crosses from JS into WebAssembly, so fewer, larger ones
 * load faster (300,000 rows: about 40% less time in a fresh worker, as every run is; 10% once
 * warm). SQLite allows at most 32,766 bound values a statement.
 */
const batchRows = (columns: number) => Math.max(1, Math.min(256, Math.floor(32_766 / columns)));

function insertRows(db: Database, t: QueryTable): void {
  if (t.rows.length === 0) return;
  const tuple = `(${t.columns.map(() => '?').join(', ')})`;
  const into = `INSERT INTO ${quoteIdent(t.name)} VALUES `;
  const size = batchRows(t.columns.length);
  const batch = db.prepare(into + Array<string>(size).fill(tuple).join(', '));
  const full = t.rows.length - (t.rows.length % size);
  db.run('BEGIN');
  for (let i = 0; i < full; i += size) batch.run(t.rows.slice(i, i + size).flat());
  batch.free();
  if (full < t.rows.length) {
    const rest = db.prepare(
      into +
        Array<string>(t.rows.length - full)
          .fill(tuple)
          .join(', '),
    );
    rest.run(t.rows.slice(full).flat());
    rest.free();
  }
  db.run('COMMIT');
}

/** Runs `sql` (one statement) over `tables`, binding `params` by name. Throws an Error saying why on bad SQL. */
export async function runQuery(
  tables: readonly QueryTable[],
  sql: string,
  params: Record<string, TypedValue>,
  options: EngineOptions = {},
): Promise<QueryResult> {
  const SQL = await sqlite(options);
  const db = new SQL.Database();
  try {
    addSparkFunctions(db);
    for (const t of tables) {
      db.run(
        `CREATE TABLE ${quoteIdent(t.name)} (${t.columns.map((c) => `${quoteIdent(c.name)} ${AFFINITY[columnKind(c.type)]}`).join(', ')})`,
      );
      insertRows(db, t);
    }
    let statement;
    try {
      statement = db.prepare(sqliteDialect(sql));
    } catch (err) {
      throw explain(err);
    }
    try {
      const bound: Record<string, SqlValue> = {};
      for (const [name, value] of Object.entries(params)) bound[`:${name}`] = bindValue(value);
      statement.bind(bound);
      const rows: SqlValue[][] = [];
      while (statement.step()) rows.push(statement.get());
      return { columns: statement.getColumnNames(), rows };
    } catch (err) {
      throw explain(err);
    } finally {
      statement.free();
    }
  } finally {
    db.close();
  }
}
