// One local run: read the schema's tables and their sample CSVs, run the SQL on the engine. What
// the worker thread does (worker.ts); plain Node, so it is tested without a worker or VS Code.
import { dirname } from 'node:path';
import type { TypedValue } from '../aws/parameterValues';
import { runQuery, type EngineOptions, type QueryResult, type QueryTable } from './engine';
import { readSampleFile } from './readSample';
import { loadSampleTable, sampleCsvPath, schemaTables } from './sampleData';

export interface LocalRunRequest {
  schemaPath: string;
  sql: string;
  params: Record<string, TypedValue>;
}

export interface LocalRunResult extends QueryResult {
  /** Tables of the schema with no sample CSV: they were empty in this run. */
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
  const tables: QueryTable[] = await Promise.all(
    schema.map(async (t) => {
      const file = sampleCsvPath(dirname(request.schemaPath), t.name);
      const csv = await readSampleFile(file);
      if (csv === undefined) {
        tablesWithoutSamples.push(t.name);
        return { ...t, rows: [] };
      }
      return loadSampleTable(t, csv, file);
    }),
  );
  const result = await runQuery(tables, request.sql, request.params, options);
  return { ...result, tablesWithoutSamples, milliseconds: performance.now() - started };
}
