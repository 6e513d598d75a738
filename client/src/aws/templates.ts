// Analysis templates: fetch (as the caller's own template or as a collaboration template),
// create, update the description, delete, and the plain decisions the commands make around them.
import {
  CreateAnalysisTemplateCommand,
  DeleteAnalysisTemplateCommand,
  GetAnalysisTemplateCommand,
  GetCollaborationAnalysisTemplateCommand,
  ListTagsForResourceCommand,
  UpdateAnalysisTemplateCommand,
  type AnalysisParameter,
  type AnalysisTemplate,
  type AnalysisTemplateArtifacts,
  type CleanRoomsClient,
  type CollaborationAnalysisTemplate,
  type CreateAnalysisTemplateCommandInput,
  type ErrorMessageConfiguration,
  type SyntheticDataParameters,
} from '@aws-sdk/client-cleanrooms';
import {
  listActiveCollaborations,
  membershipIdFromArn,
  parseTemplateArn,
  type TemplateValidation,
  type ValidationStatus,
} from './collaborations';
import { renderTemplateFile, type TemplateContent, type TemplateParam } from './templateFile';

/** Everything AWS holds about a template, SQL or PySpark. */
export interface RemoteTemplate {
  id: string;
  arn: string;
  collaborationId: string;
  /** The creator's membership (from the ARN for collaboration templates). */
  membershipId?: string;
  creatorAccountId?: string;
  name: string;
  description?: string;
  parameters: TemplateParam[];
  format: string;
  /** The SQL text (`source.text`); absent for PySpark templates. */
  body?: string;
  /** PySpark: entry point, additional artifacts and the role that reads them. */
  artifacts?: AnalysisTemplateArtifacts;
  /** PySpark: the SHA-256 of the entry point and of each additional artifact. */
  artifactHashes?: { entryPoint?: string; additional: string[] };
  validation: TemplateValidation;
  referencedTables: string[];
  errorMessageConfiguration?: ErrorMessageConfiguration;
  syntheticDataParameters?: SyntheticDataParameters;
  /** Members of the source or synthetic-data unions this SDK does not know (newer service features). */
  unknownMembers: string[];
}

export type SqlTemplate = RemoteTemplate & { body: string };

export function isSqlTemplate(t: RemoteTemplate): t is SqlTemplate {
  return t.format === 'SQL' && typeof t.body === 'string';
}

/** Plain words for a template's format. */
export function formatLabel(format: string | undefined): string {
  if (format === 'SQL') return 'SQL';
  if (format === 'PYSPARK_1_0') return 'PySpark';
  return format ?? 'unknown format';
}

function toRemote(
  t: AnalysisTemplate | CollaborationAnalysisTemplate,
  fallbackMembership?: string,
): RemoteTemplate {
  const dp = (t.validations ?? []).find((v) => v.type === 'DIFFERENTIAL_PRIVACY');
  const source = t.source;
  const meta =
    t.sourceMetadata && 'artifacts' in t.sourceMetadata ? t.sourceMetadata.artifacts : undefined;
  const unknownMembers = [
    ...(source?.$unknown ? [`source.${source.$unknown[0]}`] : []),
    ...(t.syntheticDataParameters?.$unknown
      ? [`syntheticDataParameters.${t.syntheticDataParameters.$unknown[0]}`]
      : []),
  ];
  return {
    id: t.id ?? '',
    arn: t.arn ?? '',
    collaborationId: t.collaborationId ?? '',
    membershipId:
      ('membershipId' in t ? t.membershipId : undefined) ??
      membershipIdFromArn(t.arn ?? '') ??
      fallbackMembership,
    creatorAccountId: 'creatorAccountId' in t ? t.creatorAccountId : undefined,
    format: t.format ?? 'unknown',
    name: t.name ?? '',
    description: t.description || undefined,
    parameters: (t.analysisParameters ?? []).map((p) => ({
      name: p.name ?? '',
      type: p.type ?? '',
      ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
    })),
    ...(typeof source?.text === 'string' ? { body: source.text } : {}),
    ...(source?.artifacts ? { artifacts: source.artifacts } : {}),
    ...(meta
      ? {
          artifactHashes: {
            entryPoint: meta.entryPointHash?.sha256,
            additional: (meta.additionalArtifactHashes ?? []).map((h) => h.sha256 ?? ''),
          },
        }
      : {}),
    validation: {
      format: t.format,
      status: dp?.status as ValidationStatus | undefined,
      reasons: (dp?.reasons ?? []).map((r) => r.message ?? '').filter(Boolean),
    },
    referencedTables: t.schema?.referencedTables ?? [],
    ...(t.errorMessageConfiguration
      ? { errorMessageConfiguration: t.errorMessageConfiguration }
      : {}),
    ...(t.syntheticDataParameters ? { syntheticDataParameters: t.syntheticDataParameters } : {}),
    unknownMembers,
  };
}

export async function getTemplate(
  client: CleanRoomsClient,
  membershipId: string,
  templateId: string,
): Promise<RemoteTemplate> {
  const out = await client.send(
    new GetAnalysisTemplateCommand({
      membershipIdentifier: membershipId,
      analysisTemplateIdentifier: templateId,
    }),
  );
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export async function getCollaborationTemplate(
  client: CleanRoomsClient,
  collaborationId: string,
  arn: string,
): Promise<RemoteTemplate> {
  const out = await client.send(
    new GetCollaborationAnalysisTemplateCommand({
      collaborationIdentifier: collaborationId,
      analysisTemplateArn: arn,
    }),
  );
  return toRemote(out.collaborationAnalysisTemplate ?? ({} as CollaborationAnalysisTemplate));
}

const isNotFound = (err: unknown) =>
  (err as { name?: string })?.name === 'ResourceNotFoundException';
const isNotFoundOrDenied = (err: unknown) =>
  isNotFound(err) || (err as { name?: string })?.name === 'AccessDeniedException';

/**
 * A template by ARN, whoever created it: as the caller's own template (GetAnalysisTemplate), and
 * when the ARN's membership is not the caller's, through each collaboration the caller is an
 * active member of (GetCollaborationAnalysisTemplate), as the tree does. Throws the first
 * call's error when no collaboration holds it.
 */
export async function getTemplateByArn(
  client: CleanRoomsClient,
  arn: string,
): Promise<RemoteTemplate> {
  const parts = parseTemplateArn(arn);
  if (!parts) throw new Error(`"${arn}" is not an analysis template ARN.`);
  try {
    return await getTemplate(client, parts.membershipId, parts.templateId);
  } catch (err) {
    if (!isNotFoundOrDenied(err)) throw err;
    for (const c of await listActiveCollaborations(client)) {
      try {
        return await getCollaborationTemplate(client, c.id, arn);
      } catch (inner) {
        if (!isNotFoundOrDenied(inner)) throw inner;
      }
    }
    throw err;
  }
}

/** Whether the template an `@arn` names still exists; errors other than "not found" propagate. */
export async function templateExists(client: CleanRoomsClient, arn: string): Promise<boolean> {
  try {
    await getTemplateByArn(client, arn);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

export async function templateTags(
  client: CleanRoomsClient,
  arn: string,
): Promise<Record<string, string>> {
  const out = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return out.tags ?? {};
}

/** What CreateAnalysisTemplate takes beyond the file's content (carried over by "create as new"). */
export interface TemplateExtras {
  errorMessageConfiguration?: ErrorMessageConfiguration;
  syntheticDataParameters?: SyntheticDataParameters;
  tags?: Record<string, string>;
}

export async function createTemplate(
  client: CleanRoomsClient,
  membershipId: string,
  content: TemplateContent,
  extras: TemplateExtras = {},
): Promise<RemoteTemplate> {
  const analysisParameters: AnalysisParameter[] = content.parameters.map((p) => ({
    name: p.name,
    type: p.type.toUpperCase() as AnalysisParameter['type'],
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  }));
  const input: CreateAnalysisTemplateCommandInput = {
    membershipIdentifier: membershipId,
    name: content.name,
    ...(content.description ? { description: content.description } : {}),
    format: 'SQL',
    source: { text: content.body },
    ...(analysisParameters.length ? { analysisParameters } : {}),
    ...(extras.errorMessageConfiguration
      ? { errorMessageConfiguration: extras.errorMessageConfiguration }
      : {}),
    ...(extras.syntheticDataParameters
      ? { syntheticDataParameters: extras.syntheticDataParameters }
      : {}),
    ...(extras.tags && Object.keys(extras.tags).length ? { tags: extras.tags } : {}),
  };
  const out = await client.send(new CreateAnalysisTemplateCommand(input));
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export interface Replacement {
  /** What the new template is created from: the file, completed with what AWS holds. */
  content: TemplateContent;
  extras: TemplateExtras;
  /** Fields taken from the old template, in words, for the confirmation. */
  carried: string[];
  /** Set when the old template holds something the new one could not keep; nothing may be created then. */
  refusal?: string;
}

/**
 * "Create as new, then delete the old one" must lose nothing: every field AWS holds that the file
 * cannot carry is copied (error message configuration, synthetic-data parameters, tags), and
 * the description and parameters too when the file has none. `schema.referencedTables` is not
 * sent for SQL: the service derives it from the new SQL. Anything this client cannot copy (a
 * PySpark source, union members newer than the SDK) refuses the replacement, naming the field.
 */
export function planReplacement(
  file: TemplateContent,
  old: RemoteTemplate,
  tags: Record<string, string>,
): Replacement {
  const carried: string[] = [];
  const refuse = (field: string, why: string): Replacement => ({
    content: file,
    extras: {},
    carried,
    refusal: `the old template's ${field} ${why}`,
  });
  if (!isSqlTemplate(old))
    return refuse(
      'format',
      `is ${formatLabel(old.format)}, which a .cleanrooms.sql file cannot replace`,
    );
  if (old.unknownMembers.length)
    return refuse(
      old.unknownMembers.join(', '),
      'is not known to this version of the AWS SDK, so it cannot be copied',
    );
  const content = { ...file };
  if (!file.description && old.description) {
    content.description = old.description;
    carried.push('description');
  }
  if (!file.parameters.length && old.parameters.length) {
    content.parameters = old.parameters;
    carried.push(`parameters (${old.parameters.map((p) => p.name).join(', ')})`);
  }
  const extras: TemplateExtras = {};
  if (old.errorMessageConfiguration) {
    extras.errorMessageConfiguration = old.errorMessageConfiguration;
    carried.push(`error messages (${old.errorMessageConfiguration.type})`);
  }
  if (old.syntheticDataParameters) {
    extras.syntheticDataParameters = old.syntheticDataParameters;
    carried.push('synthetic-data parameters');
  }
  if (Object.keys(tags).length) {
    extras.tags = tags;
    carried.push(`tags (${Object.keys(tags).join(', ')})`);
  }
  return { content, extras, carried };
}

export async function updateTemplateDescription(
  client: CleanRoomsClient,
  membershipId: string,
  templateId: string,
  description: string,
): Promise<RemoteTemplate> {
  const out = await client.send(
    new UpdateAnalysisTemplateCommand({
      membershipIdentifier: membershipId,
      analysisTemplateIdentifier: templateId,
      description,
    }),
  );
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export async function deleteTemplate(
  client: CleanRoomsClient,
  membershipId: string,
  templateId: string,
): Promise<void> {
  await client.send(
    new DeleteAnalysisTemplateCommand({
      membershipIdentifier: membershipId,
      analysisTemplateIdentifier: templateId,
    }),
  );
}

/** The file a fetched SQL template is written to, and its text. */
export function templateFileFor(t: SqlTemplate): {
  fileName: string;
  text: string;
  bodyRoundTrips: boolean;
} {
  return {
    fileName: templateFileName(t.name),
    ...renderTemplateFile({ ...t, membership: t.membershipId, arn: t.arn }),
  };
}

/** A file name from the template name: characters unsafe in file names on any OS become `_`. */
export function templateFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const base = name.trim().replace(/[\\/:*?"<>|\u0000-\u001f\s]+/g, '_') || 'template';
  return `${base}.cleanrooms.sql`;
}

/** A name for "create as a new template": `name v2`, or the next free version suffix. */
export function nextVersionName(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const m = /^(.*?)\s+v(\d+)$/.exec(name);
  const stem = m ? m[1] : name;
  let n = m ? Number(m[2]) + 1 : 2;
  while (used.has(`${stem} v${n}`) && n < 10_000) n++;
  return `${stem} v${n}`;
}

export interface VerdictComparison {
  agree: boolean;
  /** One sentence showing both verdicts, and saying so when they differ. */
  message: string;
}

export function compareVerdicts(
  local: ValidationStatus | undefined,
  aws: TemplateValidation,
): VerdictComparison {
  const awsText = aws.status
    ? `${aws.status}${aws.reasons.length ? ` (${aws.reasons.join('; ')})` : ''}`
    : 'no DP validation';
  const localText = local ?? 'not available';
  if (!local || !aws.status)
    return { agree: true, message: `AWS validation: ${awsText}. Local validation: ${localText}.` };
  if (local === aws.status)
    return { agree: true, message: `AWS and the local validator agree: ${awsText}.` };
  return {
    agree: false,
    message: `AWS and the local validator disagree: AWS says ${awsText}, the local validator says ${localText}.`,
  };
}

const TEMPLATE_NAME = /^[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?$/u;

/** Why the service would reject `name` (TableAlias: ≤128, letters, digits, `_`, spaces, single inner hyphens), or undefined. */
export function templateNameProblem(name: string): string | undefined {
  if (!name) return 'The name is empty.';
  if (name.length > 128) return `The name is ${name.length} characters long; the limit is 128.`;
  if (!TEMPLATE_NAME.test(name))
    return 'Use letters, digits, _, spaces and single hyphens between them; start with a letter, digit or _.';
  return undefined;
}
