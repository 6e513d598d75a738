// Bad input never takes the server down: invalid params, unknown methods, malformed JSON-RPC,
// huge documents and binary text. After each, the server still answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { frame, startServer, withTimeout, type LspClient } from '../support/lspClient';
import { SCHEMA, VALID_TEMPLATE, workspace, type Workspace } from './fixtures';

describe('garbage input', () => {
  let ws: Workspace;
  let client: LspClient;
  let probeUri: string;
  before(async () => {
    ws = workspace(SCHEMA);
    client = startServer();
    await client.initialize();
    probeUri = ws.uri('probe.cleanrooms.sql');
    client.open(probeUri, VALID_TEMPLATE);
    await client.waitForDiagnostics(probeUri, (p) => p.version === 1);
  });
  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  /** The server is alive and serving: a hover on the probe document answers within 2 s. */
  async function assertServing() {
    const hover = await client.request<Hover>(
      'textDocument/hover',
      { textDocument: { uri: probeUri }, position: { line: 3, character: 11 } },
      2000,
    );
    assert.match((hover.contents as { value: string }).value, /user_id/);
    assert.equal(client.process.exitCode, null);
  }

  it('answers requests with invalid params with a neutral result', async () => {
    for (const method of [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/definition',
      'textDocument/references',
      'textDocument/documentSymbol',
      'textDocument/codeAction',
      'cleanrooms/analyze',
    ]) {
      for (const params of [
        {},
        null,
        42,
        'x',
        {
          textDocument: { uri: 'file:///nope.cleanrooms.sql' },
          position: { line: -5, character: 1e9 },
        },
        { textDocument: { uri: probeUri }, position: null, range: 'x' },
      ]) {
        await client
          .request(method, params, 2000)
          .catch((e: { code?: number }) =>
            assert.ok(
              typeof e.code === 'number',
              `${method} ${JSON.stringify(params)}: ${String(e)}`,
            ),
          );
      }
    }
    await assertServing();
  });

  it('rejects unknown methods and survives unknown notifications', async () => {
    await assert.rejects(client.request('cleanrooms/doesNotExist', {}, 2000), /Unhandled method/);
    client.notify('cleanrooms/whatever', { a: 1 });
    client.notify('textDocument/didChange', {
      textDocument: { uri: 'file:///never-opened.cleanrooms.sql', version: 3 },
      contentChanges: [{ text: 'x' }],
    });
    client.notify('textDocument/didOpen', { textDocument: null });
    client.notify('workspace/didChangeWatchedFiles', { changes: 'nope' });
    client.notify('workspace/didChangeConfiguration', {
      settings: { cleanrooms: { dp: { subqueries: 12 } } },
    });
    await assertServing();
  });

  it('survives a malformed JSON body and a message with a wrong shape', async () => {
    client.writeRaw(frame('{"jsonrpc":"2.0","id":'));
    client.writeRaw(frame('[1,2,3]'));
    client.writeRaw(frame('{"jsonrpc":"2.0","method":5}'));
    await assertServing();
  });

  it('handles a 500 KB template, a 1 MB line, NUL bytes and binary text', async () => {
    const big = ws.uri('big.cleanrooms.sql');
    const body = Array.from(
      { length: 7500 },
      (_, i) => `SELECT user_id, campaign_id FROM impressions WHERE ts > :since -- ${i}`,
    ).join('\nUNION ALL\n');
    const text = `-- @name Big\n-- @param since DATE\nWITH c AS (\n${body}\n)\nSELECT COUNT(DISTINCT user_id) FROM c`;
    assert.ok(text.length > 500_000);
    client.open(big, text);
    const d = await client.waitForDiagnostics(big, (p) => p.version === 1, 15_000);
    for (const diag of d.diagnostics)
      assert.ok(diag.range.end.line <= text.split('\n').length, JSON.stringify(diag.range));

    const line = ws.uri('line.cleanrooms.sql');
    client.open(line, `-- @name Line\nSELECT '${'x'.repeat(1 << 20)}'`);
    await client.waitForDiagnostics(line, (p) => p.version === 1, 15_000);

    const nul = ws.uri('nul.cleanrooms.sql');
    client.open(
      nul,
      '-- @name N\u0000\nSELECT\u0000 COUNT(*) FROM impressions\u0000 WHERE :x\u0000',
    );
    await client.waitForDiagnostics(nul, (p) => p.version === 1);

    const binary = ws.uri('binary.cleanrooms.sql');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    client.open(binary, bytes.toString('latin1'));
    await client.waitForDiagnostics(binary, (p) => p.version === 1);
    for (const uri of [big, line, nul, binary]) {
      await client.request(
        'textDocument/hover',
        { textDocument: { uri }, position: { line: 1, character: 3 } },
        5000,
      );
      await client.request(
        'textDocument/completion',
        { textDocument: { uri }, position: { line: 1, character: 3 } },
        5000,
      );
      await client.request('textDocument/documentSymbol', { textDocument: { uri } }, 5000);
      client.close(uri);
    }
    await assertServing();
    assert.doesNotMatch(client.stderr(), /Error/);
  });

  it('exits cleanly on shutdown + exit', async () => {
    const other = startServer();
    await other.initialize();
    await other.request('shutdown', null);
    other.notify('exit');
    const exit = await withTimeout(other.exited, 3000, 'exit');
    assert.equal(exit.code, 0);
  });
});
