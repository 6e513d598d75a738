// The one membership quick pick: Create (which membership to create in) and Refresh Schema
// (whose collaboration's tables to read) both choose among the caller's active memberships.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import { listActiveMemberships, type MembershipItem } from '../aws/collaborations';
import { withProgress } from '../templateDocument';

export async function pickMembership(
  ctx: AwsContext,
  operation: string,
  placeHolder: string,
): Promise<MembershipItem | undefined> {
  let memberships: MembershipItem[];
  try {
    memberships = await withProgress('Listing your Clean Rooms memberships…', async () =>
      listActiveMemberships(await ctx.client()),
    );
  } catch (err) {
    ctx.reportFailure(`${operation} (listing memberships)`, err);
    return undefined;
  }
  if (!memberships.length) {
    const s = await ctx.summary();
    void vscode.window.showErrorMessage(
      `${operation}: ${s.profile ? `profile "${s.profile}" has` : 'these credentials have'} no active Clean Rooms memberships in ${s.region}. Join a collaboration first, or pick another profile or region.`,
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    memberships.map((m) => ({
      label: m.collaborationName,
      description: `membership ${m.id}`,
      detail: `collaboration ${m.collaborationId}`,
      membership: m,
    })),
    { title: operation, placeHolder, ignoreFocusOut: true },
  );
  return pick?.membership;
}
