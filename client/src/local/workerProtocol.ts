// What the local engine's worker (worker.ts) sends to the extension host (runInWorker.ts): the
// rows as display text in chunks of CHUNK_ROWS, each its own message, so the extension host never
// decodes a million-row message in one go; then the columns and timings, or why it failed.
import type { SqlValue } from 'sql.js';

export const CHUNK_ROWS = 10_000;

export type WorkerReply =
  | { type: 'rows'; rows: string[][] }
  | {
      type: 'done';
      columns: string[];
      tablesWithoutSamples: string[];
      milliseconds: number;
    }
  | { type: 'failed'; message: string };

/** A cell as the results table shows it: BLOBs as hex, NULL as an empty cell. */
export const cellText = (v: SqlValue): string =>
  v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v === null ? '' : String(v);
