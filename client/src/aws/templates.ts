// Analysis templates: fetch (as the caller's own template or as a collaboration template),
// create, update the description, delete, and the plain decisions the commands make around them.
import {
  CreateAnalysisTemplateCommand,
  DeleteAnalysisTemplateCommand,
  GetAnalysisTemplateCommand,
  GetCollaborationAnalysisTemplateCommand,
  UpdateAnalysisTemplateCommand,
  type AnalysisParameter,
  type AnalysisTemplate,
  type CleanRoomsClient,
  type CollaborationAnalysisTemplate,
} from '@aws-sdk/client-cleanrooms';
import { membershipIdFromArn, type TemplateValidation, type ValidationStatus } from './collaborations';
import { renderTemplateFile, type TemplateContent } from './templateFile';

export interface RemoteTemplate extends TemplateContent {
  id: string;
  arn: string;
  collaborationId: string;
  /** The creator's membership (from the ARN for collaboration templates). */
  membershipId?: string;
  creatorAccountId?: string;
  format?: string;
  validation: TemplateValidation;
  referencedTables: string[];
}

function toRemote(t: AnalysisTemplate | CollaborationAnalysisTemplate, fallbackMembership?: string): RemoteTemplate {
  const text = t.source && 'text' in t.source ? t.source.text : undefined;
  if (typeof text !== 'string') {
    throw new Error(`template "${t.name ?? t.id}" has no SQL text (format ${t.format ?? 'unknown'}); only SQL templates can be opened as files`);
  }
  const dp = (t.validations ?? []).find((v) => v.type === 'DIFFERENTIAL_PRIVACY');
  return {
    id: t.id ?? '',
    arn: t.arn ?? '',
    collaborationId: t.collaborationId ?? '',
    membershipId: ('membershipId' in t ? t.membershipId : undefined) ?? membershipIdFromArn(t.arn ?? '') ?? fallbackMembership,
    creatorAccountId: 'creatorAccountId' in t ? t.creatorAccountId : undefined,
    format: t.format,
    name: t.name ?? '',
    description: t.description || undefined,
    parameters: (t.analysisParameters ?? []).map((p) => ({ name: p.name ?? '', type: p.type ?? '', ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}) })),
    body: text,
    validation: { status: dp?.status as ValidationStatus | undefined, reasons: (dp?.reasons ?? []).map((r) => r.message ?? '').filter(Boolean) },
    referencedTables: t.schema?.referencedTables ?? [],
  };
}

export async function getTemplate(client: CleanRoomsClient, membershipId: string, templateId: string): Promise<RemoteTemplate> {
  const out = await client.send(new GetAnalysisTemplateCommand({ membershipIdentifier: membershipId, analysisTemplateIdentifier: templateId }));
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export async function getCollaborationTemplate(client: CleanRoomsClient, collaborationId: string, arn: string): Promise<RemoteTemplate> {
  const out = await client.send(new GetCollaborationAnalysisTemplateCommand({ collaborationIdentifier: collaborationId, analysisTemplateArn: arn }));
  return toRemote(out.collaborationAnalysisTemplate ?? ({} as CollaborationAnalysisTemplate));
}

export async function createTemplate(client: CleanRoomsClient, membershipId: string, content: TemplateContent): Promise<RemoteTemplate> {
  const analysisParameters: AnalysisParameter[] = content.parameters.map((p) => ({
    name: p.name,
    type: p.type.toUpperCase() as AnalysisParameter['type'],
    ...(p.defaultValue !== undefined ? { defaultValue: p.defaultValue } : {}),
  }));
  const out = await client.send(
    new CreateAnalysisTemplateCommand({
      membershipIdentifier: membershipId,
      name: content.name,
      ...(content.description ? { description: content.description } : {}),
      format: 'SQL',
      source: { text: content.body },
      ...(analysisParameters.length ? { analysisParameters } : {}),
    }),
  );
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export async function updateTemplateDescription(client: CleanRoomsClient, membershipId: string, templateId: string, description: string): Promise<RemoteTemplate> {
  const out = await client.send(new UpdateAnalysisTemplateCommand({ membershipIdentifier: membershipId, analysisTemplateIdentifier: templateId, description }));
  return toRemote(out.analysisTemplate ?? ({} as AnalysisTemplate), membershipId);
}

export async function deleteTemplate(client: CleanRoomsClient, membershipId: string, templateId: string): Promise<void> {
  await client.send(new DeleteAnalysisTemplateCommand({ membershipIdentifier: membershipId, analysisTemplateIdentifier: templateId }));
}

/** The file a fetched template is written to, and its text. */
export function templateFileFor(t: RemoteTemplate): { fileName: string; text: string; bodyRoundTrips: boolean } {
  return { fileName: templateFileName(t.name), ...renderTemplateFile({ ...t, membership: t.membershipId, arn: t.arn }) };
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

export function compareVerdicts(local: ValidationStatus | undefined, aws: TemplateValidation): VerdictComparison {
  const awsText = aws.status ? `${aws.status}${aws.reasons.length ? ` (${aws.reasons.join('; ')})` : ''}` : 'no DP validation';
  const localText = local ?? 'not available';
  if (!local || !aws.status) return { agree: true, message: `AWS validation: ${awsText}. Local validation: ${localText}.` };
  if (local === aws.status) return { agree: true, message: `AWS and the local validator agree: ${awsText}.` };
  return { agree: false, message: `AWS and the local validator disagree: AWS says ${awsText}, the local validator says ${localText}.` };
}

const TEMPLATE_NAME = /^[a-zA-Z0-9_](([a-zA-Z0-9_ ]+-)*([a-zA-Z0-9_ ]+))?$/u;

/** Why the service would reject `name` (TableAlias: ≤128, letters, digits, `_`, spaces, single inner hyphens), or undefined. */
export function templateNameProblem(name: string): string | undefined {
  if (!name) return 'The name is empty.';
  if (name.length > 128) return `The name is ${name.length} characters long; the limit is 128.`;
  if (!TEMPLATE_NAME.test(name)) return 'Use letters, digits, _, spaces and single hyphens between them; start with a letter, digit or _.';
  return undefined;
}
