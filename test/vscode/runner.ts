// A minimal test runner for inside the extension host: the host loads one plain JS file and calls
// its `run()`, so the suite is bundled by esbuild with this runner instead of a mocha dependency.
// Results go to the console (the extension host log) and, when CLEANROOMS_VSCODE_RESULTS names a
// file, as JSON there, so a driver outside the host can read them.
import { writeFileSync } from 'node:fs';

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeoutMs?: number;
}

export interface TestResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

async function runOne(test: TestCase): Promise<TestResult> {
  const started = Date.now();
  const limit = test.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      test.fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
      }),
    ]);
    return { name: test.name, ok: true, ms: Date.now() - started };
  } catch (err) {
    const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { name: test.name, ok: false, ms: Date.now() - started, error };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the cases one after another; throws (failing the host's test run) when any failed. */
export async function runSuite(tests: TestCase[]): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of tests) {
    const result = await runOne(test);
    results.push(result);
    console.log(
      `${result.ok ? 'ok  ' : 'FAIL'} ${test.name} (${result.ms} ms)${result.error ? `\n${result.error}` : ''}`,
    );
  }
  const out = process.env.CLEANROOMS_VSCODE_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  console.log(
    `extension-host suite: ${results.length - failed.length} passed, ${failed.length} failed`,
  );
  if (failed.length)
    throw new Error(
      `${failed.length} extension-host test(s) failed: ${failed.map((f) => f.name).join(', ')}`,
    );
  return results;
}
