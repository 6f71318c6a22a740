// When the widget cannot start (issue 27): a blocked WebAssembly and an
// invalid option each put a plain message in place, with a reload button,
// and the host hears `alliance-check:error`; ratings given in the first
// screen come back after the reload; mount() refuses a missing element and
// an unknown language by name; destroy() leaves the host's element as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axeViolations, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true };
const FAILED = 'This check could not start. Please reload the page; your answers here were not saved.';
const KEPT = 'This check could not start. Please reload the page. Nothing was saved yet; the ratings you gave will be back after the reload.';

/** Records the host's error events in `window.heard`. */
const listen = (page) =>
  page.addInitScript(() => {
    window.heard = [];
    document.addEventListener('alliance-check:error', (e) => window.heard.push(e.detail));
  });

test('a blocked .wasm: the message in place, the ratings kept for the reload, then the check goes on', async () => {
  const { context, page } = await openPage(env, PHONE);
  await listen(page);
  // The .wasm is held until the client has rated, then refused.
  let refuse;
  const held = new Promise((resolve) => (refuse = resolve));
  await page.route('**/alliance_check_bg.wasm', async (route) => {
    await held;
    await route.abort();
  });
  await page.goto(`${env.url}index.html`);
  const sliders = page.getByRole('slider');
  for (const i of [0, 2]) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  await page.getByRole('button', { name: 'Next' }).click();
  refuse();
  const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
  await alert.waitFor({ timeout: 5000 });
  assert.equal((await alert.textContent()).trim(), KEPT);
  assert.equal(await page.getByRole('slider').count(), 0, 'no first screen that looks alive');
  const heard = await page.evaluate(() => window.heard);
  assert.equal(heard.length, 1);
  assert.equal(heard[0].reason, 'load');
  const reload = page.getByRole('button', { name: 'Reload the page' });
  assert.ok(await reload.isVisible());
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing written to the history');

  await page.unroute('**/alliance_check_bg.wasm');
  await reload.click();
  await page.locator('[data-alliance-check-mounted]').waitFor();
  const values = await page.getByRole('slider').evaluateAll((s) => s.map((e) => e.getAttribute('aria-valuetext')));
  assert.deepEqual(values, ['10.0 of 10', 'not rated yet', '10.0 of 10', 'not rated yet']);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'kept only until put back');
  await context.close();
});

test('a shared screen keeps nothing for the next person', async () => {
  const { context, page } = await openPage(env, PHONE);
  await page.route('**/alliance_check_bg.wasm', (route) => route.abort());
  await page.goto(`${env.url}shared-device.html`);
  const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
  await alert.waitFor({ timeout: 5000 });
  assert.equal((await alert.textContent()).trim(), FAILED);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await context.close();
});

test('the children\'s page says it as to a child, in their language', async () => {
  const { context, page } = await openPage(env, { ...PHONE, locale: 'de-DE' });
  await page.route('**/alliance_check_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto(`${env.url}children.html`);
  const alert = page.getByRole('alert').filter({ hasText: 'konnte nicht starten' });
  await alert.waitFor({ timeout: 5000 });
  assert.match(await alert.textContent(), /Bitte frag einen Erwachsenen/);
  await page.getByRole('button', { name: 'Seite neu laden' }).waitFor();
  await context.close();
});

/** A host page with the given body, served from the widget's folder. */
async function hostPage(page, body) {
  await page.route(`${env.url}zz-host.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="stylesheet" href="alliance-check.css"></head><body><main>${body}</main>
<script type="module" src="embed.js"></script></body></html>`,
    }),
  );
  await page.goto(`${env.url}zz-host.html`);
}

test('an invalid option: the message in place, and the host hears which option and why', async () => {
  const { context, page, problems } = await openPage(env, PHONE);
  await listen(page);
  await hostPage(page, '<h1>Check</h1><div data-alliance-check data-namespace="bad" data-mode="kiosk"></div>');
  const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
  await alert.waitFor({ timeout: 5000 });
  const heard = await page.evaluate(() => window.heard);
  assert.equal(heard.length, 1);
  assert.equal(heard[0].reason, 'options');
  assert.equal(heard[0].message, 'data-mode: unknown value "kiosk", expected "personal" or "shared"');
  assert.ok(problems.console.some((m) => m.includes('data-mode')), 'said on the console too');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('mount() refuses a missing element and an unknown language by name; destroy() leaves the element as it was', async () => {
  const { context, page } = await openPage(env, PHONE);
  await hostPage(page, '<div id="check"><p class="host">Loading the check…</p></div><div id="other"></div>');
  const result = await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const refused = (f) => {
      try {
        f();
        return null;
      } catch (e) {
        return e.message;
      }
    };
    const el = document.getElementById('check');
    const before = el.outerHTML;
    const noElement = refused(() => mount(null, {}));
    const handle = mount(el, { namespace: 'hand' });
    const mounted = el.querySelector('.host') === null && el.hasAttribute('data-alliance-check-mounted');
    handle.destroy();
    const after = el.outerHTML;
    const other = document.getElementById('other');
    const badLang = refused(() => mount(other, { lang: 'pt' }));
    const unknown = refused(() => mount(document.createElement('div'), { namespce: 'x' }));
    return { before, after, mounted, noElement, badLang, unknown };
  });
  assert.ok(result.mounted);
  assert.equal(result.after, result.before, 'the host\'s placeholder is back, nothing else changed');
  assert.equal(result.noElement, 'alliance-check: mount() needs the element to render into as its first argument, got null');
  assert.equal(result.badLang, 'alliance-check: lang "pt" is not a language of this widget; it speaks en, es, de, fr, es-x-usted');
  assert.match(result.unknown, /^alliance-check: unknown option "namespce"; the options are namespace, /);
  assert.doesNotMatch(result.unknown, /line \d+ column/);
  // The refused element shows the message too.
  await page.locator('#other').getByRole('alert').filter({ hasText: 'could not start' }).waitFor({ timeout: 5000 });
  await context.close();
});
