// Scenario 13: Run Locally on the example "Unique reach by campaign" over examples/cleanrooms.sample:
// the parameter prompts (default kept, a value typed), the run in the local engine, and the
// results table labelled as an exact local result, whose rows are what the sample CSV gives.
// Then a result larger than a page: the first page at once with the whole row count, the rest
// as the table scrolls, and a sort that covers every row, not only those on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../client/src/aws/results';
import { PAGE_ROWS } from '../../client/src/views/resultPages';
import { repoRoot, withSession } from './harness';
import { poll } from './poll';
import { openFile, parkMouse, runCommand } from './workbench';

const END = '2024-07-01';
const MANY = 1234;

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
    await withSession('13-run-locally', async ({ page, screenshot, workspace }) => {
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

      writeFileSync(
        join(workspace, 'many-rows.cleanrooms.sql'),
        `-- @name Many rows\nWITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MANY})\nSELECT i, i % 7 AS bucket FROM n\n`,
      );
      // One webview at a time, so the frame locator below finds only the new table.
      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'many-rows.cleanrooms.sql');
      await runCommand(page, 'Clean Rooms: Run Locally');
      const rows = results.locator('#results tbody tr');
      await poll(
        'the first page of the large result',
        async () => ((await results.locator('h1').textContent()) ?? '').includes('Many rows'),
        { timeoutMs: 60_000 },
      );
      assert.equal(await rows.count(), PAGE_ROWS);
      assert.match(
        (await results.locator('#count').textContent()) ?? '',
        new RegExp(`^${MANY} rows \\(${PAGE_ROWS} shown`),
      );
      await poll(
        'every row, page by page, as the table scrolls',
        async () => {
          await rows.last().scrollIntoViewIfNeeded();
          return (await rows.count()) === MANY;
        },
        { timeoutMs: 60_000 },
      );
      assert.equal(await results.locator('#count').textContent(), `${MANY} rows`);
      const header = results.locator('#results th').filter({ hasText: /^i$/ }).first();
      await header.click();
      await poll(
        'ascending by i',
        async () => (await header.getAttribute('aria-sort')) === 'ascending',
      );
      await header.click();
      await poll(
        'descending by i',
        async () => (await header.getAttribute('aria-sort')) === 'descending',
      );
      const firstCells = await rows.first().locator('td').allTextContents();
      assert.deepEqual(firstCells, [String(MANY), String(MANY % 7)]);
      assert.equal(await rows.count(), PAGE_ROWS, 'a new order starts again with one page');
    });
  },
);
