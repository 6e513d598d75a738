// Scenario 9: a newcomer opens the examples and sees the verdict without doing anything: in the
// status bar and on the line above the template. Clicking INVALID lists the reasons and jumps to
// one; without a schema file the line offers to create one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withSession } from './harness';
import { poll } from './poll';
import { activeTab, cursorPosition, openFile, parkMouse, pickRow, quickRows } from './workbench';
import { positionOf, readWorkspaceFile } from './templateText';

const verdictItem = (page: Page) =>
  page.locator('.statusbar-item').filter({ hasText: 'DP:' }).first();
const lenses = (page: Page) => page.locator('.editor-instance .monaco-editor .codelens-decoration');

async function statusText(page: Page, expected: string): Promise<string> {
  return poll(
    `the status bar to show "${expected}"`,
    async () => {
      const text = (
        await verdictItem(page)
          .textContent()
          .catch(() => null)
      )?.trim();
      return text?.includes(expected) ? text : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}

async function lensText(page: Page, expected: string): Promise<string> {
  return poll(
    `the CodeLens line to show "${expected}"`,
    async () => {
      const text = (
        await lenses(page)
          .first()
          .textContent()
          .catch(() => null)
      )?.trim();
      return text?.includes(expected) ? text : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

test(
  'the verdict is always visible: status bar and CodeLens, VALID and INVALID, reasons on click, no schema file',
  { timeout: 240_000 },
  async () => {
    await withSession('09-verdict', async ({ page, workspace, screenshot }) => {
      const t0 = Date.now();
      await openFile(page, 'unique-reach.cleanrooms.sql');
      assert.equal(await statusText(page, 'DP: VALID'), 'DP: VALID');
      console.log(`[e2e 09] file opened -> DP: VALID: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      assert.match(await lensText(page, 'DP: VALID'), /^DP: VALID$/);
      // The line sits above the template's first line.
      const lensBox = await lenses(page).first().boundingBox();
      const firstLine = await page
        .locator('.editor-instance .monaco-editor .view-lines .view-line')
        .filter({ hasText: '@name Unique reach' })
        .first()
        .boundingBox();
      assert.ok(
        lensBox && firstLine && lensBox.y < firstLine.y,
        `CodeLens at y=${lensBox?.y}, first line at y=${firstLine?.y}`,
      );
      await parkMouse(page);
      await screenshot('valid');

      const lastSeen = readWorkspaceFile(workspace, 'last-seen.cleanrooms.sql');
      await openFile(page, 'last-seen.cleanrooms.sql');
      assert.equal(await statusText(page, 'DP: INVALID'), 'DP: INVALID · 1');
      assert.match(await lensText(page, 'DP: INVALID'), /^DP: INVALID · 1 — DP028: Aggregate MAX/);
      await parkMouse(page);
      await screenshot('invalid');

      // Clicking the status item lists the reasons; choosing one puts the cursor on it.
      await verdictItem(page).click();
      await quickRows(page).filter({ hasText: 'DP028' }).first().waitFor({ timeout: 15_000 });
      assert.match(
        (await quickRows(page).allTextContents()).join(' | '),
        /DP028.*Ln 3, Col \d+.*Aggregate MAX.*\| .*Open Problems/,
      );
      await screenshot('invalid-reasons');
      await pickRow(page, quickRows(page), 'DP028');
      const max = positionOf(lastSeen, 'MAX(timestamp)');
      await poll(
        `the cursor on MAX (Ln ${max.line}, Col ${max.column})`,
        async () =>
          (await cursorPosition(page))?.startsWith(`Ln ${max.line}, Col `) &&
          (await cursorPosition(page)),
      );
      assert.match(
        (await cursorPosition(page))!,
        new RegExp(`^Ln ${max.line}, Col \\d+ \\(\\d+ selected\\)$`),
      );

      // Without a schema file: a state of its own, and the line offers to create one, beside the template.
      const schemaPath = join(workspace, 'cleanrooms.schema.json');
      rmSync(schemaPath);
      await openFile(page, 'unique-reach.cleanrooms.sql');
      assert.equal(await statusText(page, 'NO SCHEMA'), 'DP: NO SCHEMA FILE');
      await lensText(page, 'no cleanrooms.schema.json');
      await parkMouse(page);
      await screenshot('no-schema');
      const create = lenses(page)
        .locator('a')
        .filter({ hasText: 'Create cleanrooms.schema.json' })
        .first();
      await create.click();
      await activeTab(page, 'cleanrooms.schema.json').waitFor({ timeout: 30_000 });
      assert.ok(existsSync(schemaPath));
      const starter = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
        tables: { name: string; differentialPrivacy: { userIdColumn: string } }[];
      };
      assert.deepEqual(
        starter.tables.map((t) => [t.name, t.differentialPrivacy.userIdColumn]),
        [['socialco_impressions', '']],
      );
      // Until the user fills in the user-identifier column, the template cannot be validated.
      await openFile(page, 'unique-reach.cleanrooms.sql');
      assert.equal(await statusText(page, 'UNABLE'), 'DP: UNABLE TO VALIDATE');
    });
  },
);
