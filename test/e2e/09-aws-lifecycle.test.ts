// Scenario 9: what AWS knows beyond the file, as a template author meets it. The privacy budget
// shows under the DP collaboration; "Update" of a synthetic-data template creates the new one
// with its synthetic-data settings and deletes the old one only after; Preview Privacy Impact
// answers for the open template; Delete leaves no file linked to the deleted template; a file
// whose template is gone gets "Unlink and Create".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetAnalysisTemplateCommand } from '@aws-sdk/client-cleanrooms';
import { withSession } from './harness';
import { poll } from './poll';
import { collaborations, emulatorClient, membershipFor, membershipTemplates } from './sdk';
import { readWorkspaceFile } from './templateText';
import {
  activeTab,
  clickDialogButton,
  contextMenu,
  dialog,
  dialogButtons,
  focusEditor,
  notifications,
  openCleanRoomsView,
  parkMouse,
  runCommand,
  save,
  treeRow,
} from './workbench';

const COLLABORATION = 'SocialCo x Athletic Brand';
const TEMPLATE = 'Synthetic reach by region';
const FILE = 'Synthetic_reach_by_region.cleanrooms.sql';

const arnIn = (text: string) => /^-- @arn (.+)$/m.exec(text)?.[1];

test(
  'budget in the tree; Update-as-new keeps synthetic data; Preview Privacy Impact; Delete unlinks; Unlink and Create',
  { timeout: 300_000 },
  async () => {
    await withSession('09-aws-lifecycle', async ({ page, emulatorUrl, workspace, screenshot }) => {
      const client = emulatorClient(emulatorUrl);
      const collaboration = (await collaborations(client)).find((c) => c.name === COLLABORATION)!;
      const membershipId = await membershipFor(client, collaboration.id);
      const old = (await membershipTemplates(client, membershipId)).find(
        (t) => t.name === TEMPLATE,
      )!;
      const oldId = old.arn.split('/').pop()!;
      const oldSynthetic = (
        await client.send(
          new GetAnalysisTemplateCommand({
            membershipIdentifier: membershipId,
            analysisTemplateIdentifier: oldId,
          }),
        )
      ).analysisTemplate!.syntheticDataParameters;
      assert.ok(oldSynthetic, 'the demo template has synthetic-data parameters');

      // The budget, under the DP collaboration.
      await openCleanRoomsView(page);
      await treeRow(page, COLLABORATION).click();
      const budget = treeRow(page, 'Privacy budget');
      await budget.waitFor({ timeout: 30_000 });
      assert.match((await budget.textContent()) ?? '', /ε 3 · noise 30 users\/query · monthly/);
      await budget.click();
      const countDistinct = treeRow(page, 'COUNT DISTINCT');
      await countDistinct.waitFor({ timeout: 15_000 });
      assert.match((await countDistinct.textContent()) ?? '', /60 of 100 left/);
      assert.match((await treeRow(page, 'STDDEV').textContent()) ?? '', /0 of 25 left/);
      assert.match((await treeRow(page, TEMPLATE).textContent()) ?? '', /SQL · synthetic data/);
      await parkMouse(page);
      await screenshot('budget-tree');

      // Fetch, change the SQL, Update: create as new, then delete the old one.
      await contextMenu(page, treeRow(page, TEMPLATE), 'Fetch Analysis Template');
      await activeTab(page, FILE).waitFor({ timeout: 30_000 });
      await poll(
        'the fetched file',
        () =>
          existsSync(join(workspace, FILE)) &&
          arnIn(readWorkspaceFile(workspace, FILE)) === old.arn,
      );
      await focusEditor(page);
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText('\nLIMIT 100');
      await save(page, FILE);

      await runCommand(page, 'Clean Rooms: Update Analysis Template');
      await clickDialogButton(page, 'Create as New Template');
      await page
        .locator('.quick-input-widget .quick-input-title')
        .filter({ hasText: 'Name of the new template' })
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      // Creating may first ask about the local verdict; the old template goes only after "Delete".
      await poll(
        'the delete question',
        async () => {
          if (!(await dialog(page).isVisible())) return false;
          const buttons = await dialogButtons(page);
          if (buttons.includes('Create Anyway')) {
            await clickDialogButton(page, 'Create Anyway');
            return false;
          }
          return buttons.includes('Delete');
        },
        { timeoutMs: 60_000, intervalMs: 300 },
      );
      const replacement = await poll(
        'the new template in the emulator',
        async () =>
          (await membershipTemplates(client, membershipId)).find(
            (t) => t.name === `${TEMPLATE} v2`,
          ),
        { timeoutMs: 30_000 },
      );
      const stillThere = (await membershipTemplates(client, membershipId)).some(
        (t) => t.arn === old.arn,
      );
      assert.equal(stillThere, true, 'the old template is kept until the user confirms');
      await clickDialogButton(page, 'Delete');
      await poll(
        'the old template to be gone',
        async () =>
          !(await membershipTemplates(client, membershipId)).some((t) => t.arn === old.arn),
        { timeoutMs: 30_000 },
      );

      const created = (
        await client.send(
          new GetAnalysisTemplateCommand({
            membershipIdentifier: membershipId,
            analysisTemplateIdentifier: replacement.arn.split('/').pop()!,
          }),
        )
      ).analysisTemplate!;
      assert.deepEqual(
        created.syntheticDataParameters,
        oldSynthetic,
        'the synthetic-data settings were kept',
      );
      assert.deepEqual(created.errorMessageConfiguration, { type: 'DETAILED' });
      assert.ok(created.source?.text?.endsWith('\nLIMIT 100'), created.source?.text);
      await poll(
        'the file to link to the new template',
        () => arnIn(readWorkspaceFile(workspace, FILE)) === replacement.arn,
        { timeoutMs: 15_000 },
      );

      // Preview Privacy Impact for the open template: epsilon 10, noise 20 allow 500 COUNT DISTINCT.
      await runCommand(page, 'Clean Rooms: Preview Privacy Impact');
      for (const [title, value] of [
        ['Epsilon', '10'],
        ['Users noise per query', '20'],
      ]) {
        await page
          .locator('.quick-input-widget .quick-input-title')
          .filter({ hasText: `Preview privacy impact: ${title}` })
          .waitFor({ timeout: 15_000 });
        await page.keyboard.type(value);
        await page.keyboard.press('Enter');
      }
      await notifications(page)
        .filter({ hasText: 'can run 500 more time(s) per budget period' })
        .first()
        .waitFor({ timeout: 30_000 });

      // Delete the new one from the editor: the file is unlinked.
      await runCommand(page, 'Clean Rooms: Delete Analysis Template');
      await dialog(page).waitFor({ timeout: 15_000 });
      assert.match((await dialog(page).textContent()) ?? '', /1 local file\(s\) link to it/);
      await clickDialogButton(page, 'Delete');
      await poll(
        'the template to be deleted',
        async () =>
          !(await membershipTemplates(client, membershipId)).some((t) => t.arn === replacement.arn),
        { timeoutMs: 30_000 },
      );
      await poll(
        'the file to lose its @arn',
        () => arnIn(readWorkspaceFile(workspace, FILE)) === undefined,
        { timeoutMs: 15_000 },
      );
      await notifications(page)
        .filter({ hasText: `Unlinked ${FILE}` })
        .first()
        .waitFor({ timeout: 15_000 });
      await parkMouse(page);
      await screenshot('deleted-unlinked');

      // A file still naming the deleted template: Update offers "Unlink and Create".
      const unlinked = readWorkspaceFile(workspace, FILE);
      writeFileSync(
        join(workspace, FILE),
        unlinked.replace('-- @membership', `-- @arn ${replacement.arn}\n-- @membership`),
      );
      await poll(
        'the editor to show the stale @arn',
        async () =>
          (await page.locator('.editor-instance .view-lines').first().textContent())?.includes(
            '@arn',
          ) ?? false,
        { timeoutMs: 15_000 },
      );
      await runCommand(page, 'Clean Rooms: Update Analysis Template');
      await dialog(page).waitFor({ timeout: 15_000 });
      assert.match((await dialog(page).textContent()) ?? '', /no longer exists in AWS/);
      await clickDialogButton(page, 'Unlink and Create');
      const recreated = await poll(
        'the template created again',
        async () =>
          (await membershipTemplates(client, membershipId)).find(
            (t) => t.name === `${TEMPLATE} v2`,
          ),
        { timeoutMs: 30_000 },
      );
      assert.notEqual(recreated.arn, replacement.arn);
      await poll(
        'the file to link to the new template',
        () => arnIn(readWorkspaceFile(workspace, FILE)) === recreated.arn,
        { timeoutMs: 15_000 },
      );
    });
  },
);
