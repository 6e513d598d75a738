// Held-out checks over real JSON-RPC against dist/server.js: a half-typed CASE says what it
// misses, on the place where it is missing (it used to read "Unexpected 'clicks' after 'FROM'").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { covered, heldOutServer } from './heldOut';

/** [what, body, message, the text the range covers]. */
const CASES: [string, string, string, string][] = [
  [
    'a WHEN with no condition before FROM',
    'SELECT CASE WHEN FROM clicks',
    "Missing condition after 'WHEN'.",
    'WHEN',
  ],
  [
    'a CASE with no END before FROM',
    "SELECT CASE WHEN cost > 1 THEN 'a' FROM clicks",
    "Missing END to close the CASE before 'FROM'.",
    'FROM',
  ],
  [
    'a CASE with no END inside a call',
    'SELECT SUM(CASE WHEN cost > 1 THEN cost ELSE 0) FROM clicks',
    "Missing END to close the CASE before ')'.",
    ')',
  ],
  [
    'THEN at the end of the text',
    'SELECT CASE WHEN cost > 1 THEN',
    "Missing value after 'THEN'.",
    'THEN',
  ],
  [
    'ELSE at the end of the text',
    "SELECT CASE WHEN cost > 1 THEN 'a' ELSE",
    "Missing value after 'ELSE'.",
    'ELSE',
  ],
  ['CASE at the end of the text', 'SELECT CASE', "Missing WHEN after 'CASE'.", 'CASE'],
  [
    'a CASE whose subquery reads FROM, left open before the outer FROM',
    "SELECT CASE WHEN ad_id IN (SELECT ad_id FROM clicks) THEN 'a' FROM clicks",
    "Missing END to close the CASE before 'FROM'.",
    'FROM',
  ],
];

describe('held-out messages for a half-typed CASE', () => {
  const session = heldOutServer();
  CASES.forEach(([what, body, message, at], n) => {
    it(what, async () => {
      const uri = session.ws.uri(`case${n}.cleanrooms.sql`);
      const text = `-- @name A\n${body}`;
      session.client.open(uri, text, 1);
      const { diagnostics } = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
      const sql = diagnostics.filter((d) => d.code === 'SQL001');
      assert.equal(sql.length, 1, JSON.stringify(diagnostics));
      assert.equal(sql[0].message, message);
      assert.equal(covered(text, sql[0].range), at);
      if (at === 'FROM') assert.equal(sql[0].range.start.character, body.lastIndexOf('FROM'));
      session.client.close(uri);
    });
  });

  it('a closed CASE is not reported', async () => {
    const uri = session.ws.uri('case-closed.cleanrooms.sql');
    session.client.open(
      uri,
      "-- @name A\nSELECT CASE WHEN cost > 1 THEN 'a' END AS band, COUNT(DISTINCT hashed_email) FROM clicks GROUP BY 1",
      1,
    );
    const { diagnostics } = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'SQL001'),
      [],
    );
  });
});
