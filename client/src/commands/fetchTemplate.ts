// Clean Rooms: Fetch Analysis Template: from the Clean Rooms view, or by ARN (the caller's own
// templates and those of every collaboration the caller is a member of). A SQL template is
// written to `<name>.cleanrooms.sql` (header + the SQL exactly as AWS holds it); any other
// format (PySpark) opens as a read-only view of its metadata.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import { parseTemplateArn } from '../aws/collaborations';
import {
  getCollaborationTemplate,
  getTemplateByArn,
  isSqlTemplate,
  templateFileFor,
  type RemoteTemplate,
} from '../aws/templates';
import { writeWithConsent } from '../safeWrite';
import { targetFolder, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import type { TreeNode } from '../views/collaborationsTree';
import { showTemplateMetadata } from '../views/templateMetadata';

const OPERATION = 'Fetch analysis template';

export function registerFetchTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.fetchTemplate', async (node?: TreeNode) => {
    if (!requireTrustedWorkspace(OPERATION)) return;
    let remote: RemoteTemplate;
    try {
      if (node?.kind === 'template') {
        const t = node.template;
        remote = await withProgress(`Fetching analysis template ${t.name}…`, async () =>
          getCollaborationTemplate(await ctx.client(), t.collaborationId, t.arn),
        );
      } else {
        const arn = await vscode.window.showInputBox({
          title: OPERATION,
          prompt: 'ARN of the analysis template',
          placeHolder: 'arn:aws:cleanrooms:us-east-1:111122223333:membership/…/analysistemplate/…',
          ignoreFocusOut: true,
          validateInput: (v) =>
            parseTemplateArn(v)
              ? undefined
              : 'Enter an analysis template ARN: arn:aws:cleanrooms:REGION:ACCOUNT:membership/ID/analysistemplate/ID',
        });
        if (!arn) return;
        remote = await withProgress('Fetching analysis template…', async () =>
          getTemplateByArn(await ctx.client(), arn.trim()),
        );
      }
    } catch (err) {
      ctx.reportFailure(OPERATION, err);
      return;
    }

    if (!isSqlTemplate(remote)) {
      await showTemplateMetadata(remote);
      return;
    }
    const folder = await targetFolder();
    if (!folder) return;
    const file = templateFileFor(remote);
    const target = vscode.Uri.joinPath(folder, file.fileName);
    try {
      const outcome = await writeWithConsent(
        target,
        file.text,
        `the template "${remote.name}" from AWS`,
      );
      if (outcome === 'cancelled') return;
      await vscode.window.showTextDocument(target, { preview: false });
    } catch (err) {
      ctx.reportFailure(`${OPERATION} (writing ${file.fileName})`, err);
      return;
    }
    if (!file.bodyRoundTrips) {
      void vscode.window.showWarningMessage(
        `${file.fileName}: the SQL of "${remote.name}" starts with a comment or blank line, which this file format reads as header. Creating from this file would send the SQL without it.`,
      );
    }
  });
}
