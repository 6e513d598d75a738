import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, HEADER } from './helpers';

test('DP011: only SELECT statements', () => {
  for (const sql of [
    'DELETE FROM members',
    'INSERT INTO members VALUES (1)',
    'update members set city = 1',
  ]) {
    const c = check(sql);
    const [d] = c.find('DP011');
    assert.equal(d.severity, 'error');
    assert.equal(d.text.toUpperCase(), sql.split(' ')[0].toUpperCase());
    assert.equal(c.verdict, 'INVALID');
  }
  assert.deepEqual(check('SELECT COUNT(*) FROM members').find('DP011'), []);
  assert.deepEqual(
    check('WITH c AS (SELECT loyalty_number FROM members) SELECT COUNT(*) FROM c').find('DP011'),
    [],
  );
});

test('DP011: a misspelled SELECT is a syntax error, not another statement', () => {
  const c = check('SELEC COUNT(*) FROM members');
  assert.deepEqual(c.find('DP011'), []);
  const [d] = c.find('SQL001');
  assert.equal(d.text, 'SELEC');
});

test('DP012: one statement only; a trailing semicolon is fine', () => {
  const c = check('SELECT COUNT(*) FROM members;\nSELECT COUNT(*) FROM members');
  const [d] = c.find('DP012');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'SELECT COUNT(*) FROM members');
  assert.equal(check('SELECT COUNT(*) FROM members;').verdict, 'VALID');
});

test('DP009: DP query text over 8,192 UTF-8 bytes; the range is the word where the limit is crossed', () => {
  const filler = '-- ' + 'é'.repeat(4090) + '\n'; // 8,184 bytes of comment: counted too
  const body = `${filler}SELECT COUNT(*) FROM members`;
  const c = check(body);
  const [d] = c.find('DP009');
  assert.equal(d.severity, 'error');
  assert.match(d.message, new RegExp(`${Buffer.byteLength(body)} bytes`));
  // 8,184 + "SELECT " = 8,191 bytes: the 8,193rd byte is the O of COUNT(*).
  assert.equal(Buffer.byteLength(filler + 'SELECT C'), 8192);
  assert.equal(d.text, 'OUNT(*)');
  assert.equal(c.verdict, 'INVALID');
});

test('DP009: a long one-line body gets a short range; when the limit falls on a space, the next word', () => {
  const values = Array.from({ length: 1000 }, (_, i) => `'c${String(i).padStart(5, '0')}'`).join(
    ',',
  );
  const long = `SELECT COUNT(*) FROM members WHERE city IN (${values})`;
  const [d] = check(long).find('DP009');
  assert.equal(d.span.start - HEADER.length, 8192);
  assert.ok(d.text.length >= 1 && d.text.length <= 32, `range of ${d.text.length} characters`);
  assert.ok(!d.text.includes(' '));

  const head = "SELECT COUNT(*) FROM members WHERE city = '";
  const exact = `${head}${'x'.repeat(8192 - head.length - 1)}'`;
  const [s] = check(`${exact}  OR city = 'y'`).find('DP009');
  assert.equal(s.text, 'OR');
});

test('DP009: exactly 8,192 bytes passes; non-DP queries have no limit', () => {
  const base = 'SELECT COUNT(*) FROM members WHERE city = ';
  const body = `${base}'${'x'.repeat(8192 - base.length - 2)}'`;
  assert.equal(Buffer.byteLength(body), 8192);
  assert.deepEqual(check(body).find('DP009'), []);
  assert.deepEqual(check(`${body} `).find('DP009').length, 1);
  const nonDp = `SELECT COUNT(*) FROM athletic_brand_sales WHERE product_category = '${'x'.repeat(9000)}'`;
  assert.deepEqual(check(nonDp).find('DP009'), []);
});
