// Read-only documents showing a non-SQL template's metadata (Fetch of a PySpark template): a
// content provider's documents cannot be edited or saved, so nothing suggests the file can be
// sent back to AWS.
import * as vscode from 'vscode';
import { renderTemplateMetadata } from '../aws/templateMetadata';
import { templateFileName, type RemoteTemplate } from '../aws/templates';

const METADATA_SCHEME = 'cleanrooms-template';

const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

export function registerTemplateMetadataView(): vscode.Disposable {
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(METADATA_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) =>
        contents.get(uri.toString()) ??
        'This template view is no longer available; fetch the template again.',
    }),
  );
}

/** Opens (or refreshes) the read-only view of `t`. */
export async function showTemplateMetadata(t: RemoteTemplate): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({
    scheme: METADATA_SCHEME,
    path: `/${templateFileName(t.name).replace(/\.cleanrooms\.sql$/, '')}.md`,
    query: t.arn,
  });
  contents.set(uri.toString(), renderTemplateMetadata(t));
  changed.fire(uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  return vscode.window.showTextDocument(doc, { preview: false });
}
