import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from './helpers';

test('DP013: a subquery over DP data in WHERE or the select list is an error in every mode', () => {
  const where = check(
    "SELECT COUNT(DISTINCT user_id) FROM socialco_impressions WHERE user_id IN (SELECT user_id FROM socialco_users WHERE region = 'EU')",
  );
  const [d] = where.find('DP013');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, "(SELECT user_id FROM socialco_users WHERE region = 'EU')");
  const sel = check(
    'SELECT COUNT(*), (SELECT COUNT(*) FROM socialco_users) AS n FROM socialco_impressions',
  );
  assert.equal(sel.find('DP013')[0].text, '(SELECT COUNT(*) FROM socialco_users)');
  assert.equal(sel.verdict, 'INVALID');
});

test('DP013: a derived table over DP data is a warning by default and gets the CTE rules', () => {
  const sql =
    'SELECT campaign_id, COUNT(DISTINCT user_id) FROM (SELECT user_id, campaign_id FROM socialco_impressions) t GROUP BY campaign_id';
  const c = check(sql);
  const [d] = c.find('DP013');
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, '(SELECT user_id, campaign_id FROM socialco_impressions)');
  assert.equal(c.verdict, 'VALID');
  const bad = check(
    'SELECT campaign_id, COUNT(*) FROM (SELECT campaign_id FROM socialco_impressions) t GROUP BY campaign_id',
  );
  assert.equal(bad.find('DP015')[0].text, 'campaign_id');
  assert.equal(bad.verdict, 'INVALID');
});

test('DP013: strict mode makes every subquery an error', () => {
  const sql =
    'SELECT campaign_id, COUNT(DISTINCT user_id) FROM (SELECT user_id, campaign_id FROM socialco_impressions) t GROUP BY campaign_id';
  const c = check(sql, undefined, { subqueries: 'strict' });
  assert.equal(c.find('DP013')[0].severity, 'error');
  assert.equal(c.verdict, 'INVALID');
  const nonDp =
    'SELECT COUNT(*) FROM members WHERE city IN (SELECT product_category FROM athletic_brand_sales)';
  assert.equal(check(nonDp, undefined, { subqueries: 'strict' }).verdict, 'INVALID');
  const lax = check(nonDp);
  assert.equal(lax.find('DP013')[0].severity, 'warning');
  assert.equal(lax.verdict, 'VALID');
});

test('DP014: EXISTS and IN (subquery) in a DP CTE; IN with a literal list is fine', () => {
  const c = check(`WITH a AS (
  SELECT si.user_id FROM socialco_impressions si
  WHERE si.campaign_id IN (SELECT product_category FROM athletic_brand_sales)
) SELECT COUNT(DISTINCT user_id) FROM a`);
  const [d] = c.find('DP014');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'IN (SELECT product_category FROM athletic_brand_sales)');
  assert.deepEqual(c.find('DP013'), []);
  const ex = check(
    'WITH a AS (SELECT si.user_id FROM socialco_impressions si WHERE EXISTS (SELECT 1 FROM socialco_users su WHERE su.user_id = si.user_id)) SELECT COUNT(DISTINCT user_id) FROM a',
  );
  assert.equal(
    ex.find('DP014')[0].text,
    'EXISTS (SELECT 1 FROM socialco_users su WHERE su.user_id = si.user_id)',
  );
  const list = check(
    "WITH c AS (SELECT user_id, device_type FROM socialco_impressions WHERE device_type IN ('mobile','tablet')) SELECT COUNT(DISTINCT user_id) FROM c",
  );
  assert.equal(list.verdict, 'VALID');
});
