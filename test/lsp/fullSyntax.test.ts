// Issue 15: a template near the service's 500,000-character limit is syntax-checked whole over
// LSP (in the background worker), with no SQL002 "not checked" skip: an error deep inside one
// huge CTE is found and placed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServer } from './fixtures';

describe('full syntax check up to the service limit', () => {
  const session = useServer();

  it('finds a syntax error 400 KB into a 499 KB template, with no SQL002', async () => {
    const lines = Array.from(
      { length: 6100 },
      (_, i) => `SELECT user_id, campaign_id FROM impressions WHERE ts > :since -- ${i}`,
    );
    const broken = 5600;
    lines[broken] = lines[broken].replace('WHERE ts >', 'WHERE AND ts >');
    const head = '-- @name Big\n-- @param since DATE\nWITH c AS (\n';
    let text = `${head}${lines.join('\nUNION ALL\n')}\n)\nSELECT COUNT(DISTINCT user_id) FROM c`;
    text += `\n-- ${'x'.repeat(499_000 - text.length)}`;
    assert.ok(text.length > 499_000 && text.length < 500_000, String(text.length));
    const uri = session.ws.uri('near-limit.cleanrooms.sql');
    session.client.open(uri, text);
    const pushed = await session.client.waitForDiagnostics(uri, (p) => p.version === 1, 60_000);
    const codes = pushed.diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('SQL002'), codes.join(' '));
    const syntax = pushed.diagnostics.find((d) => d.code === 'SQL001');
    assert.ok(syntax, codes.join(' '));
    // Line of the broken SELECT: the three header lines, then two lines per SELECT before it.
    assert.equal(syntax.range.start.line, 3 + 2 * broken);
    session.client.close(uri);
  });
});
