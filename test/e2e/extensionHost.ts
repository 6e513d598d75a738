// Runs the extension-host suite (test/vscode, bundled to one JS file) inside code-server's real
// extension host: the extension is loaded from the repo in development mode and the suite file is
// passed as extensionTestsPath through the web client's `payload` query parameter.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadSeed, seedWithTemplates, type Seed } from '../emulator/server';
import { demoSeed, repoRoot, startStack } from './harness';
import { poll } from './poll';
import type { TestResult } from '../vscode/runner';

export const suiteBundle = join(repoRoot, '.cache', 'vscode-test', 'suite.js');

/** Bundles test/vscode/index.ts (and the runner) into one CommonJS file the extension host can load. */
export async function bundleSuite(): Promise<string> {
  await build({
    entryPoints: [join(repoRoot, 'test', 'vscode', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return suiteBundle;
}

/** More than one page of the tree (50 templates), so the suite can test "Load more". */
const PAGED_TEMPLATE_COUNT = 60;

/** The demo seed plus the generated collaboration holding PAGED_TEMPLATE_COUNT templates. */
export function hostSeed(): Seed {
  const demo = loadSeed(demoSeed);
  const paged = seedWithTemplates(PAGED_TEMPLATE_COUNT);
  return {
    ...demo,
    collaborations: [...demo.collaborations, ...paged.collaborations],
    memberships: [...demo.memberships, ...paged.memberships],
    schemas: [...demo.schemas, ...paged.schemas],
    templates: [...demo.templates, ...paged.templates],
  };
}

export interface HostRun {
  results: TestResult[];
  /** The extension host's exit code after the suite. code-server reports 0 even when `run()`
   * threw, so the results file, not this code, says whether the suite passed. */
  exitCode: number;
  ms: number;
}

export async function runSuiteInCodeServer(timeoutMs = 240_000): Promise<HostRun> {
  const started = Date.now();
  const testsPath = await bundleSuite();
  const resultsFile = join(
    repoRoot,
    '.cache',
    'vscode-test',
    `results-${process.pid}-${started}.json`,
  );
  rmSync(resultsFile, { force: true });
  const stack = await startStack('extension-host', {
    development: { extensionPath: repoRoot, testsPath },
    env: { CLEANROOMS_VSCODE_RESULTS: resultsFile },
    seed: hostSeed(),
  });
  let ok = false;
  try {
    // The extension host exits once the suite's run() settles.
    const exitCode =
      (await poll(
        'the extension host to finish the suite',
        () => {
          const m = readFileSync(stack.codeServer.logFile, 'utf8').match(
            /Extension Host Process exited with code: (\d+)/,
          );
          return m ? Number(m[1]) + 1 : undefined;
        },
        { timeoutMs, intervalMs: 500 },
      )) - 1;
    const results: TestResult[] = existsSync(resultsFile)
      ? JSON.parse(readFileSync(resultsFile, 'utf8'))
      : [];
    rmSync(resultsFile, { force: true });
    ok = exitCode === 0;
    return { results, exitCode, ms: Date.now() - started };
  } finally {
    await stack.stop(!ok);
  }
}
