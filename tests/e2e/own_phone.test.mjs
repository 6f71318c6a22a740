// On the client's own phone (issue 24): after the first save, one card on
// the saved screen says how to keep the history (home screen in the words
// of the device, the hand-over, a copy); put aside, it stays away.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage } from './check_page.mjs';
import { axeViolations, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true, acceptDownloads: true };

/** A phone with this browser, after its first saved check; and the card. */
async function firstSave(userAgent) {
  const { page, problems } = await openPage(env, { ...PHONE, userAgent });
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await check.save();
  const card = page.getByRole('complementary', { name: 'Keep your history safe' });
  return { page, problems, check, card };
}

test('the backup card: iPhone words after the first save, put aside and remembered', async () => {
  const { page, problems, check, card } = await firstSave(IPHONE_UA);
  await card.waitFor();
  assert.match(await card.textContent(), /tap Share, then “Add to Home Screen”/);
  assert.deepEqual(await axeViolations(page), []);
  await card.getByRole('button', { name: 'Not now' }).click();
  await card.waitFor({ state: 'detached' });
  // Remembered: a reload and another save do not bring it back.
  await page.reload();
  await check.rateScales([80, 80, 80, 80]);
  await check.next();
  await check.save();
  assert.equal(await card.count(), 0, 'put aside for 30 days');
  assert.match(await page.evaluate(() => localStorage.getItem('alliance-check:nudge:default')), /^\d+$/);
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('the backup card: Android words; a copy downloaded makes it go; the hand-over opens in place', async () => {
  const { page, problems, card } = await firstSave(ANDROID_UA);
  assert.match(await card.textContent(), /menu \(⋮\), then “Add to Home screen” or “Install app”/);
  await card.getByRole('button', { name: 'Take it with you' }).click();
  await card.getByRole('button', { name: 'Show the code' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download a copy' }).click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  await card.waitFor({ state: 'detached' });
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('no backup card on a child\'s page (the grown-ups\' part under My faces has the copies)', async () => {
  const { page } = await openPage(env, { ...PHONE, userAgent: IPHONE_UA });
  await page.goto(`${env.url}children.html`);
  await page.locator('.ac:not([data-ac-first])').waitFor();
  for (const faces of await page.locator('.ac-faces').all()) await faces.locator('input[type=radio]').nth(3).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you! It is saved.' }).waitFor();
  assert.equal(await page.locator('.ac-nudge').count(), 0, 'a child is not asked');
  await page.context().close();
});
