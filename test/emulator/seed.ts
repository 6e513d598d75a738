// The seed: the JSON an emulator starts from (and returns to on reset). It names only what the
// service would know about our caller's world; ARNs, timestamps and summaries are derived.
import { readFileSync } from 'node:fs';
import type { SyntheticDataParameters, TemplateArtifacts } from './validate';

export interface SeedCollaboration {
  id: string;
  name: string;
  description?: string;
  creatorAccountId: string;
  creatorDisplayName: string;
  /** ISO 8601; defaults to the seed's epoch. */
  createTime?: string;
  analyticsEngine?: 'CLEAN_ROOMS_SQL' | 'SPARK';
}

export interface SeedMembership {
  id: string;
  collaborationId: string;
  /** Owner of the membership; defaults to the seed's `accountId` (the caller). */
  accountId?: string;
  status?: 'ACTIVE' | 'REMOVED' | 'COLLABORATION_DELETED';
  memberAbilities?: string[];
  createTime?: string;
  /** `Membership.defaultResultConfiguration`: where queries write results when StartProtectedQuery gives none. */
  defaultResultConfiguration?: {
    outputConfiguration: {
      s3: { resultFormat: 'CSV' | 'PARQUET'; bucket: string; keyPrefix?: string };
    };
    roleArn?: string;
  };
}

export interface SeedColumn {
  name: string;
  type: string;
}

/** A schema (configured table association) with its CUSTOM analysis rule. */
export interface SeedSchema {
  collaborationId: string;
  name: string;
  description?: string;
  creatorAccountId: string;
  columns: SeedColumn[];
  analysisRuleType?: 'CUSTOM' | 'AGGREGATION' | 'LIST';
  /** `analysisRule.policy.v1.custom` as the model defines it (AnalysisRuleCustom). */
  customRule?: {
    allowedAnalyses: string[];
    allowedAnalysisProviders?: string[];
    additionalAnalyses?: 'ALLOWED' | 'REQUIRED' | 'NOT_ALLOWED';
    disallowedOutputColumns?: string[];
    differentialPrivacy?: { columns: { name: string }[] };
  };
  /**
   * The table owner's configured table association analysis rule (its CUSTOM policy), served as
   * `collaborationPolicy` and merged into `consolidatedPolicy`.
   */
  associationRule?: {
    allowedResultReceivers?: string[];
    allowedAdditionalAnalyses?: string[];
  };
  createTime?: string;
}

export interface SeedParameter {
  name: string;
  type: string;
  defaultValue?: string;
}

/** A template as CreateAnalysisTemplate would have received it: SQL with `text`, or PySpark with `artifacts`. */
export interface SeedTemplate {
  id: string;
  membershipId: string;
  name: string;
  description?: string;
  /** Default SQL. */
  format?: 'SQL' | 'PYSPARK_1_0';
  text?: string;
  artifacts?: TemplateArtifacts;
  analysisParameters?: SeedParameter[];
  /** `schema.referencedTables` as sent at creation (PySpark templates must send it). */
  referencedTables?: string[];
  errorMessageConfiguration?: { type: 'DETAILED' };
  syntheticDataParameters?: SyntheticDataParameters;
  tags?: Record<string, string>;
  createTime?: string;
}

export type AggregationType = 'AVG' | 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'STDDEV';

/**
 * A differential-privacy privacy budget template, created in `membershipId` (the member who
 * owns the DP tables), with the budget it governs. `consumed` counts the aggregations already
 * spent since the last refresh; remaining counts follow from it (README, "Privacy budget").
 */
export interface SeedPrivacyBudgetTemplate {
  id: string;
  membershipId: string;
  /** The id of the budget this template governs. */
  budgetId: string;
  autoRefresh: 'CALENDAR_MONTH' | 'NONE';
  epsilon: number;
  usersNoisePerQuery: number;
  consumed?: Partial<Record<AggregationType, number>>;
  createTime?: string;
}

/** Rows of one table for protected queries: column name → value (timestamps as 'YYYY-MM-DD HH:MM:SS'). */
export interface SeedSampleRows {
  collaborationId: string;
  table: string;
  rows: Record<string, string | number | boolean | null>[];
}

export interface Seed {
  /** The caller's account (owner of the emulator's credentials). Default 111122223333. */
  accountId?: string;
  /** Region used in ARNs. Default us-east-1. */
  region?: string;
  quotas?: { analysisTemplatesPerMembership?: number };
  /** IAM actions the caller's policy denies (`cleanrooms:GetSchemaAnalysisRule`, ...): 403 AccessDeniedException. */
  deniedActions?: string[];
  collaborations: SeedCollaboration[];
  memberships: SeedMembership[];
  schemas: SeedSchema[];
  templates: SeedTemplate[];
  /** Sample rows the emulator's protected queries run on; tables without rows are empty. */
  sampleRows?: SeedSampleRows[];
  /** Emulated S3: buckets whose objects cannot be read (403), and how long queries take. */
  s3?: { deniedBuckets?: string[] };
  protectedQueryTiming?: ProtectedQueryTiming;
  privacyBudgetTemplates?: SeedPrivacyBudgetTemplate[];
}

/** A protected query shows SUBMITTED for `submittedMs`, then STARTED until at least `runMs` after the start. */
export interface ProtectedQueryTiming {
  submittedMs: number;
  runMs: number;
}

export const DEFAULT_PROTECTED_QUERY_TIMING: ProtectedQueryTiming = {
  submittedMs: 300,
  runMs: 1500,
};

export const DEFAULT_ACCOUNT_ID = '111122223333';
export const DEFAULT_REGION = 'us-east-1';
/** Service default for "Analysis templates per membership" (User Guide quotas page). */
export const DEFAULT_TEMPLATE_QUOTA = 25;
export const SEED_EPOCH = '2026-01-05T09:00:00Z';

export function loadSeed(seed: Seed | string): Seed {
  const value: unknown =
    typeof seed === 'string' ? JSON.parse(readFileSync(seed, 'utf8')) : structuredClone(seed);
  const s = value as Partial<Seed>;
  for (const key of [
    'collaborations',
    'memberships',
    'schemas',
    'templates',
    'privacyBudgetTemplates',
  ] as const) {
    if (s[key] !== undefined && !Array.isArray(s[key]))
      throw new Error(`Seed: "${key}" must be an array.`);
  }
  return {
    ...s,
    collaborations: s.collaborations ?? [],
    memberships: s.memberships ?? [],
    schemas: s.schemas ?? [],
    templates: s.templates ?? [],
    privacyBudgetTemplates: s.privacyBudgetTemplates ?? [],
  };
}

/** A deterministic lower-case UUID from a number, for generated fixtures. */
export function fixtureUuid(prefix: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

export const GENERATED_COLLABORATION_ID = fixtureUuid(0xc0, 1);
export const GENERATED_MEMBERSHIP_ID = fixtureUuid(0xa0, 1);

/**
 * A seed with one collaboration, one membership (the caller's), one DP table and `count`
 * templates named `template-0001`... created one second apart, for pagination tests. The
 * membership quota is raised to fit.
 */
export function seedWithTemplates(count: number): Seed {
  const start = Date.parse(SEED_EPOCH);
  return {
    quotas: { analysisTemplatesPerMembership: count + 25 },
    collaborations: [
      {
        id: GENERATED_COLLABORATION_ID,
        name: 'Generated collaboration',
        creatorAccountId: DEFAULT_ACCOUNT_ID,
        creatorDisplayName: 'Caller',
      },
    ],
    memberships: [{ id: GENERATED_MEMBERSHIP_ID, collaborationId: GENERATED_COLLABORATION_ID }],
    schemas: [
      {
        collaborationId: GENERATED_COLLABORATION_ID,
        name: 'events',
        creatorAccountId: DEFAULT_ACCOUNT_ID,
        columns: [
          { name: 'user_id', type: 'string' },
          { name: 'event_type', type: 'string' },
        ],
        customRule: {
          allowedAnalyses: ['ANY_QUERY'],
          differentialPrivacy: { columns: [{ name: 'user_id' }] },
        },
      },
    ],
    templates: Array.from({ length: count }, (_, i) => ({
      id: fixtureUuid(0x7e, i + 1),
      membershipId: GENERATED_MEMBERSHIP_ID,
      name: `template-${String(i + 1).padStart(4, '0')}`,
      text: 'SELECT event_type, COUNT(DISTINCT user_id) AS users FROM events GROUP BY event_type',
      createTime: new Date(start + i * 1000).toISOString(),
    })),
  };
}
