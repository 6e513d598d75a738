// A table's sample rows from a Parquet file (`cleanrooms.sample/<table>.parquet`), read with
// hyparquet (pure JavaScript, MIT, no dependencies; Snappy built in, which is what Spark and
// DuckDB write by default). Columns are matched to the schema by name, any order, as for CSV;
// values are typed by the schema's column type the same way CSV cells are: integers and reals as
// numbers, booleans 1/0, dates and timestamps as the canonical text the engine compares
// ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS[.fff]'), anything else as text. Plain Node, no vscode.
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import type { SqlValue } from 'sql.js';
import { columnKind, type EngineColumn, type QueryTable } from './engine';
import type { SchemaTable } from './sampleData';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Parquet DATE or TIMESTAMP (hyparquet gives a UTC Date) as the engine's text. */
function dateText(d: Date, dateOnly: boolean): string {
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (dateOnly) return day;
  const ms = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${day} ${time}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/** One Parquet value as the engine stores it for the schema column; undefined when it cannot be. */
function typedValue(value: unknown, column: EngineColumn): SqlValue | undefined {
  if (value === null || value === undefined) return null;
  const kind = columnKind(column.type);
  if (kind === 'integer') {
    const n = typeof value === 'bigint' ? Number(value) : value;
    return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
  }
  if (kind === 'real') {
    const n = typeof value === 'bigint' ? Number(value) : value;
    return typeof n === 'number' ? n : undefined;
  }
  if (kind === 'boolean') return typeof value === 'boolean' ? (value ? 1 : 0) : undefined;
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? undefined
      : dateText(value, column.type.toLowerCase() === 'date');
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'object')
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** The table's rows from a Parquet file's bytes, in the schema's column order; throws naming the file, row and column of a bad value. */
export async function loadParquetTable(
  table: SchemaTable,
  bytes: Uint8Array,
  file: string,
): Promise<QueryTable> {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(buffer);
  } catch (err) {
    throw new Error(
      `${file} is not a Parquet file hyparquet can read (${(err as Error).message}).`,
      {
        cause: err,
      },
    );
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const position = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const missing = table.columns
    .filter((c) => !position.has(c.name.toLowerCase()))
    .map((c) => c.name);
  if (missing.length)
    throw new Error(
      `${file}: the file lacks column(s) ${missing.join(', ')} of table ${table.name}`,
    );
  const extra = names.filter(
    (n) => !table.columns.some((c) => c.name.toLowerCase() === n.toLowerCase()),
  );
  if (extra.length)
    throw new Error(
      `${file}: column(s) ${extra.join(', ')} are not in table ${table.name} of the schema`,
    );
  const columns = table.columns.map((c) => names[position.get(c.name.toLowerCase())!]);
  let read: unknown[][] = [];
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns,
      onComplete: (rows: unknown[][]) => {
        read = rows;
      },
    });
  } catch (err) {
    throw new Error(`${file} could not be read: ${(err as Error).message}`, { cause: err });
  }
  const rows = read.map((r, i) =>
    table.columns.map((column, j) => {
      const value = typedValue(r[j], column);
      if (value === undefined)
        throw new Error(
          `${file}, row ${i + 1}: ${String(r[j])} is not a ${column.type} (column ${column.name})`,
        );
      return value;
    }),
  );
  return { name: table.name, columns: table.columns, rows };
}
