// Scenario 11: a freshly cloned repository opens untrusted (Restricted Mode). The extension still
// runs there (capabilities.untrustedWorkspaces "limited"): DP diagnostics appear as usual, while
// a command that would write AWS data into the folder says it is off until the folder is trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { readWorkspaceFile } from './templateText';
import { notifications, openFile, runCommand, squiggles, waitForProblem } from './workbench';

test(
  'Restricted Mode: DP diagnostics still appear; Refresh Schema is off with a reason',
  { timeout: 180_000 },
  async () => {
    await withSession(
      '11-restricted-mode',
      async ({ page, workspace, screenshot }) => {
        // VS Code's own indicator: the window really is in Restricted Mode.
        await page
          .locator('.statusbar-item')
          .filter({ hasText: 'Restricted Mode' })
          .first()
          .waitFor({ timeout: 30_000 });

        await openFile(page, 'last-seen.cleanrooms.sql');
        const row = await waitForProblem(page, 'DP028', 60_000);
        assert.match(row.text, /Aggregate MAX is not supported in the final SELECT/);
        assert.equal(await squiggles(page).count(), 1, 'the DP error is squiggled');

        const schemaBefore = readWorkspaceFile(workspace, 'cleanrooms.schema.json');
        await runCommand(page, 'Clean Rooms: Refresh Schema');
        const toast = notifications(page).filter({ hasText: 'Restricted Mode' }).first();
        await toast.waitFor({ timeout: 30_000 });
        assert.match((await toast.textContent()) ?? '', /Refresh schema is off in Restricted Mode/);
        assert.equal(
          readWorkspaceFile(workspace, 'cleanrooms.schema.json'),
          schemaBefore,
          'nothing was written',
        );
        await screenshot('restricted-mode');
      },
      { restrictedMode: true },
    );
  },
);
