import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits, byCode, found, HEADER, SCHEMA, textOf } from '../../support/analysis';

const WHERE = 'SELECT COUNT(DISTINCT user_id) FROM socialco_impressions WHERE campaign_id = ';

test('PAR001: an undeclared :param is an error on the reference, with a declare fix', () => {
  const text = `${HEADER}-- @param other VARCHAR\n${WHERE}:campaign AND timestamp > :start_date AND device_type = :other`;
  assert.deepEqual(found(text, 'PAR001'), [
    ['PAR001', ':campaign'],
    ['PAR001', ':start_date'],
  ]);
  const [d, d2] = byCode(text, 'PAR001');
  assert.equal(d.severity, 'error');
  const fixed = applyEdits(text, d.fixes![0].edits);
  assert.match(fixed, /-- @param other VARCHAR\n-- @param campaign VARCHAR\n/);
  // Compared with the `timestamp` column: TIMESTAMP, though the name sounds like a date.
  assert.equal(d2.fixes![0].title, "Declare parameter 'start_date' as TIMESTAMP");
  assert.deepEqual(found(fixed, 'PAR001'), [['PAR001', ':start_date']]);
});

test('PAR001: the declared type follows the compared column, then the name', () => {
  const text = `${HEADER}${WHERE}'x' AND timestamp >= :since AND i.ts < :until AND created_date > :since_day AND campaign_id = :c`;
  assert.deepEqual(
    byCode(text, 'PAR001').map((d) => d.fixes![0].title),
    [
      "Declare parameter 'since' as TIMESTAMP",
      "Declare parameter 'until' as TIMESTAMP",
      "Declare parameter 'since_day' as DATE",
      "Declare parameter 'c' as VARCHAR",
    ],
  );
});

test('PAR001: references in strings, comments and :: casts do not count', () => {
  const text = `${HEADER}${WHERE}':nope' -- :nope2\n /* :nope3 */ AND x::int = 1`;
  assert.deepEqual(found(text, 'PAR001'), []);
});

test('PAR002: a declared but unused parameter is a warning with a remove fix', () => {
  const text = `${HEADER}-- @param used VARCHAR\n-- @param unused DATE\n${WHERE}:used`;
  const [d] = byCode(text, 'PAR002');
  assert.equal(d.severity, 'warning');
  assert.equal(textOf(text, d.span), 'unused');
  assert.equal(
    applyEdits(text, d.fixes![0].edits),
    `${HEADER}-- @param used VARCHAR\n${WHERE}:used`,
  );
});

test('PAR003: parameter names', () => {
  const long = 'a'.repeat(101);
  const text = `${HEADER}-- @param bad-name VARCHAR\n-- @param ${long} VARCHAR\n-- @param 9ok VARCHAR\n${WHERE}:9ok`;
  assert.deepEqual(
    found(text, 'PAR003').map(([, t]) => t),
    ['bad-name', long],
  );
});

test('PAR004: unknown type with a suggestion; types are case-insensitive', () => {
  const text = `${HEADER}-- @param a TEXT\n-- @param b varchar\n-- @param c WIDGET\n${WHERE}:a || :b || :c`;
  const ds = byCode(text, 'PAR004');
  assert.deepEqual(
    ds.map((d) => textOf(text, d.span)),
    ['TEXT', 'WIDGET'],
  );
  assert.match(ds[0].message, /Did you mean VARCHAR\?/);
  assert.equal(ds[1].fixes!.length, 0);
});

test('PAR006: duplicate declaration', () => {
  const text = `${HEADER}-- @param a VARCHAR\n-- @param a DATE\n${WHERE}:a`;
  const [d] = byCode(text, 'PAR006');
  assert.equal(d.span.start, text.lastIndexOf('a DATE'));
  assert.equal(d.related![0].span.start, text.indexOf('a VARCHAR'));
});

test('PAR007: more than 50 parameters', () => {
  const decls = Array.from({ length: 52 }, (_, i) => `-- @param p${i} VARCHAR\n`).join('');
  const uses = Array.from({ length: 52 }, (_, i) => `:p${i}`).join(' || ');
  const text = `${HEADER}${decls}${WHERE}${uses}`;
  assert.deepEqual(
    found(text, 'PAR007').map(([, t]) => t),
    ['p50', 'p51'],
  );
});

test('PAR008: default over 1,000 characters', () => {
  const long = 'x'.repeat(1001);
  const text = `${HEADER}-- @param a VARCHAR = '${long}'\n-- @param b VARCHAR = '${'x'.repeat(1000)}'\n${WHERE}:a || :b`;
  assert.deepEqual(
    found(text, 'PAR008').map(([, t]) => t),
    [`'${long}'`],
  );
});

test('PAR009: defaults that cannot be values of their type', () => {
  const bad: [string, string][] = [
    ['INTEGER', "'abc'"],
    ['INTEGER', '2147483648'],
    ['TINYINT', '200'],
    ['DATE', "'2024-13-45'"],
    ['DATE', "'2023-02-29'"],
    ['BOOLEAN', "'maybe'"],
    ['DECIMAL', "'1,5'"],
    ['TIMESTAMP', "'2024-01-01 25:00'"],
    ['TIME', "'noon'"],
    ['BIGINT', "''"],
  ];
  const good: [string, string][] = [
    ['INTEGER', "'42'"],
    ['INT', '-7'],
    ['BIGINT', '9223372036854775807'],
    ['DATE', "'2024-02-29'"],
    ['BOOLEAN', 'true'],
    ['DOUBLE', "'1.5e3'"],
    ['TIMESTAMP', "'2024-01-01 13:45:00'"],
    ['TIMESTAMPTZ', "'2024-01-01T13:45:00+02:00'"],
    ['TIME', "'13:45'"],
    ['VARCHAR', "'anything at all'"],
    ['VARBYTE', "'0xff'"],
  ];
  for (const [type, value] of [...bad, ...good]) {
    const text = `${HEADER}-- @param a ${type} = ${value}\n${WHERE}:a`;
    const ds = found(text, 'PAR009');
    if (bad.some(([t, v]) => t === type && v === value))
      assert.deepEqual(ds, [['PAR009', value]], `${type} = ${value}`);
    else assert.deepEqual(ds, [], `${type} = ${value}`);
  }
});

test('PAR010: a parameter where only a literal can stand', () => {
  const text = `${HEADER}-- @param t VARCHAR\n-- @param c VARCHAR\n-- @param f VARCHAR\nSELECT COUNT(DISTINCT user_id) FROM :t WHERE x.:c = 1 AND :f(1) = 2`;
  assert.deepEqual(
    found(text, 'PAR010').map(([, t]) => t),
    [':t', ':c', ':f'],
  );
  const ok = `${HEADER}-- @param c VARCHAR\n${WHERE}:c`;
  assert.deepEqual(found(ok, 'PAR010'), []);
  // FROM inside EXTRACT / SUBSTRING / TRIM and after IS [NOT] DISTINCT separates operands.
  const operands = `${HEADER}-- @param c VARCHAR\n${WHERE}:c OR EXTRACT(DAY FROM :c) = 1 OR SUBSTRING(x FROM :c) = 'a' OR TRIM(BOTH 'a' FROM :c) = 'b' OR x IS NOT DISTINCT FROM :c`;
  assert.deepEqual(found(operands, 'PAR010'), []);
  const sub = `${HEADER}-- @param t VARCHAR\n${WHERE}'a' AND EXISTS (SELECT 1 FROM :t)`;
  assert.deepEqual(
    found(sub, 'PAR010').map(([, t]) => t),
    [':t'],
  );
});

test('a clean template has no parameter or template diagnostics', () => {
  const text = `${HEADER}-- @description Fine\n-- @param c VARCHAR = 'x'\n${WHERE}:c`;
  const codes = analyze(text, SCHEMA)
    .diagnostics.map((d) => d.code)
    .filter((c) => /^(PAR|TPL)/.test(c));
  assert.deepEqual(codes, []);
});
