// The emulator's deterministic privacy-budget model (README, "Privacy budget"). The service does
// not publish how epsilon and the users noise per query turn into query counts, so the emulator
// uses one documented formula: each aggregation type has a noise cost, and
//   maxCount(type) = floor(EPSILON_SCALE × epsilon / (usersNoisePerQuery × cost(type)))
//   remainingCount(type) = max(0, maxCount(type) − consumed(type))
// More epsilon buys more queries, more noise per query fewer, and the costlier aggregations
// (SUM, AVG, STDDEV combine several noisy counts) fewer than COUNT.
import type { AggregationType, SeedPrivacyBudgetTemplate } from './seed';
import {
  collaborationArn,
  membershipArn,
  privacyBudgetTemplateArn,
  timeOf,
  type EmulatorState,
} from './state';
import type { FieldProblem } from './errors';

/** In the model's enum order. */
export const AGGREGATION_TYPES: readonly AggregationType[] = [
  'AVG',
  'COUNT',
  'COUNT_DISTINCT',
  'SUM',
  'STDDEV',
];

export const AGGREGATION_COST: Readonly<Record<AggregationType, number>> = {
  COUNT: 1,
  COUNT_DISTINCT: 1,
  SUM: 2,
  AVG: 3,
  STDDEV: 4,
};
export const EPSILON_SCALE = 1000;

/** DifferentialPrivacyTemplateParameters / DifferentialPrivacyPreviewParametersInput: integers. */
export const EPSILON_RANGE = { min: 1, max: 20 };
export const NOISE_RANGE = { min: 10, max: 100 };

export function maxCount(
  type: AggregationType,
  epsilon: number,
  usersNoisePerQuery: number,
): number {
  return Math.floor((EPSILON_SCALE * epsilon) / (usersNoisePerQuery * AGGREGATION_COST[type]));
}

export function previewAggregations(epsilon: number, usersNoisePerQuery: number) {
  return AGGREGATION_TYPES.map((type) => ({
    type,
    maxCount: maxCount(type, epsilon, usersNoisePerQuery),
  }));
}

export function checkDpParameters(at: string, value: unknown): FieldProblem[] {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const [field, range] of [
    ['epsilon', EPSILON_RANGE],
    ['usersNoisePerQuery', NOISE_RANGE],
  ] as const) {
    const n = v[field];
    const name = `${at}.${field}`;
    if (n === undefined || n === null)
      problems.push({
        name,
        message: `Value null at '${name}' failed to satisfy constraint: Member must not be null`,
      });
    else if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
      problems.push({
        name,
        message: `Value '${String(n)}' at '${name}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`,
      });
    }
  }
  return problems;
}

const seconds = (ms: number) => ms / 1000;

function collaborationOfTemplate(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  const m = state.memberships.get(p.membershipId);
  return m ? state.collaborations.get(m.collaborationId) : undefined;
}

export function budgetTemplatesOf(
  state: EmulatorState,
  collaborationId: string,
): SeedPrivacyBudgetTemplate[] {
  return [...state.privacyBudgetTemplates.values()].filter(
    (p) => collaborationOfTemplate(state, p)?.id === collaborationId,
  );
}

function common(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  const c = collaborationOfTemplate(state, p);
  const time = seconds(timeOf(p.createTime));
  return {
    collaborationId: c?.id ?? '',
    collaborationArn: c ? collaborationArn(state, c) : '',
    createTime: time,
    updateTime: time,
  };
}

function membershipFields(state: EmulatorState, membershipId: string) {
  const m = state.memberships.get(membershipId);
  return { membershipId, membershipArn: m ? membershipArn(state, m) : '' };
}

const creatorOf = (state: EmulatorState, p: SeedPrivacyBudgetTemplate) =>
  state.memberships.get(p.membershipId)?.accountId ?? state.accountId;

export function budgetTemplateSummary(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  return {
    id: p.id,
    arn: privacyBudgetTemplateArn(state, p),
    ...membershipFields(state, p.membershipId),
    ...common(state, p),
    privacyBudgetType: 'DIFFERENTIAL_PRIVACY',
  };
}

export function budgetTemplate(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  return {
    ...budgetTemplateSummary(state, p),
    autoRefresh: p.autoRefresh,
    parameters: {
      differentialPrivacy: { epsilon: p.epsilon, usersNoisePerQuery: p.usersNoisePerQuery },
    },
  };
}

export function collaborationBudgetTemplateSummary(
  state: EmulatorState,
  p: SeedPrivacyBudgetTemplate,
) {
  const { membershipId: _id, membershipArn: _arn, ...rest } = budgetTemplateSummary(state, p);
  return { ...rest, creatorAccountId: creatorOf(state, p) };
}

export function collaborationBudgetTemplate(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  const { membershipId: _id, membershipArn: _arn, ...rest } = budgetTemplate(state, p);
  return { ...rest, creatorAccountId: creatorOf(state, p) };
}

function budget(p: SeedPrivacyBudgetTemplate) {
  return {
    differentialPrivacy: {
      epsilon: p.epsilon,
      aggregations: AGGREGATION_TYPES.map((type) => {
        const max = maxCount(type, p.epsilon, p.usersNoisePerQuery);
        return {
          type,
          maxCount: max,
          remainingCount: Math.max(0, max - (p.consumed?.[type] ?? 0)),
        };
      }),
    },
  };
}

function budgetCommon(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  return {
    id: p.budgetId,
    privacyBudgetTemplateId: p.id,
    privacyBudgetTemplateArn: privacyBudgetTemplateArn(state, p),
    ...common(state, p),
    type: 'DIFFERENTIAL_PRIVACY',
    budget: budget(p),
  };
}

export function collaborationBudgetSummary(state: EmulatorState, p: SeedPrivacyBudgetTemplate) {
  return { ...budgetCommon(state, p), creatorAccountId: creatorOf(state, p) };
}

/** ListPrivacyBudgets answers for the calling membership. */
export function membershipBudgetSummary(
  state: EmulatorState,
  p: SeedPrivacyBudgetTemplate,
  membershipId: string,
) {
  return { ...budgetCommon(state, p), ...membershipFields(state, membershipId) };
}
