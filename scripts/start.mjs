// `npm start`: the product, running. Builds and packages the extension, starts the local Clean
// Rooms emulator with the demo seed, and starts code-server (VS Code 1.100.3 in the browser) with
// the extension installed, a copy of examples/ open, `cleanrooms.endpoint` pointing at the emulator and a demo
// AWS profile whose keys only the emulator accepts. Prints the URL; Ctrl-C stops everything.
// Options: --port N (default 8080, or a free one if taken).
// code-server comes from scripts/setup-e2e.mjs, run here first when it is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoDir = join(root, '.cache', 'demo');
const say = (msg) => console.log(`[start] ${msg}`);

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[start] ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

function portFree(port) {
  return new Promise((done) => {
    const probe = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

const portArg = process.argv.indexOf('--port');
const wanted = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
  console.error(`[start] --port needs a port number, got "${process.argv[portArg + 1]}"`);
  process.exit(2);
}

if (
  !existsSync(join(root, '.cache', 'code-server', 'node_modules', '.bin', 'code-server')) ||
  !existsSync('/usr/bin/chromium')
) {
  say('code-server is not installed yet: running scripts/setup-e2e.mjs');
  run(process.execPath, [join(root, 'scripts', 'setup-e2e.mjs')]);
}
// vsce runs the `vscode:prepublish` script (the esbuild build) before packaging: the one build.
say('building and packaging the extension (.vsix)');
mkdirSync(demoDir, { recursive: true });
const vsix = join(demoDir, 'extension.vsix');
run('npm', ['run', '--silent', 'package', '--', '--out', vsix]);

// TypeScript modules (the emulator, the code-server launcher) load through tsx, as in the tests.
registerCjs();
register();
// tsx may load them as CommonJS, whose names then sit on the namespace's default export.
const load = async (path) => {
  const ns = await import(path);
  return { ...ns.default, ...ns };
};
const { startEmulator } = await load('../test/emulator/server.ts');
const { codeServerEnv, installVsix, startCodeServer, writeAwsProfile, writeSettings } =
  await load('../test/e2e/harness.ts');

// Everything started so far, stopped in reverse on Ctrl-C: also while still starting up, since
// code-server runs in its own process group and would outlive this script.
const cleanups = [];
let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  say('stopping code-server and the emulator');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const emulator = await startEmulator({
  port: 0,
  seed: join(root, 'test', 'emulator', 'seeds', 'demo.json'),
});
cleanups.push(() => emulator.close());
say(`Clean Rooms emulator (demo seed) on ${emulator.url}`);
const userDataDir = join(demoDir, 'user-data');
const extensionsDir = join(demoDir, 'extensions');
mkdirSync(userDataDir, { recursive: true });
const env = codeServerEnv(demoDir, writeAwsProfile(demoDir));
// Results of Run Analysis Template go to the emulator's S3 under this bucket.
writeSettings(userDataDir, emulator.url, 'machine', {
  'cleanrooms.results.s3Bucket': 'demo-results',
});
installVsix(vsix, userDataDir, extensionsDir, env);
// A copy, so the demo's fetch/create/refresh never write into the repository's examples/; made
// once and kept, so what you change in the demo is still there next time.
const folder = join(demoDir, 'workspace');
if (!existsSync(folder)) cpSync(join(root, 'examples'), folder, { recursive: true });
say(`workspace: ${folder} (a copy of examples/; delete it to start over)`);
const port = (await portFree(wanted)) ? wanted : 0;
let server;
try {
  server = await startCodeServer({
    userDataDir,
    extensionsDir,
    env,
    logFile: join(demoDir, 'code-server.log'),
    folder,
    port,
    onSpawn: (stopServer) => cleanups.push(stopServer),
  });
} catch (err) {
  console.error(`[start] ${err instanceof Error ? err.message : err}`);
  await stop(1);
}
server.process.once('exit', (code) => {
  if (!stopping) {
    console.error(
      `[start] code-server exited (${code}); its log: ${join(demoDir, 'code-server.log')}`,
    );
    void stop(1);
  }
});

console.log(`
  Clean Rooms Template Studio is running. Open:

    ${server.url}/?folder=${encodeURIComponent(folder)}

  Open a *.cleanrooms.sql file for live DP diagnostics; the shield icon in the activity bar shows
  the emulator's collaborations; "Clean Rooms: Run Analysis Template" runs one on sample rows. AWS profile "default" (demo keys, emulator only). Ctrl-C stops it.
`);
