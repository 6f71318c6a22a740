// The first slice end to end: rate, save, reload, see the session listed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage } from './check_page.mjs';
import { axeViolations, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** Presses `key` `n` times. */
async function press(page, key, n = 1) {
  for (let i = 0; i < n; i += 1) await page.keyboard.press(key);
}

test('keyboard only: rate four scales, save, reload, session listed', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  assert.deepEqual(await check.historyRows(), []);

  // End = 10.0, then ArrowLeft steps down by 0.1.
  const wanted = [
    ['End', 3, '9.7'],
    ['End', 26, '7.4'],
    ['End', 0, '10.0'],
    ['Home', 0, '0.0'],
  ];
  for (const [start, lefts, value] of wanted) {
    await page.keyboard.press('Tab');
    const focus = await check.focused();
    assert.equal(focus.type, 'range', `Tab reaches the next slider, not ${JSON.stringify(focus)}`);
    await page.keyboard.press(start);
    await press(page, 'ArrowLeft', lefts);
    const slider = page.locator(':focus');
    assert.equal(await slider.getAttribute('aria-valuetext'), `${value} of 10`);
  }
  // Home then ArrowRight: the last scale ends at 8.5.
  await press(page, 'ArrowRight', 85);
  assert.equal(await page.locator(':focus').getAttribute('aria-valuetext'), '8.5 of 10');

  await page.keyboard.press('Tab');
  assert.equal((await check.focused()).label, 'Save this check');
  await page.keyboard.press('Enter');
  await check.status().getByText('Saved').waitFor();
  assert.equal(await check.alert().textContent(), '');

  // Saving resets the sliders for the next check.
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), 'not rated yet');
  const rows = await check.historyRows();
  assert.equal(rows.length, 1);

  await page.reload();
  await check.sliders().first().waitFor();
  const after = await check.historyRows();
  assert.equal(after.length, 1);
  assert.deepEqual(after[0].slice(1), ['9.7', '7.4', '10.0', '8.5']);

  assert.deepEqual(problems.console, [], 'no console errors');
  assert.deepEqual(problems.offsite, [], 'no request leaves 127.0.0.1');
  await context.close();
});

test('saving with a scale unrated names it and saves nothing', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  const sliders = check.sliders();
  for (let i = 0; i < 3; i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  await check.saveButton().click();
  const alert = await check.alert().textContent();
  assert.match(alert, /Not rated yet: The session as a whole/);
  assert.deepEqual(await check.historyRows(), []);
  const stored = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(stored, []);
  // Rating the last one clears the warning and saving works.
  await sliders.nth(3).focus();
  await page.keyboard.press('Home');
  assert.equal(await check.alert().textContent(), '');
  await check.saveButton().click();
  await check.status().getByText('Saved').waitFor();
  assert.deepEqual((await check.historyRows())[0].slice(1), ['10.0', '10.0', '10.0', '0.0']);
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
    const text = await s.getAttribute('aria-valuetext');
    const value = Number.parseFloat(text);
    assert.ok(value > 6 && value < 9, `slider ${i} near 7.5, got ${text}`);
  }
  await check.saveButton().tap();
  await check.status().getByText('Saved').waitFor();
  assert.equal((await check.historyRows()).length, 1);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('no axe-core violations (WCAG 2.2 A/AA) before and after saving', async () => {
  // axe is injected as an inline script, so this context alone bypasses the CSP.
  const { context, page } = await openPage(env, { bypassCSP: true });
  const check = new CheckPage(page);
  await check.open(env.url);
  assert.deepEqual(await axeViolations(page), []);
  for (let i = 0; i < 4; i += 1) {
    await check.sliders().nth(i).focus();
    await page.keyboard.press('End');
  }
  await check.saveButton().click();
  await check.status().getByText('Saved').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('storage blocked: the check still works and says it will not be kept', async () => {
  const { context, page, problems } = await openPage(env);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  const check = new CheckPage(page);
  await check.open(env.url);
  await page.getByText('will not be kept').waitFor();
  for (let i = 0; i < 4; i += 1) {
    await check.sliders().nth(i).focus();
    await page.keyboard.press('End');
  }
  await check.saveButton().click();
  assert.match(await check.alert().textContent(), /does not allow saving.*answers are still here/);
  assert.doesNotMatch(await check.status().textContent(), /Saved/);
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), '10.0 of 10');
  assert.deepEqual(problems.console, []);
  await context.close();
});
