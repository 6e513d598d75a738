// State → response shapes of the service model. Timestamps are epoch seconds (restJson1's
// default timestamp format, which the SDK's deserializer expects).
import type { SeedCollaboration, SeedMembership, SeedSchema } from './seed';
import {
  callerMembership,
  collaborationArn,
  membershipArn,
  templateArn,
  timeOf,
  type EmulatorState,
  type StoredTemplate,
} from './state';
import { createHash } from 'node:crypto';
import { dpValidations, referencedTables } from './dpValidation';
import type { S3Location } from './validate';

const seconds = (ms: number) => ms / 1000;

export function collaborationSummary(state: EmulatorState, c: SeedCollaboration) {
  const own = callerMembership(state, c.id);
  return {
    id: c.id,
    arn: collaborationArn(state, c),
    name: c.name,
    creatorAccountId: c.creatorAccountId,
    creatorDisplayName: c.creatorDisplayName,
    createTime: seconds(timeOf(c.createTime)),
    updateTime: seconds(timeOf(c.createTime)),
    memberStatus: own ? 'ACTIVE' : 'INVITED',
    ...(own ? { membershipId: own.id, membershipArn: membershipArn(state, own) } : {}),
    analyticsEngine: c.analyticsEngine ?? 'CLEAN_ROOMS_SQL',
  };
}

export function collaboration(state: EmulatorState, c: SeedCollaboration) {
  return {
    ...collaborationSummary(state, c),
    ...(c.description !== undefined ? { description: c.description } : {}),
    queryLogStatus: 'ENABLED',
  };
}

export function membership(state: EmulatorState, m: SeedMembership) {
  const c = state.collaborations.get(m.collaborationId);
  const time = seconds(timeOf(m.createTime));
  return {
    id: m.id,
    arn: membershipArn(state, m),
    collaborationArn: c ? collaborationArn(state, c) : '',
    collaborationId: m.collaborationId,
    collaborationCreatorAccountId: c?.creatorAccountId ?? '',
    collaborationCreatorDisplayName: c?.creatorDisplayName ?? '',
    collaborationName: c?.name ?? '',
    createTime: time,
    updateTime: time,
    status: m.status ?? 'ACTIVE',
    memberAbilities: m.memberAbilities ?? ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
    paymentConfiguration: { queryCompute: { isResponsible: true } },
  };
}

export function membershipDetail(state: EmulatorState, m: SeedMembership) {
  return {
    ...membership(state, m),
    queryLogStatus: 'ENABLED',
    ...(m.defaultResultConfiguration
      ? { defaultResultConfiguration: m.defaultResultConfiguration }
      : {}),
  };
}

export function schemaRuleType(s: SeedSchema): string {
  return s.analysisRuleType ?? 'CUSTOM';
}

export function schemaSummary(state: EmulatorState, s: SeedSchema) {
  const c = state.collaborations.get(s.collaborationId);
  const time = seconds(timeOf(s.createTime));
  return {
    name: s.name,
    type: 'TABLE',
    creatorAccountId: s.creatorAccountId,
    createTime: time,
    updateTime: time,
    collaborationId: s.collaborationId,
    collaborationArn: c ? collaborationArn(state, c) : '',
    analysisRuleTypes: [schemaRuleType(s)],
    analysisMethod: 'DIRECT_QUERY',
  };
}

export function schema(state: EmulatorState, s: SeedSchema) {
  const dp = s.customRule?.differentialPrivacy !== undefined;
  return {
    ...schemaSummary(state, s),
    columns: s.columns,
    partitionKeys: [],
    description: s.description ?? '',
    schemaStatusDetails: [
      {
        status: 'READY',
        analysisRuleType: schemaRuleType(s),
        analysisType: 'DIRECT_ANALYSIS',
        ...(dp ? { configurations: ['DIFFERENTIAL_PRIVACY'] } : {}),
      },
    ],
  };
}

/**
 * GetSchemaAnalysisRule's `analysisRule`, readable by every member of the collaboration: the
 * configured table's rule (`policy`), the owner's association rule (`collaborationPolicy`, when
 * set) and both merged (`consolidatedPolicy`, ConsolidatedPolicyCustom).
 */
export function analysisRule(s: SeedSchema) {
  const time = seconds(timeOf(s.createTime));
  const custom = s.customRule ?? { allowedAnalyses: ['ANY_QUERY'] };
  return {
    collaborationId: s.collaborationId,
    type: 'CUSTOM',
    name: s.name,
    createTime: time,
    updateTime: time,
    policy: { v1: { custom } },
    ...(s.associationRule ? { collaborationPolicy: { v1: { custom: s.associationRule } } } : {}),
    consolidatedPolicy: { v1: { custom: { ...custom, ...s.associationRule } } },
  };
}

export function templateSummary(state: EmulatorState, t: StoredTemplate) {
  const m = state.memberships.get(t.membershipId);
  const c = state.collaborations.get(t.collaborationId);
  return {
    arn: templateArn(state, t),
    createTime: seconds(t.createTime),
    id: t.id,
    name: t.name,
    updateTime: seconds(t.updateTime),
    membershipArn: m ? membershipArn(state, m) : '',
    membershipId: t.membershipId,
    collaborationArn: c ? collaborationArn(state, c) : '',
    collaborationId: t.collaborationId,
    ...(t.description !== undefined ? { description: t.description } : {}),
    isSyntheticData: t.syntheticDataParameters !== undefined,
  };
}

export function collaborationTemplateSummary(state: EmulatorState, t: StoredTemplate) {
  const { membershipArn: _arn, membershipId: _id, ...rest } = templateSummary(state, t);
  return { ...rest, creatorAccountId: t.creatorAccountId };
}

/**
 * The emulator has no S3: an artifact's "hash" is the SHA-256 of its `s3://bucket/key` URL, so
 * it is stable per location, as the service's hash is per content.
 */
function artifactHash(location: S3Location) {
  return {
    sha256: createHash('sha256').update(`s3://${location.bucket}/${location.key}`).digest('hex'),
  };
}

/** Validation runs when a template is created and fetched (model doc), so this is per call. */
function templateBody(state: EmulatorState, t: StoredTemplate) {
  const tables = state.schemas.get(t.collaborationId) ?? [];
  const sql = t.format === 'SQL' && t.text !== undefined ? t.text : undefined;
  const validations =
    sql !== undefined
      ? dpValidations(
          sql,
          tables,
          t.analysisParameters.map((p) => p.name),
        )
      : [];
  const artifacts = t.artifacts;
  return {
    schema: {
      referencedTables:
        t.referencedTables ?? (sql !== undefined ? referencedTables(sql, tables) : []),
    },
    format: t.format,
    source: artifacts ? { artifacts } : { text: sql ?? '' },
    ...(artifacts
      ? {
          sourceMetadata: {
            artifacts: {
              entryPointHash: artifactHash(artifacts.entryPoint.location),
              ...(artifacts.additionalArtifacts
                ? {
                    additionalArtifactHashes: artifacts.additionalArtifacts.map((a) =>
                      artifactHash(a.location),
                    ),
                  }
                : {}),
            },
          },
        }
      : {}),
    ...(t.analysisParameters.length > 0 ? { analysisParameters: t.analysisParameters } : {}),
    ...(validations.length > 0 ? { validations } : {}),
    ...(t.errorMessageConfiguration
      ? { errorMessageConfiguration: t.errorMessageConfiguration }
      : {}),
    ...(t.syntheticDataParameters ? { syntheticDataParameters: t.syntheticDataParameters } : {}),
  };
}

// The full shapes have no `isSyntheticData`: they carry `syntheticDataParameters` itself.
export function analysisTemplate(state: EmulatorState, t: StoredTemplate) {
  const { isSyntheticData: _synthetic, ...summary } = templateSummary(state, t);
  return { ...summary, ...templateBody(state, t) };
}

export function collaborationAnalysisTemplate(state: EmulatorState, t: StoredTemplate) {
  const { isSyntheticData: _synthetic, ...summary } = collaborationTemplateSummary(state, t);
  return { ...summary, ...templateBody(state, t) };
}
