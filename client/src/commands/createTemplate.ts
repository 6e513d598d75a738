// Clean Rooms: Create Analysis Template from the active file. Local problems are shown first,
// the membership comes from the header or a quick pick, and the new template's membership and
// ARN are written back into the header. AWS's validation is shown beside the local verdict.
import * as vscode from 'vscode';
import type { LocalVerdict } from '../../../common/protocol';
import type { AwsContext } from '../awsFeatures';
import { listActiveMemberships } from '../aws/collaborations';
import { parseTemplateFile } from '../aws/templateFile';
import { compareVerdicts, createTemplate, templateNameProblem, type RemoteTemplate } from '../aws/templates';
import { activeTemplateDocument, recordInHeader, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';

const OPERATION = 'Create analysis template';
const LOCAL_VERDICT_TIMEOUT_MS = 10_000;

export function registerCreateTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.createTemplate', async () => {
    if (!requireTrustedWorkspace(OPERATION)) return;
    const doc = activeTemplateDocument(OPERATION);
    if (doc) await createFromDocument(ctx, doc);
  });
}

export interface CreateOverrides {
  /** Create under this name instead of the header's `@name` (and record it in the header). */
  name?: string;
  membershipId?: string;
}

export async function createFromDocument(ctx: AwsContext, doc: vscode.TextDocument, overrides: CreateOverrides = {}): Promise<RemoteTemplate | undefined> {
  const file = parseTemplateFile(doc.getText());
  if (file.problems.length) {
    void vscode.window.showErrorMessage(`${OPERATION}: fix the header first: ${file.problems.join(' ')}`);
    return undefined;
  }
  const name = overrides.name ?? file.name;
  if (!name) {
    void vscode.window.showErrorMessage(`${OPERATION}: the file has no name. Add a header line such as "-- @name Unique reach by campaign".`);
    return undefined;
  }
  const nameProblem = templateNameProblem(name);
  if (nameProblem) {
    void vscode.window.showErrorMessage(`${OPERATION}: "${name}" is not a valid template name. ${nameProblem}`);
    return undefined;
  }

  if (file.arn && !overrides.name) {
    const choice = await vscode.window.showWarningMessage(
      `This file is already linked to a template in AWS (its header has an @arn). Creating it again makes a second template.`,
      { modal: true, detail: `${file.arn}\n\nTo change the existing template, use "Update Analysis Template".` },
      'Create Another',
      'Update Instead',
    );
    if (choice === 'Update Instead') await vscode.commands.executeCommand('cleanrooms.updateTemplate');
    if (choice !== 'Create Another') return undefined;
  }

  const local = await localVerdictWithin(ctx, doc.uri, LOCAL_VERDICT_TIMEOUT_MS);
  if (!local) {
    // Templates are immutable: never send one unchecked without saying so.
    const choice = await vscode.window.showWarningMessage(
      `The local validator could not check "${name}" (the language server is not running or does not know this file). Create it anyway?`,
      { modal: true, detail: 'Run "Clean Rooms: Restart Language Server" and try again to see local errors first.' },
      'Create Anyway',
    );
    if (choice !== 'Create Anyway') return undefined;
  }
  const errors = (local?.diagnostics ?? []).filter((d) => d.severity === 'error');
  if (local?.verdict === 'INVALID' || errors.length) {
    const headline = local?.verdict === 'INVALID'
      ? `The local validator calls "${name}" INVALID for differential privacy. Create it anyway?`
      : `Local checks found ${errors.length} error(s) in "${name}". Create it anyway?`;
    const detail = errors.slice(0, 5).map((d) => `Line ${d.range.start.line + 1}: ${d.code} ${d.message}`).join('\n') + (errors.length > 5 ? `\n… and ${errors.length - 5} more` : '');
    const choice = await vscode.window.showWarningMessage(headline, { modal: true, detail }, 'Create Anyway', 'Show Problems');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== 'Create Anyway') return undefined;
  }

  const membershipId = overrides.membershipId ?? file.membership ?? (await pickMembership(ctx));
  if (!membershipId) return undefined;

  let created: RemoteTemplate;
  try {
    created = await withProgress(`Creating analysis template ${name}…`, () =>
      createTemplate(ctx.session().client, membershipId, { name, description: file.description, parameters: file.parameters, body: file.body }),
    );
  } catch (err) {
    ctx.reportFailure(OPERATION, err);
    return undefined;
  }
  ctx.log.info(`Created analysis template ${created.arn}`);
  ctx.refreshTree();

  const recorded = await recordInHeader(doc, { ...(overrides.name ? { name } : {}), membership: membershipId, arn: created.arn });
  const verdicts = compareVerdicts(local?.verdict, created.validation);
  const message = `Created analysis template "${name}". ${verdicts.message}${recorded ? '' : ` Could not write its ARN into the file; add "-- @arn ${created.arn}" to the header.`}`;
  const show = verdicts.agree ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(message, 'Copy ARN').then((choice) => (choice ? vscode.env.clipboard.writeText(created.arn) : undefined));
  return created;
}

/** The language server's verdict, or undefined (logged) when it fails or does not answer in time: creating must not hang on it. */
export async function localVerdictWithin(ctx: AwsContext, uri: vscode.Uri, ms: number): Promise<LocalVerdict | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      ctx.log.warn(`Local validation did not answer within ${ms} ms; creating without it.`);
      resolve(undefined);
    }, ms);
  });
  try {
    return await Promise.race([ctx.localVerdict(uri), timeout]);
  } catch (err) {
    ctx.log.warn(`Local validation unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function pickMembership(ctx: AwsContext): Promise<string | undefined> {
  let memberships;
  try {
    memberships = await withProgress('Listing your Clean Rooms memberships…', () => listActiveMemberships(ctx.session().client));
  } catch (err) {
    ctx.reportFailure(`${OPERATION} (listing memberships)`, err);
    return undefined;
  }
  if (!memberships.length) {
    void vscode.window.showErrorMessage(`${OPERATION}: ${ctx.summary().profile ?? 'these credentials'} have no active Clean Rooms memberships in ${ctx.summary().region}. Join a collaboration first, or pick another profile or region.`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    memberships.map((m) => ({ label: m.collaborationName, description: `membership ${m.id}`, id: m.id })),
    { title: OPERATION, placeHolder: 'Membership (collaboration) to create the template in', ignoreFocusOut: true },
  );
  return pick?.id;
}
