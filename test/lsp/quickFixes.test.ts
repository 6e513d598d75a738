// Every quick fix the README promises (and the others the server offers), applied over real LSP:
// the fix's edit is applied to the document, and the diagnostic it fixes is gone afterwards.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/lspClient';
import { useServer } from './fixtures';

type Edits = Parameters<typeof applyEdits>[1];

const CTES =
  'WITH a AS (SELECT user_id FROM impressions GROUP BY user_id), b AS (SELECT user_id FROM impressions GROUP BY user_id)\n';

/** [what, template text, code, the text after the fix]. */
const FIXES: [string, string, string, string][] = [
  [
    'declares an undeclared parameter, typed from the compared column',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts >= :since',
    'PAR001',
    '-- @name A\n-- @param since TIMESTAMP\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts >= :since',
  ],
  [
    'removes an unused parameter',
    '-- @name A\n-- @param unused INTEGER\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'PAR002',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'corrects a parameter type',
    '-- @name A\n-- @param q TEXT\nSELECT COUNT(*) FROM impressions WHERE device_type = :q',
    'PAR004',
    '-- @name A\n-- @param q VARCHAR\nSELECT COUNT(*) FROM impressions WHERE device_type = :q',
  ],
  [
    'removes a duplicate declaration',
    '-- @name A\n-- @param a INTEGER\n-- @param a INTEGER\nSELECT COUNT(*) FROM impressions WHERE 1 = :a',
    'PAR006',
    '-- @name A\n-- @param a INTEGER\nSELECT COUNT(*) FROM impressions WHERE 1 = :a',
  ],
  [
    'quotes a default with spaces',
    '-- @name A\n-- @param d VARCHAR = a b\nSELECT COUNT(*) FROM impressions WHERE device_type = :d',
    'PAR011',
    "-- @name A\n-- @param d VARCHAR = 'a b'\nSELECT COUNT(*) FROM impressions WHERE device_type = :d",
  ],
  [
    'adds the user identifier to a CTE select list',
    '-- @name A\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
    'DP015',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
  ],
  [
    'adds the user identifier to a CTE GROUP BY',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id, COUNT(*) AS n FROM impressions GROUP BY campaign_id)\nSELECT campaign_id, SUM(n) FROM c GROUP BY campaign_id',
    'DP016',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id, COUNT(*) AS n FROM impressions GROUP BY campaign_id, user_id)\nSELECT campaign_id, SUM(n) FROM c GROUP BY campaign_id',
  ],
  [
    'partitions a window by the user identifier',
    '-- @name A\nWITH c AS (SELECT user_id, ROW_NUMBER() OVER (ORDER BY ts) AS r FROM impressions)\nSELECT COUNT(DISTINCT user_id) FROM c',
    'DP019',
    '-- @name A\nWITH c AS (SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS r FROM impressions)\nSELECT COUNT(DISTINCT user_id) FROM c',
  ],
  [
    'removes ORDER BY from a CTE',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions GROUP BY user_id, campaign_id ORDER BY campaign_id)\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM c GROUP BY campaign_id',
    'DP021',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions GROUP BY user_id, campaign_id)\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM c GROUP BY campaign_id',
  ],
  [
    'removes LIMIT from a CTE',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions GROUP BY user_id, campaign_id LIMIT 10)\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM c GROUP BY campaign_id',
    'DP022',
    '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions GROUP BY user_id, campaign_id)\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM c GROUP BY campaign_id',
  ],
  [
    'rewrites USING as ON',
    `-- @name A\n${CTES}SELECT COUNT(DISTINCT a.user_id) FROM a JOIN b USING (user_id)`,
    'DP027',
    `-- @name A\n${CTES}SELECT COUNT(DISTINCT a.user_id) FROM a JOIN b ON a.user_id = b.user_id`,
  ],
  [
    'rewrites NATURAL JOIN as ON',
    `-- @name A\n${CTES}SELECT COUNT(DISTINCT a.user_id) FROM a NATURAL JOIN b`,
    'DP027',
    `-- @name A\n${CTES}SELECT COUNT(DISTINCT a.user_id) FROM a JOIN b ON a.user_id = b.user_id`,
  ],
  [
    'rewrites x::t as CAST',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE campaign_id::int > 1',
    'DP037',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE CAST(campaign_id AS int) > 1',
  ],
  [
    'rewrites SYSDATE as CURRENT_DATE',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < SYSDATE',
    'DP037',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < CURRENT_DATE',
  ],
  [
    'rewrites a ^ b as POWER',
    '-- @name A\nSELECT SUM(2 ^ 3) FROM impressions',
    'DP037',
    '-- @name A\nSELECT SUM(POWER(2, 3)) FROM impressions',
  ],
  [
    'rewrites TOP n as LIMIT n',
    '-- @name A\nSELECT TOP 5 campaign_id, COUNT(DISTINCT user_id) FROM impressions GROUP BY campaign_id',
    'DP037',
    '-- @name A\nSELECT campaign_id, COUNT(DISTINCT user_id) FROM impressions GROUP BY campaign_id\nLIMIT 5',
  ],
  [
    'rewrites CONVERT as CAST',
    "-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < CONVERT(DATE, '2024-01-01')",
    'DP037',
    "-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < CAST('2024-01-01' AS DATE)",
  ],
  [
    'rewrites |/ as SQRT',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < |/ 4',
    'DP037',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < SQRT(4)',
  ],
  [
    'adds a missing @name',
    '-- @description x\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL001',
    '-- @name My analysis\n-- @description x\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'corrects a misspelt @nmae (TPL001)',
    '-- @nmae Reach\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL001',
    '-- @name Reach\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'corrects a misspelt @nmae (TPL006)',
    '-- @nmae Reach\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL006',
    '-- @name Reach\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'renames a name the service rejects',
    '-- @name reach.v2\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL002',
    '-- @name reach_v2\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'removes a control character from the description',
    '-- @name A\n-- @description Reach\u0001x\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL003',
    '-- @name A\n-- @description Reachx\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'removes a duplicate directive',
    '-- @name A\n-- @name B\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL007',
    '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
  [
    'lower-cases a membership id',
    '-- @name A\n-- @membership 1B2C3D4E-0000-1111-2222-333344445555\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    'TPL008',
    '-- @name A\n-- @membership 1b2c3d4e-0000-1111-2222-333344445555\nSELECT COUNT(DISTINCT user_id) FROM impressions',
  ],
];

describe('quick fixes applied over LSP', () => {
  const session = useServer();

  FIXES.forEach(([what, text, code, expected], n) => {
    it(`${code}: ${what}`, async () => {
      const uri = session.ws.uri(`fix${n}.cleanrooms.sql`);
      session.client.open(uri, text, 1);
      const before = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
      const target = before.diagnostics.find((d) => d.code === code);
      assert.ok(target, `${code} in ${JSON.stringify(before.diagnostics.map((d) => d.code))}`);
      const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: target.range,
        context: { diagnostics: [target], only: ['quickfix'] },
      });
      const action = actions.find((a) => a.diagnostics?.some((d) => d.code === code));
      assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
      const change = action.edit!.documentChanges![0] as {
        textDocument: { version: number };
        edits: Edits;
      };
      assert.equal(change.textDocument.version, 1);
      const fixed = applyEdits(text, change.edits);
      assert.equal(fixed, expected);
      session.client.change(uri, 2, fixed);
      const after = await session.client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.deepEqual(
        after.diagnostics.filter((d) => d.code === code || d.code === 'SQL001'),
        [],
        JSON.stringify(after.diagnostics),
      );
      session.client.close(uri);
    });
  });

  it('one fix offered by two diagnostics is one menu entry naming both', async () => {
    const uri = session.ws.uri('same-fix.cleanrooms.sql');
    session.client.open(uri, '-- @nmae Reach\nSELECT COUNT(DISTINCT user_id) FROM impressions', 1);
    const before = await session.client.waitForDiagnostics(uri, (p) => p.version === 1);
    const actions = await session.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } },
      context: { diagnostics: before.diagnostics, only: ['quickfix'] },
    });
    const renames = actions.filter((a) => a.title.includes('@name'));
    assert.equal(renames.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(renames[0].diagnostics?.map((d) => d.code).sort(), ['TPL001', 'TPL006']);
    session.client.close(uri);
  });
});
