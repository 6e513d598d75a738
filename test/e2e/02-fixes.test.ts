// Scenario 2: typing the fix makes the diagnostic go away; a quick fix from the light bulb changes
// the file and makes its diagnostic go away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import { codeActionRows, goTo, openFile, problems, save, squiggles, textBox, waitForProblem } from './workbench';
import { positionOf, readWorkspaceFile } from './templateText';

test('typing the fix clears the DP diagnostic', { timeout: 180_000 }, async () => {
  await withSession('02-typed-fix', async ({ page, workspace, screenshot }) => {
    const file = 'last-seen.cleanrooms.sql';
    await openFile(page, file);
    await waitForProblem(page, 'DP028', 60_000);

    // Double-click MAX (selects the word) and type an aggregate DP allows in the final SELECT.
    const max = await poll('MAX( to be drawn', () => textBox(page, 'MAX('));
    await page.mouse.dblclick(max.x + max.width * 0.3, max.y + max.height / 2);
    await page.keyboard.type('COUNT');
    await poll('DP028 to leave Problems', async () => !(await problems(page)).some((r) => r.text.includes('DP028')), { timeoutMs: 30_000 });
    await poll('the squiggle to disappear', async () => (await squiggles(page).count()) === 0);
    await save(page, file);
    assert.match(readWorkspaceFile(workspace, file), /^SELECT campaign_id, COUNT\(timestamp\) AS last_seen$/m);
    await screenshot('after-typing');
  });
});

test('a quick fix from the light bulb edits the file and clears the diagnostic', { timeout: 180_000 }, async () => {
  await withSession('02-quick-fix', async ({ page, workspace, screenshot }) => {
    const file = 'campaign-devices.cleanrooms.sql';
    const before = readWorkspaceFile(workspace, file);
    const at = positionOf(before, 'campaign_id, device_type');
    await openFile(page, file);
    const row = await waitForProblem(page, 'DP015', 60_000);
    assert.ok(row.text.includes(`[Ln ${at.line}, Col ${at.column}]`), `DP015 should be at Ln ${at.line}, Col ${at.column}: "${row.text}"`);

    await goTo(page, at.line, at.column + 2);
    await page.keyboard.press('Control+.');
    const rows = codeActionRows(page);
    const fix = rows.filter({ hasText: 'user_id' }).first();
    await poll('a quick fix mentioning user_id', async () => (await fix.isVisible()) || undefined, { timeoutMs: 20_000 })
      .catch(async (err: Error) => { throw new Error(`${err.message}; the light bulb offered: ${JSON.stringify(await rows.allTextContents())}`); });
    await screenshot('light-bulb');
    await fix.click();

    await poll('DP015 to leave Problems', async () => !(await problems(page)).some((r) => r.text.includes('DP015')), { timeoutMs: 30_000 });
    await save(page, file);
    const after = readWorkspaceFile(workspace, file);
    assert.notEqual(after, before);
    assert.match(after, /^ {2}SELECT user_id, campaign_id, device_type$/m);
    await screenshot('after-quick-fix');
  });
});
