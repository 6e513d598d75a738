import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check } from './helpers';

test('DP035: ROLLUP, CUBE and GROUPING SETS', () => {
  for (const g of [
    'ROLLUP (city, gender)',
    'CUBE (city, gender)',
    'GROUPING SETS ((city), (gender))',
  ]) {
    const c = check(`SELECT city, gender, COUNT(*) FROM members GROUP BY ${g}`);
    const [d] = c.find('DP035');
    assert.equal(d.severity, 'error');
    assert.equal(d.text, g);
    assert.deepEqual(c.find('SQL001'), []);
  }
});

test('DP036: array functions', () => {
  const c = check("SELECT COUNT(*) FROM members WHERE ARRAY_CONTAINS(ARRAY(city), 'x')");
  const ds = c.find('DP036');
  assert.deepEqual(
    ds.map((d) => d.text),
    ["ARRAY_CONTAINS(ARRAY(city), 'x')", 'ARRAY(city)'],
  );
  assert.equal(c.verdict, 'INVALID');
});

const FIXED: [string, string, string][] = [
  [
    'SELECT city, SUM(salary::integer) FROM members GROUP BY city',
    'salary::integer',
    'CAST(salary AS integer)',
  ],
  ['SELECT city, AVG(salary ^ 2) FROM members GROUP BY city', 'salary ^ 2', 'POWER(salary, 2)'],
  [
    'SELECT city, COUNT(*) FROM members WHERE age < SYSDATE GROUP BY city',
    'SYSDATE',
    'CURRENT_DATE',
  ],
  [
    'SELECT city, SUM(convert(int, salary)) FROM members GROUP BY city',
    'convert(int, salary)',
    'CAST(salary AS int)',
  ],
  [
    "SELECT COUNT(*) FROM members WHERE age > CURRENT_DATE - INTERVAL '1 SECOND'",
    "INTERVAL '1 SECOND'",
    "INTERVAL '1' SECOND",
  ],
  ['SELECT city, SUM(|/ salary) FROM members GROUP BY city', '|/ salary', 'SQRT(salary)'],
  ['SELECT city, SUM(||/ salary) FROM members GROUP BY city', '||/ salary', 'CBRT(salary)'],
];

test('DP037: unsupported syntax with its alternative; each fix re-analyses clean', () => {
  for (const [sql, text, replacement] of FIXED) {
    const c = check(sql);
    const [d] = c.find('DP037');
    assert.equal(d?.severity, 'error', sql);
    assert.equal(d.text, text);
    assert.deepEqual(c.find('SQL001'), [], sql);
    const fixed = applyFix(c, 'DP037');
    assert.ok(fixed.includes(replacement), fixed);
    const again = check(fixed);
    assert.deepEqual(again.find('DP037'), [], fixed);
    assert.equal(again.verdict, 'VALID', fixed);
  }
});

test('DP037: TOP n moves to LIMIT n', () => {
  const c = check('SELECT TOP 5 city, COUNT(*) FROM members GROUP BY city');
  const [d] = c.find('DP037');
  assert.equal(d.text, 'TOP 5');
  const fixed = applyFix(c, 'DP037');
  assert.equal(fixed, 'SELECT city, COUNT(*) FROM members GROUP BY city\nLIMIT 5');
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP037 fixes keep the source text of operands', () => {
  const c = check('SELECT city, AVG(POWER(salary, 2) ^ 2) FROM members GROUP BY city');
  assert.match(applyFix(c, 'DP037'), /AVG\(POWER\(POWER\(salary, 2\), 2\)\)/);
});

test('DP037: CONVERT with a parameterized type points to CAST; the type is not a function', () => {
  const c = check(
    'SELECT city, SUM(CONVERT(DECIMAL(6,2), salary)) AS s FROM members GROUP BY city',
  );
  const [d] = c.find('DP037');
  assert.equal(d?.severity, 'error');
  assert.equal(d.text, 'CONVERT(DECIMAL(6,2), salary)');
  assert.equal(d.fixes?.[0].edits[0].newText, 'CAST(salary AS DECIMAL(6,2))');
  assert.deepEqual(c.find('DP038'), []);
  assert.equal(c.verdict, 'INVALID');
});

test('DP035: extended grouping as any GROUP BY item, in CTEs and the final SELECT, any case; WITH ROLLUP', () => {
  const cases: [string, string[]][] = [
    [
      'WITH c AS (SELECT loyalty_number, city, COUNT(*) AS n FROM members GROUP BY loyalty_number, ROLLUP (city, gender)) SELECT SUM(n) AS t FROM c',
      ['ROLLUP (city, gender)'],
    ],
    [
      'SELECT city, gender, COUNT(*) AS n FROM members group by city, cube (gender, age)',
      ['cube (gender, age)'],
    ],
    [
      'SELECT city, COUNT(*) AS n FROM members GROUP BY city, GROUPING SETS ((gender), (age), ())',
      ['GROUPING SETS ((gender), (age), ())'],
    ],
    [
      'SELECT city, COUNT(*) AS n FROM members GROUP BY Rollup(city), CUBE(age)',
      ['Rollup(city)', 'CUBE(age)'],
    ],
    [
      'SELECT city, gender, COUNT(*) AS n FROM members GROUP BY city, gender WITH ROLLUP',
      ['WITH ROLLUP'],
    ],
    [
      'SELECT city, gender, COUNT(*) AS n FROM members GROUP BY city, gender with cube',
      ['with cube'],
    ],
  ];
  for (const [sql, texts] of cases) {
    const c = check(sql);
    assert.deepEqual(
      c.find('DP035').map((d) => d.text),
      texts,
      sql,
    );
    assert.deepEqual([...c.find('SQL001'), ...c.find('SQL004')], [], sql);
    assert.equal(c.verdict, 'INVALID', sql);
  }
});
