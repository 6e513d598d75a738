import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate } from '../../../server/src/core/template/parse';
import { textOf } from '../../support/analysis';

test('header directives, params and the body split', () => {
  const text = [
    '-- @name Unique reach by campaign',
    '-- @description Distinct users',
    '',
    '-- a plain comment',
    "-- @param start_date DATE = '2024-01-01'",
    '-- @param campaign VARCHAR',
    "-- @param quote VARCHAR = 'it''s'",
    '-- @param n INTEGER = 10',
    '-- @membership 1b2c3d4e-0000-1111-2222-333344445555',
    'SELECT 1',
    '-- not header any more',
  ].join('\n');
  const { template, diagnostics } = parseTemplate(text);
  assert.deepEqual(diagnostics, []);
  assert.equal(template.name?.value, 'Unique reach by campaign');
  assert.equal(textOf(text, template.name!.span), 'Unique reach by campaign');
  assert.equal(template.description?.value, 'Distinct users');
  assert.equal(template.membership?.value, '1b2c3d4e-0000-1111-2222-333344445555');
  assert.deepEqual(
    template.params.map((p) => [p.name.value, p.type?.value, p.defaultValue?.value]),
    [
      ['start_date', 'DATE', '2024-01-01'],
      ['campaign', 'VARCHAR', undefined],
      ['quote', 'VARCHAR', "it's"],
      ['n', 'INTEGER', '10'],
    ],
  );
  assert.equal(textOf(text, template.params[0].defaultValue!.span), "'2024-01-01'");
  assert.equal(template.body, 'SELECT 1\n-- not header any more');
  assert.equal(text.slice(template.bodyStart), template.body);
});

test('CRLF line endings keep exact spans', () => {
  const text = '-- @name A\r\n-- @param p DATE\r\nSELECT :p';
  const { template } = parseTemplate(text);
  assert.equal(textOf(text, template.params[0].type!.span), 'DATE');
  assert.equal(template.body, 'SELECT :p');
});

test('a file that is only header has an empty body', () => {
  const { template } = parseTemplate('-- @name A\n\n');
  assert.equal(template.body, '');
});

test('unknown and duplicate directives are warnings on the directive', () => {
  const text = '-- @name A\n-- @name B\n-- @nmae C\nSELECT 1';
  const { template, diagnostics } = parseTemplate(text);
  assert.equal(template.name?.value, 'A');
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, textOf(text, d.span)]),
    [
      ['TPL007', 'warning', '@name'],
      ['TPL006', 'warning', '@nmae'],
    ],
  );
});

test('TPL006 names the directive a typo is close to and corrects the word', () => {
  const text =
    '-- @name A\n-- @nmae B\n-- @PARM x INT\n-- @desription d\n-- @ar x\n-- @foo y\n-- @nam z\nSELECT 1';
  const { diagnostics } = parseTemplate(text);
  assert.deepEqual(
    diagnostics
      .filter((d) => d.code === 'TPL006')
      .map((d) => [textOf(text, d.span), d.fixes?.[0]?.title, d.fixes?.[0]?.edits[0].newText]),
    [
      ['@nmae', 'Change @nmae to @name', '@name'],
      ['@PARM', 'Change @PARM to @param', '@param'],
      ['@desription', 'Change @desription to @description', '@description'],
      ['@ar', 'Change @ar to @arn', '@arn'],
      ['@foo', undefined, undefined],
      ['@nam', 'Change @nam to @name', '@name'],
    ],
  );
  assert.match(
    diagnostics.find((d) => textOf(text, d.span) === '@nmae')!.message,
    /Did you mean @name\?/,
  );
});

test('malformed @param lines', () => {
  const cases: [string, string][] = [
    ['-- @param', '@param'],
    ['-- @param x', 'x'],
    ["-- @param x DATE = '2024", "'2024"],
    ["-- @param x DATE = 'a' b", 'b'],
    ['-- @param x DATE junk', 'junk'],
    ['-- @param x VARCHAR = two words', 'two words'],
    ['-- @param x DATE =', '='],
  ];
  for (const [line, under] of cases) {
    const text = `-- @name A\n${line}\nSELECT 1`;
    const { diagnostics } = parseTemplate(text);
    assert.equal(diagnostics.length, 1, line);
    assert.match(diagnostics[0].code, /^PAR0(05|11)$/, line);
    assert.equal(textOf(text, diagnostics[0].span), under, line);
  }
});
