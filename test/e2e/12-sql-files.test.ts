// Scenario 12: with cleanrooms.enableForSqlFiles, opening a plain .sql file is enough: the
// extension activates on the `sql` language (activationEvents onLanguage:sql) and checks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSession } from './harness';
import { openFile, runCommand, waitForProblem } from './workbench';

test(
  'enableForSqlFiles: opening a plain .sql file activates the extension and shows DP diagnostics',
  { timeout: 180_000 },
  async () => {
    await withSession(
      '12-sql-files',
      async ({ page, workspace, screenshot }) => {
        // Only a .sql file is opened in this window: nothing else would activate the extension.
        copyFileSync(join(workspace, 'last-seen.cleanrooms.sql'), join(workspace, 'last-seen.sql'));
        await runCommand(page, 'Refresh Explorer');
        await openFile(page, 'last-seen.sql');
        const row = await waitForProblem(page, 'DP028', 60_000);
        assert.match(row.text, /Aggregate MAX is not supported in the final SELECT/);
        await screenshot('plain-sql-file');
      },
      { extraSettings: { 'cleanrooms.enableForSqlFiles': true } },
    );
  },
);
