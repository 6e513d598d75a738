import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check } from './helpers';

test('DP019: window in a DP CTE must partition by the user id; range is the call; fix adds it', () => {
  const c = check(
    'WITH r AS (SELECT user_id, campaign_id, RANK() OVER (PARTITION BY campaign_id ORDER BY timestamp) AS rk FROM socialco_impressions) SELECT COUNT(DISTINCT user_id) FROM r WHERE rk = 1',
  );
  const [d] = c.find('DP019');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'RANK() OVER (PARTITION BY campaign_id ORDER BY timestamp)');
  const fixed = applyFix(c, 'DP019');
  assert.match(fixed, /PARTITION BY campaign_id, user_id ORDER BY/);
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP019: a window without PARTITION BY gets one from the fix', () => {
  const c = check(
    'WITH r AS (SELECT user_id, ROW_NUMBER() OVER (ORDER BY timestamp) AS rn FROM socialco_impressions) SELECT COUNT(DISTINCT user_id) FROM r',
  );
  const fixed = applyFix(c, 'DP019');
  assert.match(fixed, /OVER \(PARTITION BY user_id ORDER BY timestamp\)/);
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP019: partitioning by the user id (even not first) is valid', () => {
  assert.equal(
    check(
      'WITH r AS (SELECT user_id, LAG(timestamp) OVER (PARTITION BY campaign_id, user_id ORDER BY timestamp) AS prev FROM socialco_impressions) SELECT COUNT(DISTINCT user_id) FROM r',
    ).verdict,
    'VALID',
  );
});

test('DP020: window LISTAGG / PERCENTILE_CONT / PERCENTILE_DISC', () => {
  const c = check(
    'WITH r AS (SELECT loyalty_number, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY salary) OVER (PARTITION BY loyalty_number) AS p FROM members) SELECT AVG(p) FROM r',
  );
  const [d] = c.find('DP020');
  assert.equal(d.severity, 'error');
  assert.equal(
    d.text,
    'PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY salary) OVER (PARTITION BY loyalty_number)',
  );
  assert.equal(c.verdict, 'INVALID');
});

test('DP031: no window functions in the final SELECT', () => {
  const c = check('SELECT city, COUNT(*) OVER (PARTITION BY loyalty_number) AS n FROM members');
  const [d] = c.find('DP031');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'COUNT(*) OVER (PARTITION BY loyalty_number)');
});

test("DP031: a window in the final query's ORDER BY, once even under a set operation", () => {
  const c = check(
    'SELECT city, COUNT(*) AS n FROM members GROUP BY city ORDER BY ROW_NUMBER() OVER (ORDER BY COUNT(*))',
  );
  const [d] = c.find('DP031');
  assert.equal(d.text, 'ROW_NUMBER() OVER (ORDER BY COUNT(*))');
  assert.equal(c.verdict, 'INVALID');
  const union = check(
    'SELECT city, COUNT(*) AS n FROM members GROUP BY city UNION ALL SELECT city, COUNT(*) AS n FROM members GROUP BY city ORDER BY RANK() OVER (ORDER BY n)',
  );
  assert.equal(union.find('DP031').length, 1);
});

test('DP019: an aggregate rule 17 rejects in DP CTEs is rejected as a window too; one it allows is only undocumented', () => {
  const cte = (call: string) =>
    check(
      `WITH w AS (SELECT loyalty_number, ${call} OVER (PARTITION BY loyalty_number) AS v FROM members) SELECT COUNT(DISTINCT loyalty_number) AS n FROM w`,
    );
  const rejected = cte('COLLECT_LIST(city)');
  const [d] = rejected.find('DP019');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'COLLECT_LIST');
  assert.match(d.message, /as an aggregate or as a window/);
  assert.deepEqual(rejected.find('DP020'), []);
  assert.equal(rejected.verdict, 'INVALID');
  const undocumented = cte('ANY_VALUE(city)');
  assert.equal(undocumented.find('DP019')[0].severity, 'warning');
  assert.equal(undocumented.verdict, 'VALID');
});
