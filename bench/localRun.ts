// Run Locally's engine at scale: 1,000,000 generated impression rows in a sample CSV, the
// unique-reach GROUP BY run through the bundled worker (dist/localEngine.js, as the extension runs
// it: spawn, load SQLite's WebAssembly, read the CSV, insert, query), and in-process the split
// between reading the CSV and SQLite's insert + query. Also the cold engine load and its size, and
// whether a million-row result blocks the host: its transfer from the worker and the table's sort,
// with the longest event-loop stall in this (the extension host's) thread.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { runQuery } from '../client/src/local/engine';
import { runInWorker } from '../client/src/local/runInWorker';
import { loadSampleTable, sampleCsvPath, schemaTables } from '../client/src/local/sampleData';
import { sortedOrder } from '../client/src/views/resultPages';
import { ms } from './stats';

export const LOCAL_ROWS = 1_000_000;

export const TABLE = 'impressions';
export const SCHEMA = {
  tables: [
    {
      name: TABLE,
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'campaign_id', type: 'string' },
        { name: 'device_type', type: 'string' },
        { name: 'timestamp', type: 'timestamp' },
      ],
    },
  ],
};
export const GROUP_BY = `SELECT campaign_id, COUNT(DISTINCT user_id) AS reach, COUNT(*) AS impressions
FROM ${TABLE} WHERE timestamp >= :start_date GROUP BY campaign_id`;

export interface LocalRunResult {
  rows: number;
  csvBytes: number;
  /** Spawn a worker and run a query on an empty table: thread start + WebAssembly load. */
  coldEngineMs: number;
  /** The whole run as Run Locally does it, in the worker. */
  workerMs: number;
  /** In-process: parsing and typing the CSV rows. */
  readCsvMs: number;
  /** In-process: SQLite's CREATE + INSERT of the rows and the GROUP BY. */
  insertAndQueryMs: number;
  groups: number;
  /** SELECT * of all rows through the worker, as the results table receives them. */
  allRowsMs: number;
  /** The longest event-loop stall in this thread meanwhile (the rows arrive in chunks). */
  allRowsMaxStallMs: number;
  /** The results table's sort of all rows by a text column (sliced, yielding). */
  sortMs: number;
  sortMaxStallMs: number;
  bundleBytes: { 'dist/localEngine.js': number; 'dist/sql-wasm.wasm': number };
}

export function generateCsv(rows: number): string {
  const devices = ['mobile', 'desktop', 'tablet', 'ctv'];
  const lines = ['user_id,campaign_id,device_type,timestamp'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(
      `u${(i * 7919) % 200_000},campaign_${i % 40},${devices[i % 4]},2024-${month}-${day} 12:00:00`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function localRunBench(rows = LOCAL_ROWS): Promise<LocalRunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanrooms-local-'));
  try {
    const schemaPath = join(dir, 'cleanrooms.schema.json');
    writeFileSync(schemaPath, JSON.stringify(SCHEMA));
    const csvPath = sampleCsvPath(dir, TABLE);
    mkdirSync(join(dir, 'cleanrooms.sample'));
    writeFileSync(csvPath, generateCsv(0));
    let t0 = performance.now();
    await runInWorker('dist', { schemaPath, sql: `SELECT COUNT(*) FROM ${TABLE}`, params: {} });
    const coldEngineMs = performance.now() - t0;

    writeFileSync(csvPath, generateCsv(rows));
    const params = { start_date: '2024-03-01' };
    t0 = performance.now();
    const inWorker = await runInWorker('dist', { schemaPath, sql: GROUP_BY, params });
    const workerMs = performance.now() - t0;

    const [table] = schemaTables(readFileSync(schemaPath, 'utf8'));
    t0 = performance.now();
    const loaded = loadSampleTable(table, readFileSync(csvPath, 'utf8'), csvPath);
    const readCsvMs = performance.now() - t0;
    t0 = performance.now();
    await runQuery([loaded], GROUP_BY, params);
    const insertAndQueryMs = performance.now() - t0;

    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    t0 = performance.now();
    const all = await runInWorker('dist', {
      schemaPath,
      sql: `SELECT * FROM ${TABLE}`,
      params: {},
    });
    const allRowsMs = performance.now() - t0;
    stalls.disable();
    const allRowsMaxStallMs = stalls.max / 1e6;
    stalls.reset();
    stalls.enable();
    t0 = performance.now();
    await sortedOrder(all.rows, { column: 1, dir: 1 });
    const sortMs = performance.now() - t0;
    stalls.disable();
    return {
      rows,
      csvBytes: statSync(csvPath).size,
      coldEngineMs: ms(coldEngineMs),
      workerMs: ms(workerMs),
      readCsvMs: ms(readCsvMs),
      insertAndQueryMs: ms(insertAndQueryMs),
      groups: inWorker.rows.length,
      allRowsMs: ms(allRowsMs),
      allRowsMaxStallMs: ms(allRowsMaxStallMs),
      sortMs: ms(sortMs),
      sortMaxStallMs: ms(stalls.max / 1e6),
      bundleBytes: {
        'dist/localEngine.js': statSync('dist/localEngine.js').size,
        'dist/sql-wasm.wasm': statSync('dist/sql-wasm.wasm').size,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
