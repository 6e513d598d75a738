// The language features as the VS Code API sees them: diagnostics, code actions, completion, hover.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { poll } from '../e2e/poll';
import type { TestCase } from './runner';
import { EXTENSION_ID, codeOf, diagnosticsWith, openTemplate, rangeOf, revert, show } from './util';

export const editorTests: TestCase[] = [
  {
    name: 'the extension is not active until a template opens, then activates',
    fn: async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is loaded`);
      assert.equal(ext.isActive, false, 'active before any template or view was opened');
      await openTemplate('last-seen.cleanrooms.sql');
      await poll('the extension to activate', () => ext.isActive, { timeoutMs: 30_000 });
    },
  },
  {
    name: 'a DP violation is reported with its code on the exact range',
    fn: async () => {
      const doc = await openTemplate('last-seen.cleanrooms.sql');
      const [d] = await poll(
        'DP028 on last-seen',
        () => {
          const found = diagnosticsWith(doc.uri, 'DP028');
          return found.length ? found : undefined;
        },
        { timeoutMs: 30_000 },
      );
      assert.equal(show(d.range), show(rangeOf(doc, 'MAX(timestamp)')));
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.source, 'cleanrooms');
      assert.match(d.message, /^Aggregate MAX is not supported in the final SELECT/);
      assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).map(codeOf), ['DP028']);
    },
  },
  {
    name: 'the quick fix for DP015 edits the CTE and the diagnostic goes away',
    fn: async () => {
      const doc = await openTemplate('campaign-devices.cleanrooms.sql');
      try {
        const [d] = await poll(
          'DP015 on campaign-devices',
          () => {
            const found = diagnosticsWith(doc.uri, 'DP015');
            return found.length ? found : undefined;
          },
          { timeoutMs: 30_000 },
        );
        assert.equal(show(d.range), show(rangeOf(doc, 'campaign_id, device_type')));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const fix = actions.find((a) => a.title === "Add 'user_id' to the select list");
        assert.ok(fix?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.match(doc.getText(), /^ {2}SELECT user_id, campaign_id, device_type$/m);
        await poll('DP015 to go away', () => diagnosticsWith(doc.uri, 'DP015').length === 0, {
          timeoutMs: 30_000,
        });
      } finally {
        await revert(doc);
      }
    },
  },
  {
    name: 'completion after ":" offers exactly the declared parameters',
    fn: async () => {
      const doc = await openTemplate('unique-reach.cleanrooms.sql');
      try {
        const where = rangeOf(doc, ':end_date').end;
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, where, ' AND campaign_id = :');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const at = doc.lineAt(where.line).range.end;
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          doc.uri,
          at,
          ':',
        );
        const labels = list.items
          .map((i) => (typeof i.label === 'string' ? i.label : i.label.label))
          .sort();
        assert.deepEqual(labels, ['end_date', 'start_date']);
      } finally {
        await revert(doc);
      }
    },
  },
  {
    name: 'hover on a column names its table',
    fn: async () => {
      const doc = await openTemplate('unique-reach.cleanrooms.sql');
      const at = rangeOf(doc, 'campaign_id').start.translate(0, 2);
      const text = await poll(
        'a hover on campaign_id',
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            doc.uri,
            at,
          );
          const all = hovers
            .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
            .join('\n');
          return all.includes('socialco_impressions') ? all : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 500 },
      );
      assert.match(text, /Column of table `socialco_impressions`/);
    },
  },
];
