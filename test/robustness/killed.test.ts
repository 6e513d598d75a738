// A server killed mid-analysis, then started again the way vscode-languageclient restarts it
// (a new process; every open document sent again with didOpen): the documents get the same
// diagnostics as before. This covers the server side only: nothing a hard kill leaves behind
// breaks the next server. The restart itself is vscode-languageclient's and needs VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { templateWithCtes } from '../../bench/templates';
import { withTimeout, type LspClient } from '../support/lspClient';
import { assertNotCrashed, EXAMPLES, scratchWorkspace, startInitialized } from './support';

const WAIT_MS = 10_000;
const docs = ['unique-reach.cleanrooms.sql', 'frequency-per-user.cleanrooms.sql'].map((name) => ({
  name,
  text: readFileSync(join(EXAMPLES, name), 'utf8'),
}));

const essence = (ds: Diagnostic[]) =>
  ds
    .map((d) => ({ code: d.code, severity: d.severity, range: d.range }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function openAll(
  client: LspClient,
  uri: (name: string) => string,
): Promise<Map<string, Diagnostic[]>> {
  for (const d of docs) client.open(uri(d.name), d.text, 1);
  const out = new Map<string, Diagnostic[]>();
  for (const d of docs)
    out.set(
      d.name,
      (await client.waitForDiagnostics(uri(d.name), (p) => p.version === 1, WAIT_MS)).diagnostics,
    );
  return out;
}

test(
  'a server killed mid-analysis is replaced and the open documents get diagnostics again',
  { timeout: 30_000 },
  async () => {
    const ws = scratchWorkspace();
    const first = await startInitialized();
    let second: Awaited<ReturnType<typeof startInitialized>> | undefined;
    try {
      const before = await openAll(first.client, ws.uri);

      // Kill it while it is busy with a large edit (sent on the connection itself, so the write
      // has finished before the pipe's reader dies).
      await first.client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: ws.uri(docs[0].name), version: 2 },
        contentChanges: [{ text: templateWithCtes(1200) }],
      });
      first.client.process.kill('SIGKILL');
      const exit = await withTimeout(first.client.exited, 5000, 'killed server exit');
      assert.equal(exit.signal, 'SIGKILL');

      second = await startInitialized();
      const after = await openAll(second.client, ws.uri);
      for (const d of docs)
        assert.deepEqual(essence(after.get(d.name)!), essence(before.get(d.name)!), d.name);
      assertNotCrashed(second.client, 'restarted server');
    } finally {
      await first.client.dispose();
      await second?.client.dispose();
      ws.dispose();
    }
  },
);
