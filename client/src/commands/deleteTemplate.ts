// Clean Rooms: Delete Analysis Template: the template selected in the view, or the one the
// active file's `@arn` names. One confirmation covers the deletion and unlinking every open or
// workspace file whose `@arn` names it, so no file is left pointing at a deleted template.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import { parseTemplateArn } from '../aws/collaborations';
import { deleteTemplate } from '../aws/templates';
import { describeFiles, filesLinkedTo, unlinkFiles } from '../linkedFiles';
import { withProgress } from '../templateDocument';
import type { TreeNode } from '../views/collaborationsTree';
import { templateTarget } from './templateTarget';

const OPERATION = 'Delete analysis template';

export function registerDeleteTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.deleteTemplate', async (node?: TreeNode) => {
    const target = templateTarget(OPERATION, node);
    if (!target) return;
    await deleteWithLinkedFiles(ctx, target, {
      operation: OPERATION,
      question: `Delete the analysis template "${target.name}"?`,
      detail: '',
    });
  });
}

export interface DeletePrompt {
  operation: string;
  question: string;
  /** Said before the list of linked files. */
  detail: string;
}

/** Asks once, deletes the template, then unlinks the files that named it. Returns whether it was deleted. */
export async function deleteWithLinkedFiles(
  ctx: AwsContext,
  target: { arn: string; name: string },
  prompt: DeletePrompt,
): Promise<boolean> {
  const parts = parseTemplateArn(target.arn);
  if (!parts) {
    void vscode.window.showErrorMessage(
      `${prompt.operation}: "${target.arn}" is not an analysis template ARN.`,
    );
    return false;
  }
  const linked = await filesLinkedTo(target.arn);
  // Restricted Mode: no command edits the files of a folder the user has not trusted (trust.ts).
  const trusted = vscode.workspace.isTrusted;
  const fate = trusted
    ? 'their "-- @arn" line will be removed'
    : 'Restricted Mode: they are left as they are';
  const linkedText = linked.length
    ? `\n\n${linked.length} local file(s) link to it (${describeFiles(linked)}): ${fate}.`
    : '';
  const confirmed = await vscode.window.showWarningMessage(
    prompt.question,
    { modal: true, detail: `${prompt.detail}${target.arn}${linkedText}\n\nThis cannot be undone.` },
    'Delete',
  );
  if (confirmed !== 'Delete') return false;
  try {
    await withProgress(`Deleting ${target.name}…`, async () =>
      deleteTemplate(await ctx.client(), parts.membershipId, parts.templateId),
    );
  } catch (err) {
    ctx.reportFailure(prompt.operation, err);
    return false;
  }
  ctx.log.info(`Deleted analysis template ${target.arn}`);
  ctx.refreshTree();
  const unlinked = trusted ? await unlinkFiles(linked) : [];
  const unlinkedText = unlinked.length ? ` Unlinked ${describeFiles(unlinked)}.` : '';
  const missed = linked.length - unlinked.length;
  const show = missed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(
    `Deleted the analysis template "${target.name}".${unlinkedText}${missed ? ` ${missed} file(s) could not be edited; remove their "-- @arn" line by hand.` : ''}`,
  );
  return true;
}
