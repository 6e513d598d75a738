// Clean Rooms: Update Analysis Template. AWS lets only the description of a template change. If
// the SQL, parameters or name differ, the command says so and offers to create the file as a
// new template that keeps everything AWS holds beyond the file (synthetic-data parameters, error
// message configuration, tags, and description and parameters when the file has none), reads it
// back, and only then offers to delete the old one. A file whose template is gone is offered
// "Unlink and Create".
import * as vscode from 'vscode';
import type { AwsContext } from '../awsContext';
import { parseTemplateArn } from '../aws/collaborations';
import { compareTemplates, parseTemplateFile } from '../aws/templateFile';
import {
  formatLabel,
  getTemplate,
  isSqlTemplate,
  nextVersionName,
  planReplacement,
  templateNameProblem,
  templateTags,
  updateTemplateDescription,
  type RemoteTemplate,
} from '../aws/templates';
import { unlinkFiles } from '../linkedFiles';
import { activeTemplateDocument, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import { createFromDocument } from './createTemplate';
import { deleteWithLinkedFiles } from './deleteTemplate';

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
      remote = await withProgress('Reading the template from AWS…', async () =>
        getTemplate(await ctx.client(), parts.membershipId, parts.templateId),
      );
    } catch (err) {
      if ((err as { name?: string }).name === 'ResourceNotFoundException')
        await offerUnlinkAndCreate(doc, file.arn!);
      else ctx.reportFailure(OPERATION, err);
      return;
    }
    if (!isSqlTemplate(remote)) {
      void vscode.window.showErrorMessage(
        `${OPERATION}: "${remote.name}" is a ${formatLabel(remote.format)} template; a .cleanrooms.sql file cannot update it.`,
      );
      return;
    }
    const local = {
      name: file.name ?? '',
      description: file.description,
      parameters: file.parameters,
      body: file.body,
    };
    const diff = compareTemplates(local, remote);

    if (!diff.immutableDifferences.length) {
      if (!diff.descriptionDiffers) {
        void vscode.window.showInformationMessage(
          `"${remote.name}" in AWS already matches this file; nothing to update.`,
        );
        return;
      }
      await updateDescription(ctx, parts.membershipId, parts.templateId, file.description ?? '');
      return;
    }

    let tags: Record<string, string>;
    try {
      tags = await withProgress("Reading the template's tags…", async () =>
        templateTags(await ctx.client(), remote.arn),
      );
    } catch (err) {
      ctx.reportFailure(
        `${OPERATION}: could not read the old template's tags, so a new template would lose them; nothing was created. Reading tags`,
        err,
      );
      return;
    }
    const plan = planReplacement(local, remote, tags);

    const createNew = 'Create as New Template';
    const descriptionOnly = 'Update Description Only';
    const carried = plan.carried.length
      ? `\n\nThe new template keeps from the old one: ${plan.carried.join(', ')}.`
      : '';
    const refused = plan.refusal
      ? `\n\nIt cannot be replaced by a new template: ${plan.refusal}.`
      : '';
    const choice = await vscode.window.showWarningMessage(
      `"${remote.name}" cannot be changed in place: AWS analysis templates are immutable except for their description.`,
      {
        modal: true,
        detail: `This file differs from the template in AWS in: ${diff.immutableDifferences.join(', ')}.${refused || `\n\nYou can create this file as a new template, and then delete the old one.${carried}`}`,
      },
      ...(plan.refusal ? [] : [createNew]),
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
      validateInput: (v) =>
        v === remote.name
          ? 'Choose a name different from the old template.'
          : templateNameProblem(v),
    });
    if (!newName) return;
    const created = await createFromDocument(ctx, doc, {
      name: newName,
      membershipId: parts.membershipId,
      description: plan.content.description,
      parameters: plan.content.parameters,
      extras: plan.extras,
    });
    if (!created) return;

    // The old template goes only once the new one is confirmed to exist in AWS.
    try {
      await withProgress('Reading the new template back…', async () =>
        getTemplate(await ctx.client(), parts.membershipId, created.id),
      );
    } catch (err) {
      ctx.reportFailure(
        `${OPERATION}: the new template "${created.name}" could not be read back, so the old one was kept. Reading it`,
        err,
      );
      return;
    }
    await deleteWithLinkedFiles(
      ctx,
      { arn: remote.arn, name: remote.name },
      {
        operation: 'Delete old analysis template',
        question: `Delete the old template "${remote.name}"?`,
        detail: `The new template "${created.name}" was created and read back. Anything that refers to the old ARN will stop finding it.\n\n`,
      },
    );
  });
}

async function offerUnlinkAndCreate(doc: vscode.TextDocument, arn: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    'The template this file is linked to no longer exists in AWS, so there is nothing to update.',
    {
      modal: true,
      detail: `${arn}\n\nUnlink the file (remove its "-- @arn" line) and create it as a new template?`,
    },
    'Unlink and Create',
  );
  if (choice !== 'Unlink and Create') return;
  if ((await unlinkFiles([doc.uri])).length)
    await vscode.commands.executeCommand('cleanrooms.createTemplate');
}

async function updateDescription(
  ctx: AwsContext,
  membershipId: string,
  templateId: string,
  description: string,
): Promise<void> {
  try {
    const updated = await withProgress('Updating the description…', async () =>
      updateTemplateDescription(await ctx.client(), membershipId, templateId, description),
    );
    ctx.refreshTree();
    void vscode.window.showInformationMessage(`Updated the description of "${updated.name}".`);
  } catch (err) {
    ctx.reportFailure(OPERATION, err);
  }
}
