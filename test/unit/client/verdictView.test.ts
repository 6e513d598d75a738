// The status bar's, CodeLens's and quick pick's wording for every verdict and server state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocalDiagnostic, VerdictParams } from '../../../common/protocol';
import {
  lensView,
  statusView,
  verdictActions,
  verdictPicks,
} from '../../../client/src/verdictView';

const reason = (
  code: string,
  line: number,
  message: string,
  severity: LocalDiagnostic['severity'] = 'error',
): LocalDiagnostic => ({
  code,
  severity,
  message,
  range: { start: { line, character: 4 }, end: { line, character: 9 } },
});

function verdict(partial: Partial<VerdictParams>): VerdictParams {
  return {
    uri: 'file:///w/a.cleanrooms.sql',
    version: 1,
    verdict: 'VALID',
    reasons: [],
    errors: 0,
    warnings: 0,
    schemaFound: true,
    unknownTables: [],
    ...partial,
  };
}

const invalid = verdict({
  verdict: 'INVALID',
  errors: 2,
  reasons: [
    reason('DP015', 1, 'The CTE c reads a DP table but does not select user_id.'),
    reason('DP028', 2, 'Aggregate MAX is not supported in the final SELECT.'),
  ],
});
const noSchema = verdict({
  verdict: 'UNABLE_TO_VALIDATE',
  schemaFound: false,
  warnings: 1,
  unknownTables: ['socialco_impressions'],
  reasons: [reason('SCH001', 5, 'No cleanrooms.schema.json describes table', 'warning')],
});
const unable = verdict({
  verdict: 'UNABLE_TO_VALIDATE',
  warnings: 1,
  unknownTables: ['other'],
  reasons: [reason('SCH001', 5, "Table 'other' is not in cleanrooms.schema.json", 'warning')],
});

test('status text: VALID, INVALID with the error count, UNABLE TO VALIDATE, no schema file', () => {
  assert.equal(statusView('running', verdict({})).text, '$(pass) DP: VALID');
  assert.equal(statusView('running', invalid).text, '$(error) DP: INVALID · 2');
  assert.equal(statusView('running', unable).text, '$(question) DP: UNABLE TO VALIDATE');
  assert.equal(statusView('running', noSchema).text, '$(warning) DP: NO SCHEMA FILE');
  assert.deepEqual(
    [verdict({}), invalid, unable, noSchema].map((v) => statusView('running', v).tone),
    ['ok', 'error', 'warning', 'warning'],
  );
});

test('status: server starting, not running (click restarts), and no verdict yet are distinct states', () => {
  const starting = statusView('starting', undefined);
  const stopped = statusView('stopped', invalid);
  const checking = statusView('running', undefined);
  assert.equal(starting.text, '$(loading~spin) DP: starting…');
  assert.equal(stopped.text, '$(debug-disconnect) DP: server not running');
  assert.equal(stopped.click, 'restart');
  assert.match(stopped.tooltip, /not running/);
  assert.equal(checking.text, '$(loading~spin) DP: checking…');
  assert.equal(
    new Set([starting.text, stopped.text, checking.text, statusView('running', verdict({})).text])
      .size,
    4,
  );
});

test('tooltip lists each reason with its 1-based line, and says what a click does', () => {
  const tip = statusView('running', invalid).tooltip;
  assert.match(tip, /^Differential-privacy verdict: INVALID\n/);
  assert.match(tip, /2 errors/);
  assert.match(tip, /• Ln 2: DP015 The CTE c reads a DP table/);
  assert.match(tip, /• Ln 3: DP028 Aggregate MAX/);
  assert.match(tip, /Click to go to each\.$/);
  assert.match(
    statusView('running', verdict({ verdict: 'INVALID', errors: 1, reasons: [invalid.reasons[0]] }))
      .tooltip,
    /1 error\./,
  );
});

test('tooltip of a long list: eight reasons, then how many more; long messages shortened', () => {
  const many = Array.from({ length: 11 }, (_, i) =>
    reason('DP028', i, `problem ${i} ${'x'.repeat(200)}`),
  );
  const tip = statusView(
    'running',
    verdict({ verdict: 'INVALID', errors: 11, reasons: many }),
  ).tooltip;
  assert.equal(tip.split('\n').filter((l) => l.startsWith('• ')).length, 8);
  assert.match(tip, /… and 3 more/);
  assert.ok(tip.split('\n').every((l) => l.length < 150));
});

test('no schema file: the tooltip names the unknown tables and the two ways out', () => {
  const tip = statusView('running', noSchema).tooltip;
  assert.match(tip, /UNABLE TO VALIDATE/);
  assert.match(
    tip,
    /No cleanrooms\.schema\.json was found in the template's folder or above, so whether socialco_impressions has differential privacy is unknown\./,
  );
  assert.match(tip, /Refresh Schema/);
  assert.match(tip, /starter cleanrooms\.schema\.json/);
});

test('VALID with template-field errors: still VALID, but the tooltip says Create would fail', () => {
  const v = verdict({ errors: 1, reasons: [reason('TPL001', 0, 'The template needs a name')] });
  const view = statusView('running', v);
  assert.equal(view.text, '$(pass) DP: VALID');
  assert.match(view.tooltip, /Create would fail:\n• Ln 1: TPL001/);
  assert.doesNotMatch(statusView('running', verdict({})).tooltip, /Create would fail/);
});

test('CodeLens: the verdict with the first reason; schema actions only for UNABLE_TO_VALIDATE', () => {
  assert.deepEqual(lensView(verdict({})), {
    title: '$(pass) DP: VALID',
    tooltip: lensView(verdict({})).tooltip,
    actions: [],
  });
  assert.equal(
    lensView(invalid).title,
    '$(error) DP: INVALID · 2 — DP015: The CTE c reads a DP table but does not select user_id.',
  );
  assert.deepEqual(lensView(invalid).actions, []);
  assert.equal(
    lensView(noSchema).title,
    '$(warning) DP: UNABLE TO VALIDATE — no cleanrooms.schema.json',
  );
  assert.deepEqual(lensView(noSchema).actions, ['refreshSchema', 'createSchemaFile']);
  // An untitled template has no folder to put a starter file beside.
  assert.deepEqual(lensView(noSchema, false).actions, ['refreshSchema']);
  assert.equal(
    lensView(unable).title,
    '$(question) DP: UNABLE TO VALIDATE — not in cleanrooms.schema.json: other',
  );
  assert.equal(
    lensView({ ...unable, unknownTables: [] }).title,
    "$(question) DP: UNABLE TO VALIDATE — SCH001: Table 'other' is not in cleanrooms.schema.json",
  );
  // A schema file exists but lacks a table: refreshing it helps, a second file would not.
  assert.deepEqual(verdictActions(unable), ['refreshSchema']);
  assert.deepEqual(
    verdictActions(verdict({ verdict: 'INVALID', schemaFound: false, unknownTables: ['t'] })),
    [],
  );
});

test('quick pick: actions first, then each reason with its position, then Problems', () => {
  const rows = verdictPicks(noSchema);
  assert.deepEqual(
    rows.map((r) => r.target.kind),
    ['action', 'action', 'reason', 'problems'],
  );
  assert.deepEqual(rows[2], {
    label: '$(warning) SCH001',
    description: 'Ln 6, Col 5',
    detail: noSchema.reasons[0].message,
    target: { kind: 'reason', reason: noSchema.reasons[0] },
  });
  assert.deepEqual(
    verdictPicks(verdict({})).map((r) => r.target.kind),
    ['problems'],
  );
  assert.deepEqual(
    verdictPicks(noSchema, false).map((r) => r.target),
    [
      { kind: 'action', action: 'refreshSchema' },
      { kind: 'reason', reason: noSchema.reasons[0] },
      { kind: 'problems' },
    ],
  );
});
