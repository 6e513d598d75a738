// The worker thread of Run Locally (bundled as dist/localEngine.js): loading samples and running
// SQLite would otherwise block the extension host. One request per worker: it answers once and
// the caller ends it. Replies as workerProtocol.ts says.
import { parentPort, workerData } from 'node:worker_threads';
import { runSample, type LocalRunRequest } from './runSample';
import { CHUNK_ROWS, cellText, type WorkerReply } from './workerProtocol';

const { request, wasmPath } = workerData as { request: LocalRunRequest; wasmPath: string };
const reply = (message: WorkerReply) => parentPort?.postMessage(message);
runSample(request, { wasmPath }).then(
  ({ columns, rows, tablesWithoutSamples, milliseconds }) => {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS)
      reply({ type: 'rows', rows: rows.slice(i, i + CHUNK_ROWS).map((r) => r.map(cellText)) });
    reply({ type: 'done', columns, tablesWithoutSamples, milliseconds });
  },
  (err: unknown) =>
    reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
);
