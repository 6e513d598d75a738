import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { parseSchema } from '../../../server/src/core/schema/parse';
import type { Diagnostic } from '../../../server/src/core/types';
import type { DocumentAnalysis } from '../../../server/src/session/analysis';
import { codeActionsFor } from '../../../server/src/features/codeActions';
import { applyEdits } from '../../support/lspClient';
import { documentAnalysis } from '../../support/documentAnalysis';
import { SCHEMA } from '../../lsp/fixtures';

const schema = parseSchema(SCHEMA).schema;
const URI = 'file:///w/t.cleanrooms.sql';

const analysisOf = (text: string, version = 7): DocumentAnalysis =>
  documentAnalysis(text, analyze(text, schema), { version });

/** Every quick fix the core offers for `code` in `text` becomes a code action that removes it. */
function checkFix(text: string, code: string, expected: string) {
  const analysis = analysisOf(text);
  const diag = analysis.result.diagnostics.find(
    (d) => d.code === code && d.fixes?.length,
  ) as Diagnostic;
  assert.ok(
    diag,
    `${code} with a fix in ${JSON.stringify(analysis.result.diagnostics.map((d) => d.code))}`,
  );
  const actions = codeActionsFor(
    analysis,
    diag.span,
    ['quickfix'],
    'file:///ext/docs/diagnostics.md',
  ).filter((a) => a.diagnostics?.[0].code === code);
  assert.deepEqual(
    actions.map((a) => a.title),
    diag.fixes!.filter((f) => f.edits.length).map((f) => f.title),
  );
  const action = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics![0].range, analysis.index.range(diag.span));
  assert.equal(
    action.diagnostics![0].codeDescription?.href,
    `file:///ext/docs/diagnostics.md#${code.toLowerCase()}`,
  );
  const change = action.edit!.documentChanges![0] as {
    textDocument: { uri: string; version: number };
    edits: Parameters<typeof applyEdits>[1];
  };
  assert.deepEqual(change.textDocument, { uri: URI, version: 7 });
  const fixed = applyEdits(text, change.edits);
  assert.equal(fixed, expected);
  const before = analysis.result.diagnostics.filter((d) => d.code === code).length;
  const after = analyze(fixed, schema).diagnostics.filter((d) => d.code === code).length;
  assert.ok(after < before, `${code}: ${before} → ${after}`);
}

describe('code actions from diagnostic fixes', () => {
  it('PAR001 declares the parameter with a guessed type', () =>
    checkFix(
      '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts > :start_date',
      'PAR001',
      '-- @name A\n-- @param start_date TIMESTAMP\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts > :start_date',
    ));

  it('PAR002 removes the unused declaration line', () =>
    checkFix(
      '-- @name A\n-- @param unused INTEGER\nSELECT COUNT(DISTINCT user_id) FROM impressions',
      'PAR002',
      '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions',
    ));

  it('PAR004 corrects the parameter type', () =>
    checkFix(
      '-- @name A\n-- @param q TEXT\nSELECT COUNT(*) FROM impressions WHERE device_type = :q',
      'PAR004',
      '-- @name A\n-- @param q VARCHAR\nSELECT COUNT(*) FROM impressions WHERE device_type = :q',
    ));

  it('PAR011 quotes a default with spaces', () =>
    checkFix(
      '-- @name A\n-- @param d VARCHAR = a b\nSELECT COUNT(*) FROM impressions WHERE device_type = :d',
      'PAR011',
      "-- @name A\n-- @param d VARCHAR = 'a b'\nSELECT COUNT(*) FROM impressions WHERE device_type = :d",
    ));

  it('DP015 adds the user identifier to the CTE select list', () =>
    checkFix(
      '-- @name A\nWITH c AS (SELECT campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
      'DP015',
      '-- @name A\nWITH c AS (SELECT user_id, campaign_id FROM impressions)\nSELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
    ));

  it('DP016 adds the user identifier to GROUP BY', () =>
    checkFix(
      '-- @name A\nWITH c AS (SELECT user_id, COUNT(*) AS n FROM impressions GROUP BY campaign_id)\nSELECT SUM(n) FROM c',
      'DP016',
      '-- @name A\nWITH c AS (SELECT user_id, COUNT(*) AS n FROM impressions GROUP BY campaign_id, user_id)\nSELECT SUM(n) FROM c',
    ));

  it('DP037 rewrites SYSDATE, ::, ^ and TOP', () => {
    checkFix(
      '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < SYSDATE',
      'DP037',
      '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < CURRENT_DATE',
    );
    checkFix(
      '-- @name A\nSELECT SUM(campaign_id::int) FROM impressions',
      'DP037',
      '-- @name A\nSELECT SUM(CAST(campaign_id AS int)) FROM impressions',
    );
    checkFix(
      '-- @name A\nSELECT SUM(2 ^ 3) FROM impressions',
      'DP037',
      '-- @name A\nSELECT SUM(POWER(2, 3)) FROM impressions',
    );
    checkFix(
      '-- @name A\nSELECT TOP 10 campaign_id, COUNT(*) FROM impressions GROUP BY campaign_id',
      'DP037',
      '-- @name A\nSELECT campaign_id, COUNT(*) FROM impressions GROUP BY campaign_id\nLIMIT 10',
    );
  });

  it('DP027 rewrites USING to ON', () =>
    checkFix(
      '-- @name A\nSELECT COUNT(*) FROM impressions i JOIN impressions j USING (user_id)',
      'DP027',
      '-- @name A\nSELECT COUNT(*) FROM impressions i JOIN impressions j ON i.user_id = j.user_id',
    ));

  it('TPL001 adds an @name line', () => {
    const analysis = analysisOf('SELECT COUNT(*) FROM impressions');
    const actions = codeActionsFor(analysis, { start: 0, end: 0 }, undefined, undefined);
    const add = actions.find((a) => a.diagnostics?.[0].code === 'TPL001');
    assert.ok(add);
    const change = add.edit!.documentChanges![0] as { edits: Parameters<typeof applyEdits>[1] };
    assert.match(
      applyEdits(analysis.text, change.edits),
      /^-- @name .+\nSELECT COUNT\(\*\) FROM impressions$/,
    );
  });

  it('offers nothing outside the diagnostic range or for other kinds', () => {
    const analysis = analysisOf(
      '-- @name A\nSELECT COUNT(DISTINCT user_id) FROM impressions WHERE ts < SYSDATE',
    );
    const sysdate = analysis.text.indexOf('SYSDATE');
    assert.equal(
      codeActionsFor(analysis, { start: sysdate, end: sysdate }, undefined, undefined).length,
      1,
    );
    assert.deepEqual(codeActionsFor(analysis, { start: 11, end: 12 }, undefined, undefined), []);
    assert.deepEqual(
      codeActionsFor(analysis, { start: sysdate, end: sysdate }, ['refactor'], undefined),
      [],
    );
    const action = codeActionsFor(
      analysis,
      { start: sysdate, end: sysdate },
      undefined,
      undefined,
    )[0];
    assert.equal(action.diagnostics![0].codeDescription, undefined);
  });
});
