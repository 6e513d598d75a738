// What a person does in VS Code, as keyboard and mouse actions on the workbench, plus the reads a
// person's eyes would make (rows in Problems, a hover's text). Selectors are VS Code 1.100's DOM.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

const quickInput = (page: Page) => page.locator('.quick-input-widget');
export const quickRows = (page: Page): Locator =>
  page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/** Moves the focus (arrow keys) to the first row containing `text`, then presses Enter. */
export async function pickRow(
  page: Page,
  rows: Locator,
  text: string,
  timeoutMs = 15_000,
): Promise<void> {
  const row = rows.filter({ hasText: text }).first();
  await row.waitFor({ timeout: timeoutMs }).catch(async (err: Error) => {
    throw new Error(
      `${err.message.split('\n')[0]}; rows shown: ${JSON.stringify(await rows.allTextContents())}`,
    );
  });
  await poll(
    `row "${text}" to be focused`,
    async () => {
      if ((await rows.filter({ hasText: text }).and(page.locator('.focused')).count()) > 0)
        return true;
      await page.keyboard.press('ArrowDown');
      return false;
    },
    { timeoutMs: 10_000, intervalMs: 150 },
  );
  await page.keyboard.press('Enter');
}

const pickQuickRow = (page: Page, text: string, timeoutMs?: number) =>
  pickRow(page, quickRows(page), text, timeoutMs);

/** F1, type the command's title, Enter on the matching row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await pickQuickRow(page, title);
}

/** Clicks the file in the Explorer; resolves when its editor tab is active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ hasText: fileName })
    .first()
    .click();
  await activeTab(page, fileName).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

export const activeTab = (page: Page, fileName: string): Locator =>
  page.locator('.tabs-container .tab.active').filter({ hasText: fileName });

/** Ctrl+G "line:column" (1-based), as a person jumps to a place in the active editor. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden' });
  await poll(
    `cursor at ${line}:${column}`,
    async () => (await cursorPosition(page)) === `Ln ${line}, Col ${column}`,
  );
}

export async function focusEditor(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.editor-instance .monaco-editor textarea.inputarea').first().focus();
}

/** The status bar's "Ln x, Col y". */
export async function cursorPosition(page: Page): Promise<string | undefined> {
  const text = await page
    .locator('#status\\.editor\\.selection')
    .textContent()
    .catch(() => null);
  return text?.trim();
}

export interface ProblemRow {
  /** What the row shows: message, source(code) and "[Ln x, Col y]". */
  text: string;
}

/** Opens the Problems panel (Ctrl+Shift+M) and reads its rows. */
export async function problems(page: Page): Promise<ProblemRow[]> {
  if (
    !(await page
      .locator('.markers-panel')
      .isVisible()
      .catch(() => false))
  ) {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
  }
  // One read of all rows: rows are re-rendered as diagnostics change, so no per-row handles.
  return (await page.locator('.markers-panel .monaco-list-row').allTextContents()).map((text) => ({
    text,
  }));
}

/** Waits until a Problems row contains `text` and returns it. */
export async function waitForProblem(
  page: Page,
  text: string,
  timeoutMs = 30_000,
): Promise<ProblemRow> {
  return poll(
    `a Problems row containing "${text}"`,
    async () => (await problems(page)).find((r) => r.text.includes(text)),
    { timeoutMs, intervalMs: 250 },
  );
}

export const squiggles = (page: Page): Locator =>
  page.locator('.editor-instance .monaco-editor .squiggly-error');

/**
 * Moves the mouse over the target's centre and returns the hover widget's text once shown. Give a
 * function to measure the target again on every try: lines move when the verdict's CodeLens
 * appears above the template.
 */
export async function hoverText(
  page: Page,
  target: Box | (() => Promise<Box | undefined>),
  expect: string,
  timeoutMs = 30_000,
): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect }).first();
  const deadline = Date.now() + timeoutMs;
  // VS Code does not ask again while the mouse stays on a word whose hover came back empty (the
  // language server may still be starting), so between tries the mouse leaves the word.
  while (Date.now() < deadline) {
    const box = typeof target === 'function' ? await target() : target;
    if (!box) {
      await page.waitForTimeout(250);
      continue;
    }
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const shown = await hover.waitFor({ timeout: 4_000 }).then(
      () => true,
      () => false,
    );
    if (shown) return (await hover.textContent()) ?? '';
    await page.mouse.move(box.x + box.width / 2, box.y - 3 * box.height, { steps: 3 });
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for a hover containing "${expect}"`);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where `needle` is drawn in the active editor (the `occurrence`-th visible match), measured with a
 * DOM Range over the rendered line, so it works whatever the syntax highlighting splits it into.
 */
export async function textBox(
  page: Page,
  needle: string,
  occurrence = 0,
): Promise<Box | undefined> {
  // A string expression: the test code is type-checked without DOM typings.
  return page.evaluate(`(() => {
    const needle = ${JSON.stringify(needle)};
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    let seen = 0;
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data.replace(/\u00a0/g, ' '); }
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
        if (seen++ !== ${occurrence}) continue;
        const locate = (offset) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]]; };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + needle.length));
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return undefined;
  })()`);
}

/** Ctrl+S on an edited file: waits for the tab's dirty marker, saves, waits for the marker to go. */
export async function save(page: Page, fileName: string): Promise<void> {
  const dirtyTab = page.locator('.tabs-container .tab.active.dirty').filter({ hasText: fileName });
  await dirtyTab.waitFor({ timeout: 15_000 });
  await focusEditor(page);
  await page.keyboard.press('Control+S');
  await dirtyTab.waitFor({ state: 'detached', timeout: 15_000 });
}

/** The labels in the open suggestion (completion) widget. */
export async function suggestLabels(page: Page): Promise<string[]> {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  if (!(await widget.isVisible().catch(() => false))) return [];
  return (await widget.locator('.monaco-list-row .label-name').allTextContents()).map((t) =>
    t.trim(),
  );
}

/** Rows of the code action menu (light bulb / Ctrl+.). */
export const codeActionRows = (page: Page): Locator =>
  page.locator('.action-widget .monaco-list-row.action');

/** Rows of the visible notifications (toasts). */
export const notifications = (page: Page): Locator =>
  page.locator('.notifications-toasts .notification-toast');

/** Clicks the Clean Rooms icon in the activity bar; resolves when the view shows rows. */
export async function openCleanRoomsView(page: Page): Promise<void> {
  await page
    .locator('.part.activitybar .action-item .action-label[aria-label^="Clean Rooms"]')
    .first()
    .click();
  await treeRows(page).first().waitFor({ timeout: 30_000 });
}

/** Rows of the tree in the side bar (the open view container). */
export const treeRows = (page: Page): Locator => page.locator('.part.sidebar .monaco-list-row');

/** The tree row whose label is exactly `label`. */
export const treeRow = (page: Page, label: string): Locator =>
  treeRows(page)
    .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) })
    .first();

/** The codicon name (e.g. "pass", "error") of a tree row's icon. */
export async function treeRowIcon(row: Locator): Promise<string | undefined> {
  const classes =
    (await row.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '';
  return /codicon-([\w-]+)/.exec(classes)?.[1];
}

/** Right-clicks `target` and chooses `item` from its context menu. */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const entry = menu.locator('.action-item').filter({ hasText: item }).first();
  await entry.waitFor({ timeout: 10_000 });
  // A click that lands while the menu is still being laid out is ignored: click until it closes.
  await poll(
    `the "${item}" menu entry to be taken`,
    async () => {
      if (!(await menu.isVisible())) return true;
      await entry.click({ timeout: 2_000 }).catch(() => undefined);
      return false;
    },
    { timeoutMs: 15_000, intervalMs: 1_500 },
  );
}

/** The active editor's text as drawn (all lines are visible for the short files the tests use). */
export async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-instance .monaco-editor .view-lines .view-line');
  const tops: { top: number; text: string }[] = [];
  for (const line of await lines.all()) {
    const top = Number(((await line.getAttribute('style')) ?? '').match(/top:\s*(\d+)/)?.[1] ?? 0);
    tops.push({ top, text: ((await line.textContent()) ?? '').replace(/\u00a0/g, ' ') });
  }
  return tops
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text)
    .join('\n');
}

/** Explorer's "New File..." action, type the name, Enter; resolves when the new file's editor is active. */
export async function newFileInExplorer(page: Page, fileName: string): Promise<void> {
  const header = page
    .locator('.part.sidebar .pane-header')
    .filter({ has: page.locator('.action-label[aria-label^="New File"]') })
    .first();
  await page.locator('.part.sidebar .pane-header').first().hover();
  await header.locator('.action-label[aria-label^="New File"]').click();
  const input = page.locator('.part.sidebar .monaco-inputbox input').first();
  await input.waitFor({ timeout: 10_000 });
  await page.keyboard.type(fileName);
  await page.keyboard.press('Enter');
  await activeTab(page, fileName).waitFor({ timeout: 30_000 });
}

/** Moves the mouse to an empty part of the editor area and waits for tooltips and hovers to go. */
export async function parkMouse(page: Page): Promise<void> {
  const size = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.mouse.move(size.width - 200, size.height - 250, { steps: 3 });
  await poll(
    'tooltips to fade',
    async () =>
      (await page
        .locator('.workbench-hover, .monaco-hover:not(.hidden)')
        .filter({ visible: true })
        .count()) === 0,
    { timeoutMs: 5_000 },
  );
}

/** The open modal dialog (VS Code's own, in the web workbench), if any. */
export const dialog = (page: Page): Locator => page.locator('.monaco-dialog-box').first();

/** The labels of the open modal dialog's buttons. */
export async function dialogButtons(page: Page): Promise<string[]> {
  return (await dialog(page).locator('.dialog-buttons .monaco-button').allTextContents()).map((t) =>
    t.trim(),
  );
}

/** Clicks the modal dialog's button labelled exactly `label`; resolves when the dialog is gone. */
export async function clickDialogButton(page: Page, label: string): Promise<void> {
  const button = dialog(page)
    .locator('.dialog-buttons .monaco-button')
    .getByText(label, { exact: true })
    .first();
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  await dialog(page).waitFor({ state: 'hidden', timeout: 15_000 });
}
