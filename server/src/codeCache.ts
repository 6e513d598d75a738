// The V8 code cache of the server bundle (see launch.ts): where it lives and how it is read and
// written. It lives in the folder the extension gives the server (its global storage); with no
// folder (the CLI, a bare `node dist/server.js`) nothing is read or written. The folder holds code
// this process runs, so it is used only when it is a real folder (not a link someone planted),
// owned by this user and writable by no one else; files are read without following links and
// written through a fresh temp file and a rename, so a concurrent start never reads half a file.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_ARG } from '../../common/serverProcess';

/**
 * The cache file for the bundle whose content hash is `bundleHash`, in the storage folder named by
 * `argv` (CODE_CACHE_ARG), if any. V8 checks a cache against the source's length only, so the name
 * carries the content's hash; the build computes it (esbuild.mjs), as hashing at start-up meant
 * loading node:crypto and hashing 600 KB, ~10 ms before `initialize` could be answered.
 */
export function codeCacheFile(argv: string[], bundleHash: string): string | undefined {
  const arg = argv.find((a) => a.startsWith(`${CODE_CACHE_ARG}=`));
  const storage = arg?.slice(CODE_CACHE_ARG.length + 1);
  if (!storage) return undefined;
  const name = `server-${process.versions.v8}-${process.arch}-${bundleHash.slice(0, 16)}.cache`;
  return join(storage, 'code-cache', name);
}

const cacheFolder = (file: string) => join(file, '..');

function ownFolder(dir: string): boolean {
  const stat = lstatSync(dir);
  const uid = process.getuid?.();
  return (
    stat.isDirectory() && (uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0))
  );
}

/** The cached data, or undefined when there is none or it is not safe to use. */
export function readCodeCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (!ownFolder(cacheFolder(file))) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    return fstatSync(fd).isFile() ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` as `file`, replacing caches of other versions; false when the folder is not usable. */
export function writeCodeCache(file: string, data: Buffer): boolean {
  const dir = cacheFolder(file);
  const tmp = `${file}.${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownFolder(dir)) return false;
    for (const f of readdirSync(dir))
      if (f.startsWith('server-') && join(dir, f) !== file) rmSync(join(dir, f), { force: true });
    // 'wx': a file (or link) already at the temp name fails the write instead of being followed.
    writeFileSync(tmp, data, { flag: 'wx', mode: 0o600 });
    renameSync(tmp, file);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}
