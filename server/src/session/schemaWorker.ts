// The schema worker: the server bundle started as a worker thread with SCHEMA_WORKER_ARG reads and
// parses cleanrooms.schema.json files, so a 16 MB file being parsed (seconds) never holds up the
// server's main thread, which only builds the line index of the text it gets back.
import { loadedFrom, MAX_SCHEMA_BYTES, type LoadedSchema } from './schemas';
import { readRegularFile } from '../safeRead';

/** In the worker's argv: tells the bundle to serve schema jobs (see server.ts). */
export const SCHEMA_WORKER_ARG = '--cleanrooms-schema-worker';

export interface SchemaJob {
  id: number;
  path: string;
  /** Symbolic links may lead only inside this folder. */
  root: string;
  /** An open document's editor text, which wins over the disk. */
  text?: string;
}

/** What the worker posts back: the loaded schema without its line index (functions do not clone). */
export interface SchemaJobResult {
  id: number;
  loaded: Omit<LoadedSchema, 'index'> | undefined;
}

export function serveSchemaJobs(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in the worker, off the server's start-up path
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort?.on('message', async (job: SchemaJob) => {
    const read =
      job.text !== undefined
        ? { kind: 'text' as const, text: job.text, bytes: job.text.length }
        : await readRegularFile(job.path, { maxBytes: MAX_SCHEMA_BYTES, root: job.root });
    const loaded = loadedFrom(job.path, read);
    const result: SchemaJobResult = {
      id: job.id,
      loaded: loaded && {
        uri: loaded.uri,
        path: loaded.path,
        text: loaded.text,
        schema: loaded.schema,
        diagnostics: loaded.diagnostics,
      },
    };
    parentPort!.postMessage(result);
  });
}
