// Finds, reads and caches the cleanrooms.schema.json that applies to each template (nearest one
// upward from the template's folder). An open schema document's editor text wins over the disk.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseSchema, SCHEMA_FILE_NAME } from '../core/schema/parse';
import { lineIndex, type LineIndex } from '../core/text';
import type { Diagnostic, Schema } from '../core/types';

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
  /** Nearest schema file at or above `dir`. */
  find(dir: string): string | undefined;
  /** File size in bytes, or undefined when it cannot be read. */
  size(path: string): number | undefined;
  /** File contents, or undefined when unreadable. */
  read(path: string): string | undefined;
  /** Editor text of an open document, by file path. */
  openText(path: string): string | undefined;
}

export interface SchemaStore {
  /** The schema that applies to the template at `templateUri`; undefined for non-file URIs or none found. */
  forTemplate(templateUri: string): LoadedSchema | undefined;
  /** The schema file at `uri` itself (for its own diagnostics); undefined when unreadable. */
  load(uri: string): LoadedSchema | undefined;
  /** Forget everything cached: a schema file was created, changed, deleted or edited. */
  invalidate(): void;
  /** Bumped by every invalidate(): analysis results are keyed on it. */
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

export function createSchemaStore(io: SchemaIO): SchemaStore {
  const folderToFile = new Map<string, string | null>();
  const files = new Map<string, LoadedSchema | null>();
  let gen = 0;

  const loadPath = (path: string): LoadedSchema | undefined => {
    const cached = files.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const open = io.openText(path);
    const size = open === undefined ? io.size(path) : undefined;
    const text = open ?? (size !== undefined && size <= MAX_SCHEMA_BYTES ? io.read(path) : undefined);
    const loaded = size !== undefined && size > MAX_SCHEMA_BYTES ? tooLarge(path, size) : text === undefined ? undefined : parse(path, text);
    files.set(path, loaded ?? null);
    return loaded;
  };

  return {
    forTemplate(templateUri) {
      const path = uriToPath(templateUri);
      if (!path) return undefined;
      const dir = dirname(path);
      let file = folderToFile.get(dir);
      if (file === undefined) {
        file = io.find(dir) ?? null;
        folderToFile.set(dir, file);
      }
      return file ? loadPath(file) : undefined;
    },
    load(uri) {
      const path = uriToPath(uri);
      return path ? loadPath(path) : undefined;
    },
    invalidate() {
      folderToFile.clear();
      files.clear();
      gen++;
    },
    generation: () => gen,
  };
}

function tooLarge(path: string, size: number): LoadedSchema {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    uri: pathToFileURL(path).href,
    path,
    text: '',
    index: lineIndex(''),
    schema: { tables: [] },
    diagnostics: [
      {
        code: 'SCF001',
        severity: 'error',
        message: `${SCHEMA_FILE_NAME} is ${mb(size)}; files over ${mb(MAX_SCHEMA_BYTES)} are not read, so no table in it is known. Keep only the tables your templates use (Clean Rooms: Refresh Schema writes just the collaboration's tables).`,
        span: { start: 0, end: 0 },
      },
    ],
  };
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
