// In-memory service state built from a seed. Plain maps keyed by id; ARNs and the caller's
// view (which memberships are "ours") are derived here so the handlers stay simple.
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_PROTECTED_QUERY_TIMING,
  DEFAULT_REGION,
  DEFAULT_TEMPLATE_QUOTA,
  SEED_EPOCH,
  type Seed,
  type SeedCollaboration,
  type SeedMembership,
  type ProtectedQueryTiming,
  type SeedParameter,
  type SeedPrivacyBudgetTemplate,
  type SeedSchema,
} from './seed';
import type { SyntheticDataParameters, TemplateArtifacts } from './validate';

export interface StoredTemplate {
  id: string;
  membershipId: string;
  collaborationId: string;
  creatorAccountId: string;
  name: string;
  description?: string;
  format: 'SQL' | 'PYSPARK_1_0';
  /** SQL templates: the text. PySpark templates: the artifacts instead. */
  text?: string;
  artifacts?: TemplateArtifacts;
  analysisParameters: SeedParameter[];
  /** `schema.referencedTables` as sent at creation; derived from the SQL when absent. */
  referencedTables?: string[];
  errorMessageConfiguration?: { type: 'DETAILED' };
  syntheticDataParameters?: SyntheticDataParameters;
  tags: Record<string, string>;
  /** Epoch milliseconds. */
  createTime: number;
  updateTime: number;
}

/** A protected query (protectedQueries.ts owns its life cycle). */
export interface StoredProtectedQuery {
  id: string;
  membershipId: string;
  createTime: number;
  sqlParameters: {
    queryString?: string;
    analysisTemplateArn?: string;
    parameters?: Record<string, string>;
  };
  resultConfiguration: {
    outputConfiguration: {
      s3: { resultFormat: string; bucket: string; keyPrefix?: string; singleFileOutput?: boolean };
    };
  };
  /** Set when the engine finished; shown once `timing.runMs` has passed. */
  outcome?:
    | { status: 'SUCCESS'; csv: string; rows: number }
    | { status: 'FAILED' | 'TIMED_OUT'; error: { code: string; message: string } };
  /** The status clients see once settled (SUCCESS, FAILED, TIMED_OUT or CANCELLED). */
  final?: {
    status: 'SUCCESS' | 'FAILED' | 'TIMED_OUT' | 'CANCELLED';
    time: number;
    location?: string;
  };
}

export interface StoredObject {
  body: Buffer;
  contentType: string;
  lastModified: number;
  etag: string;
}

export interface EmulatorState {
  accountId: string;
  region: string;
  templateQuota: number;
  /** IAM actions the caller may not call (seed `deniedActions`). */
  deniedActions: Set<string>;
  collaborations: Map<string, SeedCollaboration>;
  memberships: Map<string, SeedMembership>;
  /** Schemas per collaboration id, in seed order. */
  schemas: Map<string, SeedSchema[]>;
  templates: Map<string, StoredTemplate>;
  /** Sample rows per `collaborationId/table`. */
  sampleRows: Map<string, Record<string, unknown>[]>;
  protectedQueries: Map<string, StoredProtectedQuery>;
  protectedQueryTiming: ProtectedQueryTiming;
  /** Emulated S3 objects per `bucket/key`. */
  s3Objects: Map<string, StoredObject>;
  s3DeniedBuckets: Set<string>;
  privacyBudgetTemplates: Map<string, SeedPrivacyBudgetTemplate>;
}

export function timeOf(iso: string | undefined): number {
  return Date.parse(iso ?? SEED_EPOCH);
}

export function createState(seed: Seed): EmulatorState {
  const accountId = seed.accountId ?? DEFAULT_ACCOUNT_ID;
  const state: EmulatorState = {
    accountId,
    region: seed.region ?? DEFAULT_REGION,
    templateQuota: seed.quotas?.analysisTemplatesPerMembership ?? DEFAULT_TEMPLATE_QUOTA,
    deniedActions: new Set(seed.deniedActions ?? []),
    collaborations: new Map(seed.collaborations.map((c) => [c.id, c])),
    memberships: new Map(
      seed.memberships.map((m) => [m.id, { ...m, accountId: m.accountId ?? accountId }]),
    ),
    schemas: new Map(),
    templates: new Map(),
    sampleRows: new Map(
      (seed.sampleRows ?? []).map((r) => [`${r.collaborationId}/${r.table}`, r.rows]),
    ),
    protectedQueries: new Map(),
    protectedQueryTiming: { ...DEFAULT_PROTECTED_QUERY_TIMING, ...seed.protectedQueryTiming },
    s3Objects: new Map(),
    s3DeniedBuckets: new Set(seed.s3?.deniedBuckets ?? []),
    privacyBudgetTemplates: new Map(
      (seed.privacyBudgetTemplates ?? []).map((p) => [p.id, structuredClone(p)]),
    ),
  };
  for (const schema of seed.schemas) {
    const list = state.schemas.get(schema.collaborationId) ?? [];
    list.push(schema);
    state.schemas.set(schema.collaborationId, list);
  }
  for (const t of seed.templates) {
    const membership = state.memberships.get(t.membershipId);
    if (!membership)
      throw new Error(`Seed: template ${t.id} names unknown membership ${t.membershipId}.`);
    const time = timeOf(t.createTime);
    state.templates.set(t.id, {
      id: t.id,
      membershipId: t.membershipId,
      collaborationId: membership.collaborationId,
      creatorAccountId: membership.accountId ?? accountId,
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      format: t.format ?? 'SQL',
      ...(t.text !== undefined ? { text: t.text } : {}),
      ...(t.artifacts ? { artifacts: t.artifacts } : {}),
      analysisParameters: t.analysisParameters ?? [],
      ...(t.referencedTables ? { referencedTables: t.referencedTables } : {}),
      ...(t.errorMessageConfiguration
        ? { errorMessageConfiguration: t.errorMessageConfiguration }
        : {}),
      ...(t.syntheticDataParameters ? { syntheticDataParameters: t.syntheticDataParameters } : {}),
      tags: t.tags ?? {},
      createTime: time,
      updateTime: time,
    });
  }
  return state;
}

const arnPrefix = (state: EmulatorState, account: string) =>
  `arn:aws:cleanrooms:${state.region}:${account}`;

export function collaborationArn(state: EmulatorState, c: SeedCollaboration): string {
  return `${arnPrefix(state, c.creatorAccountId)}:collaboration/${c.id}`;
}

export function membershipArn(state: EmulatorState, m: SeedMembership): string {
  return `${arnPrefix(state, m.accountId ?? state.accountId)}:membership/${m.id}`;
}

export function templateArn(state: EmulatorState, t: StoredTemplate): string {
  return `${arnPrefix(state, t.creatorAccountId)}:membership/${t.membershipId}/analysistemplate/${t.id}`;
}

export function privacyBudgetTemplateArn(
  state: EmulatorState,
  p: SeedPrivacyBudgetTemplate,
): string {
  const m = state.memberships.get(p.membershipId);
  return `${arnPrefix(state, m?.accountId ?? state.accountId)}:membership/${p.membershipId}/privacybudgettemplate/${p.id}`;
}

/** The caller's own membership in a collaboration, if any. */
export function callerMembership(
  state: EmulatorState,
  collaborationId: string,
): SeedMembership | undefined {
  for (const m of state.memberships.values()) {
    if (m.collaborationId === collaborationId && m.accountId === state.accountId) return m;
  }
  return undefined;
}

/** Templates in creation order (ties by id), so pages are stable. */
export function sortedTemplates(
  state: EmulatorState,
  keep: (t: StoredTemplate) => boolean,
): StoredTemplate[] {
  return [...state.templates.values()]
    .filter(keep)
    .sort((a, b) => a.createTime - b.createTime || a.id.localeCompare(b.id));
}
