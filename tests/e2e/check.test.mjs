// The check end to end on the standalone page: keyboard only, mouse and
// touch, unrated scales, blocked storage, accessibility of every screen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage } from './check_page.mjs';
import { axeViolations, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** Presses Tab until `matches(activeElement)` holds; fails after 30 tabs. */
async function tabTo(page, description, matches) {
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  assert.fail(`Tab never reached ${description}`);
}

const isButton = (name) => `document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === ${JSON.stringify(name)}`;

test('keyboard only: the whole check, save, reload, the session is listed', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);

  // Scales: Tab reaches each slider in order; End = 10.0, ArrowLeft -0.1.
  const wanted = [['End', 3, '9.7'], ['End', 26, '7.4'], ['End', 0, '10.0'], ['Home', 0, '0.0']];
  for (const [start, lefts, value] of wanted) {
    await tabTo(page, 'a slider', "document.activeElement?.type === 'range'");
    await page.keyboard.press(start);
    for (let i = 0; i < lefts; i += 1) await page.keyboard.press('ArrowLeft');
    assert.equal(await page.locator(':focus').getAttribute('aria-valuetext'), `${value} of 10`);
  }
  for (let i = 0; i < 85; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator(':focus').getAttribute('aria-valuetext'), '8.5 of 10');

  await tabTo(page, 'Next', isButton('Next'));
  await page.keyboard.press('Enter');
  // Focus moves to the new step's heading.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Your goals');

  // First use: write a goal.
  await tabTo(page, 'the goal field', "document.activeElement?.id?.endsWith('new-goal')");
  await page.keyboard.type('Feel calmer at work');
  await tabTo(page, 'Add goal', isButton('Add goal'));
  await page.keyboard.press('Enter');
  await tabTo(page, 'the goal slider', "document.activeElement?.type === 'range'");
  await page.keyboard.press('Home');
  for (let i = 0; i < 35; i += 1) await page.keyboard.press('ArrowRight');
  await tabTo(page, 'the small step field', "document.activeElement?.id?.includes('-next-')");
  await page.keyboard.type('Three slow breaths before meetings');
  await page.keyboard.press('Enter'); // Enter in a text field moves on
  // The last step: the open question, then the answers at a glance.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Anything to add? Then save');
  await tabTo(page, 'the question', "document.activeElement?.tagName === 'TEXTAREA'");
  await page.keyboard.type('Could we slow down a bit?');
  assert.match(await page.locator('.ac-field__counter').textContent(), /^25 of 500 characters$/);
  // On the client's own device the summary is shown unless declined.
  await tabTo(page, 'the summary choice', "document.activeElement?.type === 'radio'");
  assert.equal(await page.locator(':focus').evaluate((el) => el.labels[0].textContent.trim()), "Show me today's summary now");
  await tabTo(page, 'Save', isButton('Save this check'));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Saved. Thank you.');
  assert.match(await page.locator('.ac-summary').textContent(), /first saved session/);

  await page.reload();
  await check.sliders().first().waitFor();
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), 'not rated yet', 'a fresh check after saving');
  await tabTo(page, 'History', isButton('History'));
  await page.keyboard.press('Enter');
  const rows = await check.historyRows();
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].slice(1, 5), ['9.7', '7.4', '10.0', '8.5']);
  assert.equal(rows[0][5], 'Feel calmer at work: 3.5');
  assert.equal(rows[0][6], 'Could we slow down a bit?');

  assert.deepEqual(problems.console, [], 'no console errors (CSP violations included)');
  assert.deepEqual(problems.offsite, [], 'no request leaves 127.0.0.1');
  await context.close();
});

test('an unrated scale is named on its step, with focus on it; review links straight to it', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([100, 100, 100]);
  await check.next();
  // Next does not move past an unrated scale: it says so there and goes to it.
  assert.equal(await check.heading().textContent(), 'How today went');
  const missing = page.locator('.ac-check__missing');
  assert.match(await missing.textContent(), /Please rate every scale before you go on\. Still to rate:The session as a whole/);
  assert.equal(await missing.getAttribute('role'), 'alert');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.labels?.[0]?.textContent), 'The session as a whole');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':doc:'))), []);
  // The link in the message goes to the scale too.
  await missing.getByRole('button', { name: 'The session as a whole' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent), 'The session as a whole');
  await check.rate(check.sliders().nth(3), 0);
  assert.equal(await missing.count(), 0, 'rating it removes the message');
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), '10.0 of 10', 'nothing else changed');
  await check.next();
  await check.next();
  await check.save();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('mouse and touch: clicking or tapping the track gives a rating', async () => {
  const { context, page, problems } = await openPage(env, { hasTouch: true, viewport: { width: 360, height: 800 } });
  const check = new CheckPage(page);
  await check.open(env.url);
  const sliders = check.sliders();
  for (let i = 0; i < 4; i += 1) {
    const s = sliders.nth(i);
    const box = await s.boundingBox();
    const position = { x: box.width * 0.75, y: box.height / 2 };
    if (i % 2) await s.tap({ position });
    else await s.click({ position });
    const value = Number.parseFloat(await s.getAttribute('aria-valuetext'));
    assert.ok(value > 6 && value < 9, `slider ${i} near 7.5, got ${value}`);
  }
  for (let i = 0; i < 2; i += 1) await check.button('Next').tap();
  await check.button('Save this check').tap();
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('no axe-core violations (WCAG 2.2 A/AA) on any screen', async () => {
  // axe is injected as an inline script, so this context alone bypasses the CSP.
  const { context, page } = await openPage(env, { bypassCSP: true });
  const check = new CheckPage(page);
  const audit = async (screen) => assert.deepEqual(await axeViolations(page), [], screen);
  await check.open(env.url);
  await audit('scales, unrated');
  await check.rateScales([95, 80, 100, 90]);
  await audit('scales, rated');
  await check.next();
  await audit('first goal');
  await page.getByLabel('New goal').fill('Sleep better');
  await check.button('Add goal').click();
  await audit('goals');
  await check.next();
  await audit('question and review');
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  await audit('summary');
  await check.nav('History').click();
  await audit('history');
  await page.getByRole('button', { name: /^Delete the session of/ }).click();
  await audit('confirm delete');
  await check.button('Yes, delete').click();
  await audit('deleted, with undo');
  await check.nav('My goals').click();
  await audit('goals manager');
  await context.close();
});

test('storage blocked: the check still works, says it will not be kept, and offers a copy', async () => {
  const { context, page, problems } = await openPage(env, { acceptDownloads: true });
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  const check = new CheckPage(page);
  await check.open(env.url);
  await page.getByText('will not be kept').first().waitFor();
  await check.rateScales([100, 100, 100, 100]);
  for (let i = 0; i < 3; i += 1) await check.next();
  await check.save();
  assert.match(await page.locator('.ac').textContent(), /will not be kept after you close the page/);
  await check.nav('History').click();
  assert.equal((await check.historyRows()).length, 1, 'kept in memory for this page');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a copy (JSON)' }).click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  assert.equal(JSON.parse(await readFile(await file.path(), 'utf8')).records.length, 1);
  assert.deepEqual(problems.console, []);
  await context.close();
});
