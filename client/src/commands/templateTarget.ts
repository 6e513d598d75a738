// Which template a view-or-editor command acts on: the node it was invoked on in the Clean
// Rooms view, else the template the active file's `@arn` names.
import * as vscode from 'vscode';
import { parseTemplateFile } from '../aws/templateFile';
import { activeTemplateDocument } from '../templateDocument';
import type { TreeNode } from '../views/collaborationsTree';

export function templateTarget(
  operation: string,
  node: TreeNode | undefined,
): { arn: string; name: string } | undefined {
  if (node?.kind === 'template') return { arn: node.template.arn, name: node.template.name };
  const doc = activeTemplateDocument(operation);
  if (!doc) return undefined;
  const file = parseTemplateFile(doc.getText());
  if (!file.arn) {
    void vscode.window.showErrorMessage(
      `${operation}: the active file has no "-- @arn" header line. Select a template in the Clean Rooms view instead.`,
    );
    return undefined;
  }
  return { arn: file.arn, name: file.name ?? file.arn };
}
