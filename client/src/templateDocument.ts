// Editor-side helpers the template commands share: find the template being edited, choose the
// folder generated files go to, write header fields back without touching anything else, and
// show progress for AWS calls.
import * as vscode from 'vscode';
import { headerEdits } from './aws/templateFile';

export function isTemplateDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'cleanrooms-sql' || doc.uri.path.endsWith('.cleanrooms.sql');
}

/** The active `*.cleanrooms.sql` document, or undefined after telling the user what to open. */
export function activeTemplateDocument(operation: string): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isTemplateDocument(doc)) return doc;
  void vscode.window.showErrorMessage(
    `${operation}: open a *.cleanrooms.sql file in the editor first.`,
  );
  return undefined;
}

/** The workspace folder for generated files: the active file's, the only one, or the user's choice. */
export async function targetFolder(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  if (owner) return owner.uri;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1)
    return (
      await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to write the file to' })
    )?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Write Here',
  });
  return picked?.[0];
}

/**
 * Sets `@name` / `@membership` / `@arn` in the document's header through a WorkspaceEdit on
 * the live buffer, so unsaved edits stay and the change is undoable. A document that was
 * saved before is saved again; one with unsaved edits is left for the user to save.
 */
export async function recordInHeader(
  doc: vscode.TextDocument,
  fields: { name?: string; membership?: string; arn?: string },
): Promise<boolean> {
  const wasDirty = doc.isDirty;
  const edits = headerEdits(doc.getText(), fields);
  if (!edits.length) return true;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits)
    edit.replace(
      doc.uri,
      new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)),
      e.newText,
    );
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied && !wasDirty) await doc.save();
  return applied;
}

export function withProgress<T>(title: string, task: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: false },
    task,
  );
}
