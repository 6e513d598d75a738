// The emulator's protected queries run on the extension's local engine (client/src/local/engine.ts,
// SQLite through sql.js): seed rows are keyed by column name, the engine takes cells in column
// order, and the result is written as Clean Rooms writes a CSV result.
import type { SqlValue } from 'sql.js';
import type { TypedValue } from '../../client/src/aws/parameterValues';
import { toCsv } from '../../client/src/aws/results';
import { runQuery as runEngine, type QueryResult } from '../../client/src/local/engine';
import type { SeedColumn } from './seed';

export interface QueryTable {
  name: string;
  columns: SeedColumn[];
  rows: Record<string, unknown>[];
}

function cell(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Runs `sql` (one statement) over `tables`, binding `params` by name. Throws the engine's error on bad SQL. */
export function runQuery(
  tables: QueryTable[],
  sql: string,
  params: Record<string, TypedValue>,
): Promise<QueryResult> {
  return runEngine(
    tables.map((t) => ({
      ...t,
      rows: t.rows.map((row) => t.columns.map((c) => cell(row[c.name]))),
    })),
    sql,
    params,
  );
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
