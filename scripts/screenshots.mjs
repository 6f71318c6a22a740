// Takes screenshots of the served widget at phone and tablet width, for a
// person to look at (not a test). Builds nothing: run `make dist` first.
//   node scripts/screenshots.mjs [outdir]
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { CheckPage } from '../tests/e2e/check_page.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const { server, url } = await serve('dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const sizes = [['phone', 360, 'light'], ['tablet', 820, 'light'], ['phone-dark', 360, 'dark']];
for (const [name, width, colorScheme] of sizes) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
  const page = await context.newPage();
  const check = new CheckPage(page);
  const shot = (step) => page.screenshot({ path: `${out}/${name}-${step}.png`, fullPage: true });
  await check.open(url);
  await check.rateScales([97, 74]);
  await shot('1-scales');
  await check.rateScales([97, 74, 100, 85]);
  await check.next();
  await shot('2-first-goal');
  await page.getByLabel('New goal').fill('Sleep through the night');
  await check.button('Add goal').click();
  await check.rate(check.sliders().first(), 40);
  await page.getByLabel('Small step for the coming week (optional)').fill('No phone after 22:00');
  await shot('3-goals');
  await check.next();
  await page.getByRole('textbox').fill('A little more time for the homework next time.');
  await shot('4-question');
  await check.next();
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await shot('5-review');
  await check.save();
  await shot('6-summary');
  // Two more sessions, so the history has lines to draw.
  for (const [scales, goal] of [[[95, 96, 100, 90], 55], [[94, 80, 98, 88], 30]]) {
    await check.button('Start a new check').click();
    await check.rateScales(scales);
    await check.next();
    if (goal !== null) {
      const partly = check.page.getByRole('radio', { name: 'Partly' });
      if (await partly.count()) await partly.check();
      await check.rate(check.sliders().first(), goal);
    }
    await check.next();
    await check.next();
    await page.getByRole('radio', { name: "Show me today's summary now" }).check();
    await check.save();
  }
  await shot('7-summary-drop');
  await check.nav('History').click();
  await shot('8-history');
  await check.nav('My goals').click();
  await shot('9-goals');
  await context.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${out}/`);
