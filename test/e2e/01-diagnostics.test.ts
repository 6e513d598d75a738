// Scenario 1: a template that breaks a DP rule shows the squiggle on the offending token and our
// code and message in the Problems panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSession } from './harness';
import { poll } from './poll';
import { hoverText, openFile, squiggles, textBox, waitForProblem } from './workbench';
import { positionOf, readWorkspaceFile } from './templateText';

const FILE = 'last-seen.cleanrooms.sql';

test(
  'a DP violation is squiggled on its token and listed in Problems with its code',
  { timeout: 180_000 },
  async () => {
    await withSession('01-diagnostics', async ({ page, workspace, screenshot }) => {
      const expected = positionOf(readWorkspaceFile(workspace, FILE), 'MAX(timestamp)');
      const t0 = Date.now();
      await openFile(page, FILE);

      // The squiggle is drawn exactly under the offending aggregate call MAX(timestamp).
      const squiggle = squiggles(page).first();
      await squiggle.waitFor({ timeout: 60_000 });
      const s = await poll('the squiggle to be laid out', () => squiggle.boundingBox());
      console.log(`[e2e 01] file opened -> squiggle: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const m = await poll('MAX(timestamp) to be drawn', () => textBox(page, 'MAX(timestamp)'));
      assert.ok(Math.abs(s.x - m.x) <= 2, `squiggle starts at x=${s.x}, MAX at x=${m.x}`);
      assert.ok(
        Math.abs(s.x + s.width - (m.x + m.width)) <= 2,
        `squiggle ends at x=${s.x + s.width}, MAX(timestamp) at x=${m.x + m.width}`,
      );
      assert.ok(
        s.y >= m.y - 2 && s.y <= m.y + m.height + 2,
        `squiggle y=${s.y} is not on MAX's line (y=${m.y}, h=${m.height})`,
      );
      assert.equal(await squiggles(page).count(), 1, 'exactly one error squiggle');

      const row = await waitForProblem(page, 'DP028');
      console.log(`[e2e 01] problems row: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      assert.match(row.text, /Aggregate MAX is not supported in the final SELECT/);
      assert.ok(
        row.text.includes(`[Ln ${expected.line}, Col ${expected.column}]`),
        `Problems row "${row.text}" should point at Ln ${expected.line}, Col ${expected.column}`,
      );

      const hover = await hoverText(page, () => textBox(page, 'MAX(timestamp)'), 'DP028');
      assert.match(hover, /Aggregate MAX is not supported/);
      console.log(`[e2e 01] hover: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await screenshot('squiggle-and-problems');
    });
  },
);
