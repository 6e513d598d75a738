// The results table: a webview panel per result with sortable columns, the row count, Copy
// (tab-separated, to the clipboard) and Save as CSV. Saving goes through a save dialog and only
// into an open workspace folder, so a result never lands somewhere the user did not choose.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { toCsv, type ResultTable } from '../aws/results';
import { requireTrustedWorkspace } from '../trust';
import { resultsHtml } from './resultsHtml';

export interface ResultsInput {
  title: string;
  source: string;
  table: ResultTable;
  /** File name offered in the save dialog, without `.csv`. */
  fileStem: string;
}

export function showResults(input: ResultsInput): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    'cleanrooms.results',
    input.title,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [],
    },
  );
  panel.webview.html = resultsHtml({ ...input, nonce: randomBytes(16).toString('base64') });
  panel.webview.onDidReceiveMessage(
    async (message: { type?: string; text?: unknown; order?: unknown }) => {
      if (message.type === 'copy' && typeof message.text === 'string') {
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage('Clean Rooms: result copied to the clipboard', 3000);
      } else if (message.type === 'save') {
        await saveAsCsv(input, rowOrder(message.order, input.table.rows.length));
      }
    },
  );
  return panel;
}

/** The row order the page sent, if it is a permutation of the rows; else the original order. */
function rowOrder(order: unknown, count: number): number[] {
  const identity = Array.from({ length: count }, (_, i) => i);
  if (!Array.isArray(order) || order.length !== count) return identity;
  const seen = new Set<number>();
  for (const i of order) {
    if (!Number.isInteger(i) || i < 0 || i >= count || seen.has(i)) return identity;
    seen.add(i);
  }
  return order as number[];
}

async function saveAsCsv(input: ResultsInput, order: number[]): Promise<void> {
  if (!requireTrustedWorkspace('Save as CSV')) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showErrorMessage(
      'Save as CSV: open a folder first; results are saved inside the workspace only. Use Copy to take them elsewhere.',
    );
    return;
  }
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folders[0].uri, `${input.fileStem}.csv`),
    filters: { CSV: ['csv'] },
    saveLabel: 'Save Result',
    title: `Save ${input.title} as CSV`,
  });
  if (!target) return;
  if (!insideWorkspace(target)) {
    void vscode.window.showErrorMessage(
      `Save as CSV: ${target.fsPath} is outside the open workspace folders. Choose a place inside the workspace.`,
    );
    return;
  }
  const csv = toCsv(
    input.table.columns,
    order.map((i) => input.table.rows[i]),
  );
  await vscode.workspace.fs.writeFile(target, Buffer.from(csv, 'utf8'));
  void vscode.window.showInformationMessage(
    `Saved ${input.table.rows.length} row(s) to ${vscode.workspace.asRelativePath(target)}.`,
  );
}

function insideWorkspace(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return Boolean(
    folder &&
    folder.uri.scheme === uri.scheme &&
    !vscode.workspace.asRelativePath(uri, false).startsWith('..'),
  );
}
