// Scenario 6: a new template file, then `Clean Rooms: Create Analysis Template` from the command
// palette: the emulator holds the template afterwards (read through the SDK) and the file's header
// gains `@membership` and `@arn`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import {
  activeTab,
  editorText,
  focusEditor,
  newFileInExplorer,
  notifications,
  pickRow,
  quickRows,
  runCommand,
  save,
} from './workbench';
import { collaborations, emulatorClient, membershipFor, membershipTemplates } from './sdk';
import { readWorkspaceFile } from './templateText';

const COLLABORATION = 'SocialCo x Athletic Brand';
const FILE = 'reach-by-device.cleanrooms.sql';
const NAME = 'Reach by device type';
const TEXT = [
  `-- @name ${NAME}`,
  '-- @description Distinct users per device type',
  'SELECT device_type, COUNT(DISTINCT user_id) AS reach',
  'FROM socialco_impressions',
  'GROUP BY device_type',
  '',
].join('\n');

test(
  'Create Analysis Template sends a new template to the service and records its ARN',
  { timeout: 180_000 },
  async () => {
    await withSession('06-create', async ({ page, emulatorUrl, workspace, screenshot }) => {
      const client = emulatorClient(emulatorUrl);
      const collaboration = (await collaborations(client)).find((c) => c.name === COLLABORATION)!;
      const membershipId = await membershipFor(client, collaboration.id);
      assert.equal(
        (await membershipTemplates(client, membershipId)).some((t) => t.name === NAME),
        false,
      );

      await newFileInExplorer(page, FILE);
      await focusEditor(page);
      // Pasted rather than typed: typing would fight auto-closing brackets and the suggest widget.
      await page.keyboard.insertText(TEXT);
      await save(page, FILE);
      await poll('the new file on disk', () => readWorkspaceFile(workspace, FILE) === TEXT);

      await runCommand(page, 'Clean Rooms: Create Analysis Template');
      await pickRow(page, quickRows(page), COLLABORATION, 30_000);

      const created = await poll(
        'the template in the emulator',
        async () => (await membershipTemplates(client, membershipId)).find((t) => t.name === NAME),
        { timeoutMs: 30_000, intervalMs: 300 },
      );
      const header = await poll(
        'the header to gain @arn on disk',
        () => {
          const text = readWorkspaceFile(workspace, FILE);
          return text.includes(`-- @arn ${created.arn}`) && text;
        },
        { timeoutMs: 30_000 },
      );
      assert.ok(header.includes(`-- @membership ${membershipId}\n`), header);
      assert.ok(
        header.endsWith(
          'SELECT device_type, COUNT(DISTINCT user_id) AS reach\nFROM socialco_impressions\nGROUP BY device_type\n',
        ),
        header,
      );
      await poll('the editor to show the ARN', async () =>
        (await editorText(page)).includes(`-- @arn ${created.arn}`),
      );
      await activeTab(page, FILE).waitFor();
      await notifications(page)
        .filter({ hasText: `Created analysis template "${NAME}"` })
        .first()
        .waitFor({ timeout: 15_000 });
      await screenshot('created');
    });
  },
);
