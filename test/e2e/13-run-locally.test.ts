// Scenario 13: Run Locally on the example "Unique reach by campaign" over examples/cleanrooms.sample:
// the parameter prompts (default kept, a value typed), the run in the local engine, and the
// results table labelled as an exact local result, whose rows are what the sample CSV gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../client/src/aws/results';
import { repoRoot, withSession } from './harness';
import { poll } from './poll';
import { openFile, parkMouse, runCommand } from './workbench';

const END = '2024-07-01';

/** Distinct users and impressions per campaign from 2024-01-01 (the default start) up to END, from the sample CSV. */
function expectedRows(): string[][] {
  const csv = parseCsv(
    readFileSync(join(repoRoot, 'examples/cleanrooms.sample/socialco_impressions.csv'), 'utf8'),
  );
  const at = (name: string) => csv.columns.indexOf(name);
  const byCampaign = new Map<string, { users: Set<string>; impressions: number }>();
  for (const r of csv.rows) {
    if (r[at('timestamp')] < '2024-01-01' || r[at('timestamp')] >= END) continue;
    const c = byCampaign.get(r[at('campaign_id')]) ?? { users: new Set<string>(), impressions: 0 };
    c.users.add(r[at('user_id')]);
    c.impressions++;
    byCampaign.set(r[at('campaign_id')], c);
  }
  return [...byCampaign]
    .map(([campaign, c]) => [campaign, String(c.users.size), String(c.impressions)])
    .sort();
}

test(
  'Run Locally asks for the parameters and shows the exact result over the sample CSVs',
  { timeout: 240_000 },
  async () => {
    const expected = expectedRows();
    assert.ok(expected.length >= 2);
    await withSession('13-run-locally', async ({ page, screenshot }) => {
      await openFile(page, 'unique-reach.cleanrooms.sql');
      // The extension is active (its contributions in the palette) once the file has its verdict.
      await page
        .locator('.statusbar-item')
        .filter({ hasText: 'DP: VALID' })
        .first()
        .waitFor({ timeout: 60_000 });
      await runCommand(page, 'Clean Rooms: Run Locally');

      const input = page.locator('.quick-input-widget input.input');
      await poll(
        'the start_date prompt with its default',
        async () => (await input.inputValue().catch(() => '')) === '2024-01-01',
        { timeoutMs: 30_000 },
      );
      await page.keyboard.press('Enter');
      await poll(
        'the end_date prompt',
        async () =>
          (await page.locator('.quick-input-widget').textContent())?.includes(':end_date (DATE)') ??
          false,
        { timeoutMs: 15_000 },
      );
      await input.fill(END);
      await page.keyboard.press('Enter');

      const results = page.frameLocator('iframe.webview').frameLocator('#active-frame');
      await results.locator('#results tbody tr').first().waitFor({ timeout: 60_000 });
      assert.deepEqual(await results.locator('#results th').allTextContents(), [
        'campaign_id',
        'reach',
        'impressions',
      ]);
      const cells = await results
        .locator('#results tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        );
      assert.deepEqual(cells.sort(), expected);
      assert.match(
        (await results.locator('.source').textContent()) ?? '',
        /local sample — exact, no differential-privacy noise/,
      );
      assert.equal(
        await results.locator('h1').textContent(),
        'Local result: Unique reach by campaign',
      );
      await parkMouse(page);
      await screenshot('result-table');
    });
  },
);
