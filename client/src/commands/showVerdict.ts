// Clean Rooms: Show DP Verdict (status bar and CodeLens click): the reasons in a quick pick; the
// chosen one is selected in the editor, or the chosen action runs.
import * as vscode from 'vscode';
import { verdictPicks, type PickTarget, type VerdictAction } from '../verdictView';
import type { VerdictStore } from '../verdictStore';

const ACTION_COMMANDS: Record<VerdictAction, (uri: vscode.Uri) => Thenable<unknown>> = {
  refreshSchema: () => vscode.commands.executeCommand('cleanrooms.refreshSchema'),
  createSchemaFile: (uri) => vscode.commands.executeCommand('cleanrooms.createSchemaFile', uri),
};

export function registerShowVerdict(store: VerdictStore): vscode.Disposable {
  return vscode.commands.registerCommand('cleanrooms.showVerdict', async (arg?: vscode.Uri) => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const verdict = uri && store.get(uri);
    if (!uri || !verdict) {
      void vscode.window.showInformationMessage(
        'No differential-privacy verdict yet: open a *.cleanrooms.sql template (the language server checks it as you type).',
      );
      return;
    }
    const rows = verdictPicks(verdict, uri.scheme === 'file');
    const nothing = verdict.reasons.length === 0;
    const picked = await vscode.window.showQuickPick(
      rows.map((row) => ({
        label: row.label,
        description: row.description,
        detail: row.detail,
        target: row.target,
      })),
      {
        title: `DP verdict: ${verdict.verdict.replace(/_/g, ' ')}`,
        placeHolder: nothing ? 'Nothing to fix in this template' : 'Go to a reason',
        matchOnDetail: true,
      },
    );
    if (picked) await open(uri, picked.target);
  });
}

async function open(uri: vscode.Uri, target: PickTarget): Promise<void> {
  if (target.kind === 'problems') {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  if (target.kind === 'action') {
    await ACTION_COMMANDS[target.action](uri);
    return;
  }
  const { start, end } = target.reason.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(uri, { selection: range });
}
