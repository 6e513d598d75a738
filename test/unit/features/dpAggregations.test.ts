// The aggregations one run of a template spends from the privacy budget, counted from the model.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze';
import { dpAggregations } from '../../../server/src/features/dpAggregations';

const schema = {
  tables: [
    {
      name: 'impressions',
      analysisRuleType: 'CUSTOM',
      userIdColumn: 'user_id',
      columns: [
        { name: 'user_id', type: 'string' },
        { name: 'campaign_id', type: 'string' },
        { name: 'spend', type: 'double' },
      ],
    },
  ],
};
const count = (body: string) => dpAggregations(analyze(`-- @name t\n${body}`, schema).model);

describe('dpAggregations', () => {
  it("counts the final SELECT's aggregates by type, HAVING included, COUNT DISTINCT apart from COUNT", () => {
    assert.deepEqual(
      count(
        'SELECT campaign_id, COUNT(*) AS n, COUNT(DISTINCT user_id) AS reach, SUM(spend), AVG(spend), STDDEV_SAMP(spend), STDDEV(spend)\nFROM impressions GROUP BY campaign_id HAVING SUM(spend) > 10',
      ),
      { COUNT: 1, COUNT_DISTINCT: 1, SUM: 2, AVG: 1, STDDEV: 2 },
    );
  });

  it('aggregates in CTEs (per-user rows) spend nothing; a query without aggregates spends nothing', () => {
    assert.deepEqual(
      count(
        'WITH per_user AS (SELECT user_id, SUM(spend) AS s FROM impressions GROUP BY user_id)\nSELECT AVG(s) FROM per_user',
      ),
      { AVG: 1 },
    );
    assert.deepEqual(count('SELECT campaign_id FROM impressions'), {});
    assert.deepEqual(dpAggregations(undefined), {});
  });
});
