import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchema } from '../../../server/src/core/schema/parse';
import { schemaCandidates } from '../../../common/schemaFile';
import { textOf } from '../../support/analysis';

test('a well-formed schema, with spans of table names', () => {
  const text = JSON.stringify(
    {
      tables: [
        {
          name: 'imps',
          differentialPrivacy: { userIdColumn: 'user_id' },
          creatorAccountId: '111122223333',
          columns: [{ name: 'user_id', type: 'string' }, { name: 'c' }],
        },
        { name: 'sales', analysisRuleType: 'CUSTOM', columns: ['sale_id'] },
      ],
    },
    null,
    2,
  );
  const { schema, diagnostics } = parseSchema(text);
  assert.deepEqual(diagnostics, []);
  assert.equal(schema.tables.length, 2);
  assert.equal(schema.tables[0].userIdColumn, 'user_id');
  assert.equal(schema.tables[0].creatorAccountId, '111122223333');
  assert.equal(schema.tables[1].userIdColumn, undefined);
  assert.equal(schema.tables[1].analysisRuleType, 'CUSTOM');
  assert.equal(textOf(text, schema.tables[0].span!), '"imps"');
  assert.deepEqual(
    schema.tables[1].columns.map((c) => c.name),
    ['sale_id'],
  );
});

test('not JSON: one SCF001 at the offending character', () => {
  const text = '{ "tables": [ { "name": "a", } ] }';
  const { schema, diagnostics } = parseSchema(text);
  assert.deepEqual(schema.tables, []);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'SCF001');
  assert.equal(textOf(text, diagnostics[0].span), '}');
});

test('wrong types drop the whole table entry and point at the bad value', () => {
  const text = JSON.stringify({
    tables: [
      { name: 'dp', differentialPrivacy: 'user_id', columns: [] },
      { name: 'ok', columns: [] },
      { name: 7 },
      { name: 'acct', creatorAccountId: 12 },
      { name: 'cols', columns: 'user_id' },
      'just a string',
    ],
  });
  const { schema, diagnostics } = parseSchema(text);
  assert.deepEqual(
    schema.tables.map((t) => t.name),
    ['ok'],
  );
  assert.deepEqual(
    diagnostics.map((d) => [d.code, textOf(text, d.span)]),
    [
      ['SCF002', '"user_id"'],
      ['SCF002', '7'],
      ['SCF002', '12'],
      ['SCF002', '"user_id"'],
      ['SCF002', '"just a string"'],
    ],
  );
});

test('missing or mistyped "tables", and a user id missing from the columns', () => {
  assert.equal(parseSchema('{}').diagnostics[0].code, 'SCF002');
  assert.equal(parseSchema('{"tables": {}}').diagnostics[0].code, 'SCF002');
  assert.equal(parseSchema('[]').diagnostics[0].code, 'SCF002');
  const text =
    '{"tables":[{"name":"t","differentialPrivacy":{"userIdColumn":"uid"},"columns":[{"name":"x"}]}]}';
  const { schema, diagnostics } = parseSchema(text);
  assert.equal(schema.tables[0].userIdColumn, 'uid');
  assert.deepEqual(
    diagnostics.map((d) => [d.severity, textOf(text, d.span)]),
    [['warning', '"uid"']],
  );
});

test('huge and hostile inputs never throw', () => {
  const huge = JSON.stringify({
    tables: Array.from({ length: 20_000 }, (_, i) => ({ name: `t${i}`, columns: [{ name: 'c' }] })),
  });
  assert.equal(parseSchema(huge).schema.tables.length, 20_000);
  for (const bad of [
    '',
    '\u0000',
    '['.repeat(10_000),
    '{"tables": [',
    '"unterminated',
    '{"a": "\\x"}',
  ]) {
    const { diagnostics } = parseSchema(bad);
    assert.ok(diagnostics.length > 0, JSON.stringify(bad.slice(0, 20)));
  }
});

test('schemaCandidates walks up to the root, never above it', () => {
  const f = 'cleanrooms.schema.json';
  assert.deepEqual(schemaCandidates('/w/a/b', '/w'), [`/w/a/b/${f}`, `/w/a/${f}`, `/w/${f}`]);
  assert.deepEqual(schemaCandidates('/w', '/w'), [`/w/${f}`]);
  // Outside the root (or no root): the template's own folder only, not the shared parents.
  assert.deepEqual(schemaCandidates('/tmp/shared/repo', '/w'), [`/tmp/shared/repo/${f}`]);
  assert.deepEqual(schemaCandidates('/tmp/shared/repo', undefined), [`/tmp/shared/repo/${f}`]);
  // A sibling whose name starts like the root is not inside it.
  assert.deepEqual(schemaCandidates('/w2/a', '/w'), [`/w2/a/${f}`]);
});
