// One local run: read the schema's tables and their sample files (CSV, else Parquet), run the
// SQL on the engine. What
// the worker thread does (worker.ts); plain Node, so it is tested without a worker or VS Code.
import { dirname } from 'node:path';
import type { TypedValue } from '../aws/parameterValues';
import { runQuery, type EngineOptions, type QueryResult, type QueryTable } from './engine';
import { loadParquetTable } from './parquetSample';
import { readSampleBytes, readSampleFile } from './readSample';
import {
  loadSampleTable,
  sampleCsvPath,
  sampleParquetPath,
  schemaTables,
  type SchemaTable,
} from './sampleData';

export interface LocalRunRequest {
  schemaPath: string;
  sql: string;
  params: Record<string, TypedValue>;
}

export interface LocalRunResult extends QueryResult {
  /** Tables of the schema with no sample file: they were empty in this run. */
  tablesWithoutSamples: string[];
  milliseconds: number;
}

export async function runSample(
  request: LocalRunRequest,
  options: EngineOptions = {},
): Promise<LocalRunResult> {
  const started = performance.now();
  const schemaText = await readSampleFile(request.schemaPath);
  if (schemaText === undefined) throw new Error(`${request.schemaPath} no longer exists.`);
  const schema = schemaTables(schemaText);
  const tablesWithoutSamples: string[] = [];
  const dir = dirname(request.schemaPath);
  const tables = await Promise.all(
    schema.map(async (t) => {
      const table = await loadTable(dir, t);
      if (!table) tablesWithoutSamples.push(t.name);
      return table ?? { ...t, rows: [] };
    }),
  );
  const result = await runQuery(tables, request.sql, request.params, options);
  return { ...result, tablesWithoutSamples, milliseconds: performance.now() - started };
}

/** The table's rows from its sample CSV, or its Parquet file when it has no CSV; undefined when it has neither. */
async function loadTable(dir: string, table: SchemaTable): Promise<QueryTable | undefined> {
  const csvPath = sampleCsvPath(dir, table.name);
  const parquetPath = sampleParquetPath(dir, table.name);
  const [csv, parquet] = await Promise.all([readSampleFile(csvPath), readSampleBytes(parquetPath)]);
  if (csv !== undefined && parquet !== undefined)
    throw new Error(
      `${table.name} has both ${csvPath} and ${parquetPath}; keep one, so it is clear which rows the run uses.`,
    );
  if (csv !== undefined) return loadSampleTable(table, csv, csvPath);
  if (parquet !== undefined) return loadParquetTable(table, parquet, parquetPath);
  return undefined;
}
