// A person starts a template from nothing: `-- @name x`, `SELECT `, Ctrl+Space, and sees columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import { editorText, focusEditor, newFileInExplorer, suggestLabels } from './workbench';

test('SELECT then Ctrl+Space in a new template lists the schema columns first', { timeout: 180_000 }, async () => {
  await withSession('09-select-completion', async ({ page, screenshot }) => {
    await newFileInExplorer(page, 'draft.cleanrooms.sql');
    await focusEditor(page);
    await page.keyboard.type('-- @name x');
    // Close any suggestion list before Enter, as a person would, so Enter only breaks the line.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('SELECT ');
    await page.keyboard.press('Escape');
    const labels = await poll('columns in the suggestion list', async () => {
      await page.keyboard.press('Control+Space');
      const shown = await suggestLabels(page);
      return shown.includes('user_id') ? shown : undefined;
    }, { timeoutMs: 30_000, intervalMs: 2_000 });
    // The examples' schema: the DP user identifier first, then the other columns, before any function.
    assert.equal(labels[0], 'user_id', JSON.stringify(labels));
    for (const column of ['age_band', 'campaign_id', 'device_type']) assert.ok(labels.includes(column), JSON.stringify(labels));
    assert.ok(!labels.slice(0, 5).some((l) => /^[A-Z_0-9]+$/.test(l)), `functions before columns: ${JSON.stringify(labels)}`);
    await screenshot('select-ctrl-space-columns');
    await page.keyboard.press('Escape');
    assert.equal((await editorText(page)).split('\n').slice(0, 2).join('\n').trimEnd(), '-- @name x\nSELECT');
  });
});
