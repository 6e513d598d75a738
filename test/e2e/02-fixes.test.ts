// Scenario 2: typing the fix makes the diagnostic go away; a quick fix from the light bulb changes
// the file and makes its diagnostic go away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import {
  codeActionRows,
  goTo,
  openFile,
  pickRow,
  problems,
  save,
  squiggles,
  textBox,
  waitForProblem,
} from './workbench';
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
    await poll(
      'DP028 to leave Problems',
      async () => !(await problems(page)).some((r) => r.text.includes('DP028')),
      { timeoutMs: 30_000 },
    );
    await poll('the squiggle to disappear', async () => (await squiggles(page).count()) === 0);
    await save(page, file);
    await poll('the saved file on disk', () =>
      /^SELECT campaign_id, COUNT\(timestamp\) AS last_seen$/m.test(
        readWorkspaceFile(workspace, file),
      ),
    );
    await screenshot('after-typing');
  });
});

test(
  'a quick fix from the light bulb edits the file and clears the diagnostic',
  { timeout: 180_000 },
  async () => {
    await withSession('02-quick-fix', async ({ page, workspace, screenshot }) => {
      const file = 'campaign-devices.cleanrooms.sql';
      const before = readWorkspaceFile(workspace, file);
      const at = positionOf(before, 'campaign_id, device_type');
      await openFile(page, file);
      const row = await waitForProblem(page, 'DP015', 60_000);
      assert.ok(
        row.text.includes(`[Ln ${at.line}, Col ${at.column}]`),
        `DP015 should be at Ln ${at.line}, Col ${at.column}: "${row.text}"`,
      );

      await goTo(page, at.line, at.column + 2);
      // Like a person: if the menu answers "No code actions available" (seen once in ~10 CI runs,
      // cause not found: the server logged nothing), close it and press Ctrl+. again.
      await poll(
        'the quick-fix menu',
        async () => {
          await page.keyboard.press('Control+.');
          const shown = await codeActionRows(page)
            .first()
            .waitFor({ timeout: 4_000 })
            .then(
              () => true,
              () => false,
            );
          if (!shown) await page.keyboard.press('Escape');
          return shown;
        },
        { timeoutMs: 30_000 },
      );
      await screenshot('light-bulb');
      await pickRow(page, codeActionRows(page), "Add 'user_id' to the select list");

      await poll(
        'DP015 to leave Problems',
        async () => !(await problems(page)).some((r) => r.text.includes('DP015')),
        { timeoutMs: 30_000 },
      );
      await save(page, file);
      const after = await poll('the saved file on disk', () => {
        const text = readWorkspaceFile(workspace, file);
        return text !== before && text;
      });
      assert.match(after, /^ {2}SELECT user_id, campaign_id, device_type$/m);
      assert.equal(
        after.replace('SELECT user_id, ', 'SELECT '),
        before,
        'the quick fix changes nothing else',
      );
      await screenshot('after-quick-fix');
    });
  },
);
