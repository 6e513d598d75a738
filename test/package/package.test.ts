// What ships: `npm run package` on the current tree (its prepublish builds dist/ first) gives a
// .vsix with exactly the runtime files; the CLI's npm package installs from its tarball into an
// empty folder, offline, and runs as `npx cleanrooms-templates`; the repository root packs into
// the CLI that pre-commit installs for .pre-commit-hooks.yaml. One file, so they never build
// dist/ at the same time.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = resolve('.');
const tmp = mkdtempSync(join(tmpdir(), 'package-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
// Hermetic npm: its own cache, no network chatter.
const npmEnv = {
  ...process.env,
  npm_config_cache: join(tmp, 'npm-cache'),
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, env: npmEnv, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Entry names and contents of a zip (a .vsix), read from its central directory. */
function unzip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );

test('npm run package: the .vsix holds the runtime files, the license, notices and icon, and nothing else', () => {
  const vsix = join(tmp, 'ext.vsix');
  const r = run('npm', ['run', 'package', '--', '--out', vsix], root);
  assert.doesNotMatch(r.stdout + r.stderr, /WARNING|broken/i);
  const entries = unzip(vsix);
  const names = [...entries.keys()]
    .filter((n) => n.startsWith('extension/'))
    .map((n) => n.slice('extension/'.length));
  const manifest = JSON.parse(entries.get('extension/package.json')!.toString('utf8'));
  const languageIcons: string[] = manifest.contributes.languages.flatMap(
    (l: { icon?: { light: string; dark: string } }) =>
      l.icon ? [l.icon.light, l.icon.dark].map((p) => p.replace(/^\.\//, '')) : [],
  );
  const required = [
    'package.json',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    'dist/extension.js',
    'dist/server.js',
    'dist/languageServer.js',
    'dist/localEngine.js',
    'dist/sql-wasm.wasm',
    'dist/THIRD-PARTY-NOTICES.txt',
    manifest.icon,
    ...languageIcons,
    'docs/diagnostics.md',
    ...filesUnder('syntaxes'),
    ...filesUnder('schemas'),
  ];
  for (const f of required) assert.ok(names.includes(f), `${f} missing from the .vsix`);
  assert.deepEqual(
    names.filter((n) => !required.includes(n)),
    [],
    'unexpected files in the .vsix',
  );
  for (const n of names)
    assert.doesNotMatch(
      n,
      /^(server|client|common|test|bench|scripts|examples|node_modules|\.cache)\/|\.(ts|map)$/,
    );

  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.activationEvents.includes('onLanguage:sql'));
  const icon = entries.get(`extension/${manifest.icon}`)!;
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'icon is 128×128');
  const notices = entries.get('extension/dist/THIRD-PARTY-NOTICES.txt')!.toString('utf8');
  for (const pkg of [
    'vscode-languageclient',
    'vscode-languageserver',
    'node-sql-parser',
    '@aws-sdk/client-cleanrooms',
    'sql.js',
  ]) {
    assert.match(notices, new RegExp(`^- ${pkg}@\\S+ \\(`, 'm'), `${pkg} not in the notices`);
  }
  assert.match(notices, /Apache License\s+Version 2\.0/);
  // vsce rewrote the README's relative links to absolute ones, which work on the Marketplace.
  const readme = entries.get('extension/readme.md')!.toString('utf8');
  const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length > 3);
  for (const l of links) assert.match(l, /^(https:\/\/|#)/, `README link ${l} is relative`);
});

test('the CLI package: npm pack, offline install into an empty folder, npx cleanrooms-templates check', () => {
  run('npm', ['run', 'build'], root);
  const packed = run(
    'npm',
    ['pack', join(root, 'dist/cli-package'), '--pack-destination', tmp, '--json'],
    root,
  );
  const [info] = JSON.parse(packed.stdout);
  assert.deepEqual(info.files.map((f: { path: string }) => f.path).sort(), [
    'LICENSE',
    'README.md',
    'THIRD-PARTY-NOTICES.txt',
    'cli.js',
    'languageServer.js',
    'package.json',
    'server.js',
  ]);
  assert.equal(info.name, 'cleanrooms-templates');
  assert.equal(info.version, JSON.parse(readFileSync('package.json', 'utf8')).version);

  const project = join(tmp, 'project');
  cpSync(join(root, 'examples'), join(project, 'templates'), { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "ci-project", "private": true }\n');
  run('npm', ['install', '--offline', '--no-save', join(tmp, info.filename)], project);

  const check = spawnSync(
    'npx',
    ['--offline', 'cleanrooms-templates', 'check', '--format', 'sarif', 'templates'],
    { cwd: project, env: npmEnv, encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(check.status, 1, `the examples hold errors:\n${check.stderr}`);
  const log = JSON.parse(check.stdout);
  assert.equal(log.version, '2.1.0');
  const results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] =
    log.runs[0].results;
  const uris = new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.has('templates/last-seen.cleanrooms.sql'), [...uris].join());

  const help = spawnSync('npx', ['--offline', 'cleanrooms-templates', '--help'], {
    cwd: project,
    env: npmEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: cleanrooms-templates check/);
});

test("pre-commit: the root packs into the CLI alone, and the hook's entry and args run it", () => {
  const packed = run('npm', ['pack', '--pack-destination', tmp, '--json'], root);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
  assert.deepEqual(info.files.map((f: { path: string }) => f.path).sort(), [
    'LICENSE',
    'README.md',
    'dist/THIRD-PARTY-NOTICES.txt',
    'dist/cli.js',
    'dist/languageServer.js',
    'dist/server.js',
    'package.json',
  ]);

  // As pre-commit does: install the packed repository, then run `entry args...` in the user's repo.
  const prefix = join(tmp, 'hook-env');
  run('npm', ['install', '--offline', '-g', '--prefix', prefix, join(tmp, info.filename)], tmp);
  const hooks = readFileSync('.pre-commit-hooks.yaml', 'utf8');
  const entry = hooks.match(/^\s*entry: (.+)$/m)![1].split(' ');
  const args = JSON.parse(hooks.match(/^\s*args: (\[.*\])$/m)![1].replace(/'/g, '"')) as string[];
  const userRepo = join(tmp, 'user-repo');
  cpSync(join(root, 'examples'), userRepo, { recursive: true });
  const r = spawnSync(join(prefix, 'bin', entry[0]), [...entry.slice(1), ...args], {
    cwd: userRepo,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 1, `the examples hold errors:\n${r.stderr}`);
  assert.match(r.stdout, /last-seen\.cleanrooms\.sql:3:21 error DP028 /);
  assert.match(r.stderr, /5 template\(s\)/);
});
