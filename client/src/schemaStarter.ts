// A starter cleanrooms.schema.json beside a template, written only when the user asks for it.
// Its tables have an empty user-identifier column on purpose: the file then reports what to fill
// in, and the tables stay unusable (UNABLE_TO_VALIDATE) until it is, where a table left without
// "differentialPrivacy" would silently count as having none and could give a false VALID.
import { closeSync, constants, openSync, realpathSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCHEMA_FILE_NAME } from './verdictView';

export function starterSchemaText(tables: string[]): string {
  const entries = tables.map((name) => ({ name, analysisRuleType: 'CUSTOM', differentialPrivacy: { userIdColumn: '' }, columns: [] }));
  return `${JSON.stringify({ tables: entries }, null, 2)}\n`;
}

export type StarterOutcome = { created: true; path: string } | { created: false; path: string; reason: 'exists' | 'symlink' };

/**
 * Creates `cleanrooms.schema.json` in the template's folder. Never replaces anything (a file, a
 * directory or a symbolic link already there) and never writes through a symbolic link, in the
 * file name or in the folder's path. Other I/O errors are thrown.
 */
export function createStarterSchema(templatePath: string, tables: string[]): StarterOutcome {
  const dir = dirname(templatePath);
  const path = join(dir, SCHEMA_FILE_NAME);
  if (realpathSync(dir) !== dir) return { created: false, path, reason: 'symlink' };
  let fd: number;
  try {
    // O_EXCL fails on any existing name, a dangling symlink included; O_NOFOLLOW is belt and braces.
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
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
