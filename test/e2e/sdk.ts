// The emulator's state as the real SDK reads it, for checking what the UI did (and deriving what
// it should show) without trusting the extension's own code.
import {
  BatchGetCollaborationAnalysisTemplateCommand,
  CleanRoomsClient,
  GetCollaborationAnalysisTemplateCommand,
  ListAnalysisTemplatesCommand,
  ListCollaborationAnalysisTemplatesCommand,
  ListCollaborationsCommand,
  ListMembershipsCommand,
} from '@aws-sdk/client-cleanrooms';
import { EMULATOR_CREDENTIALS } from '../emulator/server';

export function emulatorClient(endpoint: string): CleanRoomsClient {
  return new CleanRoomsClient({
    endpoint,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
}

export async function collaborations(
  client: CleanRoomsClient,
): Promise<{ id: string; name: string }[]> {
  const out = await client.send(new ListCollaborationsCommand({ maxResults: 100 }));
  return (out.collaborationList ?? []).map((c) => ({ id: c.id!, name: c.name! }));
}

export interface RemoteTemplateStatus {
  name: string;
  arn: string;
  /** The DIFFERENTIAL_PRIVACY validation status, when the template has one. */
  dpStatus?: string;
}

export async function collaborationTemplates(
  client: CleanRoomsClient,
  collaborationId: string,
): Promise<RemoteTemplateStatus[]> {
  const list = await client.send(
    new ListCollaborationAnalysisTemplatesCommand({
      collaborationIdentifier: collaborationId,
      maxResults: 100,
    }),
  );
  const arns = (list.collaborationAnalysisTemplateSummaries ?? []).map((t) => t.arn!);
  const out: RemoteTemplateStatus[] = [];
  // BatchGetCollaborationAnalysisTemplate takes at most 10 ARNs.
  for (let i = 0; i < arns.length; i += 10) {
    const got = await client.send(
      new BatchGetCollaborationAnalysisTemplateCommand({
        collaborationIdentifier: collaborationId,
        analysisTemplateArns: arns.slice(i, i + 10),
      }),
    );
    for (const t of got.collaborationAnalysisTemplates ?? []) {
      out.push({
        name: t.name!,
        arn: t.arn!,
        dpStatus: t.validations?.find((v) => v.type === 'DIFFERENTIAL_PRIVACY')?.status,
      });
    }
  }
  return out;
}

export async function collaborationTemplate(
  client: CleanRoomsClient,
  collaborationId: string,
  arn: string,
) {
  const out = await client.send(
    new GetCollaborationAnalysisTemplateCommand({
      collaborationIdentifier: collaborationId,
      analysisTemplateArn: arn,
    }),
  );
  return out.collaborationAnalysisTemplate!;
}

export async function membershipFor(
  client: CleanRoomsClient,
  collaborationId: string,
): Promise<string> {
  const out = await client.send(new ListMembershipsCommand({ maxResults: 100 }));
  const m = (out.membershipSummaries ?? []).find((s) => s.collaborationId === collaborationId);
  if (!m) throw new Error(`no membership in collaboration ${collaborationId}`);
  return m.id!;
}

export async function membershipTemplates(
  client: CleanRoomsClient,
  membershipId: string,
): Promise<{ name: string; arn: string }[]> {
  const out = await client.send(
    new ListAnalysisTemplatesCommand({ membershipIdentifier: membershipId, maxResults: 100 }),
  );
  return (out.analysisTemplateSummaries ?? []).map((t) => ({ name: t.name!, arn: t.arn! }));
}
