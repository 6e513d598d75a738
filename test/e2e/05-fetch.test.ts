// Scenario 5: fetching a template from the side bar opens a file with its header and body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withSession } from './harness';
import { poll } from './poll';
import {
  activeTab,
  contextMenu,
  editorText,
  openCleanRoomsView,
  parkMouse,
  treeRow,
} from './workbench';
import {
  collaborations,
  collaborationTemplate,
  collaborationTemplates,
  emulatorClient,
} from './sdk';
import { readWorkspaceFile } from './templateText';

const COLLABORATION = 'SocialCo x Athletic Brand';
const TEMPLATE = 'Campaign reach by date range';

test(
  'fetching a template from the tree opens its file with header and body',
  { timeout: 180_000 },
  async () => {
    await withSession('05-fetch', async ({ page, emulatorUrl, workspace, screenshot }) => {
      const client = emulatorClient(emulatorUrl);
      const collaboration = (await collaborations(client)).find((c) => c.name === COLLABORATION)!;
      const summary = (await collaborationTemplates(client, collaboration.id)).find(
        (t) => t.name === TEMPLATE,
      )!;
      const remote = await collaborationTemplate(client, collaboration.id, summary.arn);
      const body = remote.source!.text!;
      const fileName = `${TEMPLATE.replace(/\s+/g, '_')}.cleanrooms.sql`;
      assert.equal(existsSync(join(workspace, fileName)), false);

      await openCleanRoomsView(page);
      await treeRow(page, COLLABORATION).click();
      const row = treeRow(page, TEMPLATE);
      await row.waitFor({ timeout: 30_000 });
      await contextMenu(page, row, 'Fetch Analysis Template');

      await activeTab(page, fileName).waitFor({ timeout: 30_000 });
      const text = await poll(
        'the fetched file on disk',
        () => existsSync(join(workspace, fileName)) && readWorkspaceFile(workspace, fileName),
      );
      const lines = text.split('\n');
      assert.equal(lines[0], `-- @name ${TEMPLATE}`);
      for (const p of remote.analysisParameters ?? []) {
        assert.ok(
          lines.some((l) => l.startsWith(`-- @param ${p.name} ${p.type}`)),
          `header declares ${p.name} ${p.type}:\n${text}`,
        );
      }
      assert.ok(lines.includes(`-- @arn ${summary.arn}`), `header has the ARN:\n${text}`);
      assert.ok(
        text.endsWith(`\n${body}`),
        `the body is the SQL exactly as the service holds it:\n${text}`,
      );
      await poll('the editor to show the header', async () =>
        (await editorText(page)).startsWith(`-- @name ${TEMPLATE}`),
      );
      await parkMouse(page);
      await screenshot('fetched');
    });
  },
);
