// Scenario 7: the extension is not activated at start-up, only by our language or our view; the
// activation event comes from the extension host's log, the activation time from VS Code's own
// "Developer: Show Running Extensions" editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { withSession } from './harness';
import { poll } from './poll';
import { openCleanRoomsView, openFile, runCommand } from './workbench';

const EXTENSION_ID = 'cleanrooms-template-studio.cleanrooms-template-studio';

function extensionHostLog(userDataDir: string): string {
  const logs = join(userDataDir, 'logs');
  for (const session of (existsSync(logs) ? readdirSync(logs) : []).sort().reverse()) {
    const file = join(logs, session, 'exthost1', 'remoteexthost.log');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return '';
}

const activationLine = (log: string) =>
  log.split('\n').find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID},`));

async function startupFinished(userDataDir: string): Promise<void> {
  // VS Code logs this once every '*' extension ran; onStartupFinished ones follow right after.
  await poll(
    'the extension host to finish start-up',
    () => extensionHostLog(userDataDir).includes('Eager extensions activated'),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  await poll(
    'onStartupFinished activations',
    () => /activationEvent: 'onStartupFinished'/.test(extensionHostLog(userDataDir)),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

/** What Developer: Show Running Extensions says about our activation, e.g. "Activation: 321ms". */
async function runningExtensionsActivation(page: Page): Promise<string> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page
    .locator('.runtime-extensions-editor .monaco-list-row')
    .filter({ hasText: 'Clean Rooms Template Studio' })
    .first();
  await row.waitFor({ timeout: 30_000 });
  const text = await poll('an activation time in the row', async () => {
    const t =
      (await row
        .locator('.activation-time')
        .textContent()
        .catch(() => null)) ?? '';
    return /\d/.test(t) ? t : undefined;
  });
  return text.trim();
}

test(
  'not active at start-up; opening a template activates it by its language',
  { timeout: 180_000 },
  async () => {
    await withSession('07-activation-language', async ({ page, userDataDir, screenshot }) => {
      await startupFinished(userDataDir);
      assert.equal(
        activationLine(extensionHostLog(userDataDir)),
        undefined,
        'activated at start-up',
      );
      assert.equal(
        await page.locator('.statusbar-item').filter({ hasText: 'Clean Rooms:' }).count(),
        0,
        'status bar item before activation',
      );

      const opened = Date.now();
      await openFile(page, 'unique-reach.cleanrooms.sql');
      const line = await poll(
        'the activation line',
        () => activationLine(extensionHostLog(userDataDir)),
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      assert.match(line, /startup: false, activationEvent: 'onLanguage:cleanrooms-sql'/);
      await page
        .locator('.statusbar-item')
        .filter({ hasText: 'Clean Rooms:' })
        .first()
        .waitFor({ timeout: 30_000 });
      const shown = await runningExtensionsActivation(page);
      // "Startup Activation" would mean VS Code activated us while starting up.
      assert.match(shown, /^Activation: \d+ms$/);
      const activationMs = Number(shown.match(/\d+/)![0]);
      console.log(
        `[e2e 07] activation by language: activate() took ${activationMs} ms (Running Extensions); file click -> status bar ${((Date.now() - opened) / 1000).toFixed(1)} s`,
      );
      await screenshot('running-extensions');
    });
  },
);

test('opening the Clean Rooms view activates it by the view', { timeout: 180_000 }, async () => {
  await withSession('07-activation-view', async ({ page, userDataDir }) => {
    await startupFinished(userDataDir);
    assert.equal(activationLine(extensionHostLog(userDataDir)), undefined, 'activated at start-up');
    await openCleanRoomsView(page);
    const line = await poll(
      'the activation line',
      () => activationLine(extensionHostLog(userDataDir)),
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    assert.match(line, /startup: false, activationEvent: 'onView:cleanrooms.collaborations'/);
  });
});
