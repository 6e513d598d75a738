// The latest verdict per open template, as the server last sent it, and the server's state: what
// the status bar and the CodeLens line read. Verdicts of a stopped server are dropped.
import * as vscode from 'vscode';
import type { VerdictParams } from '../../common/protocol';
import type { ServerController } from './languageClient';
import type { ServerState } from './verdictView';

/** Files the language server always checks (plain `.sql` only by setting: those count once a verdict arrives). */
export function isTemplateDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'cleanrooms-sql';
}

export interface VerdictStore {
  get(uri: vscode.Uri): VerdictParams | undefined;
  state(): ServerState;
  /** Fires with the URI whose verdict changed, or undefined when all of them may have. */
  readonly onDidChange: vscode.Event<vscode.Uri | undefined>;
}

export function createVerdictStore(
  server: ServerController,
  subscriptions: vscode.Disposable[],
): VerdictStore {
  const verdicts = new Map<string, VerdictParams>();
  const changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  subscriptions.push(
    changed,
    server.onDidReceiveVerdict(({ uri, verdict }) => {
      // The server publishes only the newest analysis of a document, in order: the last one wins.
      verdicts.set(uri.toString(), verdict);
      changed.fire(uri);
    }),
    server.onDidChangeState((state) => {
      if (state !== 'running') verdicts.clear();
      changed.fire(undefined);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (verdicts.delete(doc.uri.toString())) changed.fire(doc.uri);
    }),
  );
  return {
    get: (uri) => verdicts.get(uri.toString()),
    state: () => server.state(),
    onDidChange: changed.event,
  };
}
