// Takes screenshots of the served widget at phone and tablet width, for a
// person to look at (not a test). Builds nothing: run `make dist` first.
//   node scripts/screenshots.mjs [outdir]
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const out = process.argv[2] ?? 'target/screenshots';
await mkdir(out, { recursive: true });
const { server, url } = await serve('dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const [name, width, scheme] of [['phone', 360, 'light'], ['tablet', 820, 'light'], ['phone-dark', 360, 'dark']]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('slider').first().waitFor();
  await page.screenshot({ path: `${out}/${name}-start.png`, fullPage: true });
  const sliders = page.getByRole('slider');
  for (const [i, key, n] of [[0, 'End', 3], [1, 'End', 26], [2, 'End', 0]]) {
    await sliders.nth(i).focus();
    await page.keyboard.press(key);
    for (let k = 0; k < n; k += 1) await page.keyboard.press('ArrowLeft');
  }
  await page.screenshot({ path: `${out}/${name}-partial.png`, fullPage: true });
  await sliders.nth(3).focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('status').getByText('Saved').waitFor();
  await page.screenshot({ path: `${out}/${name}-saved.png`, fullPage: true });
  await context.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${out}/`);
