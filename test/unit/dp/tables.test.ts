import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, TABLES } from './helpers';

test('DP003: a non-CUSTOM table in a DP query', () => {
  const tables = {
    ...TABLES,
    agg_table: {
      userIdColumn: null,
      columns: ['emailsha256', 'x'],
      analysisRuleType: 'AGGREGATION',
    },
  };
  const c = check(
    'SELECT COUNT(DISTINCT su.user_id) FROM socialco_users su JOIN agg_table a ON a.emailsha256 = su.emailsha256',
    tables,
  );
  const [d] = c.find('DP003');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'agg_table');
  assert.equal(d.related?.[0].target, 'schema');
  assert.equal(c.verdict, 'INVALID');
  assert.deepEqual(
    check(
      'SELECT COUNT(DISTINCT su.user_id) FROM socialco_users su JOIN athletic_brand_sales a ON a.emailsha256 = su.emailsha256',
    ).find('DP003'),
    [],
  );
});

test('DP003: mixed rule types without DP', () => {
  const tables = {
    a: { userIdColumn: null, columns: ['k'], analysisRuleType: 'LIST' },
    b: { userIdColumn: null, columns: ['k'], analysisRuleType: 'AGGREGATION' },
  };
  const [d] = check('SELECT a.k FROM a JOIN b ON a.k = b.k', tables).find('DP003');
  assert.equal(d.text, 'b');
});

test('DP004: DP tables with different user identifier columns', () => {
  const c = check(
    'SELECT COUNT(*) FROM members m JOIN socialco_users su ON m.loyalty_number = su.user_id',
  );
  const [d] = c.find('DP004');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'socialco_users');
  assert.match(d.message, /'loyalty_number'.*'user_id'/);
  assert.equal(d.related?.length, 2);
});

test('DP005: DP tables of different data providers', () => {
  const tables = {
    socialco_impressions: { ...TABLES.socialco_impressions, owner: '111122223333' },
    socialco_users: { ...TABLES.socialco_users, owner: '444455556666' },
  };
  const c = check(
    'SELECT COUNT(DISTINCT si.user_id) FROM socialco_impressions si JOIN socialco_users su ON si.user_id = su.user_id',
    tables,
  );
  const [d] = c.find('DP005');
  assert.equal(d.severity, 'error');
  assert.equal(d.text, 'socialco_users');
  assert.equal(c.verdict, 'INVALID');
  const same = {
    socialco_impressions: tables.socialco_impressions,
    socialco_users: { ...tables.socialco_users, owner: '111122223333' },
  };
  assert.equal(
    check(
      'SELECT COUNT(DISTINCT si.user_id) FROM socialco_impressions si JOIN socialco_users su ON si.user_id = su.user_id',
      same,
    ).verdict,
    'VALID',
  );
});

test('SCH001: unknown tables make the verdict UNABLE_TO_VALIDATE; CTE names are not tables', () => {
  const c = check(
    'WITH x AS (SELECT loyalty_number FROM members) SELECT COUNT(*) FROM x JOIN nowhere n ON n.k = x.loyalty_number',
  );
  const [d] = c.find('SCH001');
  assert.equal(d.severity, 'warning');
  assert.equal(d.text, 'nowhere');
  assert.match(d.message, /cleanrooms\.schema\.json/);
  assert.equal(c.find('SCH001').length, 1);
  assert.equal(c.verdict, 'UNABLE_TO_VALIDATE');
  const none = check('SELECT COUNT(*) FROM members', null);
  assert.equal(none.verdict, 'UNABLE_TO_VALIDATE');
  assert.match(none.find('SCH001')[0].message, /No cleanrooms\.schema\.json/);
});

test('SCH001 does not hide INVALID', () => {
  const c = check('SELECT MAX(salary) FROM members m JOIN nowhere n ON n.k = m.city');
  assert.equal(c.verdict, 'INVALID');
});

test('names are case-insensitive, quoted or not, as in Spark', () => {
  assert.equal(check('SELECT COUNT(*) FROM MEMBERS').verdict, 'VALID');
  assert.equal(check('SELECT COUNT(*) FROM "members"').verdict, 'VALID');
  assert.equal(check('SELECT COUNT(*) FROM `Members`').verdict, 'VALID');
  // The backquoted user id in another case is still the user id (no DP015), and so is a CTE name.
  const c = check(
    'WITH `Per_Member` AS (SELECT `Loyalty_Number`, city FROM members) SELECT city, COUNT(DISTINCT loyalty_number) AS n FROM per_member GROUP BY city',
  );
  assert.deepEqual(
    c.diagnostics.map((d) => d.code),
    [],
  );
  assert.equal(c.verdict, 'VALID');
  assert.equal(check('SELECT COUNT(*) FROM `Membres`').find('SCH001')[0].text, '`Membres`');
});
