// The status bar item `DP: VALID` / `DP: INVALID · 2` / … for the active template (see verdictView).
import * as vscode from 'vscode';
import { statusView, type Tone } from './verdictView';
import { isTemplateDocument, type VerdictStore } from './verdictStore';

const BACKGROUND: Record<Tone, vscode.ThemeColor | undefined> = {
  ok: undefined,
  neutral: undefined,
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
};

export function createVerdictStatusBar(store: VerdictStore): vscode.Disposable {
  // Left of the AWS session item (priority 10), so the verdict sits next to the editor's own items.
  const item = vscode.window.createStatusBarItem(
    'cleanrooms.verdict',
    vscode.StatusBarAlignment.Left,
    11,
  );
  item.name = 'Clean Rooms DP Verdict';
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const verdict = doc && store.get(doc.uri);
    if (!doc || (!verdict && !isTemplateDocument(doc))) {
      item.hide();
      return;
    }
    const view = statusView(store.state(), verdict);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = BACKGROUND[view.tone];
    item.command =
      view.click === 'restart'
        ? 'cleanrooms.restartLanguageServer'
        : view.click === 'reasons'
          ? { title: 'Show the verdict', command: 'cleanrooms.showVerdict', arguments: [doc.uri] }
          : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    store.onDidChange((uri) => {
      if (!uri || uri.toString() === vscode.window.activeTextEditor?.document.uri.toString())
        update();
    }),
    vscode.window.onDidChangeActiveTextEditor(update),
  );
}
