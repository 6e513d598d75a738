#!/usr/bin/env node
// Installs what the end-to-end tests and `npm start` need, idempotently:
//   - Debian packages: chromium (the browser playwright-core drives), ripgrep (code-server's search,
//     and the offline stand-in for @vscode/ripgrep's download), libkrb5-dev + a compiler toolchain
//     (code-server compiles native modules), fonts-dejavu-core (readable screenshots);
//   - code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into .cache/code-server.
// Nothing is downloaded outside apt and the npm registry. Prints each step; exits non-zero with the
// exact commands to run when it cannot install (not root, not Debian).
// Usage: node scripts/setup-e2e.mjs [--check]   (--check: report what is missing, install nothing)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
// @vscode/ripgrep as pinned by code-server 4.100.3, and the ripgrep-prebuilt tag it fetches.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_TAG = 'v13.0.0-10';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = join(root, '.cache');
export const codeServerDir = join(cacheDir, 'code-server');
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
const installedMarker = join(codeServerDir, `.installed-${CODE_SERVER_VERSION}`);

const APT_PACKAGES = [
  'chromium',
  'ripgrep',
  'libkrb5-dev',
  'fonts-dejavu-core',
  'python3',
  'make',
  'g++',
];

const log = (msg) => console.log(`[setup-e2e] ${msg}`);

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
  }
}

function isDebian() {
  return (
    process.platform === 'linux' &&
    existsSync('/etc/debian_version') &&
    existsSync('/usr/bin/dpkg-query')
  );
}

function aptInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

export function codeServerInstalled() {
  return existsSync(installedMarker) && existsSync(codeServerBin);
}

function manualInstructions(missingApt) {
  const lines = [];
  if (missingApt.length) {
    lines.push('Install these system packages (Debian/Ubuntu names; elsewhere their equivalents):');
    lines.push(
      `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missingApt.join(' ')}`,
    );
  }
  if (!codeServerInstalled()) {
    lines.push('Then, as root, rerun: node scripts/setup-e2e.mjs');
    lines.push(
      `(it installs code-server ${CODE_SERVER_VERSION} into ${codeServerDir}; as a non-root user it works too once the packages above exist).`,
    );
  }
  return lines.join('\n');
}

function installApt(missing) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

// @vscode/ripgrep's postinstall downloads rg from GitHub, but first looks for a cached archive in
// <tmpdir>/vscode-ripgrep-cache-<version>/. Putting Debian's rg there makes the install offline.
function seedRipgrepCache(tmpDir) {
  const rg = '/usr/bin/rg';
  if (!existsSync(rg))
    throw new Error(`${rg} is missing: install the Debian package ripgrep first`);
  const dir = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const archive = join(dir, `ripgrep-${RIPGREP_TAG}-x86_64-unknown-linux-musl.tar.gz`);
  if (existsSync(archive)) return;
  const staging = join(tmpDir, 'rg-staging');
  mkdirSync(staging, { recursive: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  run('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

function installCodeServer() {
  const tmpDir = join(cacheDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(codeServerDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  // A package.json of its own keeps npm from treating the repo as the project to install into.
  writeFileSync(
    join(codeServerDir, 'package.json'),
    JSON.stringify({ name: 'e2e-code-server', private: true }, null, 2) + '\n',
  );
  const env = {
    ...process.env,
    TMPDIR: tmpDir, // os.tmpdir() for @vscode/ripgrep's cache lookup
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty runs `npx node-gyp`; ~/.npmrc may say yes=false
    npm_config_dangerously_allow_all_scripts: 'true', // npm 11: keep nested install scripts running
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    XDG_CONFIG_HOME: join(cacheDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(cacheDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(cacheDir, 'xdg', 'cache'),
  };
  run('npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerDir,
    env,
  });
  const res = spawnSync(codeServerBin, ['--version'], { encoding: 'utf8', env });
  if (res.status !== 0 || !res.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(
      `code-server installed but \`code-server --version\` failed:\n${res.stdout}${res.stderr}`,
    );
  }
  log(
    `code-server --version: ${res.stdout.split('\n').find((l) => l.startsWith(CODE_SERVER_VERSION))}`,
  );
  writeFileSync(installedMarker, new Date().toISOString() + '\n');
}

function playwrightCorePresent() {
  return existsSync(join(root, 'node_modules', 'playwright-core', 'package.json'));
}

export function setup({ checkOnly = false } = {}) {
  const started = Date.now();
  if (!playwrightCorePresent()) {
    throw new Error(
      'playwright-core is missing from node_modules: run `npm install` (or `npm ci`) in the repo first',
    );
  }
  const debian = isDebian();
  const missingApt = debian ? APT_PACKAGES.filter((p) => !aptInstalled(p)) : [];
  if (!debian) {
    const hasBrowser = existsSync('/usr/bin/chromium');
    if (!hasBrowser || !codeServerInstalled()) {
      log('This is not a Debian system, so nothing can be installed automatically.');
      log(
        'Install: chromium at /usr/bin/chromium, ripgrep, Kerberos headers (libkrb5-dev), python3, make, g++, a font such as DejaVu;',
      );
      log(
        `then run this script again to install code-server ${CODE_SERVER_VERSION} into ${codeServerDir}.`,
      );
      return 2;
    }
  }
  log(
    missingApt.length
      ? `missing Debian packages: ${missingApt.join(', ')}`
      : 'Debian packages: all present',
  );
  log(
    codeServerInstalled()
      ? `code-server ${CODE_SERVER_VERSION}: present in ${codeServerDir}`
      : `code-server ${CODE_SERVER_VERSION}: missing`,
  );
  if (checkOnly) return missingApt.length || !codeServerInstalled() ? 1 : 0;

  if (missingApt.length) {
    if (process.getuid?.() !== 0) {
      log('Cannot install system packages: not running as root.');
      console.log(manualInstructions(missingApt));
      return 2;
    }
    installApt(missingApt);
  }
  if (!codeServerInstalled()) installCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = setup({ checkOnly: process.argv.includes('--check') });
  } catch (err) {
    console.error(`[setup-e2e] ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}
