import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits, byCode, found, HEADER, QUERY, SCHEMA, textOf } from '../../support/analysis';

test('TPL001: missing @name, with a fix that adds one', () => {
  const text = `-- @description x\n${QUERY}`;
  const [d] = byCode(text, 'TPL001');
  assert.equal(textOf(text, d.span), '-- @description x');
  assert.deepEqual(byCode(applyEdits(text, d.fixes![0].edits), 'TPL001'), []);
});

test('TPL001: a misspelt @nmae is corrected, not joined by a second @name line', () => {
  const text = `-- @nmae Reach\n${QUERY}`;
  const [d] = byCode(text, 'TPL001');
  assert.equal(textOf(text, d.span), '@nmae');
  assert.match(d.message, /Did you mean @name\?/);
  assert.equal(d.fixes![0].title, 'Change @nmae to @name');
  const fixed = applyEdits(text, d.fixes![0].edits);
  assert.equal(fixed, `-- @name Reach\n${QUERY}`);
  assert.deepEqual([...byCode(fixed, 'TPL001'), ...byCode(fixed, 'TPL006')], []);
});

test('TPL002: names outside the service pattern or over 128 characters', () => {
  for (const bad of ['-a', 'a-', 'a--b', 'x.y', 'a'.repeat(129)]) {
    const text = `-- @name ${bad}\n${QUERY}`;
    assert.deepEqual(found(text, 'TPL002'), [['TPL002', bad]], bad);
  }
  for (const ok of ['Incrementality analysis', 'my-template', 'a - b', '_x']) {
    assert.deepEqual(found(`-- @name ${ok}\n${QUERY}`, 'TPL002'), [], ok);
  }
});

test('TPL003: description length and control characters', () => {
  const long = 'd'.repeat(260);
  const text = `${HEADER}-- @description ${long}\n${QUERY}`;
  assert.deepEqual(found(text, 'TPL003'), [['TPL003', 'd'.repeat(5)]]);
  const ctl = `${HEADER}-- @description bad\u0001char\n${QUERY}`;
  const [d] = byCode(ctl, 'TPL003');
  assert.equal(textOf(ctl, d.span), '\u0001');
  assert.deepEqual(byCode(applyEdits(ctl, d.fixes![0].edits), 'TPL003'), []);
});

test('TPL004 / TPL005: empty and oversized bodies', () => {
  const empty = `${HEADER}-- @description x\n\n`;
  assert.deepEqual(found(empty, 'TPL004'), [['TPL004', '-- @description x']]);
  const big = `${HEADER}${QUERY} WHERE campaign_id IN (${"'c', ".repeat(100_001)}'c')`;
  const [d] = byCode(big, 'TPL005');
  assert.equal(d.span.start, HEADER.length + 500_000);
  assert.equal(d.span.end, big.length);
  // The service rejects it before reading the SQL: no SQL diagnostics, a definite verdict.
  const result = analyze(big, SCHEMA);
  assert.equal(result.verdict, 'INVALID');
  assert.deepEqual(
    result.diagnostics.map((x) => x.code),
    ['TPL005'],
  );
});

test('TPL008 / TPL009 / TPL010: membership and ARN values', () => {
  const m = '1b2c3d4e-0000-1111-2222-333344445555';
  const arn = `arn:aws:cleanrooms:us-east-1:111122223333:membership/${m}/analysistemplate/abc`;
  assert.deepEqual(found(`${HEADER}-- @membership ${m}\n-- @arn ${arn}\n${QUERY}`, 'TPL008'), []);
  assert.deepEqual(found(`${HEADER}-- @membership ${m}\n-- @arn ${arn}\n${QUERY}`, 'TPL009'), []);
  assert.deepEqual(found(`${HEADER}-- @membership ${m.toUpperCase()}\n${QUERY}`, 'TPL008'), [
    ['TPL008', m.toUpperCase()],
  ]);
  assert.deepEqual(found(`${HEADER}-- @arn arn:nope\n${QUERY}`, 'TPL009'), [
    ['TPL009', 'arn:nope'],
  ]);
  const other = '99999999-0000-1111-2222-333344445555';
  assert.deepEqual(found(`${HEADER}-- @membership ${other}\n-- @arn ${arn}\n${QUERY}`, 'TPL010'), [
    ['TPL010', arn],
  ]);
});

test('TPL011: at most 100 diagnostics of one code, then one saying how many more', () => {
  const text = `${HEADER}${QUERY} WHERE campaign_id IN (${Array(150).fill(':x').join(', ')})`;
  const result = analyze(text, SCHEMA);
  const par001 = result.diagnostics.filter((d) => d.code === 'PAR001');
  assert.equal(par001.length, 100);
  const [more] = result.diagnostics.filter((d) => d.code === 'TPL011');
  assert.match(more.message, /^50 more PAR001 problems are not shown/);
  // It sits on the 101st reference, after the last one shown.
  assert.ok(more.span.start > par001[99].span.start);
});
