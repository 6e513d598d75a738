// Live diagnostics over real JSON-RPC on stdio: typing, schema changes, malformed schemas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type LspClient } from '../support/lspClient';
import { SCHEMA, VALID_TEMPLATE, workspace, type Workspace } from './fixtures';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('live diagnostics', () => {
  let ws: Workspace;
  let client: LspClient;
  before(async () => {
    ws = workspace();
    client = startServer();
    await client.initialize({ initializationOptions: { settings: { subqueries: 'current-docs' }, diagnosticsDocUri: 'file:///ext/docs/diagnostics.md' } });
  });
  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('typing character by character ends with the diagnostics of the last version', async () => {
    const uri = ws.uri('typed.cleanrooms.sql');
    // Breaks rule 15: the CTE reads the DP table without selecting user_id.
    const text = '-- @name Typed\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id';
    client.open(uri, '', 1);
    const versions = new Set<number>();
    const off = client.onDiagnostics((p) => p.uri === uri && p.version !== undefined && versions.add(p.version));
    let line = 0;
    let character = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      client.change(uri, i + 2, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
      if (ch === '\n') {
        line++;
        character = 0;
      } else character++;
    }
    const last = text.length + 1;
    const final = await client.waitForDiagnostics(uri, (p) => p.version === last, 10_000);
    off();
    assert.deepEqual(codes(final), ['DP015']);
    assert.deepEqual(final.diagnostics[0].range, { start: { line: 1, character: 18 }, end: { line: 1, character: 29 } });
    assert.equal(final.diagnostics[0].codeDescription?.href, 'file:///ext/docs/diagnostics.md#dp015');
    assert.equal(final.diagnostics[0].source, 'cleanrooms');
    // Edits sent in one burst are coalesced: far fewer analyses than keystrokes.
    assert.ok(versions.size < text.length / 2, `${versions.size} pushes for ${text.length} edits`);
    const related = final.diagnostics[0].relatedInformation?.[0];
    assert.equal(related?.location.uri, ws.schemaUri);
  });

  it('a valid template has no diagnostics and the analyze request says VALID', async () => {
    const uri = ws.uri('valid.cleanrooms.sql');
    client.open(uri, VALID_TEMPLATE);
    const pushed = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(pushed.diagnostics, []);
    const verdict = await client.request<{ verdict: string; diagnostics: unknown[] }>('cleanrooms/analyze', { uri });
    assert.deepEqual(verdict, { verdict: 'VALID', diagnostics: [] });
    assert.equal(await client.request('cleanrooms/analyze', { uri: ws.uri('not-open.cleanrooms.sql') }), null);
    client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (p) => p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('schema changes', () => {
  let ws: Workspace;
  let client: LspClient;
  before(async () => {
    ws = workspace(JSON.stringify({ tables: [{ name: 'sales', columns: [{ name: 'sale_id' }] }] }));
    client = startServer();
    await client.initialize();
  });
  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  const template = '-- @name Schema change\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM impressions GROUP BY campaign_id';

  it('re-validates open templates when cleanrooms.schema.json changes on disk', async () => {
    const uri = ws.uri('a.cleanrooms.sql');
    client.open(uri, template);
    const before = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(before), ['SCH001']);
    assert.deepEqual(before.diagnostics[0].range, { start: { line: 1, character: 49 }, end: { line: 1, character: 60 } });
    assert.equal((await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict, 'UNABLE_TO_VALIDATE');

    ws.writeSchema(SCHEMA);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
    const afterChange = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.equal(afterChange.version, 1);
    assert.equal((await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict, 'VALID');
  });

  it('uses the editor text of an open schema file, then the disk again when it closes', async () => {
    const uri = ws.uri('b.cleanrooms.sql');
    client.open(uri, template);
    await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 0);
    client.open(ws.schemaUri, '{ "tables": [] }', 1, 'json');
    const unresolved = await client.waitForDiagnostics(uri, (p) => codes(p).includes('SCH001'));
    assert.deepEqual(codes(unresolved), ['SCH001']);
    client.close(ws.schemaUri);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it('a malformed schema gets diagnostics on the schema file and templates become UNABLE_TO_VALIDATE', async () => {
    const uri = ws.uri('c.cleanrooms.sql');
    client.open(uri, template);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    ws.writeSchema('{ "tables": [ { "name": "impressions", ');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
    const onSchema = await client.waitForDiagnostics(ws.schemaUri, (p) => codes(p).includes('SCF001'));
    assert.deepEqual(codes(onSchema), ['SCF001']);
    assert.equal(onSchema.diagnostics[0].severity, 1);
    const onTemplate = await client.waitForDiagnostics(uri, (p) => codes(p).includes('SCH001'));
    assert.deepEqual(codes(onTemplate), ['SCH001']);
    assert.equal((await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict, 'UNABLE_TO_VALIDATE');

    for (const bad of ['[1, 2]', '{ "tables": { "name": 5 } }', '{ "tables": [ { "name": 7, "columns": "x" } ] }', '\u0000\u0001binary']) {
      const previous = client.diagnostics(ws.schemaUri);
      ws.writeSchema(bad);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
      const diag = await client.waitForDiagnostics(ws.schemaUri, (p) => p !== previous);
      assert.ok(diag.diagnostics.length > 0, bad);
      assert.ok(diag.diagnostics.every((d) => d.code === 'SCF001' || d.code === 'SCF002'), JSON.stringify(diag.diagnostics));
      assert.equal((await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict, 'UNABLE_TO_VALIDATE', bad);
    }

    ws.writeSchema(SCHEMA);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
    const fixed = await client.waitForDiagnostics(ws.schemaUri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(fixed.diagnostics, []);
    assert.equal((await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict, 'VALID');
  });
});
