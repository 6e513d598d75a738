// Activation: wires the language client, its commands, the local runs and the AWS features. Nothing else.
import * as vscode from 'vscode';
import { activateAwsFeatures } from './awsFeatures';
import { registerCreateSampleData } from './commands/createSampleData';
import { registerRunLocally } from './commands/runLocally';
import { createServerController, type ServerController } from './languageClient';
import { effectsOf } from './settingEffects';
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
    registerRunLocally(context),
    registerCreateSampleData(),
  );
  activateVerdictFeatures(context, controller);
  const aws = activateAwsFeatures(context, {
    log,
    localVerdict: (uri) => controller.localVerdict(uri),
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      const effects = effectsOf((setting) => e.affectsConfiguration(setting));
      if (effects.has('restart-server')) void controller.restart();
      if (effects.has('reset-aws-session')) aws.resetSession();
    }),
  );
  await controller.start();
  return { collaborationsTree: aws.collaborationsTree };
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}
