// Starts the local engine's worker thread for one run and ends it when the run is answered or
// cancelled. `distDir` is where the bundles are: dist/localEngine.js and sql-wasm.wasm. The rows
// arrive in chunks (workerProtocol.ts), each a short message between which the event loop runs.
import { resolve as absolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalRunRequest } from './runSample';
import type { WorkerReply } from './workerProtocol';

/** A local run's result as the results table shows it: every cell as text. */
export interface LocalRunOutput {
  columns: string[];
  rows: string[][];
  /** Tables of the schema with no sample file: they were empty in this run. */
  tablesWithoutSamples: string[];
  milliseconds: number;
}

export function runInWorker(
  distDir: string,
  request: LocalRunRequest,
  cancelled?: { onCancel(stop: () => void): void },
): Promise<LocalRunOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(absolute(distDir, 'localEngine.js'), {
      workerData: { request, wasmPath: absolute(distDir, 'sql-wasm.wasm') },
    });
    const end = () => void worker.terminate();
    cancelled?.onCancel(() => {
      end();
      reject(new Error('cancelled'));
    });
    const rows: string[][] = [];
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'rows') {
        for (const row of reply.rows) rows.push(row);
        return;
      }
      end();
      if (reply.type === 'done') {
        const { columns, tablesWithoutSamples, milliseconds } = reply;
        resolve({ columns, rows, tablesWithoutSamples, milliseconds });
      } else reject(new Error(reply.message));
    });
    worker.once('error', (err) => {
      end();
      reject(err);
    });
    worker.once('exit', (code) =>
      reject(new Error(`the local engine stopped (exit code ${code})`)),
    );
  });
}
