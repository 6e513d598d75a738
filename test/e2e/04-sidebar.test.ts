// Scenario 4: the Clean Rooms side bar lists the demo collaborations and, under one, its templates
// with their DP validation status as the icon.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import { openCleanRoomsView, parkMouse, treeRow, treeRowIcon } from './workbench';
import { collaborations, collaborationTemplates, emulatorClient } from './sdk';

const ICON_FOR_STATUS: Record<string, string> = {
  VALID: 'pass',
  INVALID: 'error',
  UNABLE_TO_VALIDATE: 'warning',
};

test(
  'the side bar lists collaborations and templates with status icons',
  { timeout: 180_000 },
  async () => {
    await withSession('04-sidebar', async ({ page, emulatorUrl, screenshot }) => {
      const client = emulatorClient(emulatorUrl);
      const collabs = await collaborations(client);
      assert.ok(collabs.length >= 2, 'the demo seed has collaborations');

      await openCleanRoomsView(page);
      for (const c of collabs) await treeRow(page, c.name).waitFor({ timeout: 30_000 });

      const target = collabs.find((c) => c.name === 'SocialCo x Athletic Brand') ?? collabs[0];
      const templates = await collaborationTemplates(client, target.id);
      const statuses = new Set(templates.map((t) => t.dpStatus));
      assert.ok(
        statuses.has('VALID') && statuses.has('INVALID'),
        `the demo collaboration should hold VALID and INVALID templates, has ${[...statuses]}`,
      );

      await treeRow(page, target.name).click();
      for (const t of templates) {
        const row = treeRow(page, t.name);
        await row.waitFor({ timeout: 30_000 });
        const icon = await poll(`the icon of "${t.name}"`, () => treeRowIcon(row));
        assert.equal(
          icon,
          t.dpStatus ? ICON_FOR_STATUS[t.dpStatus] : 'file-code',
          `icon of "${t.name}" (DP status ${t.dpStatus})`,
        );
      }
      await parkMouse(page);
      await screenshot('tree');
    });
  },
);
