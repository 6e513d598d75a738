// Bundles the extension, the language server, Run Locally's engine and the CLI into dist/, with the third-party
// notices of what went into the bundles, and assembles the CLI's own npm package in
// dist/cli-package/ (`npm pack dist/cli-package`). Type checking is separate (`npm run
// typecheck`), so builds stay fast.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { thirdPartyNotices } from './scripts/thirdPartyNotices.mjs';

const dev = process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'warning',
  // License texts ship whole in THIRD-PARTY-NOTICES.txt (from the metafile), not as comments.
  legalComments: 'none',
  metafile: true,
  // Prefer ESM builds so esbuild can tree-shake the AWS SDK and the LSP libraries.
  mainFields: ['module', 'main'],
};

const [extension, server, localEngine] = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  }),
  // What starts the server (dist/server.js) loads dist/languageServer.js through a V8 code cache
  // named by the bundle's hash, computed here so the server does not hash it at every start
  // (see launch.ts).
  esbuild
    .build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/languageServer.js' })
    .then(async (built) => {
      const sha1 = createHash('sha1').update(readFileSync('dist/languageServer.js')).digest('hex');
      await esbuild.build({
        ...common,
        entryPoints: ['server/src/launch.ts'],
        outfile: 'dist/server.js',
        define: { BUNDLE_SHA1: JSON.stringify(sha1) },
      });
      return built;
    }),
  // Run Locally's worker thread (client/src/local/worker.ts) with SQLite; its WebAssembly beside it.
  esbuild.build({
    ...common,
    entryPoints: ['client/src/local/worker.ts'],
    outfile: 'dist/localEngine.js',
  }),
]);
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
writeFileSync(
  'dist/THIRD-PARTY-NOTICES.txt',
  thirdPartyNotices([extension.metafile, server.metafile, localEngine.metafile]),
);

// The CLI's code lives in dist/languageServer.js, loaded by dist/server.js (see server/src/launch.ts): shipping the core once keeps
// dist/ small. This shim is the `cleanrooms-templates` bin.
const CLI_SHIM =
  "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').cliMain(process.argv.slice(2));\n";
writeFileSync('dist/cli.js', CLI_SHIM, { mode: 0o755 });

// The CLI as its own npm package: cli/package.json and cli/README.md, the root's version, the
// server bundle (which holds the CLI) and the notices of that bundle only.
const cliPackage = 'dist/cli-package';
rmSync(cliPackage, { recursive: true, force: true });
mkdirSync(cliPackage, { recursive: true });
const { version, repository } = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync('cli/package.json', 'utf8'));
writeFileSync(
  `${cliPackage}/package.json`,
  JSON.stringify({ ...manifest, version, repository }, null, 2) + '\n',
);
writeFileSync(`${cliPackage}/cli.js`, CLI_SHIM, { mode: 0o755 });
writeFileSync(`${cliPackage}/THIRD-PARTY-NOTICES.txt`, thirdPartyNotices([server.metafile]));
for (const [from, to] of [
  ['dist/server.js', 'server.js'],
  ['dist/languageServer.js', 'languageServer.js'],
  ['cli/README.md', 'README.md'],
  ['LICENSE', 'LICENSE'],
]) {
  copyFileSync(from, `${cliPackage}/${to}`);
}
