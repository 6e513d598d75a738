// The schema file's analysis-rule controls: read with their spans, or the table dropped whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchema } from '../../../server/src/core/schema/parse';
import { analyze } from '../../../server/src/core/analyze';
import { textOf } from '../../support/analysis';

const ARN =
  'arn:aws:cleanrooms:us-east-1:111122223333:membership/6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d/analysistemplate/0b6e2f4a-1c3d-4e5f-8a7b-9c0d1e2f3a4b';
const COLUMNS = [{ name: 'user_id' }, { name: 'email' }, { name: 'city' }];

const file = (table: Record<string, unknown>) =>
  JSON.stringify({ tables: [{ name: 'users', columns: COLUMNS, ...table }] }, null, 2);

test('the four controls are read under the API names, with the span of each member', () => {
  const text = file({
    allowedAnalyses: ['ANY_QUERY', ARN, 'ANY_JOB'],
    allowedAnalysisProviders: ['444455556666'],
    additionalAnalyses: 'NOT_ALLOWED',
    disallowedOutputColumns: ['email'],
  });
  const { schema, diagnostics } = parseSchema(text);
  assert.deepEqual(diagnostics, []);
  const [t] = schema.tables;
  assert.deepEqual(t.allowedAnalyses?.value, ['ANY_QUERY', ARN, 'ANY_JOB']);
  assert.deepEqual(t.allowedAnalysisProviders?.value, ['444455556666']);
  assert.deepEqual(t.disallowedOutputColumns?.value, ['email']);
  assert.match(
    textOf(text, t.disallowedOutputColumns!.span),
    /^"disallowedOutputColumns": \[\s*"email"\s*\]$/,
  );
  assert.match(textOf(text, t.allowedAnalyses!.span), /^"allowedAnalyses": \[/);
});

test('absent controls stay unknown; an empty allowedAnalyses is kept (nothing may run)', () => {
  assert.equal(parseSchema(file({})).schema.tables[0].allowedAnalyses, undefined);
  assert.deepEqual(
    parseSchema(file({ allowedAnalyses: [] })).schema.tables[0].allowedAnalyses?.value,
    [],
  );
});

test('a bad value is an SCF002 error on the value and drops the table whole', () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ allowedAnalyses: 'ANY_QUERY' }, '"ANY_QUERY"', /must be an array, not a string/],
    [
      { allowedAnalyses: ['any_query'] },
      '"any_query"',
      /analysis template ARN .*"ANY_QUERY" or "ANY_JOB", not 'any_query'/,
    ],
    [
      { allowedAnalyses: [ARN.replace('analysistemplate', 'template')] },
      JSON.stringify(ARN.replace('analysistemplate', 'template')),
      /analysis template ARN/,
    ],
    [
      { allowedAnalysisProviders: ['4444-5555-6666'] },
      '"4444-5555-6666"',
      /12-digit AWS account id/,
    ],
    [{ allowedAnalysisProviders: [444455556666] }, '444455556666', /not a number/],
    [{ disallowedOutputColumns: [''] }, '""', /column name of 1 to 127 characters/],
    [{ disallowedOutputColumns: ['x'.repeat(128)] }, `"${'x'.repeat(128)}"`, /column name/],
    [
      { disallowedOutputColumns: { email: true } },
      '{\n        "email": true\n      }',
      /must be an array, not an object/,
    ],
    [{ additionalAnalyses: 'YES' }, '"YES"', /one of ALLOWED, REQUIRED, NOT_ALLOWED/],
    [
      { analysisRuleType: 'LIST', disallowedOutputColumns: ['email'] },
      '"disallowedOutputColumns": [\n        "email"\n      ]',
      /belongs to a CUSTOM analysis rule.*LIST/,
    ],
    [
      { analysisRuleType: 'ID_MAPPING_TABLE', additionalAnalyses: 'ALLOWED' },
      '"ALLOWED"',
      /not ID_MAPPING_TABLE/,
    ],
  ];
  for (const [table, at, message] of cases) {
    const text = file(table);
    const { schema, diagnostics } = parseSchema(text);
    assert.deepEqual(schema.tables, [], JSON.stringify(table));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(diagnostics[0].code, 'SCF002');
    assert.equal(diagnostics[0].severity, 'error');
    assert.equal(textOf(text, diagnostics[0].span), at);
    assert.match(diagnostics[0].message, message);
  }
});

test('a dropped table never yields VALID: the template becomes UNABLE_TO_VALIDATE', () => {
  const { schema } = parseSchema(
    file({
      differentialPrivacy: { userIdColumn: 'user_id' },
      disallowedOutputColumns: ['email', 7],
    }),
  );
  const result = analyze(
    '-- @name t\nSELECT city, COUNT(DISTINCT user_id) FROM users GROUP BY city',
    schema,
  );
  assert.equal(result.verdict, 'UNABLE_TO_VALIDATE');
});

test('a disallowed column missing from "columns" is a warning; the table is kept', () => {
  const text = file({ disallowedOutputColumns: ['EMAIL', 'phone'] });
  const { schema, diagnostics } = parseSchema(text);
  assert.equal(schema.tables.length, 1);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [['SCF002', 'warning']],
  );
  assert.match(diagnostics[0].message, /'phone'/);
  assert.doesNotMatch(diagnostics[0].message, /EMAIL/);
});
