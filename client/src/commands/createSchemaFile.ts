// Clean Rooms: Create Schema File: a starter cleanrooms.schema.json beside the template, listing
// the tables the template reads; only on the user's click, never replacing anything.
import * as vscode from 'vscode';
import { createStarterSchema } from '../schemaStarter';
import { SCHEMA_FILE_NAME } from '../../../common/schemaFile';
import type { VerdictStore } from '../verdictStore';

export function registerCreateSchemaFile(store: VerdictStore): vscode.Disposable {
  return vscode.commands.registerCommand(
    'cleanrooms.createSchemaFile',
    async (arg?: vscode.Uri) => {
      const template =
        arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (template?.scheme !== 'file') {
        void vscode.window.showErrorMessage(
          `Create ${SCHEMA_FILE_NAME}: open a template saved on disk first.`,
        );
        return;
      }
      let outcome;
      try {
        outcome = createStarterSchema(
          template.fsPath,
          store.get(template)?.unknownTables ?? [],
          vscode.workspace.getWorkspaceFolder(template)?.uri.fsPath,
        );
      } catch (e) {
        void vscode.window.showErrorMessage(
          `Create ${SCHEMA_FILE_NAME}: ${e instanceof Error ? e.message : String(e)}`,
        );
        return;
      }
      const file = vscode.Uri.file(outcome.path);
      if (!outcome.created && outcome.reason === 'symlink') {
        void vscode.window.showErrorMessage(
          `Create ${SCHEMA_FILE_NAME}: not written, because ${vscode.workspace.asRelativePath(file)} would be reached through a symbolic link. Create the file yourself where it belongs.`,
        );
        return;
      }
      await vscode.window.showTextDocument(file);
      void vscode.window.showInformationMessage(
        outcome.created
          ? `Created ${vscode.workspace.asRelativePath(file)}. Set each table's "userIdColumn" (or remove "differentialPrivacy" for a table without differential privacy); the verdict updates as you save.`
          : `${vscode.workspace.asRelativePath(file)} already exists; it was not changed.`,
      );
    },
  );
}
