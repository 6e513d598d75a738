// The schema that applies to a template: the nearest cleanrooms.schema.json up the directory tree.
// The caller passes the existence check, so the core itself does no I/O.
import { dirname, join } from 'node:path';
import { SCHEMA_FILE_NAME } from './parse';

export function findSchemaFile(startDir: string, exists: (path: string) => boolean): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, SCHEMA_FILE_NAME);
    if (exists(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
