import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

test('DP028: final SELECT aggregates; range is the aggregate call', () => {
  for (const agg of [
    'MIN(salary)',
    'MAX(salary)',
    'MEDIAN(salary)',
    'VAR_POP(salary)',
    'ANY_VALUE(salary)',
  ]) {
    const c = check(`SELECT city, ${agg} AS x FROM members GROUP BY city`);
    const [d] = c.find('DP028');
    assert.equal(d.severity, 'error', agg);
    assert.equal(d.text, agg);
  }
  assert.equal(
    check(
      'SELECT city, COUNT(*), COUNT(DISTINCT loyalty_number), SUM(salary), AVG(salary), STDDEV(salary) FROM members GROUP BY city',
    ).verdict,
    'VALID',
  );
});

test('DP028: SUM(DISTINCT) is an error (Q7), STDDEV_POP a warning (Q6), COUNT (DISTINCT x) with a space is fine', () => {
  assert.equal(
    check('SELECT city, SUM(DISTINCT salary) FROM members GROUP BY city').find('DP028')[0].text,
    'SUM(DISTINCT salary)',
  );
  const pop = check('SELECT city, STDDEV_POP(salary) FROM members GROUP BY city');
  assert.equal(pop.find('DP028')[0].severity, 'warning');
  assert.equal(pop.verdict, 'VALID');
  assert.equal(check('SELECT COUNT (DISTINCT loyalty_number) FROM members').verdict, 'VALID');
});

test('DP028: HAVING and ORDER BY use the same list (rule 30)', () => {
  const c = check('SELECT city, COUNT(*) FROM members GROUP BY city HAVING MIN(age) > 18');
  const [d] = c.find('DP028');
  assert.equal(d.text, 'MIN(age)');
  assert.deepEqual(d.rules, [28, 30]);
  assert.equal(
    check('SELECT city, COUNT(*) AS n FROM members GROUP BY city ORDER BY MAX(age)').find(
      'DP028',
    )[0].text,
    'MAX(age)',
  );
});

test('DP029: the final SELECT must aggregate; range is the select list', () => {
  const c = check('SELECT loyalty_number, city FROM members WHERE age > 30');
  const [d] = c.find('DP029');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'loyalty_number, city');
  assert.equal(check("SELECT COUNT(*) FROM members WHERE city = 'x'").verdict, 'VALID');
});

test('DP029: grouping the final SELECT by the user id is a warning (Q5)', () => {
  const c = check('SELECT loyalty_number, COUNT(*) FROM members GROUP BY loyalty_number');
  const [d] = c.find('DP029');
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, 'loyalty_number');
  assert.equal(c.verdict, 'VALID');
});

test('DP032: set operators in the final SELECT', () => {
  const c = check('SELECT COUNT(*) FROM members UNION ALL SELECT COUNT(*) FROM socialco_users');
  const [d] = c.find('DP032');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'UNION ALL');
  assert.equal(
    check('SELECT COUNT(*) FROM members EXCEPT SELECT COUNT(*) FROM members').find('DP032')[0].text,
    'EXCEPT',
  );
});

test('DP034: nested aggregates, in the final SELECT and in CTEs', () => {
  const c = check('SELECT AVG(COUNT(*)) FROM members GROUP BY city');
  const [d] = c.find('DP034');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'AVG(COUNT(*))');
  const cte = check(
    'WITH c AS (SELECT loyalty_number, SUM(MAX(salary)) AS s FROM members GROUP BY loyalty_number) SELECT AVG(s) FROM c',
  );
  assert.equal(cte.find('DP034')[0].text, 'SUM(MAX(salary))');
  assert.equal(
    check('SELECT ROUND(SUM(salary) / COUNT(DISTINCT loyalty_number), 2) FROM members').verdict,
    'VALID',
  );
});

test('DP028: a known aggregate outside the list is an error, whatever other list knows it', () => {
  for (const agg of [
    'PERCENTILE_APPROX(salary, 0.9)',
    'percentile_approx(salary, 0.9)',
    'APPROX_COUNT_DISTINCT(loyalty_number)',
    'COLLECT_SET(city)',
    'STDDEV_SAMP(salary)',
  ]) {
    const c = check(`SELECT city, ${agg} AS x FROM members GROUP BY city`);
    const errors = c.diagnostics.filter((d) => d.severity === 'error');
    if (agg.startsWith('STDDEV_SAMP')) assert.equal(c.verdict, 'VALID', agg);
    else {
      assert.equal(c.find('DP028')[0]?.text, agg, agg);
      assert.equal(c.verdict, 'INVALID', agg);
      assert.ok(errors.length >= 1);
    }
  }
});

test('an unknown name written with aggregate syntax is an error; as a plain call it stays a warning (rule 38)', () => {
  for (const agg of [
    'MY_AGG(DISTINCT salary)',
    'MY_AGG(salary) FILTER (WHERE age > 3)',
    'MY_AGG(0.5) WITHIN GROUP (ORDER BY salary)',
  ]) {
    const c = check(`SELECT city, ${agg} AS x FROM members GROUP BY city`);
    assert.equal(c.find('DP028')[0]?.severity, 'error', agg);
    assert.equal(c.verdict, 'INVALID', agg);
    const inCte = check(
      `WITH c AS (SELECT loyalty_number, ${agg} AS x FROM members GROUP BY loyalty_number) SELECT COUNT(*) FROM c`,
    );
    assert.equal(inCte.find('DP017')[0]?.severity, 'error', agg);
  }
  const over = check(
    'WITH c AS (SELECT loyalty_number, MY_WIN(salary) OVER (PARTITION BY loyalty_number) AS x FROM members) SELECT COUNT(*) FROM c',
  );
  assert.equal(over.find('DP019')[0]?.severity, 'error');
  const plain = check("SELECT COUNT(*) FROM members WHERE MY_FN(city) = 'x'");
  assert.equal(plain.find('DP038')[0]?.severity, 'warning');
  assert.equal(plain.verdict, 'VALID');
});

test('DP029: a select-list column neither grouped nor aggregated is row-level output', () => {
  const bare = check('SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members');
  const [d] = bare.find('DP029');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'city');
  assert.equal(bare.verdict, 'INVALID');
  assert.equal(
    check('SELECT city, education, COUNT(*) AS n FROM members GROUP BY city').find('DP029')[0].text,
    'education',
  );
  // Grouped by expression, alias or ordinal, used inside a grouped expression, or a name that is
  // not a column: all fine.
  for (const sql of [
    'SELECT UPPER(city) AS c, COUNT(*) AS n FROM members GROUP BY UPPER(city)',
    "SELECT CASE WHEN age > 30 THEN 'a' ELSE 'b' END AS band, COUNT(*) AS n FROM members GROUP BY band",
    'SELECT city, education, COUNT(*) AS n FROM members GROUP BY 1, 2',
    'SELECT LOWER(city) AS c, CURRENT_DATE AS d, COUNT(*) AS n FROM members GROUP BY city',
    'SELECT m.city, COUNT(*) AS n FROM members m GROUP BY city',
    'SELECT city, SUM(salary) AS salary FROM members GROUP BY city HAVING salary > 1 ORDER BY salary',
  ])
    assert.deepEqual(check(sql).find('DP029'), [], sql);
});

test('DP029: HAVING and ORDER BY columns neither grouped nor aggregated', () => {
  const c = check(
    "SELECT city, COUNT(*) AS n FROM members GROUP BY city HAVING education = 'x' ORDER BY age",
  );
  assert.deepEqual(
    c.find('DP029').map((d) => d.text),
    ['education', 'age'],
  );
});
