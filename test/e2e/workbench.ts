// What a person does in VS Code, as keyboard and mouse actions on the workbench, plus the reads a
// person's eyes would make (rows in Problems, a hover's text). Selectors are VS Code 1.100's DOM.
import type { Locator, Page } from 'playwright-core';
import { poll } from './poll';

const quickInput = (page: Page) => page.locator('.quick-input-widget');
const quickRows = (page: Page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

async function pickQuickRow(page: Page, text: string, timeoutMs = 15_000): Promise<void> {
  const row = quickRows(page).filter({ hasText: text }).first();
  await row.waitFor({ timeout: timeoutMs });
  // Enter takes the focused row: make sure it is the one we want before pressing it.
  await poll(`quick pick row "${text}" to be focused`, async () => {
    const focused = await quickRows(page).filter({ has: page.locator(':scope.focused') }).first().textContent().catch(() => null);
    if (focused?.includes(text)) return true;
    await page.keyboard.press('ArrowDown');
    return false;
  }, { timeoutMs: 10_000, intervalMs: 150 });
  await page.keyboard.press('Enter');
}

/** F1, type the command's title, Enter on the matching row. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await pickQuickRow(page, title);
}

/** Ctrl+P, type the file name, Enter; resolves when its editor tab is active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(fileName);
  await pickQuickRow(page, fileName);
  await activeTab(page, fileName).waitFor({ timeout: 15_000 });
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
  await poll(`cursor at ${line}:${column}`, async () => (await cursorPosition(page)) === `Ln ${line}, Col ${column}`);
}

export async function focusEditor(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.editor-instance .monaco-editor textarea.inputarea').first().focus();
}

/** The status bar's "Ln x, Col y". */
export async function cursorPosition(page: Page): Promise<string | undefined> {
  const text = await page.locator('#status\\.editor\\.selection').textContent().catch(() => null);
  return text?.trim();
}

export interface ProblemRow {
  /** The row's accessible label, e.g. "Error: message at line 3 column 10 ..." */
  label: string;
  text: string;
}

/** Opens the Problems panel (Ctrl+Shift+M) and reads its rows. */
export async function problems(page: Page): Promise<ProblemRow[]> {
  if (!(await page.locator('.markers-panel').isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible' });
  }
  const rows = page.locator('.markers-panel .monaco-list-row');
  const out: ProblemRow[] = [];
  for (const row of await rows.all()) {
    out.push({ label: (await row.getAttribute('aria-label')) ?? '', text: (await row.textContent()) ?? '' });
  }
  return out;
}

/** Waits until a Problems row contains `text` and returns it. */
export async function waitForProblem(page: Page, text: string, timeoutMs = 30_000): Promise<ProblemRow> {
  return poll(`a Problems row containing "${text}"`, async () =>
    (await problems(page)).find((r) => r.label.includes(text) || r.text.includes(text)), { timeoutMs, intervalMs: 250 });
}

export const squiggles = (page: Page): Locator => page.locator('.editor-instance .monaco-editor .squiggly-error');

/** Moves the mouse over the box's centre and returns the hover widget's text once shown. */
export async function hoverText(page: Page, box: Box, expect: string): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect });
  return poll(`a hover containing "${expect}"`, async () => {
    // Hovers appear only after the mouse moves onto the text: nudge it within the target.
    await page.mouse.move(box.x + box.width / 2 - 1, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    return (await hover.first().isVisible().catch(() => false)) ? await hover.first().textContent() : undefined;
  }, { timeoutMs: 20_000, intervalMs: 600 });
}

export interface Box { x: number; y: number; width: number; height: number }

/**
 * Where `needle` is drawn in the active editor (the `occurrence`-th visible match), measured with a
 * DOM Range over the rendered line, so it works whatever the syntax highlighting splits it into.
 */
export async function textBox(page: Page, needle: string, occurrence = 0): Promise<Box | undefined> {
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

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Ctrl+S and wait until the tab no longer shows the dirty marker. */
export async function save(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+S');
  await poll(`${fileName} saved`, async () =>
    (await page.locator('.tabs-container .tab.active.dirty').filter({ hasText: fileName }).count()) === 0);
}

/** Rows of the code action menu (light bulb / Ctrl+.). */
export const codeActionRows = (page: Page): Locator => page.locator('.action-widget .monaco-list-row.action');

/** Rows of the visible notifications (toasts). */
export const notifications = (page: Page): Locator => page.locator('.notifications-toasts .notification-toast');
