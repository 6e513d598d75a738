import { startStack } from './harness';
import { openFile, textBox } from './workbench';
async function main() {
  const s = await startStack('zz-debug');
  try {
    await openFile(s.page, 'unique-reach.cleanrooms.sql');
    await s.page.waitForTimeout(5000);
    const box = await textBox(s.page, 'campaign_id');
    console.log('box', box);
    await s.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 5 });
    await s.page.waitForTimeout(4000);
    console.log('A', await s.page.locator('.monaco-hover:not(.hidden)').count());
    await s.page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2 + 40);
    await s.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 5 });
    await s.page.waitForTimeout(4000);
    console.log('B', await s.page.locator('.monaco-hover:not(.hidden)').count());
    const box2 = await textBox(s.page, 'socialco_impressions');
    await s.page.mouse.move(box2!.x + box2!.width / 2, box2!.y + box2!.height / 2, { steps: 5 });
    await s.page.waitForTimeout(4000);
    console.log('C', await s.page.locator('.monaco-hover:not(.hidden)').count());
    const box3 = await textBox(s.page, 'timestamp');
    await s.page.mouse.move(box3!.x + box3!.width / 2, box3!.y + box3!.height / 2, { steps: 5 });
    await s.page.waitForTimeout(4000);
    console.log('D', await s.page.locator('.monaco-hover:not(.hidden)').count());
    console.log(await s.page.locator('.monaco-hover').evaluateAll((els) => els.map((e) => (e as any).className + ' :: ' + (e as any).textContent?.slice(0, 100))));
    await s.page.screenshot({ path: '/tmp/e2e-scratch/hover.png' });
  } finally { await s.stop(false); }
}
main();
