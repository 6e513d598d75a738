// Scenario 3: completion after ':' lists the declared parameters; hovering a column names its table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import { goTo, hoverText, openFile, suggestLabels, textBox } from './workbench';
import { positionOf, readWorkspaceFile } from './templateText';

const FILE = 'unique-reach.cleanrooms.sql';

test(
  'hover on a column shows its table; completion after ":" offers the declared parameters',
  { timeout: 180_000 },
  async () => {
    await withSession('03-completion-hover', async ({ page, workspace, screenshot }) => {
      const text = readWorkspaceFile(workspace, FILE);
      const declared = [...text.matchAll(/^-- @param (\w+)/gm)].map((m) => m[1]);
      assert.deepEqual(declared, ['start_date', 'end_date']);
      await openFile(page, FILE);

      await poll('campaign_id to be drawn', () => textBox(page, 'campaign_id'));
      const hover = await hoverText(
        page,
        () => textBox(page, 'campaign_id'),
        'socialco_impressions',
      );
      assert.match(hover, /Column of table\s+socialco_impressions/);
      await screenshot('hover-column');

      // At the end of the WHERE line, type a new condition ending in ':' as a person would.
      const where = positionOf(text, /WHERE .*$/m);
      const whereLine = text.split('\n')[where.line - 1];
      await goTo(page, where.line, whereLine.length + 1);
      await page.keyboard.type(' AND campaign_id = :');
      const labels = await poll('the suggestion list', async () => {
        const shown = await suggestLabels(page);
        return shown.length ? shown : undefined;
      });
      assert.deepEqual(
        [...labels].sort(),
        [...declared].sort(),
        `suggestions after ':' were ${JSON.stringify(labels)}`,
      );
      await screenshot('completion-params');
    });
  },
);
