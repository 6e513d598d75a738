import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../dp/helpers';
import { analyze } from '../../../server/src/core/analyze';
import { DEFAULT_OPTIONS } from '../../../server/src/core/types';

const ERRORS: [string, string, string][] = [
  [
    'SELECT a, FROM members',
    ',',
    "Missing item after ',' before 'FROM': remove the comma or add an item.",
  ],
  [
    "SELECT COUNT(*) FROM members WHERE city = 'abc",
    "'abc",
    "Unterminated string literal: add the closing '.",
  ],
  [
    'SELECT COUNT(*) FROM members WHERE city = "abc',
    '"abc',
    'Unterminated quoted identifier: add the closing ".',
  ],
  ['SELECT COUNT(*) FROM members /* note', '/* note', 'Unterminated comment: add the closing */.'],
  [
    "SELECT COUNT(*) FROM members WHERE (city = 'x'",
    "'x'",
    "Missing ')' at the end to close the '(' after 'WHERE'.",
  ],
  ['SELECT COUNT(* FROM members', 'FROM', "Missing ')' before 'FROM'."],
  [
    "SELECT COUNT(*) FROM members WHERE city = 'x')",
    ')',
    "Unexpected ')': there is no '(' to close.",
  ],
  ['SELECT COUNT(*) FROM', 'FROM', "Missing table after 'FROM': name the table or CTE to read."],
  // Half-typed text: what is missing, on the place where it is missing.
  [
    'SELECT ',
    'SELECT',
    'The select list is empty: write the columns or expressions to select after SELECT.',
  ],
  [
    'WITH per_user AS (SELECT ',
    'SELECT',
    'The select list is empty: write the columns or expressions to select after SELECT.',
  ],
  [
    'WITH per_user AS (SELECT\n)\nSELECT COUNT(*) FROM per_user',
    'SELECT',
    'The select list is empty: write the columns or expressions to select after SELECT.',
  ],
  [
    'WITH per_user AS (SELECT FROM members)\nSELECT COUNT(*) FROM per_user',
    'SELECT',
    'The select list is empty: write the columns or expressions to select after SELECT.',
  ],
  [
    'SELECT loyalty_number FROM WHERE city = 1',
    'FROM',
    "Missing table after 'FROM': name the table or CTE to read.",
  ],
  [
    'SELECT COUNT(*) FROM members m JOIN ',
    'JOIN',
    "Missing table after 'JOIN': name the table or CTE to join.",
  ],
  ['SELECT COUNT(*) FROM members WHERE ', 'WHERE', "Missing condition after 'WHERE'."],
  ['SELECT COUNT(*) FROM members WHERE city = ', '=', "Missing value after '='."],
  [
    'SELECT city, COUNT(*) FROM members GROUP BY ',
    'BY',
    "Missing the expressions to group by after 'GROUP BY'.",
  ],
  ['WITH per_user', 'per_user', "Missing AS (SELECT ...) after the CTE name 'per_user'."],
  [
    'WITH per_user AS',
    'AS',
    "Missing (SELECT ...) after 'AS': the CTE 'per_user' needs its query.",
  ],
  ['WITH per_user AS (', '(', "The CTE 'per_user' is empty: write its SELECT after '('."],
  [
    'WITH a AS (SELECT loyalty_number FROM members), ',
    ',',
    "Missing the next CTE after ',': write name AS (SELECT ...), or remove the comma.",
  ],
  [
    'WITH a AS (SELECT loyalty_number FROM members)',
    ')',
    'Missing the final SELECT after the CTEs.',
  ],
  ['SELECT city, ', ',', "Missing item after ',': remove the comma or add an item."],
  [
    'SELECT loyalty_number WHERE city = 1',
    'WHERE',
    "Missing FROM: this SELECT reads 'loyalty_number' but names no table. Add FROM and the table or CTE after the select list.",
  ],
  [
    'WITH c AS (SELECT loyalty_number)\nSELECT COUNT(*) FROM c',
    'loyalty_number',
    "Missing FROM: this SELECT reads 'loyalty_number' but names no table. Add FROM and the table or CTE after the select list.",
  ],
  [
    'WITH c AS (SELECT loyalty_number FROM members\nSELECT COUNT(*) FROM c',
    'SELECT',
    "Missing ')' before 'SELECT': close the '(' that starts the query above first.",
  ],
  [
    "SELECT COUNT(*) FROM members WHERE city = 'a' AND AND age > 1",
    'AND',
    "Unexpected 'AND' after 'AND'.",
  ],
  ['SELECT COUNT(*) FROM members GROUP city', 'city', "Expected 'BY' after 'GROUP'."],
  [
    'SELEC COUNT(*) FROM members',
    'SELEC',
    "Expected SELECT or WITH at the start of the query, found 'SELEC'.",
  ],
  [
    'WITH c AS (SELECT loyalty_number FROM members WHERE city = = 1) SELECT COUNT(*) FROM c',
    '=',
    "Unexpected '=' after '='.",
  ],
  ['SELECT COUNT(*) FROM members WHERE city = \u0000', '\u0000', "Unexpected character '\u0000'."],
  [
    "SELECT COUNT(*) FROM members WHERE city LIKE '%' || || '%'",
    '||',
    "Unexpected '||' after ''%''.",
  ],
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
  const sql =
    'WITH a AS (SELECT loyalty_number FROM members), b AS (SELECT loyalty_number, FROM a) SELECT COUNT(*) FROM b';
  const [d] = check(sql).find('SQL001');
  assert.equal(d.text, ',');
  assert.equal(d.span.start - check(sql).template.bodyStart, sql.indexOf(', FROM a'));
});

const VALID_SQL = [
  'SELECT city, SUM(salary) FROM members GROUP BY city',
  'WITH c AS (SELECT loyalty_number, SUM(DISTINCT salary) AS s FROM members GROUP BY loyalty_number) SELECT AVG(s) FROM c',
  'SELECT COUNT (DISTINCT loyalty_number) FROM members',
  'SELECT COUNT(DISTINCT "members"."loyalty_number") FROM "members"',
  'SELECT COUNT(*) FROM members WHERE city = :city AND age BETWEEN :lo AND :hi AND gender IN (:g1, :g2) LIMIT :n',
  'SELECT COUNT(*) FROM members WHERE age > DATEADD(day, :days, CURRENT_DATE) AND city LIKE :pattern',
  'WITH r AS (SELECT loyalty_number, SUM(salary) OVER (PARTITION BY loyalty_number ORDER BY age ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM members) SELECT AVG(s) FROM r',
  'WITH r AS (SELECT loyalty_number, CUME_DIST() OVER (PARTITION BY loyalty_number ORDER BY age) AS c, STDDEV_SAMP(salary) OVER (PARTITION BY loyalty_number) AS d FROM members) SELECT AVG(c) FROM r',
  "WITH c AS (SELECT loyalty_number FROM members WHERE city = 'a' MINUS SELECT loyalty_number FROM members WHERE city = 'b') SELECT COUNT(*) FROM c",
  'WITH c AS (SELECT loyalty_number, APPROXIMATE PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY salary) AS p FROM members GROUP BY loyalty_number) SELECT AVG(p) FROM c',
  'SELECT COUNT(*) FROM members m LEFT SEMI JOIN athletic_brand_sales s ON s.emailsha256 = m.city',
  'SELECT COUNT(*) FROM members m LEFT ANTI JOIN athletic_brand_sales s ON s.emailsha256 = m.city',
  "SELECT COUNT(*) FROM members WHERE age > CURRENT_DATE - INTERVAL '7' DAY",
  'SELECT COUNT(*) FROM members WHERE city RLIKE :re',
  "SELECT COUNT(*) FROM members m WHERE m.city LIKE '%' || LOWER(:q) || '%' AND salary BETWEEN -:lo AND +:hi",
  'SELECT :label AS l, COUNT(*) FROM members WHERE CASE WHEN city = :c THEN :a ELSE :b END = 1 GROUP BY 1 HAVING COUNT(*) > :n LIMIT :lim OFFSET :off',
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
  for (const sql of [
    'SELECT city, AVG(salary ^ 2) FROM members GROUP BY city',
    'SELECT TOP 3 city, COUNT(*) FROM members GROUP BY city',
    'SELECT COUNT(*) FROM members m NATURAL JOIN athletic_brand_sales s',
    'SELECT city, COUNT(*) FROM members GROUP BY GROUPING SETS ((city))',
    'SELECT city, COUNT(*) FROM members GROUP BY city, GROUPING SETS ((city), ())',
    'SELECT city, COUNT(*) FROM members GROUP BY city, gender WITH ROLLUP',
  ]) {
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

test('SQL002: while typing a body over 64 KB is not syntax-checked; off the editor thread (fullSyntax) it is', () => {
  const values = Array.from({ length: 7000 }, (_, i) => `'c${String(i).padStart(5, '0')}'`).join(
    ', ',
  );
  const text = `-- @name Long list\nSELECT COUNT(*) FROM athletic_brand_sales WHERE product_category IN (${values}) AND AND sale_price > 1`;
  assert.ok(text.length > 64 * 1024);
  const codes = (fullSyntax: boolean) =>
    analyze(text, undefined, { ...DEFAULT_OPTIONS, fullSyntax })
      .diagnostics.map((d) => d.code)
      .filter((c) => c.startsWith('SQL'));
  // While typing the stray AND is not syntax-checked, but the model builder cannot place it: SQL004.
  assert.deepEqual(codes(false), ['SQL002', 'SQL004']);
  assert.deepEqual(codes(true), ['SQL001']);
});
