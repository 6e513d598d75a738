// The extension-host suite (test/vscode) run inside code-server's real extension host, with the
// extension loaded from the repo in development mode: assertions through the `vscode` API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSuiteInCodeServer } from './extensionHost';

test('the extension-host suite passes inside code-server', { timeout: 300_000 }, async () => {
  const run = await runSuiteInCodeServer();
  for (const r of run.results)
    console.log(
      `[e2e 08] ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)${r.error ? `\n${r.error}` : ''}`,
    );
  assert.ok(run.results.length > 0, 'the suite reported results');
  assert.deepEqual(
    run.results.filter((r) => !r.ok).map((r) => r.name),
    [],
  );
  assert.equal(run.exitCode, 0, 'extension host exit code');
});
