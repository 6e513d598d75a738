// Starts the local engine's worker thread for one run and ends it when the run is answered or
// cancelled. `distDir` is where the bundles are: dist/localEngine.js and sql-wasm.wasm.
import { resolve as absolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LocalRunRequest, LocalRunResult } from './runSample';
import type { WorkerReply } from './worker';

export function runInWorker(
  distDir: string,
  request: LocalRunRequest,
  cancelled?: { onCancel(stop: () => void): void },
): Promise<LocalRunResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(absolute(distDir, 'localEngine.js'), {
      workerData: { request, wasmPath: absolute(distDir, 'sql-wasm.wasm') },
    });
    const end = () => void worker.terminate();
    cancelled?.onCancel(() => {
      end();
      reject(new Error('cancelled'));
    });
    worker.once('message', (reply: WorkerReply) => {
      end();
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
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
