import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../dp/helpers';

const SQL = `WITH per_user AS (
  SELECT si.user_id AS uid, si.campaign_id, COUNT(*) AS n
  FROM socialco_impressions si
  WHERE si.timestamp >= :start_date
  GROUP BY si.user_id, si.campaign_id
),
joined AS (
  SELECT p.uid, p.n, su.region FROM per_user p JOIN socialco_users su ON su.user_id = p.uid
)
SELECT region, COUNT(DISTINCT uid) AS reach, SUM(n) AS imps
FROM joined
GROUP BY region`;

test('the model: CTEs in order with involvesDp, spans, outputs carrying the user id', () => {
  const c = check(SQL);
  assert.equal(c.verdict, 'VALID');
  const m = c.model!;
  const at = (s: { start: number; end: number }) => c.template.text.slice(s.start, s.end);
  assert.deepEqual(
    m.ctes.map((x) => [x.name, x.involvesDp, x.dependsOn]),
    [
      ['per_user', true, []],
      ['joined', true, ['per_user']],
    ],
  );
  assert.equal(at(m.ctes[0].nameSpan), 'per_user');
  assert.deepEqual(
    m.ctes[0].query.outputs.map((o) => [o.name, o.userIdOf]),
    [
      ['uid', ['socialco_impressions']],
      ['campaign_id', undefined],
      ['n', undefined],
    ],
  );
  assert.deepEqual(m.ctes[1].query.outputs[0].userIdOf, ['socialco_impressions']);
  const [sel] = m.final.selects;
  assert.equal(at(sel.itemsSpan), 'region, COUNT(DISTINCT uid) AS reach, SUM(n) AS imps');
  assert.deepEqual(
    sel.items.map((i) => i.outputName),
    ['region', 'reach', 'imps'],
  );
  assert.deepEqual(
    sel.aggregates.map((a) => at(a.span)),
    ['COUNT(DISTINCT uid)', 'SUM(n)'],
  );
  assert.equal(at(sel.groupBy!.span), 'GROUP BY region');
  assert.deepEqual(
    m.params.map((p) => [p.name, at(p.span)]),
    [['start_date', ':start_date']],
  );
});

test('the model: tables with aliases and targets, join conditions, column resolution', () => {
  const c = check(SQL);
  const m = c.model!;
  const at = (s: { start: number; end: number }) => c.template.text.slice(s.start, s.end);
  assert.deepEqual(
    m.tables.map((t) => [t.name, t.alias?.value, t.target.kind]),
    [
      ['socialco_impressions', 'si', 'schema'],
      ['per_user', 'p', 'cte'],
      ['socialco_users', 'su', 'schema'],
      ['joined', undefined, 'cte'],
    ],
  );
  const join = m.tables[2].join!;
  assert.equal(join.type, 'INNER');
  assert.equal(at(join.on!.span), 'su.user_id = p.uid');
  const uid = m.columns.find((col) => at(col.span) === 'p.uid' && col.clause === 'on')!;
  assert.equal(uid.resolved?.table, m.tables[1]);
  assert.deepEqual(uid.resolved?.userIdOf, ['socialco_impressions']);
  assert.equal(uid.scope.kind, 'cte');
  const count = m.functions.find((f) => f.name === 'COUNT' && f.distinct)!;
  assert.deepEqual(count.scope, { kind: 'final' });
  assert.equal(count.clause, 'select');
});

test('the model: subqueries know where they sit', () => {
  const c = check(
    'SELECT COUNT(*) FROM (SELECT loyalty_number FROM members) d WHERE d.loyalty_number IN (SELECT sale_id FROM athletic_brand_sales)',
  );
  const m = c.model!;
  assert.deepEqual(
    m.subqueries.map((s) => [s.clause, s.predicate, s.involvesDp]),
    [
      ['from', undefined, true],
      ['where', 'IN', false],
    ],
  );
  assert.equal(m.tables[0].kind, 'derived');
});

test('the model exists for half-typed queries', () => {
  const c = check('WITH a AS (SELECT loyalty_number FROM members), b AS (SELECT ');
  assert.deepEqual(
    c.model!.ctes.map((x) => x.name),
    ['a', 'b'],
  );
  assert.equal(c.find('SQL001').length, 1);
});
