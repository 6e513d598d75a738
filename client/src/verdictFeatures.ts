// The visible verdict: the store fed by the server's notifications, the status bar item, the
// CodeLens line and their two commands.
import * as vscode from 'vscode';
import { registerCreateSchemaFile } from './commands/createSchemaFile';
import { registerShowVerdict } from './commands/showVerdict';
import type { ServerController } from './languageClient';
import { registerVerdictCodeLens } from './verdictCodeLens';
import { createVerdictStatusBar } from './verdictStatusBar';
import { createVerdictStore } from './verdictStore';

export function activateVerdictFeatures(
  context: vscode.ExtensionContext,
  server: ServerController,
): void {
  const store = createVerdictStore(server, context.subscriptions);
  context.subscriptions.push(
    createVerdictStatusBar(store),
    registerVerdictCodeLens(store),
    registerShowVerdict(store),
    registerCreateSchemaFile(store),
  );
}
