// Held-out quick-fix checks over real JSON-RPC against dist/server.js: every quick fix README.md
// and docs/diagnostics.md promise, on templates other than the ones the fixes were written
// against. Each fix is requested as VS Code does (codeAction over the diagnostic's range), its
// edit applied to the document, and the document re-analysed: the diagnostic is gone and no
// syntax error came in.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { type Edit, heldOutServer } from './heldOut';

const PU = (body: string) => `WITH pu AS (${body})\nSELECT COUNT(DISTINCT hashed_email) FROM pu`;
const CTES =
  'WITH a AS (SELECT hashed_email FROM clicks GROUP BY hashed_email), b AS (SELECT hashed_email, region FROM customers GROUP BY hashed_email, region)\n';

/** [what, code, template, the template after the fix]. */
const FIXES: [string, string, string, string][] = [
  [
    'declares a parameter typed from the DECIMAL column it is compared with',
    'PAR001',
    '-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :min_cost',
    '-- @name A\n-- @param min_cost DECIMAL\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :min_cost',
  ],
  [
    'declares a parameter after the parameters already declared',
    'PAR001',
    "-- @name A\n-- @param since DATE = '2024-01-01'\n-- @description d\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts >= :since AND ad_id = :ad",
    "-- @name A\n-- @param since DATE = '2024-01-01'\n-- @param ad VARCHAR\n-- @description d\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts >= :since AND ad_id = :ad",
  ],
  [
    'keeps Windows line endings when it declares a parameter',
    'PAR001',
    '-- @name A\r\n-- @param x INTEGER\r\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :x AND ad_id = :ad\r\n',
    '-- @name A\r\n-- @param x INTEGER\r\n-- @param ad VARCHAR\r\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :x AND ad_id = :ad\r\n',
  ],
  [
    'removes the unused one of two parameters',
    'PAR002',
    '-- @name A\n-- @param a INTEGER\n-- @param b INTEGER\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :b',
    '-- @name A\n-- @param b INTEGER\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE cost > :b',
  ],
  [
    'corrects BOOL to BOOLEAN',
    'PAR004',
    '-- @name A\n-- @param flag BOOL\nSELECT COUNT(*) FROM stores WHERE :flag',
    '-- @name A\n-- @param flag BOOLEAN\nSELECT COUNT(*) FROM stores WHERE :flag',
  ],
  [
    'corrects DATETIME to TIMESTAMP',
    'PAR004',
    '-- @name A\n-- @param t DATETIME\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > :t',
    '-- @name A\n-- @param t TIMESTAMP\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > :t',
  ],
  [
    'removes the second declaration of a parameter',
    'PAR006',
    "-- @name A\n-- @param c VARCHAR = 'x'\n-- @param c VARCHAR\nSELECT COUNT(*) FROM stores WHERE city = :c",
    "-- @name A\n-- @param c VARCHAR = 'x'\nSELECT COUNT(*) FROM stores WHERE city = :c",
  ],
  [
    'quotes a default of several words',
    'PAR011',
    '-- @name A\n-- @param c VARCHAR = New York\nSELECT COUNT(*) FROM stores WHERE city = :c',
    "-- @name A\n-- @param c VARCHAR = 'New York'\nSELECT COUNT(*) FROM stores WHERE city = :c",
  ],
  [
    'adds @name to a file with no header at all',
    'TPL001',
    'SELECT COUNT(*) FROM stores',
    '-- @name My analysis\nSELECT COUNT(*) FROM stores',
  ],
  [
    'corrects @descrption to @description',
    'TPL006',
    '-- @name A\n-- @descrption Cities\nSELECT COUNT(*) FROM stores',
    '-- @name A\n-- @description Cities\nSELECT COUNT(*) FROM stores',
  ],
  [
    'renames a name with a slash',
    'TPL002',
    '-- @name clicks/v2\nSELECT COUNT(*) FROM stores',
    '-- @name clicks_v2\nSELECT COUNT(*) FROM stores',
  ],
  [
    'removes a tab-free control character from the description',
    'TPL003',
    '-- @name A\n-- @description Ci\u0007ties\nSELECT COUNT(*) FROM stores',
    '-- @name A\n-- @description Cities\nSELECT COUNT(*) FROM stores',
  ],
  [
    'removes a second @description',
    'TPL007',
    '-- @name A\n-- @description one\n-- @description two\nSELECT COUNT(*) FROM stores',
    '-- @name A\n-- @description one\nSELECT COUNT(*) FROM stores',
  ],
  [
    'lower-cases a membership id',
    'TPL008',
    '-- @name A\n-- @membership AAAABBBB-CCCC-DDDD-EEEE-FFFF00001111\nSELECT COUNT(*) FROM stores',
    '-- @name A\n-- @membership aaaabbbb-cccc-dddd-eeee-ffff00001111\nSELECT COUNT(*) FROM stores',
  ],
  [
    'adds the qualified user identifier to a CTE that joins two tables',
    'DP015',
    '-- @name A\n' +
      PU(
        'SELECT cu.region FROM clicks c JOIN customers cu ON c.hashed_email = cu.hashed_email GROUP BY cu.region',
      ).replace('COUNT(DISTINCT hashed_email)', 'COUNT(*)'),
    '-- @name A\n' +
      PU(
        'SELECT c.hashed_email, cu.region FROM clicks c JOIN customers cu ON c.hashed_email = cu.hashed_email GROUP BY cu.region',
      ).replace('COUNT(DISTINCT hashed_email)', 'COUNT(*)'),
  ],
  [
    'adds the user identifier after SELECT DISTINCT, not before it',
    'DP015',
    '-- @name A\n' +
      PU('SELECT DISTINCT ad_id FROM clicks').replace('COUNT(DISTINCT hashed_email)', 'COUNT(*)'),
    '-- @name A\n' +
      PU('SELECT DISTINCT hashed_email, ad_id FROM clicks').replace(
        'COUNT(DISTINCT hashed_email)',
        'COUNT(*)',
      ),
  ],
  [
    'adds the user identifier to a CTE GROUP BY',
    'DP016',
    '-- @name A\n' + PU('SELECT hashed_email, ad_id, SUM(cost) AS s FROM clicks GROUP BY ad_id'),
    '-- @name A\n' +
      PU('SELECT hashed_email, ad_id, SUM(cost) AS s FROM clicks GROUP BY ad_id, hashed_email'),
  ],
  [
    'adds the user identifier to an existing PARTITION BY',
    'DP019',
    '-- @name A\n' +
      PU(
        'SELECT hashed_email, RANK() OVER (PARTITION BY ad_id ORDER BY click_ts) AS r FROM clicks',
      ),
    '-- @name A\n' +
      PU(
        'SELECT hashed_email, RANK() OVER (PARTITION BY ad_id, hashed_email ORDER BY click_ts) AS r FROM clicks',
      ),
  ],
  [
    'partitions an ORDER BY-only window by the user identifier',
    'DP019',
    '-- @name A\n' +
      PU('SELECT hashed_email, ROW_NUMBER() OVER (ORDER BY click_ts) AS k FROM clicks'),
    '-- @name A\n' +
      PU(
        'SELECT hashed_email, ROW_NUMBER() OVER (PARTITION BY hashed_email ORDER BY click_ts) AS k FROM clicks',
      ),
  ],
  [
    'partitions a window that has a frame clause',
    'DP019',
    '-- @name A\n' +
      PU(
        'SELECT hashed_email, SUM(cost) OVER (ORDER BY click_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS r FROM clicks',
      ),
    '-- @name A\n' +
      PU(
        'SELECT hashed_email, SUM(cost) OVER (PARTITION BY hashed_email ORDER BY click_ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS r FROM clicks',
      ),
  ],
  [
    'removes ORDER BY … DESC from a CTE',
    'DP021',
    '-- @name A\n' +
      PU('SELECT hashed_email FROM clicks GROUP BY hashed_email ORDER BY hashed_email DESC'),
    '-- @name A\n' + PU('SELECT hashed_email FROM clicks GROUP BY hashed_email'),
  ],
  [
    'removes an ORDER BY alone on its line with the line, leaving no blank line',
    'DP021',
    '-- @name A\nWITH pu AS (\n  SELECT hashed_email, ad_id\n  FROM clicks\n  GROUP BY hashed_email, ad_id\n  ORDER BY ad_id\n)\nSELECT ad_id, COUNT(DISTINCT hashed_email) FROM pu GROUP BY ad_id',
    '-- @name A\nWITH pu AS (\n  SELECT hashed_email, ad_id\n  FROM clicks\n  GROUP BY hashed_email, ad_id\n)\nSELECT ad_id, COUNT(DISTINCT hashed_email) FROM pu GROUP BY ad_id',
  ],
  [
    'removes LIMIT from a CTE',
    'DP022',
    '-- @name A\n' + PU('SELECT hashed_email FROM clicks GROUP BY hashed_email LIMIT 5'),
    '-- @name A\n' + PU('SELECT hashed_email FROM clicks GROUP BY hashed_email'),
  ],
  [
    'rewrites USING between two aliased CTEs as ON',
    'DP027',
    `-- @name A\n${CTES}SELECT y.region, COUNT(DISTINCT x.hashed_email) FROM a x JOIN b y USING (hashed_email) GROUP BY y.region`,
    `-- @name A\n${CTES}SELECT y.region, COUNT(DISTINCT x.hashed_email) FROM a x JOIN b y ON x.hashed_email = y.hashed_email GROUP BY y.region`,
  ],
  [
    'rewrites a LEFT JOIN … USING onto an unaliased table, qualifying with the table name',
    'DP027',
    '-- @name A\nSELECT COUNT(DISTINCT c.hashed_email) FROM clicks c LEFT JOIN customers USING (hashed_email)',
    '-- @name A\nSELECT COUNT(DISTINCT c.hashed_email) FROM clicks c LEFT JOIN customers ON c.hashed_email = customers.hashed_email',
  ],
  [
    'rewrites a NATURAL JOIN of two schema tables as ON their shared column',
    'DP027',
    '-- @name A\nSELECT COUNT(DISTINCT c.hashed_email) FROM clicks c NATURAL JOIN customers cu',
    '-- @name A\nSELECT COUNT(DISTINCT c.hashed_email) FROM clicks c JOIN customers cu ON c.hashed_email = cu.hashed_email',
  ],
  [
    'rewrites cost::int as CAST',
    'DP037',
    '-- @name A\nSELECT SUM(cost::int) FROM clicks',
    '-- @name A\nSELECT SUM(CAST(cost AS int)) FROM clicks',
  ],
  [
    'rewrites CONVERT(DECIMAL(6,2), cost) as CAST',
    'DP037',
    '-- @name A\nSELECT SUM(CONVERT(DECIMAL(6,2), cost)) FROM clicks',
    '-- @name A\nSELECT SUM(CAST(cost AS DECIMAL(6,2))) FROM clicks',
  ],
  [
    'rewrites cost ^ 2 as POWER',
    'DP037',
    '-- @name A\nSELECT AVG(cost ^ 2) FROM clicks',
    '-- @name A\nSELECT AVG(POWER(cost, 2)) FROM clicks',
  ],
  [
    'rewrites ||/ cost as CBRT',
    'DP037',
    '-- @name A\nSELECT AVG(||/ cost) FROM clicks',
    '-- @name A\nSELECT AVG(CBRT(cost)) FROM clicks',
  ],
  [
    "rewrites INTERVAL '7 DAY' as INTERVAL '7' DAY",
    'DP037',
    "-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > CURRENT_DATE - INTERVAL '7 DAY'",
    "-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > CURRENT_DATE - INTERVAL '7' DAY",
  ],
  [
    'rewrites TOP n after ORDER BY as a LIMIT at the end',
    'DP037',
    '-- @name A\nSELECT TOP 3 ad_id, COUNT(DISTINCT hashed_email) AS u FROM clicks GROUP BY ad_id ORDER BY u DESC',
    '-- @name A\nSELECT ad_id, COUNT(DISTINCT hashed_email) AS u FROM clicks GROUP BY ad_id ORDER BY u DESC\nLIMIT 3',
  ],
];

describe('held-out quick fixes, applied over LSP', () => {
  const session = heldOutServer();

  async function fixesFor(uri: string, version: number, code: string) {
    const pushed = await session.client.waitForDiagnostics(uri, (p) => p.version === version);
    const target = pushed.diagnostics.find((d) => d.code === code);
    assert.ok(target, `${code} in ${JSON.stringify(pushed.diagnostics.map((d) => d.code))}`);
    const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    });
    const action = actions.find((a) => a.diagnostics?.some((d) => d.code === code));
    assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(action.kind, 'quickfix');
    const change = action.edit!.documentChanges![0] as {
      textDocument: { version: number };
      edits: Edit[];
    };
    assert.equal(change.textDocument.version, version);
    return { action, edits: change.edits };
  }

  FIXES.forEach(([what, code, text, expected], n) => {
    it(`${code}: ${what}`, async () => {
      const uri = session.ws.uri(`fx${n}.cleanrooms.sql`);
      session.client.open(uri, text, 1);
      const { edits } = await fixesFor(uri, 1, code);
      const fixed = applyEdits(text, edits);
      assert.equal(fixed, expected);
      session.client.change(uri, 2, fixed);
      const after = await session.client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(
        after.diagnostics.filter((d: Diagnostic) => d.code === code || d.code === 'SQL001'),
        [],
        JSON.stringify(after.diagnostics),
      );
      session.client.close(uri);
    });
  });

  it('two fixes in one template, one after the other: the second is computed for the new version', async () => {
    const uri = session.ws.uri('fx-two.cleanrooms.sql');
    const text =
      "-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > SYSDATE - INTERVAL '1 DAY'";
    session.client.open(uri, text, 1);
    const first = await fixesFor(uri, 1, 'DP037');
    const once = applyEdits(text, first.edits);
    session.client.change(uri, 2, once);
    const second = await fixesFor(uri, 2, 'DP037');
    const twice = applyEdits(once, second.edits);
    assert.equal(
      twice,
      "-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts > CURRENT_DATE - INTERVAL '1' DAY",
    );
    session.client.change(uri, 3, twice);
    const after = await session.client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      [],
    );
    session.client.close(uri);
  });

  it('the fix is offered with the cursor anywhere on the diagnostic, not only on its start', async () => {
    const uri = session.ws.uri('fx-inside.cleanrooms.sql');
    const text =
      '-- @name A\nSELECT COUNT(DISTINCT hashed_email) FROM clicks WHERE click_ts < SYSDATE';
    session.client.open(uri, text, 1);
    const pushed = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    const target = pushed.diagnostics.find((d) => d.code === 'DP037')!;
    const inside = { line: target.range.start.line, character: target.range.start.character + 3 };
    const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: inside, end: inside },
      context: { diagnostics: [target], only: ['quickfix'] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Replace with CURRENT_DATE'],
    );
    session.client.close(uri);
  });
});
