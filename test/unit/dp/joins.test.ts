import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check } from './helpers';

test('DP023: DP tables joined on another column; range is the ON condition', () => {
  const c = check(
    'SELECT su.region, COUNT(DISTINCT si.user_id) FROM socialco_impressions si JOIN socialco_users su ON su.emailsha256 = si.emailsha256 GROUP BY su.region',
  );
  const [d] = c.find('DP023');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'su.emailsha256 = si.emailsha256');
  assert.match(d.message, /si\.user_id = su\.user_id/);
});

test('DP023: the equi-join may be through CTE outputs and aliases', () => {
  const sql = `WITH a AS (SELECT user_id AS uid, campaign_id FROM socialco_impressions),
b AS (SELECT user_id, region FROM socialco_users)
SELECT region, COUNT(DISTINCT a.uid) FROM a JOIN b ON b.user_id = a.uid GROUP BY region`;
  assert.equal(check(sql).verdict, 'VALID');
  const bad = check(sql.replace('b.user_id = a.uid', 'b.region = a.campaign_id'));
  assert.equal(bad.find('DP023')[0].text, 'b.region = a.campaign_id');
});

test('DP023: extra predicates beside the user-id equi-join are a warning (Q4)', () => {
  const c = check(
    "SELECT COUNT(DISTINCT si.user_id) FROM socialco_impressions si JOIN socialco_users su ON su.user_id = si.user_id AND su.region = 'EU'",
  );
  const [d] = c.find('DP023');
  assert.equal(d.severity, 'warning');
  assert.equal(c.verdict, 'VALID');
});

test('DP023: DP to non-DP joins may use any column (rule 25)', () => {
  assert.deepEqual(
    check(
      'SELECT COUNT(DISTINCT su.user_id) FROM socialco_users su JOIN athletic_brand_sales s ON s.phonesha256 = su.phonesha256',
    ).find('DP023'),
    [],
  );
});

test('DP024: CROSS JOIN and comma joins between DP tables', () => {
  const c = check('SELECT COUNT(*) FROM socialco_impressions si CROSS JOIN socialco_users su');
  const [d] = c.find('DP024');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'CROSS JOIN');
  const comma = check(
    'SELECT COUNT(*) FROM socialco_impressions si, socialco_users su WHERE si.user_id = su.user_id',
  );
  assert.equal(comma.find('DP024')[0].text, ',');
  assert.deepEqual(
    check('SELECT COUNT(*) FROM socialco_users su CROSS JOIN athletic_brand_sales s').find('DP024'),
    [],
  );
});

test('DP027: USING, with a fix to an explicit ON', () => {
  const c = check(
    'SELECT su.region, COUNT(DISTINCT si.user_id) AS reach FROM socialco_impressions si JOIN socialco_users su USING (user_id) GROUP BY su.region',
  );
  const [d] = c.find('DP027');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'USING (user_id)');
  const fixed = applyFix(c, 'DP027');
  assert.match(fixed, /JOIN socialco_users su ON si\.user_id = su\.user_id/);
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP027: NATURAL JOIN, with a fix from the schema columns', () => {
  const c = check(
    'SELECT COUNT(DISTINCT si.user_id) FROM socialco_impressions si NATURAL JOIN socialco_users su',
  );
  const [d] = c.find('DP027');
  assert.equal(d.text, 'NATURAL');
  const fixed = applyFix(c, 'DP027');
  assert.match(
    fixed,
    /FROM socialco_impressions si JOIN socialco_users su ON si\.user_id = su\.user_id AND si\.emailsha256 = su\.emailsha256/,
  );
  assert.deepEqual(check(fixed).find('DP027'), []);
});
