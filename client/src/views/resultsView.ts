// The results table: a webview panel per result with sortable columns, the row count, Copy
// (tab-separated, to the clipboard) and Save as CSV. The rows stay here and reach the page a page
// at a time (resultPages.ts): a million-row result opens at once and never blocks the editor.
// Saving goes through a save dialog and only into an open workspace folder, so a result never
// lands somewhere the user did not choose.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { csvRecord, type ResultTable } from '../aws/results';
import { requireTrustedWorkspace } from '../trust';
import { joinRows, pageOf, sortedOrder, type SortState } from './resultPages';
import { resultsHtml, type RowsMessage } from './resultsHtml';

export interface ResultsInput {
  title: string;
  source: string;
  table: ResultTable;
  /** File name offered in the save dialog, without `.csv`. */
  fileStem: string;
}

const tsvRecord = (row: readonly string[]) =>
  row.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t');

export function showResults(input: ResultsInput): vscode.WebviewPanel {
  const { table } = input;
  const panel = vscode.window.createWebviewPanel(
    'cleanrooms.results',
    input.title,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [],
    },
  );
  panel.webview.html = resultsHtml({
    title: input.title,
    source: input.source,
    columns: table.columns,
    first: pageOf(table, undefined, 0),
    nonce: randomBytes(16).toString('base64'),
  });
  // The current order of all rows (undefined: as the result came); a newer sort supersedes one still running.
  let order: number[] | undefined;
  let sort: SortState | undefined;
  let sorting = 0;
  const post = (message: RowsMessage) => void panel.webview.postMessage(message);
  panel.webview.onDidReceiveMessage(
    async (message: { type?: string; start?: unknown; column?: unknown }) => {
      if (message.type === 'more' && typeof message.start === 'number') {
        post({ type: 'rows', ...pageOf(table, order, message.start) });
      } else if (
        message.type === 'sort' &&
        Number.isInteger(message.column) &&
        (message.column as number) >= 0 &&
        (message.column as number) < table.columns.length
      ) {
        const column = message.column as number;
        const next: SortState = {
          column,
          dir: sort?.column === column ? (-sort.dir as 1 | -1) : 1,
        };
        const mine = ++sorting;
        const sorted = await sortedOrder(table.rows, next);
        if (mine !== sorting) return;
        [order, sort] = [sorted, next];
        post({ type: 'rows', ...pageOf(table, order, 0), sort });
      } else if (message.type === 'copy') {
        await vscode.env.clipboard.writeText(await joinRows(table, order, tsvRecord, '\n'));
        void vscode.window.setStatusBarMessage('Clean Rooms: result copied to the clipboard', 3000);
      } else if (message.type === 'save') {
        await saveAsCsv(input, order);
      }
    },
  );
  return panel;
}

async function saveAsCsv(input: ResultsInput, order: number[] | undefined): Promise<void> {
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
  const csv = `${await joinRows(input.table, order, csvRecord, '\r\n')}\r\n`;
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
