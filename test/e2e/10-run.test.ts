// Scenario 10: Run Analysis Template from the tree: the parameter prompts (default prefilled, a
// value typed), the query run by the emulator on its sample rows, and the result table in a
// webview, whose rows are the reach the seed's rows give; then the run in the Protected Queries view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListPrivacyBudgetsCommand, ListProtectedQueriesCommand } from '@aws-sdk/client-cleanrooms';
import { loadSeed } from '../emulator/seed';
import { demoSeed, startStack, withSession } from './harness';
import { poll } from './poll';
import { collaborations, emulatorClient, membershipFor } from './sdk';
import {
  activeTab,
  contextMenu,
  notifications,
  openCleanRoomsView,
  parkMouse,
  runCommand,
  treeRow,
} from './workbench';

const COLLABORATION = 'SocialCo x Athletic Brand';
const TEMPLATE = 'Campaign reach by date range';
const END = '2026-03-01';

/** Reach per campaign from 2026-01-01 (the template's default start) up to END, from the seed's rows. */
function expectedReach(): Map<string, number> {
  const rows =
    loadSeed(demoSeed).sampleRows?.find((r) => r.table === 'socialco_impressions')?.rows ?? [];
  const users = new Map<string, Set<string>>();
  for (const r of rows) {
    const ts = String(r.timestamp);
    if (ts >= '2026-01-01 00:00:00' && ts < `${END} 00:00:00`)
      users.set(
        String(r.campaign_id),
        (users.get(String(r.campaign_id)) ?? new Set()).add(String(r.user_id)),
      );
  }
  return new Map([...users].map(([c, u]) => [c, u.size]));
}

test(
  'Run Analysis Template asks for the parameters and shows the result table',
  { timeout: 240_000 },
  async () => {
    const expected = expectedReach();
    assert.ok(expected.size > 0);
    await withSession(
      '10-run',
      async ({ page, screenshot }) => {
        await openCleanRoomsView(page);
        await treeRow(page, COLLABORATION).click();
        const row = treeRow(page, TEMPLATE);
        await row.waitFor({ timeout: 30_000 });
        await contextMenu(page, row, 'Run Analysis Template');

        const input = page.locator('.quick-input-widget input.input');
        await poll(
          'the start_date prompt with its default',
          async () => (await input.inputValue().catch(() => '')) === '2026-01-01 00:00:00',
          { timeoutMs: 30_000 },
        );
        await screenshot('parameter-prompt');
        await page.keyboard.press('Enter');
        await poll(
          'the end_date prompt',
          async () =>
            (await page.locator('.quick-input-widget').textContent())?.includes(
              ':end_date (TIMESTAMP)',
            ) ?? false,
          { timeoutMs: 15_000 },
        );
        await input.fill('next tuesday');
        await page
          .locator('.quick-input-widget')
          .getByText('is not a valid TIMESTAMP')
          .first()
          .waitFor({ timeout: 10_000 });
        await input.fill(END);
        await page.keyboard.press('Enter');

        await notifications(page)
          .filter({
            hasText: `Running "${TEMPLATE}" (no local file linked to this template: not checked locally)`,
          })
          .first()
          .waitFor({ timeout: 15_000 });
        const results = page.frameLocator('iframe.webview').frameLocator('#active-frame');
        await results.locator('#results tbody tr').first().waitFor({ timeout: 60_000 });
        assert.deepEqual(await results.locator('#results th').allTextContents(), [
          'campaign_id',
          'reach',
        ]);
        const cells = await results
          .locator('#results tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
          );
        assert.deepEqual(new Map(cells.map(([c, n]) => [c, Number(n)])), expected);
        assert.equal(await results.locator('#count').textContent(), `${expected.size} rows`);

        // The extension host sorts all rows and sends the first page back in the new order.
        await results.locator('#results th').filter({ hasText: 'reach' }).click();
        await poll(
          'the table sorted by reach',
          async () =>
            (await results.locator('#results th[aria-sort="ascending"]').textContent()) === 'reach',
        );
        const sorted = await results.locator('#results tbody tr td:nth-child(2)').allTextContents();
        assert.deepEqual(
          sorted.map(Number),
          [...expected.values()].sort((a, b) => a - b),
        );
        await parkMouse(page);
        await screenshot('result-table');

        // The run is listed in the Protected Queries view, under the membership that ran it.
        const pane = page
          .locator('.part.sidebar .pane')
          .filter({ has: page.locator('.pane-header', { hasText: 'Protected Queries' }) });
        const paneRows = pane.locator('.monaco-list-row');
        await paneRows.filter({ hasText: COLLABORATION }).first().click();
        await paneRows.filter({ hasText: 'success' }).first().waitFor({ timeout: 30_000 });
        assert.equal(await paneRows.filter({ hasText: 'success' }).count(), 1);
        await parkMouse(page);
        await screenshot('protected-queries');
      },
      { extraSettings: { 'cleanrooms.results.s3Bucket': 'e2e-results' } },
    );
  },
);

test(
  'Cancel in the progress notification cancels the query in the service',
  { timeout: 240_000 },
  async () => {
    // Queries here never finish on their own, so only Cancel can end one.
    const seed = {
      ...loadSeed(demoSeed),
      protectedQueryTiming: { submittedMs: 0, runMs: 3_600_000 },
    };
    const stack = await startStack('10-run-cancel', {
      seed,
      extraSettings: { 'cleanrooms.results.s3Bucket': 'e2e-results' },
    });
    let ok = false;
    try {
      const { page, emulatorUrl, screenshot } = stack;
      await openCleanRoomsView(page);
      await treeRow(page, COLLABORATION).click();
      const row = treeRow(page, 'Campaign reach');
      await row.waitFor({ timeout: 30_000 });
      await contextMenu(page, row, 'Run Analysis Template');

      const progress = notifications(page).filter({ hasText: 'Running "Campaign reach"' }).first();
      await progress.getByText('started').waitFor({ timeout: 30_000 });
      await screenshot('running');
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await notifications(page)
        .filter({ hasText: 'The query was cancelled.' })
        .first()
        .waitFor({ timeout: 30_000 });

      const client = emulatorClient(emulatorUrl);
      const collaboration = (await collaborations(client)).find((c) => c.name === COLLABORATION);
      assert.ok(collaboration);
      const listed = await client.send(
        new ListProtectedQueriesCommand({
          membershipIdentifier: await membershipFor(client, collaboration.id),
        }),
      );
      assert.deepEqual(
        listed.protectedQueries?.map((q) => q.status),
        ['CANCELLED'],
      );
      await screenshot('cancelled');
      ok = true;
    } finally {
      await stack.stop(!ok);
    }
  },
);

test(
  'Run from a fetched file: the progress title says how many runs the privacy budget still allows',
  { timeout: 240_000 },
  async () => {
    await withSession(
      '10-run-file',
      async ({ page, emulatorUrl, screenshot }) => {
        // What the budget allows, read with the SDK: "Campaign reach" computes one COUNT DISTINCT and one COUNT per run.
        const client = emulatorClient(emulatorUrl);
        const collaboration = (await collaborations(client)).find((c) => c.name === COLLABORATION);
        assert.ok(collaboration);
        const budgets = await client.send(
          new ListPrivacyBudgetsCommand({
            membershipIdentifier: await membershipFor(client, collaboration.id),
            privacyBudgetType: 'DIFFERENTIAL_PRIVACY',
          }),
        );
        const dp = budgets.privacyBudgetSummaries?.[0]?.budget;
        const remaining = new Map(
          (dp && 'differentialPrivacy' in dp
            ? (dp.differentialPrivacy?.aggregations ?? [])
            : []
          ).map((a) => [a.type, a.remainingCount ?? 0]),
        );
        const runs = Math.min(remaining.get('COUNT') ?? 0, remaining.get('COUNT_DISTINCT') ?? 0);
        assert.ok(runs > 0, 'the demo budget allows runs');

        await openCleanRoomsView(page);
        await treeRow(page, COLLABORATION).click();
        const row = treeRow(page, 'Campaign reach');
        await row.waitFor({ timeout: 30_000 });
        await contextMenu(page, row, 'Fetch Analysis Template');
        await activeTab(page, 'Campaign_reach.cleanrooms.sql').waitFor({ timeout: 30_000 });

        await runCommand(page, 'Clean Rooms: Run Analysis Template');
        await notifications(page)
          .filter({
            hasText: new RegExp(
              `Running "Campaign reach" \\(local verdict [A-Z_]+; privacy budget: ${runs} run\\(s\\) left before this one\\)`,
            ),
          })
          .first()
          .waitFor({ timeout: 30_000 });
        const results = page.frameLocator('iframe.webview').frameLocator('#active-frame');
        await results.locator('#results tbody tr').first().waitFor({ timeout: 60_000 });
        assert.deepEqual(await results.locator('#results th').allTextContents(), [
          'campaign_id',
          'reach',
          'impressions',
        ]);
        await parkMouse(page);
        await screenshot('from-file');

        // From the tree, the fetched file (linked by its @arn) gives the local verdict; this run
        // times out in the emulator, and the service's error is said in plain words.
        const faults = await fetch(`${emulatorUrl}/__admin/faults`, {
          method: 'POST',
          body: JSON.stringify({ timeOutQueryEvery: 1 }),
        });
        assert.equal(faults.status, 200);
        await contextMenu(page, row, 'Run Analysis Template');
        await notifications(page)
          .filter({ hasText: /Running "Campaign reach" \(local verdict [A-Z_]+; privacy budget: / })
          .first()
          .waitFor({ timeout: 30_000 });
        await notifications(page)
          .filter({
            hasText:
              '"Campaign reach": The query ran out of time in AWS Clean Rooms: The query did not finish within the maximum run time and was stopped.',
          })
          .first()
          .waitFor({ timeout: 60_000 });
        await screenshot('timed-out');
      },
      { extraSettings: { 'cleanrooms.results.s3Bucket': 'e2e-results' } },
    );
  },
);
