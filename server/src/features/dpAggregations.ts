// The aggregations one run of a template spends from a differential-privacy budget: the
// COUNT, COUNT DISTINCT, SUM, AVG and STDDEV calls of the final SELECT (HAVING included), where
// the service adds noise. Aggregates inside CTEs produce per-user rows and spend nothing.
import type { DpAggregationCounts, DpAggregationType } from '../../../common/protocol';
import type { FunctionCall, QueryModel } from '../core/sql/model';

function typeOf(call: FunctionCall): DpAggregationType | undefined {
  switch (call.name) {
    case 'COUNT':
      return call.distinct ? 'COUNT_DISTINCT' : 'COUNT';
    case 'SUM':
      return 'SUM';
    case 'AVG':
      return 'AVG';
    case 'STDDEV':
    case 'STDDEV_SAMP':
    case 'STDDEV_POP':
      return 'STDDEV';
    default:
      return undefined;
  }
}

export function dpAggregations(model: QueryModel | undefined): DpAggregationCounts {
  const counts: DpAggregationCounts = {};
  for (const select of model?.final.selects ?? []) {
    for (const call of select.aggregates) {
      const type = typeOf(call);
      if (type) counts[type] = (counts[type] ?? 0) + 1;
    }
  }
  return counts;
}
