// Pictures of the served widget as its users see it: a client on a 390 px
// touch phone, an office tablet in shared mode, a child, and dark mode.
// Builds nothing: `make screenshots` builds dist/ first.
//   node scripts/screenshots.mjs [outdir] [--full]
// Without --full: one picture per screen, of what the screen shows (the
// small set in docs/screens/ that the README shows). With --full: whole
// pages, for reviewing every step.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { CheckPage } from '../tests/e2e/check_page.mjs';

const args = process.argv.slice(2);
const full = args.includes('--full');
const out = args.find((a) => !a.startsWith('--')) ?? 'docs/screens';
await mkdir(out, { recursive: true });
const { server, url } = await serve('dist');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };
const tablet = { viewport: { width: 1024, height: 768 }, hasTouch: true, deviceScaleFactor: 1 };

async function open(options, page = '') {
  const context = await browser.newContext(options);
  const p = await context.newPage();
  const check = new CheckPage(p);
  await check.open(`${url}${page}`);
  return { context, page: p, check };
}

/** A picture of the widget: the viewport scrolled to `locator`, or the whole page. */
async function shot(page, name, locator) {
  if (locator) await locator.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: full });
}

// A client on their phone: a first check, then two more so the history has lines.
{
  const { context, page, check } = await open({ ...phone, colorScheme: 'light' });
  await check.rateScales([97, 74]);
  await shot(page, 'phone-1-scales');
  await check.rateScales([97, 74, 100, 85]);
  await check.next();
  await page.getByLabel('New goal').fill('Sleep through the night');
  await check.button('Add goal').click();
  await check.rate(check.slider('Progress on: Sleep through the night'), 22);
  await page.getByLabel('Small step for the coming week (optional)').fill('No phone after 22:00');
  await shot(page, 'phone-2-goals');
  await check.next();
  await page.getByRole('textbox').fill('A little more time for the homework next time.');
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await shot(page, 'phone-3-review', check.button('Save this check'));
  for (const [scales, progress] of [[[95, 96, 100, 90], 44], [[94, 80, 98, 100], 30]]) {
    await check.save();
    await check.button('Start a new check').click();
    await check.rateScales(scales);
    await check.next();
    await page.getByRole('radio', { name: 'Partly' }).check();
    await check.rate(check.slider('Progress on: Sleep through the night'), progress);
    await page.getByLabel('Small step for the coming week (optional)').fill('Lights out by 23:00');
    await check.next();
    await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  }
  await check.save();
  await shot(page, 'phone-4-summary', page.locator('.ac-prompts'));
  await check.nav('History').click();
  await shot(page, 'phone-5-history');
  await page.locator('.ac-history__table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/phone-6-history-cards.png`, fullPage: full });
  await context.close();
}

// Dark mode on the phone.
{
  const { context, page, check } = await open({ ...phone, colorScheme: 'dark' });
  await check.rateScales([80, 62]);
  await shot(page, 'phone-dark-scales');
  await context.close();
}

// An office tablet in shared mode: the start card, the door (code and
// secret), a new profile, the check, the saved screen with Take it with
// you, the hand-back screen, and a wrong secret.
{
  const { context, page, check } = await open({ ...tablet, colorScheme: 'light' }, 'shared-device.html');
  await shot(page, 'tablet-1-start');
  await check.button('Start').click();
  await page.getByLabel('Nickname or code').waitFor();
  await shot(page, 'tablet-2-code');
  await check.button('Start a new profile').click();
  await page.getByLabel('Nickname or code').fill('blue-fox');
  await page.getByLabel(/^Your secret/).fill('quiet river morning');
  await page.getByLabel('The same secret again').fill('quiet river morning');
  await shot(page, 'tablet-2-new-profile');
  await check.button('Start my profile').click();
  await check.sliders().first().waitFor();
  await check.rateScales([90, 85, 100, 95]);
  await shot(page, 'tablet-3-scales');
  await check.next();
  const later = page.getByRole('button', { name: 'Skip for now' });
  if (await later.count()) await later.click();
  await check.button('Save this check').click();
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  await shot(page, 'tablet-4-saved');
  // Take it with you: the code on the tablet, then the link on the phone.
  await check.button('Show the code').click();
  const qr = page.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor();
  await shot(page, 'tablet-5-take-it-with-you', qr);
  const link = await page.locator('.ac-handover__link').textContent();
  await check.button('Finish and hand back').click();
  await page.getByRole('heading', { name: /hand the device back/ }).waitFor();
  await shot(page, 'tablet-6-handback');
  await check.button('Done').click();
  await check.button('Start').click();
  await page.getByLabel('Nickname or code').fill('Blue-Fox');
  await page.getByLabel('Secret (your PIN or passphrase)').fill('204861');
  await check.button('Open').click();
  await page.getByText('Nothing opens with this code and secret.').waitFor();
  await shot(page, 'tablet-7-no-match');
  await context.close();
  const phoneSide = await browser.newContext({ ...phone, colorScheme: 'dark' });
  const p = await phoneSide.newPage();
  await p.goto(link);
  await p.locator('.ac-receive').waitFor();
  await p.screenshot({ path: `${out}/phone-7-received.png`, fullPage: full });
  await phoneSide.close();
}

// A child: faces from start to end.
{
  const { context, page, check } = await open({ ...phone, colorScheme: 'light' }, 'children.html');
  const faces = page.locator('.ac-faces');
  if (await faces.count()) {
    await faces.nth(0).getByRole('radio').nth(3).check();
    await faces.nth(1).getByRole('radio').nth(1).check();
    await shot(page, 'kids-1-faces');
    await faces.nth(2).getByRole('radio').nth(4).check();
    await faces.nth(3).getByRole('radio').nth(2).check();
    await check.next();
    await page.getByRole('radio').first().check();
    await shot(page, 'kids-2-review');
  }
  await context.close();
}

// A child on the office tablet after two checks: the summary (a low "How I
// felt here" said on its own line), then "My faces" with faces on the
// axis, the sessions as cards and the grown-ups' part closed.
{
  const { context, page, check } = await open({ ...tablet, colorScheme: 'light' }, 'children.html');
  for (const picks of [[3, 3, 3, 3], [3, 4, 1, 3]]) {
    const faces = page.locator('.ac-faces');
    for (let i = 0; i < picks.length; i += 1) await faces.nth(i).getByRole('radio').nth(picks[i]).check();
    await check.next();
    await check.button('Save').click();
    await page.getByRole('heading', { name: 'Thank you! It is saved.' }).waitFor();
    if (picks[2] === 1) await shot(page, 'kids-3-summary', page.locator('.ac-prompts'));
    else await check.button('Start again').click();
  }
  await check.nav('My faces').click();
  await page.locator('.ac-chart__face').first().waitFor();
  await shot(page, 'kids-4-faces-history');
  await page.locator('.ac-grownups').scrollIntoViewIfNeeded();
  await shot(page, 'kids-5-for-grown-ups', page.locator('.ac-grownups'));
  await context.close();
}

// Next on unrated scales: each one outlined, its note on the scale.
{
  const { context, page, check } = await open({ ...phone, colorScheme: 'light' });
  await check.rateScales([90, 90]);
  await check.next();
  await shot(page, 'phone-8-unrated', page.locator('.ac-scale.is-missing'));
  await context.close();
}

// After the first save on the client's own phone: the card about keeping
// the history, in the words of an iPhone and of an Android phone.
for (const [name, userAgent] of [
  ['phone-9-nudge-iphone', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'],
  ['phone-10-nudge-android', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'],
]) {
  const { context, page, check } = await open({ ...phone, colorScheme: 'light', userAgent });
  await check.rateScales([92, 85, 95, 90]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await page.getByRole('radio', { name: 'Only keep it in my history' }).check();
  await check.save();
  await shot(page, name, page.locator('.ac-nudge'));
  await context.close();
}

// The standalone page in a Spanish and a German browser.
for (const [locale, lang] of [['es-ES', 'es'], ['de-DE', 'de']]) {
  const { context, page, check } = await open({ ...phone, colorScheme: 'light', locale });
  await page.locator(`.ac[lang="${lang}"]:not([data-ac-first])`).waitFor();
  await check.rateScales([95, 90]);
  await shot(page, `${lang}-1-scales`);
  await context.close();
}

await browser.close();
server.close();
console.log(`screenshots in ${out}/`);
