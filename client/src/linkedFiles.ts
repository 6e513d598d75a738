// Local files linked to a template in AWS by their `-- @arn` header: finding them (open
// documents and workspace files) and unlinking them, so no file keeps naming a template that
// no longer exists.
import * as vscode from 'vscode';
import { parseTemplateFile, removeHeaderField } from './aws/templateFile';
import { isTemplateDocument } from './templateDocument';

const TEMPLATE_GLOB = '**/*.cleanrooms.sql';
const EXCLUDE_GLOB = '**/node_modules/**';

/** Every open template document and workspace `*.cleanrooms.sql` whose `@arn` is `arn`. */
export async function filesLinkedTo(arn: string): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  const open = new Set<string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (!isTemplateDocument(doc) || doc.isClosed) continue;
    open.add(doc.uri.toString());
    if (parseTemplateFile(doc.getText()).arn === arn) found.set(doc.uri.toString(), doc.uri);
  }
  for (const uri of await vscode.workspace.findFiles(TEMPLATE_GLOB, EXCLUDE_GLOB)) {
    if (open.has(uri.toString())) continue;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (parseTemplateFile(text).arn === arn) found.set(uri.toString(), uri);
    } catch {
      // A file that vanished or cannot be read links to nothing.
    }
  }
  return [...found.values()];
}

/**
 * Removes the `@arn` line from each file through the editor (undoable). Files that had no unsaved
 * edits are saved again; the others keep their unsaved state for the user. Returns those unlinked.
 */
export async function unlinkFiles(uris: vscode.Uri[]): Promise<vscode.Uri[]> {
  const done: vscode.Uri[] = [];
  for (const uri of uris) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const wasDirty = doc.isDirty;
    const edits = removeHeaderField(doc.getText(), 'arn');
    if (!edits.length) continue;
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits)
      edit.delete(uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)));
    if (!(await vscode.workspace.applyEdit(edit))) continue;
    if (!wasDirty) await doc.save();
    done.push(uri);
  }
  return done;
}

/** `a.cleanrooms.sql, b.cleanrooms.sql and 2 more`, workspace-relative. */
export function describeFiles(uris: vscode.Uri[], max = 3): string {
  const names = uris.slice(0, max).map((u) => vscode.workspace.asRelativePath(u));
  return uris.length > max ? `${names.join(', ')} and ${uris.length - max} more` : names.join(', ');
}
