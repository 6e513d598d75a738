// Clean Rooms: Copy ARN: of the template selected in the view, or the active file's `@arn`.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import type { TreeNode } from '../views/collaborationsTree';
import { templateTarget } from './templateTarget';

export function registerCopyArn(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.copyArn', async (node?: TreeNode) => {
    const target = templateTarget('Copy ARN', node);
    if (!target) return;
    await vscode.env.clipboard.writeText(target.arn);
    ctx.log.info(`Copied ARN of ${target.name}`);
    void vscode.window.showInformationMessage(`Copied the ARN of "${target.name}".`);
  });
}
