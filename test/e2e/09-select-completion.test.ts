// A person starts a template from nothing: `-- @name x`, `SELECT `, Ctrl+Space, and sees columns.
// Then the DP rule link in a diagnostic's hover opens docs/diagnostics.md at the rule's section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, withSession } from './harness';
import { poll } from './poll';
import {
  activeTab,
  cursorPosition,
  editorText,
  focusEditor,
  hoverText,
  newFileInExplorer,
  openFile,
  suggestLabels,
  textBox,
} from './workbench';

test(
  'SELECT then Ctrl+Space in a new template lists the schema columns first',
  { timeout: 180_000 },
  async () => {
    await withSession('09-select-completion', async ({ page, screenshot }) => {
      await newFileInExplorer(page, 'draft.cleanrooms.sql');
      await focusEditor(page);
      await page.keyboard.type('-- @name x');
      // Close any suggestion list before Enter, as a person would, so Enter only breaks the line.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
      await page.keyboard.type('SELECT ');
      await page.keyboard.press('Escape');
      const labels = await poll(
        'columns in the suggestion list',
        async () => {
          await page.keyboard.press('Control+Space');
          const shown = await suggestLabels(page);
          return shown.includes('user_id') ? shown : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 2_000 },
      );
      // The examples' schema: the DP user identifier first, then the other columns, before any function.
      assert.equal(labels[0], 'user_id', JSON.stringify(labels));
      for (const column of ['age_band', 'campaign_id', 'device_type'])
        assert.ok(labels.includes(column), JSON.stringify(labels));
      assert.ok(
        !labels.slice(0, 5).some((l) => /^[A-Z_0-9]+$/.test(l)),
        `functions before columns: ${JSON.stringify(labels)}`,
      );
      await screenshot('select-ctrl-space-columns');
      await page.keyboard.press('Escape');
      assert.equal(
        (await editorText(page)).split('\n').slice(0, 2).join('\n').trimEnd(),
        '-- @name x\nSELECT',
      );

      // last-seen uses MAX in the final SELECT (DP028): its hover links the rule's documentation.
      await openFile(page, 'last-seen.cleanrooms.sql');
      await poll('MAX(timestamp) to be drawn', () => textBox(page, 'MAX(timestamp)'));
      await hoverText(page, () => textBox(page, 'MAX(timestamp)'), 'DP028 in docs/diagnostics.md');
      await page
        .locator('.monaco-hover:not(.hidden) a')
        .filter({ hasText: 'DP028 in docs/diagnostics.md' })
        .first()
        .click();
      await activeTab(page, 'diagnostics.md').waitFor({ timeout: 30_000 });
      const heading =
        readFileSync(join(repoRoot, 'docs/diagnostics.md'), 'utf8')
          .split('\n')
          .indexOf('### DP028') + 1;
      await poll(`the cursor on line ${heading}`, async () =>
        (await cursorPosition(page))?.startsWith(`Ln ${heading},`),
      );
      await screenshot('dp-rule-link-opens-section');
    });
  },
);
