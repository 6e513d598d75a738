import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check } from './helpers';

test('DP015: a DP CTE must select the user identifier; range is its select list; fix adds it', () => {
  const c = check(
    'WITH c AS (SELECT campaign_id, device_type FROM socialco_impressions) SELECT campaign_id, COUNT(*) FROM c GROUP BY campaign_id',
  );
  const [d] = c.find('DP015');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'campaign_id, device_type');
  assert.match(d.message, /'user_id'/);
  assert.equal(d.related?.[0].target, 'schema');
  const fixed = applyFix(c, 'DP015');
  assert.match(fixed, /SELECT user_id, campaign_id, device_type/);
  const again = check(fixed);
  assert.deepEqual(again.find('DP015'), []);
  assert.equal(again.verdict, 'VALID');
});

test('DP015: the requirement carries down the chain; related points at the CTE that dropped it', () => {
  const c = check(
    'WITH a AS (SELECT campaign_id FROM socialco_impressions), b AS (SELECT campaign_id FROM a) SELECT COUNT(*) FROM b',
  );
  const ds = c.find('DP015');
  assert.equal(ds.length, 2);
  const onB = ds.find((d) => d.message.includes("'b'"))!;
  assert.equal(onB.related?.[0].target, 'template');
  assert.equal(
    c.template.text.slice(onB.related![0].span.start, onB.related![0].span.end),
    'campaign_id',
  );
});

test('DP015: alias and SELECT * keep the user id; every set-operation branch needs it', () => {
  assert.equal(
    check(
      'WITH c AS (SELECT campaign_id, user_id AS uid FROM socialco_impressions) SELECT COUNT(DISTINCT uid) FROM c',
    ).verdict,
    'VALID',
  );
  assert.equal(
    check('WITH c AS (SELECT * FROM socialco_impressions) SELECT COUNT(DISTINCT user_id) FROM c')
      .verdict,
    'VALID',
  );
  const u = check(
    'WITH c AS (SELECT user_id FROM socialco_impressions UNION SELECT campaign_id FROM socialco_impressions) SELECT COUNT(*) FROM c',
  );
  const ds = u.find('DP015');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].text, 'campaign_id');
});

test('DP015: qualified fix when the CTE joins several tables', () => {
  const c = check(
    'WITH m AS (SELECT su.region FROM socialco_users su JOIN athletic_brand_sales s ON s.emailsha256 = su.emailsha256) SELECT region, COUNT(*) FROM m GROUP BY region',
  );
  const fixed = applyFix(c, 'DP015');
  assert.match(fixed, /SELECT su\.user_id, su\.region/);
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP016: GROUP BY in a DP CTE must include the user id; fix appends it', () => {
  const c = check(
    'WITH c AS (SELECT user_id, campaign_id, COUNT(*) AS n FROM socialco_impressions GROUP BY campaign_id) SELECT SUM(n) FROM c',
  );
  const [d] = c.find('DP016');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'GROUP BY campaign_id');
  const fixed = applyFix(c, 'DP016');
  assert.match(fixed, /GROUP BY campaign_id, user_id/);
  assert.deepEqual(check(fixed).find('DP016'), []);
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP016: an aggregate in a DP CTE without GROUP BY is flagged on the aggregate', () => {
  const c = check(
    'WITH c AS (SELECT user_id, COUNT(*) AS n FROM socialco_impressions) SELECT SUM(n) FROM c',
  );
  const [d] = c.find('DP016');
  assert.equal(d.text, 'COUNT(*)');
  assert.match(d.message, /GROUP BY user_id/);
});

test('DP016: GROUP BY the user id through an alias is per user', () => {
  assert.equal(
    check(
      'WITH c AS (SELECT user_id AS uid, COUNT(*) AS n FROM socialco_impressions GROUP BY uid) SELECT AVG(n) FROM c',
    ).verdict,
    'VALID',
  );
});

test('DP017: aggregates allowed in DP CTEs', () => {
  const c = check(
    "WITH c AS (SELECT user_id, BOOL_OR(device_type = 'x') AS b, LISTAGG(campaign_id, ',') AS l FROM socialco_impressions GROUP BY user_id) SELECT COUNT(*) FROM c",
  );
  const ds = c.find('DP017');
  assert.equal(ds.length, 2);
  assert.equal(ds[0].severity, 'error');
  assert.equal(ds[0].text, "BOOL_OR(device_type = 'x')");
  assert.equal(ds[1].severity, 'warning');
  assert.equal(ds[1].text, "LISTAGG(campaign_id, ',')");
  assert.equal(
    check(
      'WITH c AS (SELECT user_id, MEDIAN(timestamp) AS m, MAX(timestamp) AS x, VAR_POP(impression_id) AS v FROM socialco_impressions GROUP BY user_id) SELECT COUNT(*) FROM c',
    ).verdict,
    'VALID',
  );
});

test('DP021: ORDER BY at CTE level; inside OVER is fine; fix removes it', () => {
  const c = check(
    'WITH r AS (SELECT user_id, campaign_id FROM socialco_impressions ORDER BY timestamp DESC) SELECT COUNT(DISTINCT user_id) FROM r',
  );
  const [d] = c.find('DP021');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'ORDER BY timestamp DESC');
  const fixed = applyFix(c, 'DP021');
  assert.equal(check(fixed).verdict, 'VALID');
});

test('DP022: LIMIT and OFFSET in a DP CTE; allowed in the final SELECT', () => {
  const c = check(
    'WITH s AS (SELECT user_id FROM socialco_impressions LIMIT 100 OFFSET 5) SELECT COUNT(DISTINCT user_id) FROM s',
  );
  const ds = c.find('DP022');
  assert.deepEqual(
    ds.map((d) => d.text),
    ['LIMIT 100', 'OFFSET 5'],
  );
  assert.ok(ds.every((d) => d.severity === 'error'));
  assert.equal(check(applyFix(check(applyFix(c, 'DP022')), 'DP022')).verdict, 'VALID');
  assert.equal(check('SELECT COUNT(*) FROM members LIMIT 5 OFFSET 1').verdict, 'VALID');
  assert.equal(
    check(
      'WITH s AS (SELECT product_category FROM athletic_brand_sales LIMIT 3) SELECT COUNT(*) FROM s',
    ).verdict,
    'VALID',
  );
});

test('DP016: GROUP BY ordinals name select items, as in Spark (GROUP BY 1 is the user id when it is item 1)', () => {
  const grouped = (gb: string) =>
    check(
      `WITH a AS (SELECT loyalty_number, city, COUNT(*) AS n FROM members GROUP BY ${gb}) SELECT AVG(n) AS x FROM a`,
    );
  assert.equal(grouped('1, 2').verdict, 'VALID');
  assert.equal(grouped('2, 1').verdict, 'VALID');
  const [d] = grouped('2').find('DP016');
  assert.equal(d.severity, 'error');
});

test('DP016: a column of a DP CTE neither grouped nor aggregated', () => {
  const c = check(
    'WITH a AS (SELECT loyalty_number, city, COUNT(*) AS n FROM members GROUP BY loyalty_number) SELECT city, SUM(n) AS s FROM a GROUP BY city',
  );
  const [d] = c.find('DP016');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'city');
  assert.match(d.message, /neither in GROUP BY nor inside an aggregate/);
  assert.equal(
    check(
      'WITH a AS (SELECT loyalty_number, MAX(city) AS city, COUNT(*) AS n FROM members GROUP BY loyalty_number) SELECT city, SUM(n) AS s FROM a GROUP BY city',
    ).verdict,
    'VALID',
  );
});
