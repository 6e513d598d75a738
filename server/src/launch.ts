// dist/server.js: loads the language server bundle (dist/languageServer.js) through a V8 code
// cache. Compiling the 600 KB bundle was a third of the time to answer `initialize`; with the
// cache V8 deserializes what it compiled the first time instead. Node 22 has this built in
// (module.enableCompileCache); Node 20 and VS Code's runtime do not. The cache lives in the
// extension's own storage, named by the client's argument (see codeCache.ts).
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheFile, readCodeCache, writeCodeCache } from './codeCache';

interface ServerBundle {
  serve(warmedUp?: () => void): void;
  cliMain(argv: string[]): void;
}

/** The SHA-1 of dist/languageServer.js, written in by the build (esbuild.mjs), which makes both files. */
declare const BUNDLE_SHA1: string;

const bundlePath = join(__dirname, 'languageServer.js');
const source = readFileSync(bundlePath, 'utf8');
// Only the language server started by the extension has a storage folder: the CLI's run would
// cache start-up code alone, and a check in CI should leave nothing behind.
const cacheFile = require.main === module ? codeCacheFile(process.argv, BUNDLE_SHA1) : undefined;

const cached = cacheFile ? readCodeCache(cacheFile) : undefined;
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
const cacheNow = () => {
  if (cacheFile && stale) writeCodeCache(cacheFile, script.createCachedData());
};

const server = bundle.exports as ServerBundle;
export const cliMain = server.cliMain;
if (require.main === module) server.serve(cacheNow);
