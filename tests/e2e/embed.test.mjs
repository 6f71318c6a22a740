// Embedding: example host pages, the custom element under hostile CSS, two
// instances, destroy(), host events, shared-screen mode with idle reset,
// the single-file offline build, and the strict CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CheckPage, sharedProfile } from './check_page.mjs';
import { mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The widget's own files: nothing else may be requested. */
const OWN = /\/(|[\w-]+\.html|first\/[a-z]{2}-(adult|children)-(personal|shared)\.html|embed\.js|first-screen\.js|failure\.js|alliance_check\.js|alliance_check_bg\.wasm|alliance-check(-element|-element-base)?\.(js|css)|page\.css|examples\.css|hostile\.css|instruments\/[\w-]+\.json|i18n\/[a-z]{2}(-x-[a-z]+)?\.json)$/;

/** Records CSP violations and host events in the page. */
async function watch(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const name of ['alliance-check:saved', 'alliance-check:exported']) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail, composed: e.composed, bubbles: e.bubbles }));
    }
  });
}

/** Rates, skips the goal guide, answers, saves (in `scope`, a locator). */
async function saveIn(page, scope, tenths = 80, comment) {
  const sliders = scope.getByRole('slider');
  for (let i = 0; i < (await sliders.count()); i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
    for (let k = 100; k > tenths; k -= 1) await page.keyboard.press('ArrowLeft');
  }
  const next = scope.getByRole('button', { name: /^(Next|Siguiente)$/ });
  await next.click();
  const skip = scope.getByRole('button', { name: /^(Skip for now|Ahora no)$/ });
  if (await skip.count()) await skip.click();
  if (await next.count()) await next.click();
  if (comment) await scope.getByRole('textbox').fill(comment);
  if (await next.count()) await next.click();
  await scope.getByRole('button', { name: /^(Save this check|Guardar respuestas)$/ }).click();
  await scope.getByRole('heading', { name: /^(Saved\. Thank you\.|Guardado\. Gracias\.)$/ }).waitFor();
}

test('the practice page: one snippet renders, saves and tells the host (ratings only)', async () => {
  const { context, page, problems } = await openPage(env);
  await watch(page);
  await page.goto(`${env.url}practice-page.html`);
  const widget = page.locator('[data-alliance-check]');
  await widget.getByRole('slider').first().waitFor();
  await saveIn(page, widget, 74, 'a private remark');
  const events = await page.evaluate(() => window.__events);
  assert.equal(events.length, 1);
  const [saved] = events;
  assert.equal(saved.name, 'alliance-check:saved');
  assert.ok(saved.bubbles && saved.composed);
  assert.deepEqual(saved.detail.ratings, { bond: 7.4, goals: 7.4, overall: 7.4, tasks: 7.4 });
  assert.deepEqual(saved.detail.instrument, { id: 'alliance-check.default', version: 1 });
  assert.doesNotMatch(JSON.stringify(saved.detail), /private remark/, 'no free text unless the embed opts in');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['riverside:doc:default']);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('widget CSS does not leak onto the host page', async () => {
  const styles = async (page) => page.evaluate(() => {
    const pick = (sel) => {
      const cs = getComputedStyle(document.querySelector(sel));
      return [cs.fontFamily, cs.fontSize, cs.color, cs.margin, cs.padding, cs.lineHeight, cs.display].join('|');
    };
    return ['body', 'h1', '.practice__main > p', '.practice__header', '.practice__footer'].map(pick);
  });
  const { context, page } = await openPage(env);
  await page.route('**/alliance-check.css', (route) => route.abort());
  await page.route('**/embed.js', (route) => route.abort());
  await page.goto(`${env.url}practice-page.html`);
  const without = await styles(page);
  await page.unroute('**/alliance-check.css');
  await page.unroute('**/embed.js');
  await page.goto(`${env.url}practice-page.html`);
  await page.getByRole('slider').first().waitFor();
  assert.deepEqual(await styles(page), without);
  await context.close();
});

test('the custom element under hostile host CSS: intact layout, isolated both ways', async () => {
  const { context, page, problems } = await openPage(env);
  await watch(page);
  await page.goto(`${env.url}hostile.html`);
  const widget = page.locator('alliance-check');
  await widget.getByRole('slider').first().waitFor();
  const inside = await page.evaluate(() => {
    const root = document.querySelector('alliance-check').shadowRoot;
    const box = (sel) => root.querySelector(sel).getBoundingClientRect();
    const cs = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      sectionDisplay: cs('.ac').display,
      padding: cs('.ac').paddingTop,
      buttonDisplay: cs('.ac-button').display,
      buttonHeight: box('.ac-button').height,
      sliderWidth: box('input[type=range]').width,
      labelWeight: cs('.ac-scale__label').fontWeight,
      fontSize: cs('.ac').fontSize,
    };
  });
  assert.equal(inside.sectionDisplay, 'block');
  assert.notEqual(inside.buttonDisplay, 'none', 'a host rule on .ac-button does not reach in');
  assert.ok(inside.buttonHeight >= 44, `button height ${inside.buttonHeight}`);
  assert.ok(inside.sliderWidth > 150, `slider width ${inside.sliderWidth}`);
  assert.ok(Number(inside.labelWeight) >= 600);
  assert.equal(inside.fontSize, '16px');
  assert.notEqual(inside.padding, '0px');
  const host = await page.evaluate(() => ({
    h1: getComputedStyle(document.querySelector('#host-title')).fontSize,
    button: getComputedStyle(document.querySelector('#host-button')).backgroundColor,
    body: getComputedStyle(document.body).backgroundColor,
  }));
  assert.deepEqual(host, { h1: '40px', button: 'rgba(0, 0, 0, 0)', body: 'rgb(255, 255, 0)' }, 'host styles untouched');
  await saveIn(page, widget, 90);
  const events = await page.evaluate(() => window.__events);
  assert.equal(events[0]?.detail.ratings.bond, 9, 'the saved event crosses the shadow root');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('two instances keep separate namespaces and languages; destroy removes everything', async () => {
  const { context, page, problems } = await openPage(env);
  await watch(page);
  await page.goto(`${env.url}two-instances.html`);
  const first = page.locator('#first');
  const second = page.locator('#second');
  await first.getByRole('slider').first().waitFor();
  await second.getByRole('slider', { name: 'Nuestra conexión' }).waitFor();
  assert.match(await second.locator('.ac').getAttribute('class'), /ac--dark/);
  await saveIn(page, first, 70);
  await saveIn(page, second, 95);
  const stored = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, JSON.parse(localStorage.getItem(k)).records.length])),
  );
  assert.deepEqual(stored, { 'ames:doc:default': 1, 'bell:doc:default': 1 });
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'no duplicate DOM ids across instances');

  const after = await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const before = document.querySelectorAll('*').length;
    const el = document.createElement('div');
    document.body.append(el);
    const handle = mount(el, { namespace: 'temp' });
    await new Promise((r) => setTimeout(r, 50));
    const mounted = el.querySelectorAll('*').length;
    handle.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const left = el.childElementCount;
    el.remove();
    return { mounted, left, same: document.querySelectorAll('*').length === before, attrs: el.getAttributeNames() };
  });
  assert.ok(after.mounted > 10);
  assert.deepEqual({ left: after.left, same: after.same, attrs: after.attrs }, { left: 0, same: true, attrs: [] });
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('the exported event reaches the host with format and count', async () => {
  const { context, page } = await openPage(env, { acceptDownloads: true });
  await watch(page);
  const check = new CheckPage(page);
  await check.open(env.url);
  await saveIn(page, page.locator('.ac'), 88);
  await check.nav('History').click();
  await Promise.all([page.waitForEvent('download'), check.button('Download a copy (JSON)').click()]);
  const events = await page.evaluate(() => window.__events.map((e) => [e.name, e.detail]));
  assert.deepEqual(events.at(-1), ['alliance-check:exported', { format: 'json', sessions: 1 }]);
  await context.close();
});

test('events include free text only when the embed opts in', async () => {
  const { context, page } = await openPage(env);
  await watch(page);
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  await mountExtra(page, 'opted', { namespace: 'opted-in', eventsIncludeText: true });
  await saveIn(page, page.locator('#opted'), 60, 'shared on purpose');
  const events = await page.evaluate(() => window.__events);
  assert.equal(events.at(-1).detail.comment, 'shared on purpose');
  await context.close();
});

test('shared mode: neutral start, nothing shown before asked, idle reset with a warning', async () => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  await mountExtra(page, 'tablet', { namespace: 'tablet', mode: 'shared', idleSeconds: 4 });
  const tablet = page.locator('#tablet');
  const start = tablet.getByRole('button', { name: 'Start', exact: true });
  await start.waitFor();
  assert.equal(await tablet.getByRole('slider').count(), 0, 'nothing before the client starts');
  await sharedProfile(tablet, { code: 'first-client', secret: '204861', isNew: true });
  await tablet.getByRole('slider').first().waitFor();
  await saveIn(page, tablet, 55);
  assert.doesNotMatch(await tablet.textContent(), /5\.5/, 'no scores after saving unless asked');
  await tablet.getByRole('button', { name: 'Finish and hand back' }).click();
  await tablet.getByRole('heading', { name: 'Thank you. Please hand the device back.' }).waitFor();
  assert.doesNotMatch(await tablet.textContent(), /5\.5|first-client/, 'nothing of the client on the hand-back screen');
  await tablet.getByRole('button', { name: 'Done' }).click();
  await start.waitFor();
  assert.equal(await tablet.getByRole('slider').count(), 0);
  assert.doesNotMatch(await tablet.textContent(), /5\.5|History|first-client/, 'the start screen shows nothing of anyone');

  // A client opens their profile, rates, then walks away.
  await sharedProfile(tablet, { code: 'first-client', secret: '204861' });
  const slider = tablet.getByRole('slider').first();
  await slider.waitFor();
  await slider.focus();
  await page.keyboard.press('Home');
  await tablet.getByText(/Still there\? To keep your answers private, this screen will be cleared in \d seconds\./).waitFor({ timeout: 6000 });
  await tablet.getByRole('button', { name: "I'm still here" }).click();
  assert.equal(await tablet.getByText(/Still there\?/).count(), 0, 'staying removes the warning');
  assert.equal(await slider.getAttribute('aria-valuetext'), '0.0 of 10', 'and keeps the answers');
  await tablet.getByRole('heading', { name: 'Your end-of-session check' }).waitFor({ timeout: 8000 });
  assert.equal(await tablet.getByRole('slider').count(), 0, 'the reset closes the profile');
  await start.click();
  await tablet.getByRole('heading', { name: 'Open your check' }).waitFor();
  assert.doesNotMatch(await tablet.textContent(), /first-client|5\.5|History/, 'the door shows nothing of the last client');
  await sharedProfile(tablet, { code: 'first-client', secret: '204861' });
  await slider.waitFor();
  assert.equal(await slider.getAttribute('aria-valuetext'), 'not rated yet', 'the draft was discarded');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tablet:')).sort());
  assert.equal(keys.filter((k) => k.startsWith('tablet:doc:')).length, 1, `one sealed history: ${keys}`);
  for (const key of keys) assert.match(key, /^tablet:((doc|seen):s-[0-9a-f]{32}|salt|guard)$/, 'no draft was ever stored');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('the single-file build works from file:// with all network blocked', async () => {
  const { context, page, problems } = await openPage(env);
  const requested = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    return route.abort();
  });
  const file = `file://${ROOT}dist/alliance-check-offline.html`;
  await page.goto(file);
  const check = new CheckPage(page);
  await check.sliders().first().waitFor();
  await saveIn(page, page.locator('.ac'), 77);
  await page.reload();
  await check.nav('History').click();
  assert.equal((await check.historyRows()).length, 1);
  assert.deepEqual(requested.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('every served page runs under the strict CSP with no violations and loads only its own files', async () => {
  const { context, page, problems } = await openPage(env);
  await watch(page);
  const paths = new Set();
  page.on('request', (r) => paths.add(new URL(r.url()).pathname));
  for (const name of ['', 'practice-page.html', 'two-instances.html', 'hostile.html', 'shared-device.html', 'practice-instrument.html']) {
    const response = await page.goto(`${env.url}${name}`);
    const policy = response.headers()['content-security-policy'];
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    if (name === '') {
      // The standalone page's one inline style, allowed by its hash: the
      // policy the build wrote for other hosts is the one served.
      assert.match(policy, /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
      const written = await (await page.request.get(`${env.url}csp-header.txt`)).text();
      assert.equal(written.trim(), `Content-Security-Policy: ${policy}`);
    } else assert.match(policy, /style-src 'self';/, name);
    await page.locator('.ac, alliance-check').first().waitFor();
    await page.waitForTimeout(100);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], name);
  }
  for (const p of paths) assert.match(p, OWN, `only the widget's own files: ${p}`);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.offsite, []);
  await context.close();
});
