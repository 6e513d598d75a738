// Clean Rooms: Delete Analysis Template: the template selected in the view, or the one the
// active file's `@arn` names. Always asks first.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsFeatures';
import { parseTemplateArn } from '../aws/collaborations';
import { deleteTemplate } from '../aws/templates';
import { withProgress } from '../templateDocument';
import type { TreeNode } from '../views/collaborationsTree';
import { templateTarget } from './templateTarget';

const OPERATION = 'Delete analysis template';

export function registerDeleteTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.deleteTemplate', async (node?: TreeNode) => {
    const target = templateTarget(OPERATION, node);
    if (!target) return;
    const parts = parseTemplateArn(target.arn);
    if (!parts) {
      void vscode.window.showErrorMessage(`${OPERATION}: "${target.arn}" is not an analysis template ARN.`);
      return;
    }
    const confirmed = await vscode.window.showWarningMessage(
      `Delete the analysis template "${target.name}"?`,
      { modal: true, detail: `${target.arn}\n\nThis cannot be undone.` },
      'Delete',
    );
    if (confirmed !== 'Delete') return;
    try {
      await withProgress(`Deleting ${target.name}…`, () => deleteTemplate(ctx.session().client, parts.membershipId, parts.templateId));
    } catch (err) {
      ctx.reportFailure(OPERATION, err);
      return;
    }
    ctx.refreshTree();
    void vscode.window.showInformationMessage(`Deleted the analysis template "${target.name}".`);
  });
}
