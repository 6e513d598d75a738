// Activation: wires the language client, its commands and the AWS features. Nothing else.
import * as vscode from 'vscode';
import { activateAwsFeatures } from './awsFeatures';
import { createServerController, type ServerController } from './languageClient';
import { activateVerdictFeatures } from './verdictFeatures';

let server: ServerController | undefined;

/** What `activate` returns: the extension's API, used by the integration tests in test/vscode. */
export interface ExtensionApi {
  collaborationsTree: vscode.TreeDataProvider<unknown>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const log = vscode.window.createOutputChannel('Clean Rooms', { log: true });
  context.subscriptions.push(log);
  const controller = createServerController(context, log);
  server = controller;
  context.subscriptions.push(
    vscode.commands.registerCommand('cleanrooms.restartLanguageServer', () => controller.restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when the client starts.
      if (e.affectsConfiguration('cleanrooms.enableForSqlFiles')) void controller.restart();
    }),
  );
  activateVerdictFeatures(context, controller);
  const collaborationsTree = activateAwsFeatures(context, { log, localVerdict: (uri) => controller.localVerdict(uri) });
  await controller.start();
  return { collaborationsTree };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
