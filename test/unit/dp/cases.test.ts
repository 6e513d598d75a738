// Cases written from the rules (not from the corpus), both verdicts, each naming the code the
// INVALID ones must carry and the exact text under its range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

type Case = [
  sql: string,
  verdict: 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE',
  code?: string,
  text?: string,
];

const CASES: Case[] = [
  // valid shapes
  ['SELECT COUNT(*) FROM members', 'VALID'],
  [
    'SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM members WHERE age >= :min_age GROUP BY city HAVING COUNT(*) > 10 ORDER BY n DESC LIMIT 20 OFFSET 5',
    'VALID',
  ],
  [
    'SELECT gender, AVG(salary) AS a, STDDEV(salary) AS s, SUM(salary) AS t FROM members GROUP BY gender',
    'VALID',
  ],
  [
    "SELECT CASE WHEN age < 30 THEN 'young' ELSE 'old' END AS band, COUNT(*) FROM members GROUP BY 1",
    'VALID',
  ],
  ["SELECT SUM(CASE WHEN city = 'x' THEN 1 ELSE 0 END) AS n FROM members", 'VALID'],
  ['SELECT COUNT(*) FROM athletic_brand_sales', 'VALID'],
  [
    'SELECT product_category, MAX(sale_price) FROM athletic_brand_sales GROUP BY product_category',
    'VALID',
  ],
  [
    'SELECT sale_id FROM athletic_brand_sales s WHERE s.sale_price > (SELECT AVG(sale_price) FROM athletic_brand_sales)',
    'VALID',
  ],
  [
    'WITH u AS (SELECT loyalty_number, city FROM members) SELECT city, COUNT(DISTINCT loyalty_number) FROM u GROUP BY city',
    'VALID',
  ],
  [
    'WITH u AS (SELECT loyalty_number, MAX(salary) AS top FROM members GROUP BY loyalty_number) SELECT AVG(top) FROM u',
    'VALID',
  ],
  [
    'WITH a AS (SELECT user_id, campaign_id FROM socialco_impressions), b AS (SELECT user_id, campaign_id FROM a WHERE campaign_id IS NOT NULL) SELECT campaign_id, COUNT(DISTINCT user_id) FROM b GROUP BY campaign_id',
    'VALID',
  ],
  [
    'WITH m AS (SELECT su.user_id, s.sale_price FROM socialco_users su LEFT JOIN athletic_brand_sales s ON s.emailsha256 = su.emailsha256 WHERE s.product_category = :cat) SELECT SUM(sale_price) FROM m',
    'VALID',
  ],
  [
    'WITH m AS (SELECT si.user_id, su.region FROM socialco_impressions si FULL OUTER JOIN socialco_users su ON si.user_id = su.user_id) SELECT region, COUNT(DISTINCT user_id) FROM m GROUP BY region',
    'VALID',
  ],
  [
    'WITH x AS (SELECT user_id FROM socialco_impressions EXCEPT SELECT user_id FROM socialco_users) SELECT COUNT(*) FROM x',
    'VALID',
  ],
  [
    'WITH x AS (SELECT user_id, NTILE(4) OVER (PARTITION BY user_id ORDER BY timestamp) AS q FROM socialco_impressions) SELECT q, COUNT(DISTINCT user_id) FROM x GROUP BY q',
    'VALID',
  ],
  [
    'SELECT COUNT(DISTINCT si.user_id) FROM socialco_impressions si RIGHT JOIN socialco_users su ON su.user_id = si.user_id',
    'VALID',
  ],
  [
    "SELECT COUNT(*) FROM members WHERE city NOT IN ('a', 'b') AND salary IS NOT NULL AND education LIKE 'B%'",
    'VALID',
  ],
  [
    "SELECT DATE_TRUNC('month', TO_DATE(:d, 'YYYY-MM-DD')) AS m, COUNT(*) FROM members GROUP BY 1",
    'VALID',
  ],
  ['select city, count(*) from MEMBERS m where m.AGE > 3 group by city', 'VALID'],
  [
    'WITH c AS (SELECT loyalty_number AS id, city FROM members) SELECT city, COUNT(DISTINCT id) FROM c GROUP BY city',
    'VALID',
  ],
  // unresolved
  ['SELECT COUNT(*) FROM unknown_table', 'UNABLE_TO_VALIDATE', 'SCH001', 'unknown_table'],
  [
    'SELECT COUNT(*) FROM members m JOIN mystery x ON x.k = m.city',
    'UNABLE_TO_VALIDATE',
    'SCH001',
    'mystery',
  ],
  // invalid, one rule each
  ['WITH c AS (SELECT city FROM members) SELECT COUNT(*) FROM c', 'INVALID', 'DP015', 'city'],
  [
    'WITH a AS (SELECT user_id, campaign_id FROM socialco_impressions), b AS (SELECT campaign_id FROM a) SELECT COUNT(*) FROM b',
    'INVALID',
    'DP015',
    'campaign_id',
  ],
  [
    'WITH c AS (SELECT loyalty_number, city, COUNT(*) AS n FROM members GROUP BY city, loyalty_number, gender) SELECT AVG(n) FROM c GROUP BY city',
    'VALID',
  ],
  [
    'WITH c AS (SELECT loyalty_number, AVG(salary) AS a FROM members) SELECT AVG(a) FROM c',
    'INVALID',
    'DP016',
    'AVG(salary)',
  ],
  [
    'WITH c AS (SELECT loyalty_number, city FROM members GROUP BY city, loyalty_number HAVING MIN(age) > 1 ORDER BY city) SELECT COUNT(*) FROM c',
    'INVALID',
    'DP021',
    'ORDER BY city',
  ],
  [
    'WITH c AS (SELECT loyalty_number FROM members OFFSET 10) SELECT COUNT(*) FROM c',
    'INVALID',
    'DP022',
    'OFFSET 10',
  ],
  [
    'WITH c AS (SELECT loyalty_number, SUM(salary) OVER (PARTITION BY city) AS s FROM members) SELECT AVG(s) FROM c',
    'INVALID',
    'DP019',
    'SUM(salary) OVER (PARTITION BY city)',
  ],
  [
    'WITH c AS (SELECT loyalty_number, LISTAGG(city) OVER (PARTITION BY loyalty_number) AS l FROM members) SELECT COUNT(*) FROM c',
    'INVALID',
    'DP020',
    'LISTAGG(city) OVER (PARTITION BY loyalty_number)',
  ],
  [
    'SELECT city, ROW_NUMBER() OVER (PARTITION BY loyalty_number ORDER BY age) FROM members',
    'INVALID',
    'DP031',
    'ROW_NUMBER() OVER (PARTITION BY loyalty_number ORDER BY age)',
  ],
  [
    'SELECT COUNT(*) FROM members INTERSECT SELECT COUNT(*) FROM members',
    'INVALID',
    'DP032',
    'INTERSECT',
  ],
  ['SELECT city, MEDIAN(salary) FROM members GROUP BY city', 'INVALID', 'DP028', 'MEDIAN(salary)'],
  [
    'SELECT city, COUNT(*) FROM members GROUP BY city HAVING AVG(salary) > 1 AND MAX(age) < 90',
    'INVALID',
    'DP028',
    'MAX(age)',
  ],
  [
    'SELECT city, AVG(DISTINCT salary) FROM members GROUP BY city',
    'INVALID',
    'DP028',
    'AVG(DISTINCT salary)',
  ],
  ['SELECT city, age FROM members', 'INVALID', 'DP029', 'city, age'],
  [
    'SELECT SUM(COUNT(loyalty_number)) FROM members GROUP BY city',
    'INVALID',
    'DP034',
    'SUM(COUNT(loyalty_number))',
  ],
  [
    'SELECT COUNT(*) FROM members WHERE loyalty_number IN (SELECT loyalty_number FROM members WHERE age > 3)',
    'INVALID',
    'DP013',
    '(SELECT loyalty_number FROM members WHERE age > 3)',
  ],
  [
    'SELECT COUNT(*) FROM members m WHERE EXISTS (SELECT 1 FROM members x WHERE x.city = m.city)',
    'INVALID',
    'DP013',
    '(SELECT 1 FROM members x WHERE x.city = m.city)',
  ],
  [
    'WITH c AS (SELECT loyalty_number FROM members m WHERE NOT EXISTS (SELECT 1 FROM athletic_brand_sales s WHERE s.emailsha256 = m.city)) SELECT COUNT(*) FROM c',
    'INVALID',
    'DP014',
    'EXISTS (SELECT 1 FROM athletic_brand_sales s WHERE s.emailsha256 = m.city)',
  ],
  [
    'SELECT COUNT(*) FROM socialco_impressions si JOIN socialco_users su ON si.user_id > su.user_id',
    'INVALID',
    'DP023',
    'si.user_id > su.user_id',
  ],
  [
    'SELECT COUNT(*) FROM socialco_impressions si JOIN socialco_users su ON si.user_id = su.user_id OR si.emailsha256 = su.emailsha256',
    'INVALID',
    'DP023',
    'si.user_id = su.user_id OR si.emailsha256 = su.emailsha256',
  ],
  [
    'WITH a AS (SELECT user_id, campaign_id FROM socialco_impressions) SELECT COUNT(*) FROM a, socialco_users su',
    'INVALID',
    'DP024',
    ',',
  ],
  [
    'SELECT COUNT(*) FROM socialco_impressions si JOIN socialco_users su USING (user_id)',
    'INVALID',
    'DP027',
    'USING (user_id)',
  ],
  ['SELECT city, COUNT(*) FROM members GROUP BY CUBE (city)', 'INVALID', 'DP035', 'CUBE (city)'],
  [
    "SELECT COUNT(*) FROM members WHERE ARRAY_JOIN(ARRAY(city), ',') = 'x'",
    'INVALID',
    'DP036',
    "ARRAY_JOIN(ARRAY(city), ',')",
  ],
  [
    'SELECT city, COUNT(*) FROM members WHERE age::int > 3 GROUP BY city',
    'INVALID',
    'DP037',
    'age::int',
  ],
  ['SELECT TOP 10 city, COUNT(*) FROM members GROUP BY city', 'INVALID', 'DP037', 'TOP 10'],
  ['SELECT COUNT(*) FROM members; DROP TABLE members', 'INVALID', 'DP012', 'DROP TABLE members'],
  ['UPDATE members SET city = 1', 'INVALID', 'DP011', 'UPDATE'],
  ['SELECT COUNT(*) FROM members WHERE city = ', 'INVALID', 'SQL001', '='],
];

test(`${CASES.length} rule cases get their verdict, code and range`, () => {
  assert.ok(CASES.length >= 40);
  const failures: string[] = [];
  for (const [sql, verdict, code, text] of CASES) {
    const c = check(sql);
    const summary = c.diagnostics
      .map(
        (d) =>
          `${d.severity} ${d.code} ${JSON.stringify(c.template.text.slice(d.span.start, d.span.end))}`,
      )
      .join('; ');
    if (c.verdict !== verdict)
      failures.push(`${sql}\n  verdict ${c.verdict}, expected ${verdict}: ${summary}`);
    if (verdict === 'VALID' && c.diagnostics.some((d) => d.severity === 'error'))
      failures.push(`${sql}\n  VALID with errors: ${summary}`);
    if (code && !c.find(code).some((d) => d.text === text))
      failures.push(`${sql}\n  no ${code} on ${JSON.stringify(text)}: ${summary}`);
  }
  assert.deepEqual(failures, []);
});
