// Sample rows for Run Locally: one CSV (or Parquet file, parquetSample.ts) per table in
// `cleanrooms.sample/` beside the schema file, a CSV's header naming the table's columns (any order). Cells are read by the schema's column type:
// an empty cell is NULL, numbers must be numbers, booleans true/false. Plain Node, no vscode.
import type { SqlValue } from 'sql.js';
import { join } from 'node:path';
import { parseCsv, toCsv } from '../aws/results';
import { columnKind, type EngineColumn, type QueryTable } from './engine';

export const SAMPLE_FOLDER = 'cleanrooms.sample';

export interface SchemaTable {
  name: string;
  columns: EngineColumn[];
}

/** The tables and columns of a `cleanrooms.schema.json` text; throws saying what is wrong. */
export function schemaTables(text: string): SchemaTable[] {
  const doc = JSON.parse(text) as { tables?: unknown };
  if (!Array.isArray(doc.tables)) throw new Error('the schema file has no "tables" list');
  return doc.tables.map((t: { name?: unknown; columns?: unknown }, i) => {
    if (typeof t.name !== 'string' || !Array.isArray(t.columns))
      throw new Error(`table ${i + 1} needs a "name" and "columns"`);
    const columns = t.columns.map((c: { name?: unknown; type?: unknown }) => {
      if (typeof c.name !== 'string' || typeof c.type !== 'string')
        throw new Error(`table ${t.name}: every column needs a "name" and a "type"`);
      return { name: c.name, type: c.type };
    });
    return { name: t.name, columns };
  });
}

/** `<schema folder>/cleanrooms.sample/<table>.csv`. */
export function sampleCsvPath(schemaDir: string, table: string): string {
  return join(schemaDir, SAMPLE_FOLDER, `${table}.csv`);
}

/** `<schema folder>/cleanrooms.sample/<table>.parquet`: read when the table has no CSV. */
export function sampleParquetPath(schemaDir: string, table: string): string {
  return join(schemaDir, SAMPLE_FOLDER, `${table}.parquet`);
}

/** A CSV with the table's column names and no rows: what Create Sample Data Files writes. */
export function emptySampleCsv(table: SchemaTable): string {
  return toCsv(
    table.columns.map((c) => c.name),
    [],
  );
}

function readCell(kind: ReturnType<typeof columnKind>, text: string): SqlValue | undefined {
  if (text === '') return null;
  const v = text.trim();
  switch (kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
    case 'real':
      return v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
    case 'boolean':
      return /^(true|false)$/i.test(v) ? (v.toLowerCase() === 'true' ? 1 : 0) : undefined;
    case 'text':
      return text;
  }
}

/** The table's rows from its CSV text, in the schema's column order; throws naming the file, row and column of a bad cell. */
export function loadSampleTable(table: SchemaTable, csv: string, file: string): QueryTable {
  const { columns: header, rows } = parseCsv(csv);
  const position = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = table.columns
    .filter((c) => !position.has(c.name.toLowerCase()))
    .map((c) => c.name);
  if (missing.length)
    throw new Error(
      `${file}: the header lacks column(s) ${missing.join(', ')} of table ${table.name}`,
    );
  const extra = header.filter(
    (h) => !table.columns.some((c) => c.name.toLowerCase() === h.trim().toLowerCase()),
  );
  if (extra.length)
    throw new Error(
      `${file}: column(s) ${extra.join(', ')} are not in table ${table.name} of the schema`,
    );
  const readers = table.columns.map((c) => ({
    at: position.get(c.name.toLowerCase())!,
    kind: columnKind(c.type),
    column: c,
  }));
  const out: SqlValue[][] = [];
  for (const [i, r] of rows.entries()) {
    if (r.every((cell) => cell === '')) continue;
    out.push(
      readers.map(({ at, kind, column }) => {
        const value = readCell(kind, r[at] ?? '');
        if (value === undefined)
          throw new Error(
            `${file}, line ${i + 2}: "${r[at]}" is not a ${column.type} (column ${column.name})`,
          );
        return value;
      }),
    );
  }
  return { name: table.name, columns: table.columns, rows: out };
}
