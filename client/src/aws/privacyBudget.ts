// The differential-privacy privacy budget of a collaboration: how many more aggregations of each
// type its queries may compute before the budget is spent (until it refreshes), what a budget
// with other parameters would allow (PreviewPrivacyImpact), and how many more times a template
// can run against it.
import {
  GetCollaborationPrivacyBudgetTemplateCommand,
  PreviewPrivacyImpactCommand,
  paginateListCollaborationPrivacyBudgets,
  paginateListPrivacyBudgets,
  type CleanRoomsClient,
  type CollaborationPrivacyBudgetSummary,
  type PrivacyBudgetSummary,
} from '@aws-sdk/client-cleanrooms';
import type { DpAggregationCounts, DpAggregationType } from '../../../common/protocol';

/** Display order: the aggregation types of DifferentialPrivacyAggregationType. */
export const AGGREGATION_TYPES: readonly DpAggregationType[] = [
  'COUNT',
  'COUNT_DISTINCT',
  'SUM',
  'AVG',
  'STDDEV',
];

export const AGGREGATION_LABEL: Readonly<Record<DpAggregationType, string>> = {
  COUNT: 'COUNT',
  COUNT_DISTINCT: 'COUNT DISTINCT',
  SUM: 'SUM',
  AVG: 'AVG',
  STDDEV: 'STDDEV',
};

export interface BudgetAggregation {
  type: DpAggregationType;
  remaining: number;
  max: number;
}

export interface PrivacyBudget {
  id: string;
  collaborationId: string;
  epsilon?: number;
  /** From the budget template; absent when it could not be read. */
  usersNoisePerQuery?: number;
  autoRefresh?: string;
  aggregations: BudgetAggregation[];
  privacyBudgetTemplateId?: string;
  /** Why the budget template could not be read, when it could not. */
  templateError?: string;
}

export const EPSILON_RANGE = { min: 1, max: 20 };
export const NOISE_RANGE = { min: 10, max: 100 };

const isAggregationType = (t: unknown): t is DpAggregationType =>
  AGGREGATION_TYPES.includes(t as DpAggregationType);

function toBudget(b: CollaborationPrivacyBudgetSummary | PrivacyBudgetSummary): PrivacyBudget {
  const dp =
    b.budget && 'differentialPrivacy' in b.budget ? b.budget.differentialPrivacy : undefined;
  const aggregations = (dp?.aggregations ?? [])
    .filter((a) => isAggregationType(a.type))
    .map((a) => ({
      type: a.type as DpAggregationType,
      remaining: a.remainingCount ?? 0,
      max: a.maxCount ?? 0,
    }))
    .sort((a, b) => AGGREGATION_TYPES.indexOf(a.type) - AGGREGATION_TYPES.indexOf(b.type));
  return {
    id: b.id ?? '',
    collaborationId: b.collaborationId ?? '',
    epsilon: dp?.epsilon,
    aggregations,
    privacyBudgetTemplateId: b.privacyBudgetTemplateId,
  };
}

/** Adds the users noise per query and refresh policy from each budget's template. */
async function withTemplates(
  client: CleanRoomsClient,
  budgets: PrivacyBudget[],
  describeError: (err: unknown) => string,
): Promise<PrivacyBudget[]> {
  return Promise.all(
    budgets.map(async (b) => {
      if (!b.privacyBudgetTemplateId) return b;
      try {
        const out = await client.send(
          new GetCollaborationPrivacyBudgetTemplateCommand({
            collaborationIdentifier: b.collaborationId,
            privacyBudgetTemplateIdentifier: b.privacyBudgetTemplateId,
          }),
        );
        const t = out.collaborationPrivacyBudgetTemplate;
        const params =
          t?.parameters && 'differentialPrivacy' in t.parameters
            ? t.parameters.differentialPrivacy
            : undefined;
        return {
          ...b,
          usersNoisePerQuery: params?.usersNoisePerQuery,
          autoRefresh: t?.autoRefresh,
          epsilon: b.epsilon ?? params?.epsilon,
        };
      } catch (err) {
        return { ...b, templateError: describeError(err) };
      }
    }),
  );
}

/** The DP budgets of a collaboration (ListCollaborationPrivacyBudgets), with their templates' parameters. */
export async function collaborationBudgets(
  client: CleanRoomsClient,
  collaborationId: string,
  describeError: (err: unknown) => string,
): Promise<PrivacyBudget[]> {
  const budgets: PrivacyBudget[] = [];
  for await (const page of paginateListCollaborationPrivacyBudgets(
    { client },
    { collaborationIdentifier: collaborationId, privacyBudgetType: 'DIFFERENTIAL_PRIVACY' },
  )) {
    budgets.push(...(page.collaborationPrivacyBudgetSummaries ?? []).map(toBudget));
  }
  return withTemplates(client, budgets, describeError);
}

/** The DP budgets the caller's membership queries against (ListPrivacyBudgets). */
export async function membershipBudgets(
  client: CleanRoomsClient,
  membershipId: string,
  describeError: (err: unknown) => string,
): Promise<PrivacyBudget[]> {
  const budgets: PrivacyBudget[] = [];
  for await (const page of paginateListPrivacyBudgets(
    { client },
    { membershipIdentifier: membershipId, privacyBudgetType: 'DIFFERENTIAL_PRIVACY' },
  )) {
    budgets.push(...(page.privacyBudgetSummaries ?? []).map(toBudget));
  }
  return withTemplates(client, budgets, describeError);
}

/** Max count per aggregation type a budget with these parameters would allow (PreviewPrivacyImpact). */
export async function previewPrivacyImpact(
  client: CleanRoomsClient,
  membershipId: string,
  epsilon: number,
  usersNoisePerQuery: number,
): Promise<BudgetAggregation[]> {
  const out = await client.send(
    new PreviewPrivacyImpactCommand({
      membershipIdentifier: membershipId,
      parameters: { differentialPrivacy: { epsilon, usersNoisePerQuery } },
    }),
  );
  const dp =
    out.privacyImpact && 'differentialPrivacy' in out.privacyImpact
      ? out.privacyImpact.differentialPrivacy
      : undefined;
  return (dp?.aggregations ?? [])
    .filter((a) => isAggregationType(a.type))
    .map((a) => ({
      type: a.type as DpAggregationType,
      remaining: a.maxCount ?? 0,
      max: a.maxCount ?? 0,
    }))
    .sort((a, b) => AGGREGATION_TYPES.indexOf(a.type) - AGGREGATION_TYPES.indexOf(b.type));
}

export interface RunsLeft {
  /** How many more times the template can run; undefined when it computes no DP aggregation. */
  runs?: number;
  /** The aggregation types that run out first. */
  limitedBy: DpAggregationType[];
  /** Types the template uses that the budget does not list (treated as exhausted). */
  missing: DpAggregationType[];
}

/**
 * Each run of a template spends, per aggregation type, as many of the budget's remaining counts
 * as the template computes aggregations of that type; so it can run
 * min over its types of floor(remaining / used).
 */
export function runsLeft(uses: DpAggregationCounts, available: BudgetAggregation[]): RunsLeft {
  const byType = new Map(available.map((a) => [a.type, a.remaining]));
  let runs: number | undefined;
  let limitedBy: DpAggregationType[] = [];
  const missing: DpAggregationType[] = [];
  for (const type of AGGREGATION_TYPES) {
    const used = uses[type] ?? 0;
    if (used <= 0) continue;
    const remaining = byType.get(type);
    if (remaining === undefined) missing.push(type);
    const n = Math.floor((remaining ?? 0) / used);
    if (runs === undefined || n < runs) {
      runs = n;
      limitedBy = [type];
    } else if (n === runs) {
      limitedBy.push(type);
    }
  }
  return { runs, limitedBy, missing };
}

/** `COUNT DISTINCT ×2, SUM ×1` */
export function describeUses(uses: DpAggregationCounts): string {
  return AGGREGATION_TYPES.filter((t) => (uses[t] ?? 0) > 0)
    .map((t) => `${AGGREGATION_LABEL[t]} ×${uses[t]}`)
    .join(', ');
}

export function describeRefresh(autoRefresh: string | undefined): string {
  if (autoRefresh === 'CALENDAR_MONTH') return 'refreshes each calendar month';
  if (autoRefresh === 'NONE') return 'does not refresh';
  return 'refresh policy unknown';
}
