// Activation: wires the language client, its commands and the AWS features. Nothing else.
import * as vscode from 'vscode';
import { activateAwsFeatures } from './awsFeatures';
import { createServerController, type ServerController } from './languageClient';

let server: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  activateAwsFeatures(context, { log, localVerdict: (uri) => controller.localVerdict(uri) });
  await controller.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
