// Reads and parses cleanrooms.schema.json files. Files up to INLINE_MAX_BYTES (the schema files
// people write are a few KB) are read asynchronously and parsed here, in a millisecond or two: no
// second JavaScript heap, which costs about 15 MB of the server's memory while it lives (RSS
// 82 → 67 MB when it ended, after opening the bench's many-CTE template), and no worker start
// before a template's first diagnostics. Larger ones go to the schema worker (schemaWorker.ts), so
// a 16 MB file being parsed (seconds) never holds up the server's main thread: one worker while
// there is work, jobs answered in order by id. It ends after IDLE_MS without a job; three seconds
// outlast the pauses while typing in a large open schema file. A worker that fails or exits fails
// its jobs with SCF001 (the schema is then unknown, not silently empty) and is started again for
// the next job.
import type { Worker } from 'node:worker_threads';
import { SCHEMA_WORKER_ARG, type SchemaJob, type SchemaJobResult } from './schemaWorker';
import { lineIndex } from '../core/text';
import { readRegularFile, type FileRead } from '../safeRead';
import type { Log } from './guard';
import { loadedFrom, unusable, type LoadedSchema } from './schemas';

export type SchemaLoader = (
  path: string,
  root: string,
  text: string | undefined,
) => Promise<LoadedSchema | undefined>;

const IDLE_MS = 3_000;
const INLINE_MAX_BYTES = 256 * 1024;

export function createSchemaLoader(
  workerPath: string,
  log: Log,
  { idleMs = IDLE_MS, inlineMaxBytes = INLINE_MAX_BYTES } = {},
): SchemaLoader {
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
    const { Worker: Thread } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for a large schema file, off the start-up path
      require('node:worker_threads') as typeof import('node:worker_threads');
    const w = new Thread(workerPath, { argv: [SCHEMA_WORKER_ARG] });
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

  const inWorker = (path: string, root: string, text: string | undefined) =>
    new Promise<LoadedSchema | undefined>((done) => {
      const id = nextId++;
      pending.set(id, { path, done });
      clearTimeout(idle);
      worker ??= start();
      worker.postMessage({ id, path, root, text } satisfies SchemaJob);
    });

  return async (path, root, text) => {
    const read: FileRead =
      text !== undefined
        ? { kind: 'text', text, bytes: Buffer.byteLength(text) }
        : await readRegularFile(path, { maxBytes: inlineMaxBytes, root });
    if (read.kind === 'tooLarge' || (read.kind === 'text' && read.bytes > inlineMaxBytes))
      return inWorker(path, root, text);
    try {
      return loadedFrom(path, read);
    } catch (e) {
      log(`reading ${path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return unusable(path, 'cleanrooms.schema.json could not be read (the schema reader failed).');
    }
  };
}
