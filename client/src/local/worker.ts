// The worker thread of Run Locally (bundled as dist/localEngine.js): loading CSVs and running
// SQLite would otherwise block the extension host. One request per worker: it answers once and
// the caller ends it.
import { parentPort, workerData } from 'node:worker_threads';
import { runSample, type LocalRunRequest } from './runSample';

export type WorkerReply =
  { ok: true; result: Awaited<ReturnType<typeof runSample>> } | { ok: false; message: string };

const { request, wasmPath } = workerData as { request: LocalRunRequest; wasmPath: string };
runSample(request, { wasmPath }).then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies WorkerReply),
  (err: unknown) =>
    parentPort?.postMessage({
      ok: false,
      message: err instanceof Error ? err.message : String(err),
    } satisfies WorkerReply),
);
