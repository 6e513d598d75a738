import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../dp/helpers';

const ERRORS: [string, string, string][] = [
  ['SELECT a, FROM members', 'FROM', "Unexpected 'FROM' after ','."],
  ["SELECT COUNT(*) FROM members WHERE city = 'abc", "'abc", "Unterminated string literal: add the closing '."],
  ['SELECT COUNT(*) FROM members WHERE city = "abc', '"abc', 'Unterminated quoted identifier: add the closing ".'],
  ['SELECT COUNT(*) FROM members /* note', '/* note', 'Unterminated comment: add the closing */.'],
  ["SELECT COUNT(*) FROM members WHERE (city = 'x'", '(', "Missing ')' to close this '('."],
  ['SELECT COUNT(* FROM members', 'FROM', "Missing ')' before 'FROM'."],
  ["SELECT COUNT(*) FROM members WHERE city = 'x')", ')', "Unexpected ')': there is no '(' to close."],
  ['SELECT COUNT(*) FROM', 'FROM', "The query ends unexpectedly after 'FROM'."],
  ["SELECT COUNT(*) FROM members WHERE city = 'a' AND AND age > 1", 'AND', "Unexpected 'AND' after 'AND'."],
  ['SELECT COUNT(*) FROM members GROUP city', 'city', "Expected 'BY' after 'GROUP'."],
  ['SELEC COUNT(*) FROM members', 'SELEC', "Expected SELECT or WITH at the start of the query, found 'SELEC'."],
  ['WITH c AS (SELECT loyalty_number FROM members WHERE city = = 1) SELECT COUNT(*) FROM c', '=', "Unexpected '=' after '='."],
  ['SELECT COUNT(*) FROM members WHERE city = \u0000', '\u0000', "Unexpected character '\u0000'."],
  ["SELECT COUNT(*) FROM members WHERE city LIKE '%' || || '%'", '||', "Unexpected '||' after ''%''."],
];

test('SQL001: one error at the offending token, in plain words', () => {
  for (const [sql, text, message] of ERRORS) {
    const c = check(sql);
    const ds = c.find('SQL001');
    assert.equal(ds.length, 1, sql);
    assert.equal(ds[0].severity, 'error');
    assert.equal(ds[0].text, text, sql);
    assert.equal(ds[0].message, message, sql);
    assert.equal(c.verdict, 'INVALID');
    assert.doesNotMatch(ds[0].message, /Expected ".*", ".*"/);
  }
});

test('SQL001 in a later CTE points into that CTE', () => {
  const sql = 'WITH a AS (SELECT loyalty_number FROM members), b AS (SELECT loyalty_number, FROM a) SELECT COUNT(*) FROM b';
  const [d] = check(sql).find('SQL001');
  assert.equal(d.text, 'FROM');
  assert.equal(d.span.start - check(sql).template.bodyStart, sql.indexOf('FROM a'));
});

const VALID_SQL = [
  'SELECT city, SUM(salary) FROM members GROUP BY city',
  'WITH c AS (SELECT loyalty_number, SUM(DISTINCT salary) AS s FROM members GROUP BY loyalty_number) SELECT AVG(s) FROM c',
  'SELECT COUNT (DISTINCT loyalty_number) FROM members',
  'SELECT COUNT(DISTINCT "members"."loyalty_number") FROM "members"',
  "SELECT COUNT(*) FROM members WHERE city = :city AND age BETWEEN :lo AND :hi AND gender IN (:g1, :g2) LIMIT :n",
  "SELECT COUNT(*) FROM members WHERE age > DATEADD(day, :days, CURRENT_DATE) AND city LIKE :pattern",
  'WITH r AS (SELECT loyalty_number, SUM(salary) OVER (PARTITION BY loyalty_number ORDER BY age ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM members) SELECT AVG(s) FROM r',
  'WITH r AS (SELECT loyalty_number, CUME_DIST() OVER (PARTITION BY loyalty_number ORDER BY age) AS c, STDDEV_SAMP(salary) OVER (PARTITION BY loyalty_number) AS d FROM members) SELECT AVG(c) FROM r',
  "WITH c AS (SELECT loyalty_number FROM members WHERE city = 'a' MINUS SELECT loyalty_number FROM members WHERE city = 'b') SELECT COUNT(*) FROM c",
  'WITH c AS (SELECT loyalty_number, APPROXIMATE PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY salary) AS p FROM members GROUP BY loyalty_number) SELECT AVG(p) FROM c',
  'SELECT COUNT(*) FROM members m LEFT SEMI JOIN athletic_brand_sales s ON s.emailsha256 = m.city',
  'SELECT COUNT(*) FROM members m LEFT ANTI JOIN athletic_brand_sales s ON s.emailsha256 = m.city',
  "SELECT COUNT(*) FROM members WHERE age > CURRENT_DATE - INTERVAL '7' DAY",
  'SELECT COUNT(*) FROM members WHERE city RLIKE :re',
  "SELECT COUNT(*) FROM members m WHERE m.city LIKE '%' || LOWER(:q) || '%' AND salary BETWEEN -:lo AND +:hi",
  "SELECT :label AS l, COUNT(*) FROM members WHERE CASE WHEN city = :c THEN :a ELSE :b END = 1 GROUP BY 1 HAVING COUNT(*) > :n LIMIT :lim OFFSET :off",
  "SELECT COUNT(*) FROM members WHERE age > CAST(:p AS INT) AND age > INTERVAL :iv AND TO_DATE(:d, 'YYYY-MM-DD') < CURRENT_DATE",
  "SELECT TO_CHAR(DATE_TRUNC('month', CAST(age AS TIMESTAMP)), 'YYYY-MM') AS m, COUNT(*) FROM members GROUP BY 1 ORDER BY 1 DESC NULLS LAST",
  'SELECT LEFT(city, 2) AS l, RIGHT(city, 1) AS r, COUNT(*) AS n FROM members GROUP BY 1, 2',
  'SELECT city, COUNT(*) FILTER (WHERE age > 30) AS n FROM members GROUP BY city',
  'WITH r AS (SELECT loyalty_number, ROW_NUMBER() OVER w AS rn FROM members WINDOW w AS (PARTITION BY loyalty_number ORDER BY age)) SELECT COUNT(*) AS n FROM r WHERE rn = 1',
  'SELECT COUNT(*) AS top, COUNT(*) AS first FROM members',
];

test('valid Clean Rooms SQL the parser does not know gets no syntax error, and the model holds all of it', () => {
  for (const sql of VALID_SQL) {
    const c = check(sql);
    assert.deepEqual([...c.find('SQL001'), ...c.find('SQL004')], [], sql);
  }
});

test('constructs the service rejects parse, so the DP rule (not a syntax error) reports them', () => {
  for (const sql of ['SELECT city, AVG(salary ^ 2) FROM members GROUP BY city', 'SELECT TOP 3 city, COUNT(*) FROM members GROUP BY city', 'SELECT COUNT(*) FROM members m NATURAL JOIN athletic_brand_sales s', 'SELECT city, COUNT(*) FROM members GROUP BY GROUPING SETS ((city))', 'SELECT city, COUNT(*) FROM members GROUP BY city, GROUPING SETS ((city), ())', 'SELECT city, COUNT(*) FROM members GROUP BY city, gender WITH ROLLUP']) {
    const c = check(sql);
    assert.deepEqual(c.find('SQL001'), [], sql);
    assert.equal(c.verdict, 'INVALID', sql);
  }
});

test('a body of only comments is a syntax error on the last comment', () => {
  const c = check('-- first\n-- todo: the query');
  const [d] = c.find('SQL001');
  assert.equal(d.text, '-- todo: the query');
  assert.equal(c.verdict, 'INVALID');
});
