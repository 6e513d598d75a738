// Live diagnostics over real JSON-RPC on stdio: typing, schema changes, malformed schemas.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer, type LspClient } from '../support/lspClient';
import { SCHEMA, useServer, VALID_TEMPLATE, workspace, type Workspace } from './fixtures';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('live diagnostics', () => {
  const session = useServer();

  it('typing character by character ends with the diagnostics of the last version', async () => {
    const uri = session.ws.uri('typed.cleanrooms.sql');
    // Breaks rule 15: the CTE reads the DP table without selecting user_id.
    const text =
      '-- @name Typed\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id';
    session.client.open(uri, '', 1);
    const versions = new Set<number>();
    const off = session.client.onDiagnostics(
      (p) => p.uri === uri && p.version !== undefined && versions.add(p.version),
    );
    let line = 0;
    let character = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      session.client.change(uri, i + 2, [
        { range: { start: { line, character }, end: { line, character } }, text: ch },
      ]);
      if (ch === '\n') {
        line++;
        character = 0;
      } else character++;
    }
    const last = text.length + 1;
    const final = await session.client.waitForDiagnostics(uri, (p) => p.version === last, 10_000);
    off();
    assert.deepEqual(codes(final), ['DP015']);
    assert.deepEqual(final.diagnostics[0].range, {
      start: { line: 1, character: 18 },
      end: { line: 1, character: 29 },
    });
    assert.equal(
      final.diagnostics[0].codeDescription?.href,
      'file:///ext/docs/diagnostics.md#dp015',
    );
    assert.equal(final.diagnostics[0].source, 'cleanrooms');
    // Edits sent in one burst are coalesced: far fewer analyses than keystrokes.
    assert.ok(versions.size < text.length / 2, `${versions.size} pushes for ${text.length} edits`);
    const related = final.diagnostics[0].relatedInformation?.[0];
    assert.equal(related?.location.uri, session.ws.schemaUri);
  });

  it('analyses a 500 KB template in the background: other documents are served, the newest version wins', async () => {
    const body = Array.from(
      { length: 7500 },
      (_, i) => `SELECT user_id, campaign_id FROM impressions WHERE ts > :since -- ${i}`,
    ).join('\nUNION ALL\n');
    const text = `-- @name Big\n-- @param since DATE\nWITH c AS (\n${body}\n)\nSELECT COUNT(DISTINCT user_id) FROM c`;
    assert.ok(text.length > 500_000);
    const big = session.ws.uri('big.cleanrooms.sql');
    const small = session.ws.uri('small.cleanrooms.sql');
    const order: string[] = [];
    const off = session.client.onDiagnostics((p) =>
      order.push(`${p.uri === big ? 'big' : p.uri === small ? 'small' : 'other'}@${p.version}`),
    );
    session.client.open(big, text);
    await new Promise((r) => setTimeout(r, 30));
    session.client.open(small, VALID_TEMPLATE);
    await session.client.waitForDiagnostics(small, (p) => p.version === 1, 2000);
    const hover = await session.client.request(
      'textDocument/hover',
      { textDocument: { uri: small }, position: { line: 3, character: 11 } },
      2000,
    );
    assert.ok(hover);
    session.client.change(big, 2, text + '\n');
    // While version 2 is analysed in the background, requests are answered from the header and
    // parameter references at once.
    const paramAt = { line: 3, character: text.split('\n')[3].indexOf(':since') + 2 };
    const paramHover = await session.client.request<{ contents: { value: string } }>(
      'textDocument/hover',
      { textDocument: { uri: big }, position: paramAt },
      1000,
    );
    assert.match(paramHover.contents.value, /\*\*:since\*\*: parameter of type `DATE`/);
    const latest = await session.client.waitForDiagnostics(big, (p) => p.version === 2, 30_000);
    off();
    assert.ok(order.indexOf('small@1') < order.indexOf('big@2'), order.join(' '));
    const lines = text.split('\n').length + 1;
    for (const d of latest.diagnostics)
      assert.ok(d.range.end.line < lines, JSON.stringify(d.range));
    session.client.close(big);
    session.client.close(small);
  });

  it('syntax-checks a template over 64 KB whole in the background: its syntax error, no SQL002', async () => {
    const values = Array.from({ length: 7000 }, (_, i) => `'c${String(i).padStart(5, '0')}'`).join(
      ', ',
    );
    const text = `-- @name Long list\nSELECT COUNT(*) FROM sales WHERE category IN (${values}) AND AND price > 1`;
    assert.ok(text.length > 64 * 1024);
    const uri = session.ws.uri('long-list.cleanrooms.sql');
    session.client.open(uri, text);
    const pushed = await session.client.waitForDiagnostics(uri, (p) => p.version === 1, 30_000);
    const codes = pushed.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('SQL001'), codes.join(' '));
    assert.ok(!codes.includes('SQL002'), codes.join(' '));
    session.client.close(uri);
  });

  it('a valid template has no diagnostics and the analyze request says VALID', async () => {
    const uri = session.ws.uri('valid.cleanrooms.sql');
    session.client.open(uri, VALID_TEMPLATE);
    const pushed = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(pushed.diagnostics, []);
    const verdict = await session.client.request<{ verdict: string; diagnostics: unknown[] }>(
      'cleanrooms/analyze',
      { uri },
    );
    // The final SELECT's one COUNT(DISTINCT …) is what each run spends from the privacy budget.
    assert.deepEqual(verdict, {
      verdict: 'VALID',
      diagnostics: [],
      aggregations: { COUNT_DISTINCT: 1 },
    });
    assert.equal(
      await session.client.request('cleanrooms/analyze', {
        uri: session.ws.uri('not-open.cleanrooms.sql'),
      }),
      null,
    );
    session.client.close(uri);
    const cleared = await session.client.waitForDiagnostics(uri, (p) => p.version === undefined);
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

  const template =
    '-- @name Schema change\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM impressions GROUP BY campaign_id';

  it('re-validates open templates when cleanrooms.schema.json changes on disk', async () => {
    const uri = ws.uri('a.cleanrooms.sql');
    client.open(uri, template);
    const before = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(codes(before), ['SCH001']);
    assert.deepEqual(before.diagnostics[0].range, {
      start: { line: 1, character: 49 },
      end: { line: 1, character: 60 },
    });
    assert.equal(
      (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
      'UNABLE_TO_VALIDATE',
    );

    ws.writeSchema(SCHEMA);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
    const afterChange = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.equal(afterChange.version, 1);
    assert.equal(
      (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
      'VALID',
    );
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
    const onSchema = await client.waitForDiagnostics(ws.schemaUri, (p) =>
      codes(p).includes('SCF001'),
    );
    assert.deepEqual(codes(onSchema), ['SCF001']);
    assert.equal(onSchema.diagnostics[0].severity, 1);
    const onTemplate = await client.waitForDiagnostics(uri, (p) => codes(p).includes('SCH001'));
    assert.deepEqual(codes(onTemplate), ['SCH001']);
    assert.equal(
      (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
      'UNABLE_TO_VALIDATE',
    );

    for (const bad of [
      '[1, 2]',
      '{ "tables": { "name": 5 } }',
      '{ "tables": [ { "name": 7, "columns": "x" } ] }',
      '\u0000\u0001binary',
    ]) {
      const previous = client.diagnostics(ws.schemaUri);
      ws.writeSchema(bad);
      client.notify('workspace/didChangeWatchedFiles', {
        changes: [{ uri: ws.schemaUri, type: 2 }],
      });
      const diag = await client.waitForDiagnostics(ws.schemaUri, (p) => p !== previous);
      assert.ok(diag.diagnostics.length > 0, bad);
      assert.ok(
        diag.diagnostics.every((d) => d.code === 'SCF001' || d.code === 'SCF002'),
        JSON.stringify(diag.diagnostics),
      );
      assert.equal(
        (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
        'UNABLE_TO_VALIDATE',
        bad,
      );
    }

    ws.writeSchema(SCHEMA);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.schemaUri, type: 2 }] });
    const fixed = await client.waitForDiagnostics(ws.schemaUri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(fixed.diagnostics, []);
    assert.equal(
      (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
      'VALID',
    );
  });
});

describe('settings', () => {
  let ws: Workspace;
  let client: LspClient;
  let subqueries = 'current-docs';
  before(async () => {
    ws = workspace(SCHEMA);
    client = startServer({
      configuration: (section) => (section === 'cleanrooms' ? { subqueries } : null),
    });
    await client.initialize({ initializationOptions: { settings: { subqueries: 'strict' } } });
  });
  after(async () => {
    await client.dispose();
    ws.dispose();
  });

  it('takes cleanrooms.dp.subqueries from initializationOptions, then from workspace/configuration on change', async () => {
    const uri = ws.uri('s.cleanrooms.sql');
    client.open(
      uri,
      '-- @name S\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM (SELECT user_id, campaign_id FROM impressions) t GROUP BY campaign_id',
    );
    const strict = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      strict.diagnostics.map((d) => [d.code, d.severity]),
      [['DP013', 1]],
    );
    assert.deepEqual(strict.diagnostics[0].range, {
      start: { line: 1, character: 49 },
      end: { line: 1, character: 95 },
    });
    subqueries = 'current-docs';
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const relaxed = await client.waitForDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 2);
    assert.deepEqual(
      relaxed.diagnostics.map((d) => [d.code, d.severity]),
      [['DP013', 2]],
    );
    assert.equal(
      (await client.request<{ verdict: string }>('cleanrooms/analyze', { uri })).verdict,
      'VALID',
    );
  });
});
