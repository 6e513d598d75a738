// Reading files that a cloned repository controls (schema files, templates for the CLI): only
// regular files, never through a symbolic link that leads out of the trusted root, and capped
// while reading, because the size `stat` reports is 0 for /dev/zero and FIFOs. Everything is
// asynchronous, so a slow disk never stalls the language server's main thread.
import { constants, promises as fs, type Stats } from 'node:fs';
import { isInside } from '../../common/schemaFile';

export type FileRead =
  | { kind: 'text'; text: string; bytes: number }
  | { kind: 'missing' }
  | { kind: 'tooLarge'; bytes: number }
  /** Exists but was not read; `reason` completes "is ...", e.g. "a FIFO, not a regular file". */
  | { kind: 'refused'; reason: string };

export interface ReadOptions {
  maxBytes: number;
  /**
   * A symbolic link is followed only when its target lies inside this folder; undefined follows
   * links anywhere (a path the user typed, such as the CLI's --schema).
   */
  root?: string;
}

const CHUNK = 1024 * 1024;
// O_NOFOLLOW: the path's last component was checked with lstat; a link swapped in since then
// fails to open instead of being followed. O_NONBLOCK: a FIFO swapped in does not block open().
// Neither exists on Windows, where 0 leaves the plain open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** What a non-regular file is, for messages. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes(errorCode(e));

export async function readRegularFile(path: string, options: ReadOptions): Promise<FileRead> {
  let target: string;
  try {
    const st = await fs.lstat(path);
    if (!st.isSymbolicLink() && !st.isFile())
      return { kind: 'refused', reason: `${kindOf(st)}, not a regular file` };
    // The real path, so a link anywhere on the way (the file or a folder above it) is seen.
    target = await fs.realpath(path);
    if (options.root !== undefined && !isInside(target, await fs.realpath(options.root))) {
      return {
        kind: 'refused',
        reason: 'reached through a symbolic link that leads outside the workspace folder',
      };
    }
  } catch (e) {
    return isMissing(e)
      ? { kind: 'missing' }
      : { kind: 'refused', reason: `unreadable (${errorCode(e)})` };
  }
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, OPEN_FLAGS);
  } catch (e) {
    if (errorCode(e) === 'ELOOP') return { kind: 'refused', reason: 'a symbolic link' };
    return isMissing(e)
      ? { kind: 'missing' }
      : { kind: 'refused', reason: `unreadable (${errorCode(e)})` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'refused', reason: `${kindOf(st)}, not a regular file` };
    if (st.size > options.maxBytes) return { kind: 'tooLarge', bytes: st.size };
    // Read at most one byte past the cap: the file may grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, options.maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) return { kind: 'tooLarge', bytes: Math.max(total, st.size) };
    }
    return { kind: 'text', text: Buffer.concat(chunks, total).toString('utf8'), bytes: total };
  } catch (e) {
    return { kind: 'refused', reason: `unreadable (${errorCode(e)})` };
  } finally {
    await handle.close();
  }
}

/** The first candidate that exists (as anything: a FIFO there is reported, not skipped). */
export async function firstExisting(candidates: string[]): Promise<string | undefined> {
  for (const path of candidates) {
    try {
      await fs.lstat(path);
      return path;
    } catch {
      // Not there (or not reachable): try the next folder up.
    }
  }
  return undefined;
}
