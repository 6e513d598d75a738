// `npm run test:vscode`: runs the extension-host suite (test/vscode) the usual way, with
// @vscode/test-electron driving desktop VS Code, when a desktop VS Code is installed. That tool would
// otherwise download VS Code, which cannot happen offline, so without one the suite runs in
// code-server 4.100.3's extension host instead, and the script says which it did.
// Options: --code-server (skip the desktop search).  Env: VSCODE_EXECUTABLE=/path/to/code binary.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator, EMULATOR_CREDENTIALS } from '../test/emulator/server';
import { repoRoot, workbenchSettings } from '../test/e2e/harness';
import { bundleSuite, runSuiteInCodeServer } from '../test/e2e/extensionHost';
import type { TestResult } from '../test/vscode/runner';

function desktopCandidates(): string[] {
  const fromEnv = process.env.VSCODE_EXECUTABLE ? [process.env.VSCODE_EXECUTABLE] : [];
  switch (process.platform) {
    case 'darwin':
      return [
        ...fromEnv,
        '/Applications/Visual Studio Code.app/Contents/MacOS/Electron',
        '/Applications/Visual Studio Code.app/Contents/MacOS/Code',
      ];
    case 'win32':
      return [
        ...fromEnv,
        join(process.env.LOCALAPPDATA ?? '', 'Programs', 'Microsoft VS Code', 'Code.exe'),
        'C:\\Program Files\\Microsoft VS Code\\Code.exe',
      ];
    default:
      return [
        ...fromEnv,
        '/usr/share/code/code',
        '/opt/visual-studio-code/code',
        '/snap/code/current/usr/share/code/code',
        join(homedir(), '.local', 'share', 'code', 'code'),
      ];
  }
}

function hasDisplay(): boolean {
  return (
    process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  );
}

function printResults(where: string, results: TestResult[]): void {
  for (const r of results)
    console.log(
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)${r.error ? `\n     ${r.error.split('\n').slice(0, 6).join('\n     ')}` : ''}`,
    );
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `extension-host suite in ${where}: ${results.length - failed} passed, ${failed} failed`,
  );
}

async function runInDesktop(executable: string): Promise<number> {
  const suite = await bundleSuite();
  const base = mkdtempSync(join(repoRoot, '.cache', 'vscode-desktop-'));
  const workspace = join(base, 'workspace');
  cpSync(join(repoRoot, 'examples'), workspace, { recursive: true });
  const emulator = await startEmulator({
    port: 0,
    seed: join(repoRoot, 'test', 'emulator', 'seeds', 'demo.json'),
  });
  const userDataDir = join(base, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // Desktop VS Code is local, so the machine-scoped endpoint is honoured from user settings.
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(workbenchSettings(emulator.url), null, 2),
  );
  writeFileSync(join(base, 'aws-config'), '[default]\nregion = us-east-1\n');
  writeFileSync(
    join(base, 'aws-credentials'),
    `[default]\naws_access_key_id = ${EMULATOR_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${EMULATOR_CREDENTIALS.secretAccessKey}\n`,
  );
  const resultsFile = join(base, 'results.json');
  try {
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${userDataDir}`,
        `--extensions-dir=${join(base, 'extensions')}`,
      ],
      extensionTestsEnv: {
        AWS_CONFIG_FILE: join(base, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(base, 'aws-credentials'),
        CLEANROOMS_VSCODE_RESULTS: resultsFile,
      },
    }).catch((err: unknown) => {
      console.error(
        `desktop VS Code run failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return 1;
    });
    if (existsSync(resultsFile))
      printResults(
        `desktop VS Code (${executable})`,
        JSON.parse(readFileSync(resultsFile, 'utf8')),
      );
    return code;
  } finally {
    await emulator.close();
    rmSync(base, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const forceCodeServer = process.argv.includes('--code-server');
  const desktop = forceCodeServer ? undefined : desktopCandidates().find((p) => existsSync(p));
  if (desktop && hasDisplay()) {
    console.log(
      `Running the extension-host suite with @vscode/test-electron in desktop VS Code: ${desktop}`,
    );
    return runInDesktop(desktop);
  }
  if (!forceCodeServer) {
    console.log(
      desktop
        ? `Desktop VS Code found at ${desktop}, but there is no display: run \`xvfb-run -a npm run test:vscode\` to use it.`
        : 'No desktop VS Code found (looked for VSCODE_EXECUTABLE and the usual install paths). @vscode/test-electron would ' +
            'download one, which cannot happen offline, so it is not used.',
    );
    console.log(
      "Running the suite in code-server 4.100.3's extension host instead (same suite file, loaded as extensionTestsPath).",
    );
  }
  const run = await runSuiteInCodeServer();
  printResults('code-server 4.100.3', run.results);
  console.log(
    `extension host exit code ${run.exitCode}; whole run ${(run.ms / 1000).toFixed(1)} s`,
  );
  return run.exitCode === 0 && run.results.length > 0 && run.results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  },
);
