// Every template kind and the privacy budget as the VS Code API sees them, against the emulator's
// demo seed: the budget under the DP collaboration, a PySpark template's kind in the tree and its
// Fetch (a read-only metadata view, no file), and Show Remaining Runs for an open template.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { poll } from '../e2e/poll';
import type { TestCase } from './runner';
import { EXTENSION_ID, workspaceUri } from './util';

type Provider = vscode.TreeDataProvider<unknown>;

async function tree(): Promise<Provider> {
  const ext = vscode.extensions.getExtension<{ collaborationsTree?: Provider } | undefined>(
    EXTENSION_ID,
  );
  assert.ok(ext);
  const provider = (await ext.activate())?.collaborationsTree;
  assert.ok(provider);
  return provider;
}

const labelOf = (item: vscode.TreeItem) =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

async function children(
  provider: Provider,
  node?: unknown,
): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  const nodes = (await provider.getChildren(node)) ?? [];
  return Promise.all(nodes.map(async (n) => ({ node: n, item: await provider.getTreeItem(n) })));
}

async function child(provider: Provider, parent: unknown, label: string) {
  const all = await children(provider, parent);
  const found = all.find((c) => labelOf(c.item) === label);
  assert.ok(found, `"${label}" among ${JSON.stringify(all.map((c) => labelOf(c.item)))}`);
  return found;
}

export const awsKindTests: TestCase[] = [
  {
    name: 'the privacy budget is visible under the DP collaboration: epsilon, noise, refresh, remaining of max per aggregation type',
    fn: async () => {
      const provider = await tree();
      const social = await child(provider, undefined, 'SocialCo x Athletic Brand');
      const budget = await child(provider, social.node, 'Privacy budget');
      assert.equal(budget.item.description, 'ε 3 · noise 30 users/query · monthly');
      assert.equal(budget.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      const rows = (await children(provider, budget.node)).map(
        (c) => `${labelOf(c.item)}: ${c.item.description}`,
      );
      assert.deepEqual(rows, [
        'COUNT: 88 of 100 left',
        'COUNT DISTINCT: 60 of 100 left',
        'SUM: 45 of 50 left',
        'AVG: 33 of 33 left',
        'STDDEV: 0 of 25 left',
      ]);
      const retail = await child(provider, undefined, 'Retail loyalty');
      assert.equal(
        (await children(provider, retail.node)).some((c) => labelOf(c.item) === 'Privacy budget'),
        false,
        'no budget where there is none',
      );
    },
  },
  {
    name: 'a PySpark template shows its kind, and Fetch opens its metadata read-only instead of a .cleanrooms.sql file',
    fn: async () => {
      const provider = await tree();
      const retail = await child(provider, undefined, 'Retail loyalty');
      const spark = await child(provider, retail.node, 'Loyalty churn model');
      assert.equal(spark.item.description, 'PySpark');
      // MarkdownString.appendText writes spaces as &nbsp;.
      assert.match(
        (spark.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '),
        /Format: PySpark\b[\s\S]*AWS validates SQL templates only/,
      );
      const social = await child(provider, undefined, 'SocialCo x Athletic Brand');
      const synthetic = await child(provider, social.node, 'Synthetic reach by region');
      assert.match(String(synthetic.item.description), /^SQL · synthetic data · /);

      await vscode.commands.executeCommand('cleanrooms.fetchTemplate', spark.node);
      const doc = await poll(
        'the metadata view',
        () => {
          const d = vscode.window.activeTextEditor?.document;
          return d?.uri.scheme === 'cleanrooms-template' && d;
        },
        { timeoutMs: 30_000 },
      );
      const text = doc.getText();
      for (const expected of [
        '# Loyalty churn model',
        's3://retail-analytics-jobs/churn/entry_point.py',
        'CleanRoomsPySparkJobRole',
        '`min_salary`',
        'SHA-256',
      ]) {
        assert.ok(text.includes(expected), `${expected} in\n${text}`);
      }
      assert.equal(doc.languageId, 'markdown');
      const written = await vscode.workspace.fs
        .stat(workspaceUri('Loyalty_churn_model.cleanrooms.sql'))
        .then(
          () => true,
          () => false,
        );
      assert.equal(written, false, 'no SQL file for a PySpark template');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: "Show Remaining Runs counts the open template's aggregations against its collaboration's budget",
    fn: async () => {
      const uri = workspaceUri('remaining-runs.cleanrooms.sql');
      const text = [
        '-- @name Reach and spend',
        '-- @membership 6a0b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d',
        'SELECT campaign_id, COUNT(DISTINCT user_id) AS reach, COUNT(DISTINCT impression_id) AS impressions',
        'FROM socialco_impressions',
        'GROUP BY campaign_id',
        '',
      ].join('\n');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const answer = await vscode.commands.executeCommand<{ runs?: number; message: string }>(
          'cleanrooms.showRemainingRuns',
        );
        assert.ok(answer, 'the command answers');
        // COUNT DISTINCT: 60 left in the demo budget, 2 per run.
        assert.equal(answer.runs, 30, answer.message);
        assert.match(
          answer.message,
          /COUNT DISTINCT ×2 per run\) can run 30 more time\(s\) on the current budget, which refreshes each calendar month; COUNT DISTINCT: 60 left, 2 per run\./,
        );
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(uri);
      }
    },
  },
];
