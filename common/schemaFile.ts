// The schema file's name and where the schema that applies to a template may be, for the server,
// the CLI and the client alike: cleanrooms.schema.json in the template's
// folder, then in each parent, up to and including the trusted root (the workspace folder, or
// for the CLI the git root or current directory), never above it: a folder above the root may
// be shared, and a schema planted there would flip verdicts. The caller checks the candidates
// in order, so this module does no I/O.
import { dirname, join, relative, isAbsolute } from 'node:path';

export const SCHEMA_FILE_NAME = 'cleanrooms.schema.json';

/** Whether `path` is `root` or inside it (both absolute and normalised). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Candidate schema paths, nearest first; only `startDir`'s own when it is not inside `root`. */
export function schemaCandidates(startDir: string, root: string | undefined): string[] {
  const out = [join(startDir, SCHEMA_FILE_NAME)];
  if (root === undefined || !isInside(startDir, root)) return out;
  for (let dir = startDir; dir !== root;) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    out.push(join(dir, SCHEMA_FILE_NAME));
  }
  return out;
}
