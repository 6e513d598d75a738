import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

test('DP038: undocumented functions are warnings on the name, never INVALID', () => {
  const c = check("SELECT COUNT(*) FROM members WHERE SOUNDEX(city) = 'x'");
  const [d] = c.find('DP038');
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, 'SOUNDEX');
  assert.equal(c.verdict, 'VALID');
  assert.deepEqual(
    check("SELECT COUNT(*) FROM members WHERE LOWER(TRIM(city)) = 'x' AND MD5(city) <> 'y'").find(
      'DP038',
    ),
    [],
  );
});

test('DP038 is not reported for queries without DP tables', () => {
  assert.deepEqual(
    check('SELECT SOUNDEX(product_category) FROM athletic_brand_sales').find('DP038'),
    [],
  );
});

test('DP044: overflow- and cast-prone constructs are hints by default (no Problems entry), never INVALID', () => {
  const c = check('SELECT SUM(CAST(salary AS DOUBLE)) FROM members');
  const ds = c.find('DP044');
  assert.deepEqual(ds.map((d) => d.text).sort(), ['CAST', 'SUM']);
  assert.deepEqual(
    ds.map((d) => d.severity),
    ['hint', 'hint'],
  );
  assert.equal(c.verdict, 'VALID');
});

test('DP044: the overflowWarnings setting raises it to a warning, still VALID', () => {
  const c = check('SELECT SUM(CAST(salary AS DOUBLE)) FROM members', undefined, {
    subqueries: 'current-docs',
    overflowWarnings: true,
  });
  assert.deepEqual(
    c.find('DP044').map((d) => d.severity),
    ['warning', 'warning'],
  );
  assert.equal(c.verdict, 'VALID');
  const off = check('SELECT SUM(CAST(salary AS DOUBLE)) FROM members', undefined, {
    subqueries: 'current-docs',
    overflowWarnings: false,
  });
  assert.deepEqual(
    off.find('DP044').map((d) => d.severity),
    ['hint', 'hint'],
  );
});
