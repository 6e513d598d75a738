// Starts the real thing for one end-to-end test: the local Clean Rooms emulator, code-server 4.100.3
// (VS Code 1.100.3 with a Node extension host) with our packaged .vsix installed, and Debian Chromium
// driven by playwright-core, on a scratch copy of examples/. Everything is torn down in `finally`.
// `npm test` builds dist/ first; packaging (vsce's prepublish) rebuilds it the same way.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  cpSync,
  existsSync,
  openSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, EMULATOR_CREDENTIALS, type Seed } from '../emulator/server';
import { poll } from './poll';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const cacheDir = join(repoRoot, '.cache');
const e2eCache = join(cacheDir, 'e2e');
export const codeServerBin = join(cacheDir, 'code-server', 'node_modules', '.bin', 'code-server');
const resultsDir = join(repoRoot, 'test-results', 'e2e');
export const demoSeed = join(repoRoot, 'test', 'emulator', 'seeds', 'demo.json');
const CHROMIUM = '/usr/bin/chromium';

export interface Session {
  page: Page;
  /** Scratch copy of examples/ opened as the workspace folder; tests may edit it. */
  workspace: string;
  emulatorUrl: string;
  workbenchUrl: string;
  /** code-server's --user-data-dir (holds logs/…/exthost1/remoteexthost.log). */
  userDataDir: string;
  /** Saves a screenshot as test-results/e2e/<session name>-<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}

export interface StackOptions extends SessionOptions {
  /** Load the extension from a folder in development mode and run an extension-host test file. */
  development?: { extensionPath: string; testsPath: string };
  /** Extra environment for code-server (and so the extension host). */
  env?: Record<string, string>;
  /** The emulator's seed; the demo seed when absent. */
  seed?: Seed | string;
}

export interface SessionOptions {
  /** Which settings file gets cleanrooms.endpoint (machine-scoped): code-server's Machine or User settings. */
  endpointIn?: 'machine' | 'user';
  /** More user settings (e.g. the extension's own options). */
  extraSettings?: Record<string, unknown>;
  /** Workspace trust on, without the start-up prompt: the folder opens untrusted (Restricted Mode). */
  restrictedMode?: boolean;
}

// Trust is off in the other sessions so that no trust prompt stands between a test and the folder.
const RESTRICTED_MODE_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
};

// Installs code-server and Chromium when missing (idempotent), so a fresh clone's `npm test` works.
// The marker is what scripts/setup-e2e.mjs writes after a complete, verified install.
export function ensureSetup(): void {
  if (
    existsSync(join(cacheDir, 'code-server', '.installed-4.100.3')) &&
    existsSync(codeServerBin) &&
    existsSync(CHROMIUM)
  )
    return;
  const res = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'setup-e2e.mjs')], {
    stdio: 'inherit',
    cwd: repoRoot,
  });
  if (res.status !== 0) throw new Error('scripts/setup-e2e.mjs failed: see its output above');
}

function newestMtime(paths: string[]): number {
  return Math.max(
    ...paths.filter(existsSync).map((p) => {
      const s = statSync(p);
      return s.isDirectory() ? newestMtime(readdirSync(p).map((n) => join(p, n))) : s.mtimeMs;
    }),
    0,
  );
}

// Packages dist/ into a .vsix (`npm run package`, i.e. vsce), reusing it while nothing it holds changed.
export function packageVsix(): string {
  mkdirSync(e2eCache, { recursive: true });
  // One .vsix per checkout: .cache/ may be shared between worktrees, their dist/ differ.
  const vsix = join(
    e2eCache,
    `extension-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 8)}.vsix`,
  );
  for (const f of ['dist/extension.js', 'dist/server.js']) {
    if (!existsSync(join(repoRoot, f)))
      throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const inputs = [
    'dist',
    'package.json',
    'syntaxes',
    'schemas',
    'docs',
    '.vscodeignore',
    'README.md',
  ].map((p) => join(repoRoot, p));
  if (existsSync(vsix) && statSync(vsix).mtimeMs > newestMtime(inputs)) return vsix;
  const res = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  if (res.status !== 0) throw new Error(`vsce package failed:\n${res.stdout}${res.stderr}`);
  return vsix;
}

function writeJson(path: string, value: unknown): void {
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

// A demo AWS profile for the emulator, in files of our own so ~/.aws is never read or touched.
export function writeAwsProfile(dir: string): {
  AWS_CONFIG_FILE: string;
  AWS_SHARED_CREDENTIALS_FILE: string;
} {
  const config = join(dir, 'aws-config');
  const credentials = join(dir, 'aws-credentials');
  writeFileSync(config, '[default]\nregion = us-east-1\n\n[profile demo]\nregion = us-east-1\n');
  const keys = `aws_access_key_id = ${EMULATOR_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EMULATOR_CREDENTIALS.secretAccessKey}\n`;
  writeFileSync(credentials, `[default]\n${keys}\n[demo]\n${keys}`);
  return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
}

export function workbenchSettings(endpoint: string | undefined): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.hover.delay': 300,
    'editor.minimap.enabled': false,
    // Tests (and the demo) save explicitly, as a person would; no surprise writes.
    'files.autoSave': 'off',
    ...(endpoint ? emulatorEndpoints(endpoint) : {}),
  };
}

/** The emulator serves Clean Rooms and (for query results) S3 on one URL. */
export function emulatorEndpoints(endpoint: string): Record<string, string> {
  return { 'cleanrooms.endpoint': endpoint, 'cleanrooms.s3Endpoint': endpoint };
}

export interface CodeServer {
  url: string;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

// Starts code-server detached (its own process group) and resolves once it answers HTTP.
export async function startCodeServer(opts: {
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  folder: string;
  extraArgs?: string[];
  /** Keep VS Code's workspace trust (off by default: --disable-workspace-trust). */
  workspaceTrust?: boolean;
  /** 0 (default) lets code-server pick a free port. */
  port?: number;
  /** Called as soon as the process exists, so a caller interrupted mid-start can still stop it. */
  onSpawn?: (stop: () => Promise<void>) => void;
}): Promise<CodeServer> {
  const configFile = join(opts.userDataDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const out = openSync(opts.logFile, 'a');
  const child = spawn(
    codeServerBin,
    [
      '--config',
      configFile,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${opts.port ?? 0}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir',
      opts.userDataDir,
      '--extensions-dir',
      opts.extensionsDir,
      ...(opts.extraArgs ?? []),
      opts.folder,
    ],
    { detached: true, stdio: ['ignore', out, out], env: opts.env },
  );
  closeSync(out);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timedOut = await Promise.race([
      exited.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 5000).unref()),
    ]);
    if (timedOut) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  opts.onSpawn?.(stop);
  const exitedEarly = exited.then(() => {
    throw new Error(`code-server exited early:\n${readFileSync(opts.logFile, 'utf8')}`);
  });
  exitedEarly.catch(() => undefined); // it only matters while we wait below
  try {
    const url = await Promise.race([
      exitedEarly,
      poll(
        'code-server to listen',
        () =>
          readFileSync(opts.logFile, 'utf8').match(
            /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/,
          )?.[1],
        { timeoutMs: 30_000 },
      ),
    ]);
    await poll(
      'code-server to answer HTTP',
      async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok,
      { timeoutMs: 15_000 },
    );
    return { url, process: child, logFile: opts.logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function codeServerEnv(base: string, aws: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env))
    if (k.startsWith('AWS_') || k.startsWith('VSCODE_')) delete env[k];
  // NODE_OPTIONS from the test runner (tsx's loader) must not leak into code-server's Node.
  delete env.NODE_OPTIONS;
  return {
    ...env,
    ...aws,
    XDG_CONFIG_HOME: join(base, 'xdg-config'),
    XDG_DATA_HOME: join(base, 'xdg-data'),
    XDG_CACHE_HOME: join(base, 'xdg-cache'),
  };
}

export function installVsix(
  vsix: string,
  userDataDir: string,
  extensionsDir: string,
  env: NodeJS.ProcessEnv,
): void {
  const res = spawnSync(
    codeServerBin,
    [
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--install-extension',
      vsix,
      '--force',
    ],
    {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (res.status !== 0 || !/successfully installed/i.test(res.stdout + res.stderr)) {
    throw new Error(`installing ${vsix} failed:\n${res.stdout}${res.stderr}`);
  }
}

// Puts the endpoint where the chosen settings scope lives: code-server keeps remote (machine)
// settings in <user-data-dir>/Machine/settings.json and the user's in User/settings.json. Both
// reach the machine-scoped cleanrooms.endpoint in code-server 4.100.3 (its User settings live on
// the server too); Machine is the default, being where a remote machine's setting belongs.
export function writeSettings(
  userDataDir: string,
  endpoint: string,
  endpointIn: 'machine' | 'user',
  extra: Record<string, unknown> = {},
): void {
  writeJson(join(userDataDir, 'User', 'settings.json'), {
    ...workbenchSettings(endpointIn === 'user' ? endpoint : undefined),
    ...extra,
  });
  writeJson(
    join(userDataDir, 'Machine', 'settings.json'),
    endpointIn === 'machine' ? emulatorEndpoints(endpoint) : {},
  );
}

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
    } as Record<string, string>,
    timeout: 60_000,
  });
}

// Waits until the workbench shows the workspace folder in the Explorer.
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page
    .locator('.explorer-folders-view .monaco-list-row')
    .first()
    .waitFor({ timeout: 60_000 });
}

export function screenshotPath(name: string): string {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
}

// Prints how long each start-up step took, so slow runs show where the time went.
function phaseTimer(name: string): { mark(step: string): void } {
  let last = Date.now();
  return {
    mark(step) {
      const now = Date.now();
      console.log(`[e2e ${name}] ${step}: ${((now - last) / 1000).toFixed(1)} s`);
      last = now;
    },
  };
}

/** Running pieces of one session; `stop` tears them all down (and removes its folder unless `keep`). */
export interface Stack extends Session {
  /** The session's scratch folder: logs, user data, workspace. */
  base: string;
  codeServer: CodeServer;
  stop(keep: boolean): Promise<void>;
}

// The VS Code web client takes development-mode options from the `payload` query parameter (the
// code-server CLI refuses --extensionDevelopmentPath); paths are URIs on the remote authority.
function developmentPayload(
  serverUrl: string,
  dev: { extensionPath: string; testsPath: string },
): string {
  const authority = new URL(serverUrl).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${dev.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${dev.testsPath}`],
  ];
  return `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Starts emulator, code-server and browser with the workbench loaded on a copy of examples/. */
export async function startStack(name: string, options: StackOptions = {}): Promise<Stack> {
  const timer = phaseTimer(name);
  ensureSetup();
  const vsix = options.development ? undefined : packageVsix();
  mkdirSync(e2eCache, { recursive: true });
  const base = mkdtempSync(join(e2eCache, `${name.replace(/[^a-z0-9-]+/gi, '-')}-`));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  mkdirSync(userDataDir, { recursive: true });
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  const emulator = await startEmulator({ port: 0, seed: options.seed ?? demoSeed });
  timer.mark('package + emulator');
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  const stop = async (keep: boolean) => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    await emulator.close();
    if (!keep) rmSync(base, { recursive: true, force: true });
  };
  try {
    const env = { ...codeServerEnv(base, writeAwsProfile(base)), ...options.env };
    writeSettings(userDataDir, emulator.url, options.endpointIn ?? 'machine', {
      ...options.extraSettings,
      ...(options.restrictedMode ? RESTRICTED_MODE_SETTINGS : {}),
    });
    if (vsix) installVsix(vsix, userDataDir, extensionsDir, env);
    timer.mark('install vsix');
    server = await startCodeServer({
      userDataDir,
      extensionsDir,
      env,
      logFile: join(base, 'code-server.log'),
      folder: workspace,
      workspaceTrust: options.restrictedMode,
    });
    timer.mark('code-server ready');
    context = await launchBrowser(join(base, 'chromium'));
    const page = context.pages()[0] ?? (await context.newPage());
    const workbenchUrl =
      `${server.url}/?folder=${encodeURIComponent(workspace)}` +
      (options.development ? developmentPayload(server.url, options.development) : '');
    await page.goto(workbenchUrl, { timeout: 60_000 });
    await waitForWorkbench(page);
    timer.mark('browser + workbench ready');
    return {
      page,
      workspace,
      emulatorUrl: emulator.url,
      workbenchUrl,
      userDataDir,
      base,
      codeServer: server,
      stop,
      screenshot: async (shot) => {
        const path = screenshotPath(`${name}-${shot}`);
        await page.screenshot({ path });
        return path;
      },
    };
  } catch (err) {
    await failureScreenshot(name, context, err, base);
    await stop(true);
    throw err;
  }
}

async function failureScreenshot(
  name: string,
  context: BrowserContext | undefined,
  err: unknown,
  base: string,
): Promise<void> {
  const page = context?.pages()[0];
  if (!page || !(err instanceof Error)) return;
  const path = screenshotPath(`${name}-FAILED`);
  await page.screenshot({ path }).catch(() => undefined);
  err.message += `\n(screenshot: ${path}; logs and workspace kept in ${base})`;
}

/** Runs `fn` against a fresh emulator + code-server + browser and always tears them down. */
export async function withSession<T>(
  name: string,
  fn: (s: Session) => Promise<T>,
  options: SessionOptions = {},
): Promise<T> {
  const stack = await startStack(name, options);
  let ok = false;
  try {
    const result = await fn(stack);
    ok = true;
    return result;
  } catch (err) {
    const page = stack.page;
    await failureScreenshot(name, page.context(), err, stack.base);
    throw err;
  } finally {
    // Keep a failed session's folder (logs, workspace) for diagnosis; remove passing ones.
    await stack.stop(!ok);
  }
}
