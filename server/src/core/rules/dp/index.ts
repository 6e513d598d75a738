// Every DP rule module, in the order their diagnostics are reported. Codes are `DP` + the rule
// number of shared/reference/dp-rules.md, zero-padded (DP015 is rule 15).
import type { Diagnostic } from '../../types';
import type { DpContext, DpRule } from './context';
import {
  cteAggregates,
  cteAggregatesPerUser,
  cteEmitsUserId,
  cteNoLimit,
  cteNoOrderBy,
} from './cte';
import { noArrayFunctions, noExtendedGroupBy, unsupportedSyntax } from './constructs';
import { finalAggregates, finalMustAggregate, noFinalSetOps, noNestedAggregates } from './final';
import { dpJoinOnUserId, noDpCrossJoin, noUsingNatural } from './joins';
import { documentedFunctions, runtimeErrors } from './lint';
import { dpTextLimit, oneStatement, onlySelect } from './statement';
import { noExistsInCte, subqueries } from './subqueries';
import { oneProvider, sameRuleType, sameUserIdColumn } from './tables';
import { noFinalWindows, noWindowPercentiles, windowPartitionByUser } from './windows';

/** Rules that apply to every query; the others only when it reads a DP table (rule 1). */
const ALWAYS: DpRule[] = [onlySelect, oneStatement, sameRuleType, dpTextLimit];

const DP_ONLY: DpRule[] = [
  sameUserIdColumn,
  oneProvider,
  subqueries,
  noExistsInCte,
  cteEmitsUserId,
  cteAggregatesPerUser,
  cteAggregates,
  windowPartitionByUser,
  noWindowPercentiles,
  cteNoOrderBy,
  cteNoLimit,
  dpJoinOnUserId,
  noDpCrossJoin,
  noUsingNatural,
  finalAggregates,
  finalMustAggregate,
  noFinalWindows,
  noFinalSetOps,
  noNestedAggregates,
  noExtendedGroupBy,
  noArrayFunctions,
  unsupportedSyntax,
  documentedFunctions,
  runtimeErrors,
];

export const DP_RULES: DpRule[] = [...ALWAYS, ...DP_ONLY];

/**
 * Runs `rules` (by default every rule that applies to the query), each on its own: a rule that
 * throws costs only its own verdict (SQL000, an error, so the query is never VALID on a rule that
 * did not run) while the others still report. Each finding gets its rule's code and rule numbers.
 */
export function runDpRules(
  ctx: DpContext,
  rules: DpRule[] = ctx.isDp ? DP_RULES : ALWAYS,
): Diagnostic[] {
  return rules.flatMap((rule): Diagnostic[] => {
    try {
      return rule.check(ctx).map((f) => ({ code: rule.code, rules: rule.rules, ...f }));
    } catch (e) {
      return [
        {
          code: 'SQL000',
          severity: 'error',
          rules: rule.rules,
          span: ctx.model.statement.span,
          message: `The ${rule.code} check (rule ${rule.rules.join(', ')}) failed with an internal error (${(e as Error).message}), so the query was not fully checked. Please report this with the query text.`,
        },
      ];
    }
  });
}
