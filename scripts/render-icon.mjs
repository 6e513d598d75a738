// Renders assets/icon.svg (the source) to images/icon.png at 128×128, the size the Marketplace
// wants, with the Chromium the end-to-end tests use (npm run setup:e2e installs it).
// Usage: node scripts/render-icon.mjs   (run after editing the SVG; commit both files)
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: 'images/icon.png', omitBackground: true });
} finally {
  await browser.close();
}
