// Finds, reads and caches the cleanrooms.schema.json that applies to each template (nearest one
// upward from the template's folder, within the workspace folder). An open schema document's
// editor text wins over the disk. Searches and reads are asynchronous; a file that keeps changing
// is read at most once more after the read in flight, so only the newest text is parsed.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSchema } from '../core/schema/parse';
import { SCHEMA_FILE_NAME } from '../../../common/schemaFile';
import { lineIndex, type LineIndex } from '../core/text';
import type { Diagnostic, Schema } from '../core/types';
import type { FileRead } from '../safeRead';

export interface LoadedSchema {
  uri: string;
  path: string;
  text: string;
  index: LineIndex;
  /** As parsed: tables with errors are left out, so templates using them cannot be validated. */
  schema: Schema;
  /** Problems in the schema file itself (spans into `text`). */
  diagnostics: Diagnostic[];
}

/** Larger schema files are not read (the service's own analysis-rule limit is 100 KB). */
export const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

export interface SchemaIO {
  /** Nearest schema file at or above `dir` (not above the trusted root). */
  find(dir: string): Promise<string | undefined>;
  /**
   * Parses `text` (an open document's), else reads the file from disk (regular files only, capped
   * at MAX_SCHEMA_BYTES) and parses it; undefined when there is no file.
   */
  load(path: string, text: string | undefined): Promise<LoadedSchema | undefined>;
  /** Editor text of an open document, by file path. */
  openText(path: string): string | undefined;
}

export interface SchemaStore {
  /** The schema known now for the template at `templateUri` (the last one read; a newer read may be on its way). */
  forTemplate(templateUri: string): LoadedSchema | undefined;
  /**
   * Settles once the schema for `templateUri` is found and the read in flight (if any) is parsed;
   * undefined when nothing is pending, so a caller with everything at hand stays synchronous.
   */
  ready(templateUri: string): Promise<void> | undefined;
  /** The schema file at `uri` itself (for its own diagnostics); undefined when missing. */
  load(uri: string): Promise<LoadedSchema | undefined>;
  /**
   * The file at `path` changed (on disk or in the editor), or was created or deleted (`moved`:
   * which file applies to a folder may differ now): it is read again. Changes that arrive while it
   * is being read are coalesced into one more read, of the newest text.
   */
  changed(path: string, moved: boolean): void;
  /** The workspace folders changed: every search is done again. */
  rootsChanged(): void;
  /** Bumped whenever a schema is read or a search result changes: analysis results are keyed on it. */
  generation(): number;
}

export function isSchemaUri(uri: string): boolean {
  return uri.startsWith('file:') && uri.endsWith('/' + SCHEMA_FILE_NAME);
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A file read turned into what the store keeps: undefined when there is no file. */
export function loadedFrom(path: string, read: FileRead): LoadedSchema | undefined {
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'text') return parse(path, read.text);
  if (read.kind === 'tooLarge') return tooLarge(path, read.bytes);
  return unusable(
    path,
    `${SCHEMA_FILE_NAME} is ${read.reason}, so it is not read and no table in it is known. Replace it with a regular file inside the workspace folder.`,
  );
}

/**
 * `onReloaded(path, schema)` runs after a changed file was read again (not after first reads,
 * which the caller awaits through ready()), so the caller re-checks the templates and republishes.
 */
export function createSchemaStore(
  io: SchemaIO,
  onReloaded: (path: string, loaded: LoadedSchema | undefined) => void,
): SchemaStore {
  /** Folder → the schema file that applies (null: none), once searched. */
  const folderToFile = new Map<string, string | null>();
  const searches = new Map<string, Promise<void>>();
  /** Path → what was last read (null: missing). */
  const files = new Map<string, LoadedSchema | null>();
  /** Reads in flight; `again` asks for one more read when this one ends (the file changed meanwhile). */
  const reading = new Map<string, { done: Promise<void>; again: boolean }>();
  let gen = 0;

  const read = (path: string, reload: boolean): Promise<void> => {
    const inFlight = reading.get(path);
    if (inFlight) {
      if (reload) inFlight.again = true;
      return inFlight.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      let loaded: LoadedSchema | undefined;
      try {
        // One turn first: edits already queued behind this one are coalesced into this read.
        await new Promise((resolve) => setImmediate(resolve));
        loaded = await io.load(path, io.openText(path));
      } catch (e) {
        loaded = unusable(
          path,
          `${SCHEMA_FILE_NAME} could not be read (internal error: ${(e as Error).message}).`,
        );
      }
      files.set(path, loaded ?? null);
      gen++;
      reading.delete(path);
      if (entry.again) void read(path, true);
      if (reload) onReloaded(path, loaded);
    })();
    reading.set(path, entry);
    return entry.done;
  };

  const search = (dir: string): Promise<void> => {
    if (folderToFile.has(dir)) return Promise.resolve();
    let running = searches.get(dir);
    if (!running) {
      const epoch = searchEpoch;
      running = io.find(dir).then((file) => {
        // A search that started before the files moved may have missed the new one.
        if (epoch !== searchEpoch) return search(dir);
        searches.delete(dir);
        folderToFile.set(dir, file ?? null);
        gen++;
      });
      searches.set(dir, running);
    }
    return running;
  };

  let searchEpoch = 0;
  const forgetSearches = () => {
    folderToFile.clear();
    searches.clear();
    searchEpoch++;
    gen++;
  };

  const fileFor = (templateUri: string): string | null | undefined => {
    const path = uriToPath(templateUri);
    return path ? folderToFile.get(dirname(path)) : null;
  };

  return {
    forTemplate(templateUri) {
      const file = fileFor(templateUri);
      return file ? (files.get(file) ?? undefined) : undefined;
    },
    ready(templateUri) {
      const path = uriToPath(templateUri);
      if (!path) return undefined;
      const dir = dirname(path);
      const readFile = () => {
        const file = folderToFile.get(dir);
        return file && (!files.has(file) || reading.has(file)) ? read(file, false) : undefined;
      };
      return folderToFile.has(dir) ? readFile() : search(dir).then(readFile);
    },
    async load(uri) {
      const path = uriToPath(uri);
      if (!path) return undefined;
      if (!files.has(path) || reading.has(path)) await read(path, false);
      return files.get(path) ?? undefined;
    },
    changed(path, moved) {
      if (moved) forgetSearches();
      void read(path, true);
    },
    rootsChanged: forgetSearches,
    generation: () => gen,
  };
}

/** A schema file that gives no tables, with SCF001 saying why. */
export function unusable(path: string, message: string): LoadedSchema {
  return {
    uri: pathToFileURL(path).href,
    path,
    text: '',
    index: lineIndex(''),
    schema: { tables: [] },
    diagnostics: [{ code: 'SCF001', severity: 'error', message, span: { start: 0, end: 0 } }],
  };
}

function tooLarge(path: string, size: number): LoadedSchema {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return unusable(
    path,
    `${SCHEMA_FILE_NAME} is ${size > MAX_SCHEMA_BYTES + 1 ? mb(size) : `over ${mb(MAX_SCHEMA_BYTES)}`}; files over ${mb(MAX_SCHEMA_BYTES)} are not read, so no table in it is known. Keep only the tables your templates use (Clean Rooms: Refresh Schema writes just the collaboration's tables).`,
  );
}

function parse(path: string, text: string): LoadedSchema {
  const { schema, diagnostics } = parseSchema(text);
  return {
    uri: pathToFileURL(path).href,
    path,
    text,
    index: lineIndex(text),
    schema,
    diagnostics,
  };
}
