// A starter cleanrooms.schema.json beside a template, written only when the user asks for it.
// Its tables have an empty user-identifier column on purpose: the file then reports what to fill
// in, and the tables stay unusable (UNABLE_TO_VALIDATE) until it is, where a table left without
// "differentialPrivacy" would silently count as having none and could give a false VALID.
import { closeSync, constants, openSync, realpathSync, writeSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SCHEMA_FILE_NAME } from '../../common/schemaFile';

export function starterSchemaText(tables: string[]): string {
  const entries = tables.map((name) => ({
    name,
    analysisRuleType: 'CUSTOM',
    differentialPrivacy: { userIdColumn: '' },
    columns: [],
  }));
  return `${JSON.stringify({ tables: entries }, null, 2)}\n`;
}

export type StarterOutcome =
  { created: true; path: string } | { created: false; path: string; reason: 'exists' | 'symlink' };

/**
 * Creates `cleanrooms.schema.json` in the template's folder. Never replaces anything (a file, a
 * directory or a symbolic link already there) and never writes through a symbolic link: neither
 * the file name nor any folder between `root` (the workspace folder; the template's parent folder
 * when there is none) and the file may be one. How `root` itself is reached is the user's setup.
 * Other I/O errors are thrown.
 */
export function createStarterSchema(
  templatePath: string,
  tables: string[],
  root?: string,
): StarterOutcome {
  const dir = dirname(templatePath);
  const path = join(dir, SCHEMA_FILE_NAME);
  const base = root !== undefined && !relative(root, dir).startsWith('..') ? root : dirname(dir);
  if (realpathSync(dir) !== join(realpathSync(base), relative(base, dir)))
    return { created: false, path, reason: 'symlink' };
  let fd: number;
  try {
    // O_EXCL fails on any existing name, a dangling symlink included; O_NOFOLLOW is belt and braces.
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { created: false, path, reason: 'exists' };
    if (code === 'ELOOP') return { created: false, path, reason: 'symlink' };
    throw e;
  }
  try {
    writeSync(fd, starterSchemaText(tables));
  } finally {
    closeSync(fd);
  }
  return { created: true, path };
}
