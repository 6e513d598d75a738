// Clean Rooms: Update Analysis Template. AWS lets only the description of a template change. If
// the SQL, parameters or name differ, the command says so and offers to create the file as a
// new template, then (after a second confirmation) to delete the old one.
import * as vscode from 'vscode';
import type { AwsContext } from '../awsFeatures';
import { parseTemplateArn } from '../aws/collaborations';
import { compareTemplates, parseTemplateFile } from '../aws/templateFile';
import { deleteTemplate, getTemplate, nextVersionName, templateNameProblem, updateTemplateDescription, type RemoteTemplate } from '../aws/templates';
import { activeTemplateDocument, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import { createFromDocument } from './createTemplate';

const OPERATION = 'Update analysis template';

export function registerUpdateTemplate(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.updateTemplate', async () => {
    if (!requireTrustedWorkspace(OPERATION)) return;
    const doc = activeTemplateDocument(OPERATION);
    if (!doc) return;
    const file = parseTemplateFile(doc.getText());
    const parts = file.arn ? parseTemplateArn(file.arn) : undefined;
    if (!parts) {
      const choice = await vscode.window.showErrorMessage(
        `${OPERATION}: ${file.arn ? `"${file.arn}" is not an analysis template ARN` : 'this file has no "-- @arn" header line, so it is not linked to a template in AWS'}. Create it first.`,
        'Create Analysis Template',
      );
      if (choice) await vscode.commands.executeCommand('cleanrooms.createTemplate');
      return;
    }

    let remote: RemoteTemplate;
    try {
      remote = await withProgress('Reading the template from AWS…', () => getTemplate(ctx.session().client, parts.membershipId, parts.templateId));
    } catch (err) {
      ctx.reportFailure(OPERATION, err);
      return;
    }
    const local = { name: file.name ?? '', description: file.description, parameters: file.parameters, body: file.body };
    const diff = compareTemplates(local, remote);

    if (!diff.immutableDifferences.length) {
      if (!diff.descriptionDiffers) {
        void vscode.window.showInformationMessage(`"${remote.name}" in AWS already matches this file; nothing to update.`);
        return;
      }
      await updateDescription(ctx, parts.membershipId, parts.templateId, file.description ?? '');
      return;
    }

    const createNew = 'Create as New Template';
    const descriptionOnly = 'Update Description Only';
    const choice = await vscode.window.showWarningMessage(
      `"${remote.name}" cannot be changed in place: AWS analysis templates are immutable except for their description.`,
      {
        modal: true,
        detail: `This file differs from the template in AWS in: ${diff.immutableDifferences.join(', ')}.\n\nYou can create this file as a new template, and then delete the old one.`,
      },
      createNew,
      ...(diff.descriptionDiffers ? [descriptionOnly] : []),
    );
    if (choice === descriptionOnly) {
      await updateDescription(ctx, parts.membershipId, parts.templateId, file.description ?? '');
      return;
    }
    if (choice !== createNew) return;

    const newName = await vscode.window.showInputBox({
      title: 'Name of the new template',
      value: local.name && local.name !== remote.name ? local.name : nextVersionName(remote.name),
      ignoreFocusOut: true,
      validateInput: (v) => (v === remote.name ? 'Choose a name different from the old template.' : templateNameProblem(v)),
    });
    if (!newName) return;
    const created = await createFromDocument(ctx, doc, { name: newName, membershipId: parts.membershipId });
    if (!created) return;

    const remove = await vscode.window.showWarningMessage(
      `Delete the old template "${remote.name}"?`,
      { modal: true, detail: `${remote.arn}\n\nThe new template "${created.name}" was created. Anything that refers to the old ARN will stop finding it. This cannot be undone.` },
      'Delete Old Template',
    );
    if (!remove) return;
    try {
      await withProgress(`Deleting ${remote.name}…`, () => deleteTemplate(ctx.session().client, parts.membershipId, parts.templateId));
      ctx.refreshTree();
      void vscode.window.showInformationMessage(`Deleted the old template "${remote.name}".`);
    } catch (err) {
      ctx.reportFailure('Delete old analysis template', err);
    }
  });
}

async function updateDescription(ctx: AwsContext, membershipId: string, templateId: string, description: string): Promise<void> {
  try {
    const updated = await withProgress('Updating the description…', () => updateTemplateDescription(ctx.session().client, membershipId, templateId, description));
    ctx.refreshTree();
    void vscode.window.showInformationMessage(`Updated the description of "${updated.name}".`);
  } catch (err) {
    ctx.reportFailure(OPERATION, err);
  }
}
