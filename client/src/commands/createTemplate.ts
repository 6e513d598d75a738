// Clean Rooms: Create Analysis Template from the active file. Local problems are shown first,
// the membership comes from the header or a quick pick, and the new template's membership and
// ARN are written back into the header. AWS's validation is shown beside the local verdict.
import * as vscode from 'vscode';
import type { LocalVerdict } from '../../../common/protocol';
import type { AwsContext } from '../awsContext';
import { parseTemplateFile } from '../aws/templateFile';
import {
  compareVerdicts,
  createTemplate,
  templateExists,
  templateNameProblem,
  type RemoteTemplate,
  type TemplateExtras,
} from '../aws/templates';
import { unlinkFiles } from '../linkedFiles';
import { activeTemplateDocument, recordInHeader, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import { pickMembership } from './pickMembership';

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
  /** Description and parameters to send instead of the file's (carried over from a template being replaced). */
  description?: string;
  parameters?: { name: string; type: string; defaultValue?: string }[];
  /** Fields the file cannot carry (carried over from a template being replaced). */
  extras?: TemplateExtras;
}

export async function createFromDocument(
  ctx: AwsContext,
  doc: vscode.TextDocument,
  overrides: CreateOverrides = {},
): Promise<RemoteTemplate | undefined> {
  const file = parseTemplateFile(doc.getText());
  if (file.problems.length) {
    void vscode.window.showErrorMessage(
      `${OPERATION}: fix the header first: ${file.problems.join(' ')}`,
    );
    return undefined;
  }
  const name = overrides.name ?? file.name;
  if (!name) {
    void vscode.window.showErrorMessage(
      `${OPERATION}: the file has no name. Add a header line such as "-- @name Unique reach by campaign".`,
    );
    return undefined;
  }
  const nameProblem = templateNameProblem(name);
  if (nameProblem) {
    void vscode.window.showErrorMessage(
      `${OPERATION}: "${name}" is not a valid template name. ${nameProblem}`,
    );
    return undefined;
  }

  if (file.arn && !overrides.name && !(await confirmCreateWhileLinked(ctx, doc, file.arn)))
    return undefined;

  const local = await localVerdictWithin(ctx, doc.uri, LOCAL_VERDICT_TIMEOUT_MS);
  if (!local) {
    // Templates are immutable: never send one unchecked without saying so.
    const choice = await vscode.window.showWarningMessage(
      `The local validator could not check "${name}" (the language server is not running or does not know this file). Create it anyway?`,
      {
        modal: true,
        detail:
          'Run "Clean Rooms: Restart Language Server" and try again to see local errors first.',
      },
      'Create Anyway',
    );
    if (choice !== 'Create Anyway') return undefined;
  }
  const errors = (local?.diagnostics ?? []).filter((d) => d.severity === 'error');
  if (local?.verdict === 'INVALID' || errors.length) {
    const headline =
      local?.verdict === 'INVALID'
        ? `The local validator calls "${name}" INVALID for differential privacy. Create it anyway?`
        : `Local checks found ${errors.length} error(s) in "${name}". Create it anyway?`;
    const detail =
      errors
        .slice(0, 5)
        .map((d) => `Line ${d.range.start.line + 1}: ${d.code} ${d.message}`)
        .join('\n') + (errors.length > 5 ? `\n… and ${errors.length - 5} more` : '');
    const choice = await vscode.window.showWarningMessage(
      headline,
      { modal: true, detail },
      'Create Anyway',
      'Show Problems',
    );
    if (choice === 'Show Problems')
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== 'Create Anyway') return undefined;
  }

  const membershipId =
    overrides.membershipId ??
    file.membership ??
    (await pickMembership(ctx, OPERATION, 'Membership (collaboration) to create the template in'))
      ?.id;
  if (!membershipId) return undefined;
  const content = {
    name,
    description: overrides.description ?? file.description,
    parameters: overrides.parameters ?? file.parameters,
    body: file.body,
  };

  let created: RemoteTemplate;
  try {
    created = await withProgress(`Creating analysis template ${name}…`, async () =>
      createTemplate(await ctx.client(), membershipId, content, overrides.extras),
    );
  } catch (err) {
    ctx.reportFailure(OPERATION, err);
    return undefined;
  }
  ctx.log.info(`Created analysis template ${created.arn}`);
  ctx.refreshTree();

  const recorded = await recordInHeader(doc, {
    ...(overrides.name ? { name } : {}),
    membership: membershipId,
    arn: created.arn,
  });
  const verdicts = compareVerdicts(local?.verdict, created.validation);
  const message = `Created analysis template "${name}". ${verdicts.message}${recorded ? '' : ` Could not write its ARN into the file; add "-- @arn ${created.arn}" to the header.`}`;
  const show = verdicts.agree
    ? vscode.window.showInformationMessage
    : vscode.window.showWarningMessage;
  void show(message, 'Copy ARN').then((choice) =>
    choice ? vscode.env.clipboard.writeText(created.arn) : undefined,
  );
  return created;
}

/** The language server's verdict, or undefined (logged) when it fails or does not answer in time: creating must not hang on it. */
export async function localVerdictWithin(
  ctx: AwsContext,
  uri: vscode.Uri,
  ms: number,
): Promise<LocalVerdict | undefined> {
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
    ctx.log.warn(
      `Local validation unavailable: ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A file that already names an `@arn`: when that template no longer exists, offer to unlink the
 * file and create it (the only way forward); when it exists, say that creating makes a second one.
 */
async function confirmCreateWhileLinked(
  ctx: AwsContext,
  doc: vscode.TextDocument,
  arn: string,
): Promise<boolean> {
  let exists = true;
  try {
    exists = await withProgress('Checking the linked template in AWS…', async () =>
      templateExists(await ctx.client(), arn),
    );
  } catch (err) {
    ctx.log.warn(
      `Could not check whether ${arn} exists: ${ctx.failure('Checking the linked template', err).message}`,
    );
  }
  if (!exists) {
    const choice = await vscode.window.showWarningMessage(
      'The template this file is linked to no longer exists in AWS.',
      {
        modal: true,
        detail: `${arn}\n\nUnlink the file (remove its "-- @arn" line) and create it as a new template?`,
      },
      'Unlink and Create',
    );
    if (choice !== 'Unlink and Create') return false;
    return (await unlinkFiles([doc.uri])).length === 1;
  }
  const choice = await vscode.window.showWarningMessage(
    `This file is already linked to a template in AWS (its header has an @arn). Creating it again makes a second template.`,
    {
      modal: true,
      detail: `${arn}\n\nTo change the existing template, use "Update Analysis Template".`,
    },
    'Create Another',
    'Update Instead',
  );
  if (choice === 'Update Instead')
    await vscode.commands.executeCommand('cleanrooms.updateTemplate');
  return choice === 'Create Another';
}
