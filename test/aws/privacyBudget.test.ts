// The privacy budget as the client reads it through the real SDK: the collaboration's budget
// with its template's parameters, the membership's view, PreviewPrivacyImpact, and the runs a
// template has left.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  collaborationBudgets,
  describeUses,
  membershipBudgets,
  previewPrivacyImpact,
  runsLeft,
} from '../../client/src/aws/privacyBudget';
import { maxCount } from '../emulator/privacyBudget';
import { loadSeed } from '../emulator/server';
import { DEMO_SEED, useSession } from './support';

const seed = loadSeed(DEMO_SEED);
const SOCIAL = '3f1c2b7e-5a4d-4c6e-9b8a-1d2e3f4a5b6c';
const RETAIL = '8e7d6c5b-4a39-4827-a615-0f1e2d3c4b5a';
const SOCIAL_MEMBERSHIP = '6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
const budgetTemplate = seed.privacyBudgetTemplates![0];
const describe = (err: unknown) => String(err);

test("a DP collaboration's budget: epsilon, users noise per query, refresh policy, remaining and max per aggregation type", async (t) => {
  const { session } = await useSession(t);
  const [budget, ...more] = await collaborationBudgets(session.client, SOCIAL, describe);
  assert.equal(more.length, 0);
  assert.equal(budget.epsilon, 3);
  assert.equal(budget.usersNoisePerQuery, 30);
  assert.equal(budget.autoRefresh, 'CALENDAR_MONTH');
  assert.equal(budget.templateError, undefined);
  assert.deepEqual(
    budget.aggregations,
    (['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'STDDEV'] as const).map((type) => {
      const max = maxCount(type, 3, 30);
      return { type, remaining: max - (budgetTemplate.consumed?.[type] ?? 0), max };
    }),
  );
  assert.deepEqual(await membershipBudgets(session.client, SOCIAL_MEMBERSHIP, describe), [budget]);
  assert.deepEqual(
    await collaborationBudgets(session.client, RETAIL, describe),
    [],
    'a collaboration without DP budget has none',
  );
});

test('PreviewPrivacyImpact gives the max count per type for other parameters', async (t) => {
  const { session } = await useSession(t);
  const impact = await previewPrivacyImpact(session.client, SOCIAL_MEMBERSHIP, 10, 20);
  assert.deepEqual(
    impact.map((a) => [a.type, a.max]),
    (['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'STDDEV'] as const).map((type) => [
      type,
      maxCount(type, 10, 20),
    ]),
  );
});

test('runs left: the scarcest aggregation type per use limits the runs', () => {
  const budget = [
    { type: 'COUNT' as const, remaining: 88, max: 100 },
    { type: 'COUNT_DISTINCT' as const, remaining: 60, max: 100 },
    { type: 'SUM' as const, remaining: 45, max: 50 },
    { type: 'STDDEV' as const, remaining: 0, max: 25 },
  ];
  assert.deepEqual(runsLeft({ COUNT_DISTINCT: 1 }, budget), {
    runs: 60,
    limitedBy: ['COUNT_DISTINCT'],
    missing: [],
  });
  assert.deepEqual(runsLeft({ COUNT_DISTINCT: 2, SUM: 1 }, budget), {
    runs: 30,
    limitedBy: ['COUNT_DISTINCT'],
    missing: [],
  });
  assert.deepEqual(runsLeft({ COUNT: 2, SUM: 1 }, budget), {
    runs: 44,
    limitedBy: ['COUNT'],
    missing: [],
  });
  assert.deepEqual(runsLeft({ SUM: 1, STDDEV: 1 }, budget), {
    runs: 0,
    limitedBy: ['STDDEV'],
    missing: [],
  });
  assert.deepEqual(runsLeft({ AVG: 1 }, budget), { runs: 0, limitedBy: ['AVG'], missing: ['AVG'] });
  assert.deepEqual(runsLeft({}, budget), { runs: undefined, limitedBy: [], missing: [] });
  assert.equal(describeUses({ SUM: 1, COUNT_DISTINCT: 2 }), 'COUNT DISTINCT ×2, SUM ×1');
});
