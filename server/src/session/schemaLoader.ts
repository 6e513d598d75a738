// The main thread's side of the schema worker (schemaWorker.ts): one worker while there is work,
// jobs answered in order by id. It ends after IDLE_MS without a job: a second JavaScript heap
// held for a file read now and then costs about 15 MB of the server's memory (RSS 82 → 67 MB
// when it ends, after opening the bench's many-CTE template). Three seconds outlast the pauses
// while typing in an open schema file, so that keeps one worker; 10 s kept it alive through most of
// the bench's 1,000 edits. A worker that fails or exits fails its jobs with SCF001 (the schema is
// then unknown, not silently empty) and is started again for the next job.
import { Worker } from 'node:worker_threads';
import { SCHEMA_WORKER_ARG, type SchemaJob, type SchemaJobResult } from './schemaWorker';
import { lineIndex } from '../core/text';
import type { Log } from './guard';
import { unusable, type LoadedSchema } from './schemas';

export type SchemaLoader = (
  path: string,
  root: string,
  text: string | undefined,
) => Promise<LoadedSchema | undefined>;

const IDLE_MS = 3_000;

export function createSchemaLoader(workerPath: string, log: Log, idleMs = IDLE_MS): SchemaLoader {
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    { path: string; done: (loaded: LoadedSchema | undefined) => void }
  >();

  const failAll = (why: string) => {
    worker = undefined;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.done(unusable(job.path, `cleanrooms.schema.json could not be read (${why}).`));
    }
  };
  const start = () => {
    const w = new Worker(workerPath, { argv: [SCHEMA_WORKER_ARG] });
    w.unref();
    w.on('message', ({ id, loaded }: SchemaJobResult) => {
      const job = pending.get(id);
      pending.delete(id);
      job?.done(loaded && { ...loaded, index: lineIndex(loaded.text) });
      if (pending.size === 0) {
        idle = setTimeout(() => {
          // Cleared first, so its exit is not taken for a failure.
          if (worker === w && pending.size === 0) worker = undefined;
          if (worker !== w) void w.terminate();
        }, idleMs);
        idle.unref();
      }
    });
    w.on('error', (e) => {
      log(`schema worker failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      failAll('the schema reader failed');
    });
    w.on('exit', () => worker === w && failAll('the schema reader stopped'));
    return w;
  };

  return (path, root, text) =>
    new Promise((done) => {
      const id = nextId++;
      pending.set(id, { path, done });
      clearTimeout(idle);
      worker ??= start();
      worker.postMessage({ id, path, root, text } satisfies SchemaJob);
    });
}
