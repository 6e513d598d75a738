// Where files with text from AWS may be written: a cloned repository is not trusted, and a
// collaboration member chooses the text. A link named like the file we write
// (`Unique_reach.cleanrooms.sql -> ~/.bashrc`) or a linked folder on the way must not carry that
// text out of the workspace folder. Plain Node (no vscode), so it is tested on real folders.
import { constants, promises as fs } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** Why a write was refused, in words for the user. */
export class WriteRefused extends Error {}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** The real path of the nearest existing folder at or above `dir`. */
async function realExistingAncestor(dir: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      return await fs.realpath(d);
    } catch (e) {
      if (code(e) !== 'ENOENT' || dirname(d) === d) throw e;
    }
  }
}

/** Why `path` must not be written for the workspace folder `root`, or undefined when it may. */
export async function refusalFor(path: string, root: string): Promise<string | undefined> {
  const target = resolve(path);
  if (!isInside(target, resolve(root))) return `${target} is outside the workspace folder ${root}`;
  try {
    const st = await fs.lstat(target);
    if (st.isSymbolicLink())
      return `${target} is a symbolic link (to ${await fs.readlink(target)})`;
    if (!st.isFile()) return `${target} exists and is not a regular file`;
  } catch (e) {
    if (code(e) !== 'ENOENT')
      return `${target} cannot be checked (${code(e) ?? (e as Error).message})`;
  }
  const realRoot = await fs.realpath(root);
  if (!isInside(await realExistingAncestor(dirname(target)), realRoot))
    return `the folder of ${target} leads outside the workspace folder through a symbolic link`;
  return undefined;
}

// O_NOFOLLOW: a link put in place after the check fails the open instead of being followed.
// O_EXCL for a new file: one created meanwhile (a link, or anything else) is not overwritten.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Writes `text` to `path` inside `root`, or throws WriteRefused saying why not. */
export async function writeInsideRoot(path: string, text: string, root: string): Promise<void> {
  const refusal = await refusalFor(path, root);
  if (refusal) throw new WriteRefused(refusal);
  const exists = await fs.lstat(path).then(
    () => true,
    () => false,
  );
  const flags =
    constants.O_WRONLY |
    NOFOLLOW |
    (exists ? constants.O_TRUNC : constants.O_CREAT | constants.O_EXCL);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, flags, 0o644);
  } catch (e) {
    if (code(e) === 'ELOOP' || code(e) === 'EEXIST')
      throw new WriteRefused(`${resolve(path)} was replaced while it was being written`);
    throw e;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
