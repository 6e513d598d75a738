// The line at the top of a template: its verdict (click: the reasons) and, when no schema file
// describes its tables, the actions that make one.
import * as vscode from 'vscode';
import { ACTION_TITLES, lensView, statusView, type VerdictAction } from './verdictView';
import { isTemplateDocument, type VerdictStore } from './verdictStore';

const ACTION_COMMANDS: Record<VerdictAction, string> = {
  refreshSchema: 'cleanrooms.refreshSchema',
  createSchemaFile: 'cleanrooms.createSchemaFile',
};

export function registerVerdictCodeLens(store: VerdictStore): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(doc) {
      const top = new vscode.Range(0, 0, 0, 0);
      const verdict = store.get(doc.uri);
      if (!verdict) {
        if (!isTemplateDocument(doc)) return [];
        const view = statusView(store.state(), undefined);
        const command = view.click === 'restart' ? 'cleanrooms.restartLanguageServer' : '';
        return [new vscode.CodeLens(top, { title: view.text, tooltip: view.tooltip, command })];
      }
      const view = lensView(verdict, doc.uri.scheme === 'file');
      return [
        new vscode.CodeLens(top, {
          title: view.title,
          tooltip: view.tooltip,
          command: 'cleanrooms.showVerdict',
          arguments: [doc.uri],
        }),
        // Refresh Schema asks for the collaboration itself; the starter file goes beside this template.
        ...view.actions.map(
          (action) =>
            new vscode.CodeLens(top, {
              title: ACTION_TITLES[action],
              command: ACTION_COMMANDS[action],
              arguments: action === 'createSchemaFile' ? [doc.uri] : [],
            }),
        ),
      ];
    },
  };
  return vscode.Disposable.from(
    changed,
    store.onDidChange(() => changed.fire()),
    vscode.languages.registerCodeLensProvider(
      [{ language: 'cleanrooms-sql' }, { language: 'sql' }],
      provider,
    ),
  );
}
