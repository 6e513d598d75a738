// Browsing: collaborations, the caller's memberships, and the analysis templates in a
// collaboration with their format and DP validation status. The tree reads one page per call so
// it loads lazily; full lists go through the SDK's paginators.
import {
  BatchGetCollaborationAnalysisTemplateCommand,
  ListCollaborationAnalysisTemplatesCommand,
  ListCollaborationsCommand,
  paginateListCollaborations,
  paginateListMemberships,
  type CleanRoomsClient,
  type CollaborationSummary,
} from '@aws-sdk/client-cleanrooms';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export interface CollaborationItem {
  id: string;
  arn: string;
  name: string;
  creatorDisplayName?: string;
  memberStatus?: string;
  /** The caller's membership in it, when it has one. */
  membershipId?: string;
}

export interface MembershipItem {
  id: string;
  collaborationId: string;
  collaborationName: string;
  status?: string;
}

export interface TemplateSummary {
  arn: string;
  id: string;
  name: string;
  description?: string;
  collaborationId: string;
  creatorAccountId?: string;
  membershipId?: string;
  /** The template trains on or produces synthetic data (it has `syntheticDataParameters`). */
  isSyntheticData?: boolean;
}

export type ValidationStatus = 'VALID' | 'INVALID' | 'UNABLE_TO_VALIDATE';

export interface TemplateValidation {
  /** `SQL` or `PYSPARK_1_0`, from the same read; absent when the template could not be read. */
  format?: string;
  /** Absent when the template carries no DP validation (e.g. not a DP template). */
  status?: ValidationStatus;
  reasons: string[];
  /** Set when this template's details could not be read; the message says why. */
  error?: string;
}

/** The service allows at most 10 ARNs per BatchGetCollaborationAnalysisTemplate. */
export const BATCH_GET_TEMPLATES_LIMIT = 10;
export const PAGE_SIZE = 100;

export async function listCollaborationsPage(
  client: CleanRoomsClient,
  nextToken?: string,
  maxResults = PAGE_SIZE,
): Promise<Page<CollaborationItem>> {
  const out = await client.send(new ListCollaborationsCommand({ nextToken, maxResults }));
  return {
    items: (out.collaborationList ?? []).map(collaborationItem),
    nextToken: out.nextToken || undefined,
  };
}

function collaborationItem(c: CollaborationSummary): CollaborationItem {
  return {
    id: c.id ?? '',
    arn: c.arn ?? '',
    name: c.name ?? c.id ?? '',
    creatorDisplayName: c.creatorDisplayName,
    memberStatus: c.memberStatus,
    membershipId: c.membershipId,
  };
}

/** Every ACTIVE membership of the caller, for the membership quick pick (bounded at `maxPages`). */
export async function listActiveMemberships(
  client: CleanRoomsClient,
  maxPages = 50,
): Promise<MembershipItem[]> {
  const items: MembershipItem[] = [];
  let pages = 0;
  for await (const page of paginateListMemberships(
    { client, pageSize: PAGE_SIZE },
    { status: 'ACTIVE' },
  )) {
    for (const m of page.membershipSummaries ?? []) {
      items.push({
        id: m.id ?? '',
        collaborationId: m.collaborationId ?? '',
        collaborationName: m.collaborationName ?? m.collaborationId ?? '',
        status: m.status,
      });
    }
    if (++pages >= maxPages) break;
  }
  return items;
}

/** Every collaboration the caller is an active member of (bounded at `maxPages`). */
export async function listActiveCollaborations(
  client: CleanRoomsClient,
  maxPages = 50,
): Promise<CollaborationItem[]> {
  const items: CollaborationItem[] = [];
  let pages = 0;
  for await (const page of paginateListCollaborations(
    { client, pageSize: PAGE_SIZE },
    { memberStatus: 'ACTIVE' },
  )) {
    items.push(...(page.collaborationList ?? []).map(collaborationItem));
    if (++pages >= maxPages) break;
  }
  return items;
}

export async function listCollaborationTemplatesPage(
  client: CleanRoomsClient,
  collaborationId: string,
  nextToken?: string,
  maxResults = PAGE_SIZE,
): Promise<Page<TemplateSummary>> {
  const out = await client.send(
    new ListCollaborationAnalysisTemplatesCommand({
      collaborationIdentifier: collaborationId,
      nextToken,
      maxResults,
    }),
  );
  return {
    items: (out.collaborationAnalysisTemplateSummaries ?? []).map((t) => ({
      arn: t.arn ?? '',
      id: t.id ?? '',
      name: t.name ?? t.id ?? '',
      description: t.description,
      collaborationId: t.collaborationId ?? collaborationId,
      creatorAccountId: t.creatorAccountId,
      membershipId: membershipIdFromArn(t.arn ?? ''),
      isSyntheticData: t.isSyntheticData,
    })),
    nextToken: out.nextToken || undefined,
  };
}

/**
 * DP validation status per template ARN, fetched in batches of 10. A failed batch marks its
 * templates with the error instead of failing the whole page, so one bad call leaves the rest readable.
 */
export async function templateValidations(
  client: CleanRoomsClient,
  collaborationId: string,
  arns: string[],
  describeError: (err: unknown) => string,
): Promise<Map<string, TemplateValidation>> {
  const result = new Map<string, TemplateValidation>();
  for (let i = 0; i < arns.length; i += BATCH_GET_TEMPLATES_LIMIT) {
    const batch = arns.slice(i, i + BATCH_GET_TEMPLATES_LIMIT);
    try {
      const out = await client.send(
        new BatchGetCollaborationAnalysisTemplateCommand({
          collaborationIdentifier: collaborationId,
          analysisTemplateArns: batch,
        }),
      );
      for (const t of out.collaborationAnalysisTemplates ?? []) {
        const dp = (t.validations ?? []).find((v) => v.type === 'DIFFERENTIAL_PRIVACY');
        result.set(t.arn ?? '', {
          format: t.format,
          status: dp?.status as ValidationStatus | undefined,
          reasons: (dp?.reasons ?? []).map((r) => r.message ?? '').filter(Boolean),
        });
      }
      for (const e of out.errors ?? []) {
        result.set(e.arn ?? '', {
          reasons: [],
          error: `${e.code ?? 'Error'}: ${e.message ?? 'could not be read'}`,
        });
      }
    } catch (err) {
      const message = describeError(err);
      for (const arn of batch) result.set(arn, { reasons: [], error: message });
    }
  }
  return result;
}

const TEMPLATE_ARN =
  /^arn:aws[-a-z]*:cleanrooms:([\w-]+):(\d{12}):membership\/([\w-]+)\/analysistemplate\/([\w-]+)$/;

export interface TemplateArnParts {
  region: string;
  accountId: string;
  membershipId: string;
  templateId: string;
}

export function parseTemplateArn(arn: string): TemplateArnParts | undefined {
  const m = TEMPLATE_ARN.exec(arn.trim());
  return m ? { region: m[1], accountId: m[2], membershipId: m[3], templateId: m[4] } : undefined;
}

export function membershipIdFromArn(arn: string): string | undefined {
  return parseTemplateArn(arn)?.membershipId;
}
