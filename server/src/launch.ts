// dist/server.js: loads the language server bundle (dist/languageServer.js) through a V8 code
// cache. Compiling the 600 KB bundle was a third of the time to answer `initialize`; with the
// cache V8 deserializes what it compiled the first time instead. Node 22 has this built in
// (module.enableCompileCache); Node 20 and VS Code's runtime do not. Like Node's own compile
// cache, the cache lives under the OS temp folder, in a folder only this user can write.
import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';

interface ServerBundle {
  serve(warmedUp?: () => void): void;
  cliMain(argv: string[]): void;
}

const bundlePath = join(__dirname, 'languageServer.js');
const source = readFileSync(bundlePath, 'utf8');
const uid = process.getuid?.();
const cacheDir = join(tmpdir(), `cleanrooms-template-studio-${uid ?? 'user'}`);
// V8 checks a cache against the source's length only: the name carries the content's hash.
const cacheFile = join(
  cacheDir,
  `server-${process.versions.v8}-${process.arch}-${createHash('sha1').update(source).digest('hex').slice(0, 16)}.cache`,
);

/**
 * Whether the folder is ours alone: a real folder (not a link someone else planted, which would
 * point our reads and clean-up elsewhere), owned by this user, writable by no one else. It holds
 * code this process runs.
 */
function ownFolder(): boolean {
  const dir = lstatSync(cacheDir);
  return dir.isDirectory() && (uid === undefined || (dir.uid === uid && (dir.mode & 0o022) === 0));
}

function readCache(): Buffer | undefined {
  try {
    return ownFolder() ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces older caches; a temp file and a rename, so a concurrent start never reads half a file. */
function writeCache(data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    if (!ownFolder()) return;
    for (const f of readdirSync(cacheDir))
      if (f.startsWith('server-') && join(cacheDir, f) !== cacheFile)
        rmSync(join(cacheDir, f), { force: true });
    const tmp = `${cacheFile}.${process.pid}`;
    writeFileSync(tmp, data);
    renameSync(tmp, cacheFile);
  } catch {
    // No writable temp folder: every start compiles, as without the cache.
  }
}

const cached = readCache();
const script = new Script(Module.wrap(source), { filename: bundlePath, cachedData: cached });
const bundle = new Module(bundlePath, module);
bundle.filename = bundlePath;
bundle.paths = module.paths;
script
  .runInThisContext()
  .call(
    bundle.exports,
    bundle.exports,
    Module.createRequire(bundlePath),
    bundle,
    bundlePath,
    __dirname,
  );
const stale = !cached || script.cachedDataRejected;
/** As late as possible, so the functions compiled since (start-up, the first analysis) are cached too. */
const cacheNow = () => stale && writeCache(script.createCachedData());

const server = bundle.exports as ServerBundle;
export const cliMain = server.cliMain;
// Only the language server writes the cache: the CLI's run would cache start-up code alone, and a
// check in CI should leave nothing behind.
if (require.main === module) server.serve(cacheNow);
