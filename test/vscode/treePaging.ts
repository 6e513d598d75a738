// The Clean Rooms tree's paging and failure handling through its provider API: a collaboration
// with more templates than one page ends in "Load more", whose command appends the next page; when
// every call fails the tree shows the failure with a Retry command that brings the children back.
// The suite's emulator (see test/e2e/extensionHost.ts) holds the demo seed plus a generated
// collaboration with more than one page of templates; faults are set through its admin route.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  CleanRoomsClient,
  ListCollaborationAnalysisTemplatesCommand,
  ListCollaborationsCommand,
} from '@aws-sdk/client-cleanrooms';
import { DEFAULT_MAX_ATTEMPTS } from '../../client/src/aws/session';
import { TEMPLATE_PAGE_SIZE, type TreeNode } from '../../client/src/views/collaborationsTree';
import { GENERATED_COLLABORATION_ID } from '../emulator/seed';
import type { TestCase } from './runner';
import { EXTENSION_ID } from './util';

function endpoint(): string {
  const url = vscode.workspace.getConfiguration('cleanrooms').get<string>('endpoint');
  assert.ok(url, 'cleanrooms.endpoint is set to the emulator');
  return url;
}

async function tree(): Promise<vscode.TreeDataProvider<TreeNode>> {
  const ext = vscode.extensions.getExtension<{
    collaborationsTree?: vscode.TreeDataProvider<unknown>;
  }>(EXTENSION_ID);
  assert.ok(ext);
  const provider = (await ext.activate())?.collaborationsTree;
  assert.ok(provider, 'activate() returns { collaborationsTree }');
  return provider as vscode.TreeDataProvider<TreeNode>;
}

/** Children with their tree items, so assertions read what VS Code would render. */
async function children(
  provider: vscode.TreeDataProvider<TreeNode>,
  node?: TreeNode,
): Promise<{ node: TreeNode; item: vscode.TreeItem }[]> {
  const nodes = (await provider.getChildren(node)) ?? [];
  return Promise.all(nodes.map(async (n) => ({ node: n, item: await provider.getTreeItem(n) })));
}

const labelOf = (item: vscode.TreeItem) =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

async function run(command: vscode.Command | undefined): Promise<void> {
  assert.ok(command, 'the node has a command');
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

async function setFaults(faults: Record<string, number>): Promise<void> {
  const res = await fetch(`${endpoint()}/__admin/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  assert.equal(res.status, 200, await res.text());
}

/** The emulator's truth, read with the real SDK (its own pages of 100, not the tree's). */
async function remoteTemplateNames(collaborationId: string): Promise<string[]> {
  const client = new CleanRoomsClient({
    endpoint: endpoint(),
    region: 'us-east-1',
    maxAttempts: 1,
  });
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 20; page++) {
    const out = await client.send(
      new ListCollaborationAnalysisTemplatesCommand({
        collaborationIdentifier: collaborationId,
        nextToken,
        maxResults: 100,
      }),
    );
    names.push(...(out.collaborationAnalysisTemplateSummaries ?? []).map((t) => t.name!));
    nextToken = out.nextToken;
    if (!nextToken) return names;
  }
  throw new Error('more than 20 pages of templates');
}

async function remoteCollaborationNames(): Promise<string[]> {
  const client = new CleanRoomsClient({
    endpoint: endpoint(),
    region: 'us-east-1',
    maxAttempts: 1,
  });
  return (
    (await client.send(new ListCollaborationsCommand({ maxResults: 100 }))).collaborationList ?? []
  )
    .map((c) => c.name!)
    .sort();
}

export const treePagingTests: TestCase[] = [
  {
    name: 'a collaboration with more than a page of templates ends in "Load more", which appends the next page',
    fn: async () => {
      const provider = await tree();
      await vscode.commands.executeCommand('cleanrooms.refreshCollaborations');
      const expected = await remoteTemplateNames(GENERATED_COLLABORATION_ID);
      assert.ok(
        expected.length > TEMPLATE_PAGE_SIZE,
        `the seed holds more than one page (${expected.length} templates)`,
      );

      const roots = await children(provider);
      const generated = roots.find(
        (r) => r.item.id === `collaboration:${GENERATED_COLLABORATION_ID}`,
      );
      assert.ok(generated, `roots: ${JSON.stringify(roots.map((r) => r.item.id))}`);

      const first = await children(provider, generated.node);
      assert.equal(
        first.length,
        TEMPLATE_PAGE_SIZE + 1,
        'one page of templates and a "Load more" node',
      );
      assert.deepEqual(
        first.slice(0, -1).map((c) => labelOf(c.item)),
        expected.slice(0, TEMPLATE_PAGE_SIZE),
      );
      const more = first.at(-1)!.item;
      assert.equal(labelOf(more), 'Load more…');
      assert.equal(more.command?.command, 'cleanrooms.loadMore');

      await run(more.command);
      const all = await children(provider, generated.node);
      const ids = all.map((c) => c.item.id);
      assert.equal(new Set(ids).size, ids.length, 'no node appears twice');
      assert.ok(
        ids.every((id) => id?.startsWith('template:')),
        `only templates once everything is loaded: ${JSON.stringify(ids.slice(-3))}`,
      );
      assert.deepEqual(
        all.map((c) => labelOf(c.item)),
        expected,
      );
    },
  },
  {
    name: 'when every call fails the tree shows the failure with Retry, and Retry brings the collaborations back',
    timeoutMs: 60_000,
    fn: async () => {
      const provider = await tree();
      const expected = await remoteCollaborationNames();
      let retry: vscode.Command | undefined;
      await setFaults({ failEvery: 1 });
      try {
        await vscode.commands.executeCommand('cleanrooms.refreshCollaborations');
        const roots = await children(provider);
        assert.equal(
          roots.length,
          1,
          `only the error node: ${JSON.stringify(roots.map((r) => labelOf(r.item)))}`,
        );
        const item = roots[0].item;
        assert.equal(
          labelOf(item),
          `Listing collaborations failed: AWS Clean Rooms had an internal error: An internal error occurred. Try again (after ${DEFAULT_MAX_ATTEMPTS} attempt(s)). Try again later.`,
        );
        assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
        assert.equal(item.command?.command, 'cleanrooms.retry');
        assert.equal(item.command.title, 'Retry');
        retry = item.command;
      } finally {
        await setFaults({});
      }
      await run(retry);
      const roots = await children(provider);
      assert.deepEqual(roots.map((r) => labelOf(r.item)).sort(), expected);
      assert.ok(roots.every((r) => r.item.contextValue === 'cleanrooms.collaboration'));
    },
  },
  {
    name: 'a request for children while their page is loading, or after a refresh during the load, gets the full children',
    timeoutMs: 60_000,
    fn: async () => {
      const provider = await tree();
      const expected = await remoteCollaborationNames();
      const labels = async (
        nodes: Thenable<TreeNode[] | undefined | null> | TreeNode[] | undefined | null,
      ) =>
        (
          await Promise.all(
            ((await nodes) ?? []).map(async (n) => labelOf(await provider.getTreeItem(n))),
          )
        ).sort();
      // Latency keeps the first load in flight while the second request and the refresh arrive.
      await setFaults({ latencyMs: 500 });
      try {
        await vscode.commands.executeCommand('cleanrooms.refreshCollaborations');
        const [first, second] = await Promise.all([
          labels(provider.getChildren()),
          labels(provider.getChildren()),
        ]);
        assert.deepEqual(first, expected);
        assert.deepEqual(second, expected, 'a second caller waits for the load in flight');

        await vscode.commands.executeCommand('cleanrooms.refreshCollaborations');
        const stale = labels(provider.getChildren());
        await vscode.commands.executeCommand('cleanrooms.refreshCollaborations');
        assert.deepEqual(
          await labels(provider.getChildren()),
          expected,
          'the listing after the refresh is loaded, not left empty',
        );
        await stale;
      } finally {
        await setFaults({});
      }
    },
  },
];
