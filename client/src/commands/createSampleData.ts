// Clean Rooms: Create Sample Data Files: the CSVs Run Locally reads, one per table of the
// template's schema file, with the column headers and no rows, for the user to fill in.
import * as vscode from 'vscode';
import { createSampleFiles } from '../local/sampleFiles';
import { activeTemplateDocument } from '../templateDocument';
import { requireTrustedWorkspace } from '../trust';
import { SCHEMA_FILE_NAME } from '../../../common/schemaFile';
import { findSchemaFile } from './runLocally';

const OPERATION = 'Create sample data files';

export function registerCreateSampleData(): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.createSampleData', async () => {
    if (!requireTrustedWorkspace(OPERATION)) return;
    const doc = activeTemplateDocument(OPERATION);
    if (!doc) return;
    const schemaPath = doc.uri.scheme === 'file' ? findSchemaFile(doc.uri) : undefined;
    if (!schemaPath) {
      void vscode.window.showErrorMessage(
        `${OPERATION}: no ${SCHEMA_FILE_NAME} found at or above this template's folder. Create it first (Clean Rooms: Create Schema File).`,
      );
      return;
    }
    const schema = vscode.Uri.file(schemaPath);
    const root =
      vscode.workspace.getWorkspaceFolder(schema)?.uri.fsPath ??
      vscode.Uri.joinPath(schema, '..').fsPath;
    let outcome;
    try {
      outcome = await createSampleFiles(schemaPath, root);
    } catch (e) {
      void vscode.window.showErrorMessage(
        `${OPERATION}: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    const rel = (paths: string[]) =>
      paths.map((p) => vscode.workspace.asRelativePath(p)).join(', ');
    if (outcome.refused.length)
      void vscode.window.showErrorMessage(
        `${OPERATION}: not written: ${outcome.refused.join('; ')}.`,
      );
    const first = outcome.created[0];
    if (first) await vscode.window.showTextDocument(vscode.Uri.file(first));
    void vscode.window.showInformationMessage(
      [
        outcome.created.length
          ? `Created ${rel(outcome.created)}: add sample rows under the header, then run Clean Rooms: Run Locally.`
          : '',
        outcome.kept.length ? `Already there, left unchanged: ${rel(outcome.kept)}.` : '',
      ]
        .filter(Boolean)
        .join(' ') || 'The schema file lists no tables.',
    );
  });
}
