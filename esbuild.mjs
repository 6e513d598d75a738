// Bundles the extension, the language server and the CLI into dist/.
// Type checking is separate (`npm run typecheck`), so builds stay fast.
import { writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'warning',
  legalComments: 'none',
  // Prefer ESM builds so esbuild can tree-shake the AWS SDK and the LSP libraries.
  mainFields: ['module', 'main'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/languageServer.js' }),
  // What starts the server: loads dist/languageServer.js through a V8 code cache (see launch.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: 'dist/server.js' }),
]);

// The CLI's code lives in dist/languageServer.js (see server/src/server.ts): shipping the core
// once keeps dist/ small. This shim is the `cleanrooms-templates` bin.
writeFileSync('dist/cli.js', "#!/usr/bin/env node\n'use strict';\nrequire('./server.js').cliMain(process.argv.slice(2));\n", { mode: 0o755 });
