// Diagnostics on half-typed text over real LSP: each says what is missing, on the place where it is missing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useServer } from './fixtures';

const HEADER = "-- @name Reach\n-- @param since DATE = '2024-01-01'\n";

/** [what, body, message pattern, the text the range covers, its line in the document]. */
const CASES: [string, string, RegExp, string, number][] = [
  [
    'an empty select list in a CTE',
    'WITH per_user AS (SELECT ',
    /^The select list is empty/,
    'SELECT',
    2,
  ],
  [
    'an empty select list before FROM',
    'WITH per_user AS (SELECT FROM impressions GROUP BY user_id)\nSELECT COUNT(*) FROM per_user',
    /^The select list is empty/,
    'SELECT',
    2,
  ],
  [
    'a CTE name without its query',
    'WITH per_user AS',
    /^Missing \(SELECT \.\.\.\) after 'AS'/,
    'AS',
    2,
  ],
  [
    'CTEs without the final SELECT',
    'WITH per_user AS (SELECT user_id FROM impressions GROUP BY user_id)',
    /^Missing the final SELECT after the CTEs/,
    ')',
    2,
  ],
  ['an empty final select list', 'SELECT ', /^The select list is empty/, 'SELECT', 2],
  [
    'a missing table after FROM',
    'SELECT COUNT(DISTINCT user_id) FROM ',
    /^Missing table after 'FROM'/,
    'FROM',
    2,
  ],
  [
    'a missing FROM',
    'SELECT campaign_id, COUNT(DISTINCT user_id)\nWHERE ts > :since\nGROUP BY campaign_id',
    /^Missing FROM/,
    'WHERE',
    3,
  ],
  [
    'a missing condition',
    'SELECT COUNT(DISTINCT user_id) FROM impressions\nWHERE ',
    /^Missing condition after 'WHERE'/,
    'WHERE',
    3,
  ],
  [
    'a parenthesis left open at the end',
    'SELECT COUNT(DISTINCT user_id) FROM impressions\nWHERE (ts > :since',
    /^Missing '\)' at the end/,
    ':since',
    3,
  ],
  [
    'a CTE left open before the final SELECT',
    'WITH per_user AS (SELECT user_id FROM impressions GROUP BY user_id\nSELECT COUNT(DISTINCT user_id) FROM per_user',
    /^Missing '\)' before 'SELECT'/,
    'SELECT',
    3,
  ],
];

describe('messages for half-typed text', () => {
  const session = useServer();
  CASES.forEach(([what, body, message, covered, line], n) => {
    it(what, async () => {
      const uri = session.ws.uri(`half${n}.cleanrooms.sql`);
      const text = HEADER + body;
      session.client.open(uri, text, 1);
      const { diagnostics } = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
      const sql = diagnostics.filter((d) => d.code === 'SQL001');
      assert.equal(sql.length, 1, JSON.stringify(diagnostics));
      const said = String(sql[0].message);
      assert.match(said, message);
      assert.doesNotMatch(said, /Unexpected|ends unexpectedly/);
      const lines = text.split('\n');
      const r = sql[0].range;
      assert.equal(r.start.line, line);
      assert.equal(lines[r.start.line].slice(r.start.character, r.end.character), covered);
    });
  });
});
