// Clean Rooms: Refresh Schema: reads a collaboration's tables and analysis rules and writes
// `cleanrooms.schema.json`, so completion and the DP checks use the real tables and
// user-identifier columns. The file goes next to the nearest existing one, else to the
// workspace folder.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { SCHEMA_FILE_NAME, schemaCandidates } from '../../../common/schemaFile';
import type { AwsContext } from '../awsContext';
import { readCollaborationSchema, renderSchemaFile } from '../aws/schemas';
import { writeWithConsent } from '../safeWrite';
import { targetFolder, withProgress } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import type { TreeNode } from '../views/collaborationsTree';
import { pickMembership } from './pickMembership';

const OPERATION = 'Refresh schema';

export function registerRefreshSchema(ctx: AwsContext): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.refreshSchema', async (node?: TreeNode) => {
    if (!requireTrustedWorkspace(OPERATION)) return;
    const collaboration =
      node?.kind === 'collaboration'
        ? { id: node.collaboration.id, name: node.collaboration.name }
        : await pickCollaboration(ctx);
    if (!collaboration) return;
    let result;
    try {
      result = await withProgress(`Reading the tables of ${collaboration.name}…`, async () =>
        readCollaborationSchema(await ctx.client(), collaboration.id),
      );
    } catch (err) {
      ctx.reportFailure(OPERATION, err);
      return;
    }
    const target = await schemaTarget();
    if (!target) return;
    try {
      const outcome = await writeWithConsent(
        target,
        renderSchemaFile(result.schema),
        `the tables of "${collaboration.name}"`,
      );
      if (outcome === 'cancelled') return;
    } catch (err) {
      ctx.reportFailure(`${OPERATION} (writing ${SCHEMA_FILE_NAME})`, err);
      return;
    }
    const tables = result.schema.tables;
    const dp = tables.filter((t) => t.differentialPrivacy).length;
    const hidden = tables.filter((t) => t.disallowedOutputColumns?.length).length;
    const listed = tables.filter(
      (t) => t.allowedAnalyses && !t.allowedAnalyses.includes('ANY_QUERY'),
    ).length;
    for (const w of result.warnings) ctx.log.warn(`${OPERATION}: ${w}`);
    const rules = [
      hidden ? `${hidden} with disallowed output columns` : '',
      listed ? `${listed} allowing only listed templates` : '',
    ].filter(Boolean);
    const summary = `Wrote ${vscode.workspace.asRelativePath(target)}: ${tables.length} table(s), ${dp} with differential privacy${rules.length ? `, ${rules.join(', ')}` : ''}.`;
    if (result.warnings.length)
      void vscode.window.showWarningMessage(
        `${summary} Not written (${result.warnings.length}): ${result.warnings.slice(0, 3).join('; ')}`,
      );
    else void vscode.window.showInformationMessage(summary);
  });
}

async function pickCollaboration(
  ctx: AwsContext,
): Promise<{ id: string; name: string } | undefined> {
  const m = await pickMembership(ctx, OPERATION, 'Collaboration whose tables to read');
  return m && { id: m.collaborationId, name: m.collaborationName };
}

/** The schema file nearest above the active template inside its workspace folder, else the folder's root. */
async function schemaTarget(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = active && vscode.workspace.getWorkspaceFolder(active);
  if (active?.scheme === 'file' && folder) {
    for (const path of schemaCandidates(dirname(active.fsPath), folder.uri.fsPath)) {
      const candidate = vscode.Uri.file(path);
      if (await exists(candidate)) return candidate;
    }
  }
  const root = await targetFolder();
  return root && vscode.Uri.joinPath(root, SCHEMA_FILE_NAME);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
