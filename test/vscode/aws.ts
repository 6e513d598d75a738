// The AWS side as the VS Code API sees it: contributed commands, the Clean Rooms tree provider
// (reached through the extension's exports) and Fetch Analysis Template run as a command, against
// the emulator the `cleanrooms.endpoint` setting points at.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  CleanRoomsClient,
  GetCollaborationAnalysisTemplateCommand,
  ListCollaborationAnalysisTemplatesCommand,
  ListCollaborationsCommand,
} from '@aws-sdk/client-cleanrooms';
import { poll } from '../e2e/poll';
import type { TestCase } from './runner';
import { EXTENSION_ID, workspaceUri } from './util';

interface ExtensionApi {
  collaborationsTree?: vscode.TreeDataProvider<unknown>;
}

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
  assert.ok(ext);
  return (await ext.activate()) ?? {};
}

async function tree(): Promise<vscode.TreeDataProvider<unknown>> {
  const provider = (await api()).collaborationsTree;
  assert.ok(
    provider,
    'activate() must return { collaborationsTree } so the tree provider can be tested through the API',
  );
  return provider;
}

async function labelOf(provider: vscode.TreeDataProvider<unknown>, node: unknown): Promise<string> {
  const item = await provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function emulator(): CleanRoomsClient {
  const endpoint = vscode.workspace.getConfiguration('cleanrooms').get<string>('endpoint');
  assert.ok(endpoint, 'cleanrooms.endpoint is set to the emulator');
  // The extension host's environment holds the demo profile (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).
  return new CleanRoomsClient({ endpoint, region: 'us-east-1', maxAttempts: 1 });
}

export const awsTests: TestCase[] = [
  {
    name: 'every contributed command is registered once the extension is active',
    fn: async () => {
      await api();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const contributed: string[] = ext.packageJSON.contributes.commands.map(
        (c: { command: string }) => c.command,
      );
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        contributed.filter((c) => !registered.has(c)),
        [],
      );
    },
  },
  {
    name: "the tree lists the emulator's collaborations, then their templates",
    fn: async () => {
      const provider = await tree();
      const expected = (
        (await emulator().send(new ListCollaborationsCommand({}))).collaborationList ?? []
      )
        .map((c) => c.name!)
        .sort();
      const roots = (await provider.getChildren()) ?? [];
      assert.deepEqual(
        (await Promise.all(roots.map((n) => labelOf(provider, n)))).sort(),
        expected,
      );
      const social =
        roots[
          (await Promise.all(roots.map((n) => labelOf(provider, n)))).indexOf(
            'SocialCo x Athletic Brand',
          )
        ];
      const templates = (await provider.getChildren(social)) ?? [];
      const labels = await Promise.all(templates.map((n) => labelOf(provider, n)));
      assert.ok(
        labels.includes('Campaign reach') && labels.includes('Last impression per campaign'),
        JSON.stringify(labels),
      );
      const invalid = await provider.getTreeItem(
        templates[labels.indexOf('Last impression per campaign')],
      );
      assert.equal((invalid.iconPath as vscode.ThemeIcon).id, 'error');
    },
  },
  {
    name: 'Fetch Analysis Template on a tree node writes the template file',
    fn: async () => {
      const provider = await tree();
      const roots = (await provider.getChildren()) ?? [];
      const labels = await Promise.all(roots.map((n) => labelOf(provider, n)));
      const templates =
        (await provider.getChildren(roots[labels.indexOf('SocialCo x Athletic Brand')])) ?? [];
      const names = await Promise.all(templates.map((n) => labelOf(provider, n)));
      const node = templates[names.indexOf('Top campaigns')];
      assert.ok(node, JSON.stringify(names));
      await vscode.commands.executeCommand('cleanrooms.fetchTemplate', node);
      const uri = workspaceUri('Top_campaigns.cleanrooms.sql');
      const text = await poll(
        'the fetched file',
        async () => {
          const bytes = await vscode.workspace.fs.readFile(uri).then(
            (b) => b,
            () => undefined,
          );
          return bytes && Buffer.from(bytes).toString('utf8');
        },
        { timeoutMs: 30_000 },
      );
      const client = emulator();
      const collaboration = (
        (await client.send(new ListCollaborationsCommand({}))).collaborationList ?? []
      ).find((c) => c.name === 'SocialCo x Athletic Brand')!;
      const summary = (
        (
          await client.send(
            new ListCollaborationAnalysisTemplatesCommand({
              collaborationIdentifier: collaboration.id,
            }),
          )
        ).collaborationAnalysisTemplateSummaries ?? []
      ).find((t) => t.name === 'Top campaigns')!;
      const remote = (
        await client.send(
          new GetCollaborationAnalysisTemplateCommand({
            collaborationIdentifier: collaboration.id,
            analysisTemplateArn: summary.arn,
          }),
        )
      ).collaborationAnalysisTemplate!;
      assert.ok(text.startsWith('-- @name Top campaigns\n'), text);
      assert.ok(text.includes(`\n-- @arn ${summary.arn}\n`), text);
      assert.ok(text.endsWith(`\n${remote.source!.text}`), text);
    },
  },
];
