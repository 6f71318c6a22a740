// The first screen before the WebAssembly (issue 15): the pre-rendered
// first step is a real form at once; when the widget arrives it takes over
// the same markup, with every value the client set, the focus, and a Next
// pressed while waiting. The wasm request is held back by route
// interception, then released.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage } from './check_page.mjs';
import { openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** Holds every request for the WebAssembly until `release()`. */
async function holdWasm(page) {
  const held = [];
  let arrived;
  let released = false;
  const first = new Promise((r) => { arrived = r; });
  await page.route('**/alliance_check_bg.wasm', (route) => {
    if (released) return route.continue();
    held.push(route);
    arrived();
  });
  return {
    arrived: () => first,
    release: async () => {
      released = true;
      for (const route of held) await route.continue();
      held.length = 0;
    },
    /** Holds the next requests again (a page loaded anew). */
    hold: () => {
      released = false;
    },
  };
}

/**
 * Waits for the focus to land where `matches` (a function of the focused
 * element, as source) says: the widget puts it back in an effect, which on a
 * busy machine runs a task after the first render.
 */
async function focusLands(page, matches, what) {
  const holds = `(() => { const e = document.activeElement; return !!e && (${matches})(e); })()`;
  const landed = await page.waitForFunction(holds, null, { timeout: 3000 }).then(() => true, () => false);
  assert.ok(landed, `the focus is on ${what}, not on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);
}

/** The widget's tree as its reader sees it: tags, classes and text. */
function tree(page, scope) {
  return page.locator(scope).first().evaluate((root) => {
    // Text is compared as it reads: adjacent text nodes joined, spaces folded.
    const walk = (node) => {
      const classes = [...node.classList].filter((c) => c !== 'is-unset').sort().join('.');
      const kids = [];
      let text = '';
      const flush = () => {
        if (text.trim()) kids.push(text.replace(/\s+/g, ' ').trim());
        text = '';
      };
      for (const child of node.tagName === 'svg' ? [] : node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
        else if (child.nodeType === Node.ELEMENT_NODE) {
          flush();
          kids.push(walk(child));
        }
      }
      flush();
      return [node.tagName.toLowerCase() + (classes ? `.${classes}` : ''), ...kids];
    };
    return walk((root.shadowRoot ?? root).querySelector('.ac'));
  });
}

const boxes = (page, scope) => page.locator(`${scope} input[type=range], ${scope} .ac-face, ${scope} .ac-check__nav button, ${scope} .ac-start button`)
  .evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)]; }));

/**
 * Opens `url` with the WebAssembly held, records the first screen in
 * `scope`, releases the WebAssembly and asserts the widget that took it
 * over draws the same elements, classes and words, where they were.
 */
async function takeoverUnchanged(page, wasm, url, scope, which = '') {
  await page.goto(url);
  const first = page.locator(`${scope} [data-ac-first]`);
  await first.waitFor();
  const before = await tree(page, scope);
  const placed = await boxes(page, scope);
  assert.ok(placed.length >= 1, which);
  await wasm.release();
  await first.waitFor({ state: 'detached' });
  await page.locator(`${scope} .ac`).waitFor();
  assert.deepEqual(await tree(page, scope), before, `${which}the same elements, classes and words`);
  assert.deepEqual(await boxes(page, scope), placed, `${which}nothing moves`);
}

test('values set and focus before the WebAssembly arrives are carried over, and saved', async () => {
  const { context, page, problems } = await openPage(env, { hasTouch: true });
  const wasm = await holdWasm(page);
  const check = new CheckPage(page);
  await page.goto(env.url);
  const first = page.locator('[data-ac-first]');
  await first.waitFor();
  await wasm.arrived();
  assert.equal(await check.sliders().count(), 4, 'the four scales are there before the WebAssembly');
  // Keyboard, typing and a tap, all on the pre-rendered form.
  await check.rate(check.sliders().nth(0), 97);
  assert.equal(await check.sliders().nth(0).getAttribute('aria-valuetext'), '9.7 of 10');
  await page.getByLabel('How we worked, as a number from 0 to 10').fill('6,5');
  await page.getByLabel('How we worked, as a number from 0 to 10').press('Enter');
  const bond = check.sliders().nth(2);
  const box = await bond.boundingBox();
  await bond.tap({ position: { x: box.width / 2, y: box.height / 2 } });
  assert.equal(await bond.getAttribute('aria-valuetext'), '5.0 of 10', 'a tap where the mark rests rates it');
  await check.rate(check.sliders().nth(3), 80);
  await check.sliders().nth(1).focus();
  assert.equal(await page.locator('.ac-scale.is-unset').count(), 0);
  await wasm.release();
  await first.waitFor({ state: 'detached' });
  // The widget now: the same values, the focus where it was.
  assert.deepEqual(
    await check.sliders().evaluateAll((s) => s.map((x) => x.getAttribute('aria-valuetext'))),
    ['9.7 of 10', '6.5 of 10', '5.0 of 10', '8.0 of 10'],
  );
  await focusLands(page, '(e) => /-scale-tasks$/.test(e.id)', 'the tasks slider');
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await check.save();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  assert.deepEqual(stored.records[0].ratings, { goals: 9.7, tasks: 6.5, bond: 5, overall: 8 });
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a number typed before the WebAssembly that is not a rating stays in its field after the takeover, checked or not left yet', async () => {
  const { context, page, problems } = await openPage(env);
  const wasm = await holdWasm(page);
  const check = new CheckPage(page);
  await page.goto(env.url);
  const first = page.locator('[data-ac-first]');
  await first.waitFor();
  await wasm.arrived();
  const tasks = page.getByLabel('How we worked, as a number from 0 to 10');
  const overall = page.getByLabel('The session as a whole, as a number from 0 to 10');
  const message = 'Type a number from 0 to 10, like 7.5.';
  // One left with its message, one not left yet when the widget comes.
  await tasks.fill('12');
  await tasks.press('Tab');
  assert.equal(await page.locator('.ac-scale__error').filter({ hasText: /./ }).textContent(), message);
  await overall.fill('7.55');
  // What the widget's fields hold whenever the page can be seen or typed
  // in, from its first render on: on a slow device Yew yields to the
  // browser between a render and its effects, so the numbers must be in
  // the render itself (slowed here so that the yield happens).
  await page.evaluate(() => {
    const seen = (globalThis.seenTyped = []);
    const root = document.querySelector('[data-alliance-check]');
    new MutationObserver(() => {
      if (root.querySelector('[data-ac-first]')) return;
      const fields = [...root.querySelectorAll('.ac-scale__number')];
      if (fields.length) seen.push(fields.map((f) => f.value).join('|'));
    }).observe(root, { childList: true, subtree: true, attributes: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await wasm.release();
  await first.waitFor({ state: 'detached' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const seen = await page.evaluate(() => globalThis.seenTyped);
  assert.ok(seen.length > 0);
  assert.deepEqual([...new Set(seen)], ['|12||7.55'], 'the typed numbers are there from the first render on');
  assert.equal(await tasks.inputValue(), '12', 'the rejected number is not wiped');
  assert.equal(await tasks.getAttribute('aria-invalid'), 'true');
  assert.equal(await overall.inputValue(), '7.55', 'the number not left yet is not wiped');
  assert.equal(await overall.getAttribute('aria-invalid'), 'false', 'no message while the client is still in the field');
  await focusLands(page, "(e) => /^The session as a whole/.test(e.getAttribute('aria-label') ?? '')", 'the overall number');
  await page.locator('.ac-scale__error').filter({ hasText: /./ }).first().waitFor();
  assert.deepEqual(await page.locator('.ac-scale__error').filter({ hasText: /./ }).allTextContents(), [message]);
  // Leaving it says so, though no change event came; a number that is one rates.
  await overall.press('Tab');
  assert.equal(await overall.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.ac-scale__error').filter({ hasText: /./ }).count(), 2);
  await overall.fill('7,5');
  await overall.press('Enter');
  assert.equal(await check.sliders().nth(3).getAttribute('aria-valuetext'), '7.5 of 10');
  assert.equal(await overall.getAttribute('aria-invalid'), 'false');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('Next pressed before the WebAssembly waits quietly, then moves on; an unrated scale is named', async () => {
  const { context, page } = await openPage(env);
  const wasm = await holdWasm(page);
  const check = new CheckPage(page);
  await page.goto(env.url);
  await page.locator('[data-ac-first]').waitFor();
  await check.rateScales([90, 80, 70]);
  await check.button('Next').click();
  const waiting = page.locator('button[data-ac-intent="next"]');
  assert.equal(await waiting.textContent(), 'One moment…');
  assert.equal(await waiting.getAttribute('aria-busy'), 'true');
  await wasm.release();
  await page.locator('[data-ac-first]').waitFor({ state: 'detached' });
  // One scale was left unrated: the step says so and focus goes to it.
  await page.locator('.ac-check__missing').waitFor();
  assert.match(await page.locator('.ac-check__missing').textContent(), /The session as a whole/);
  await focusLands(page, '(e) => /-scale-overall$/.test(e.id)', 'the overall slider');
  assert.equal(await check.sliders().nth(2).getAttribute('aria-valuetext'), '7.0 of 10');
  await context.close();
});

test('History tapped before the WebAssembly is remembered and opened, with the ratings kept', async () => {
  const { context, page } = await openPage(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const wasm = await holdWasm(page);
  const check = new CheckPage(page);
  await page.goto(env.url);
  await page.locator('[data-ac-first]').waitFor();
  await check.rateScales([90, 80]);
  await check.nav('History').click();
  assert.equal(await check.nav('History').getAttribute('aria-busy'), 'true', 'the tap is acknowledged');
  await wasm.release();
  await page.getByRole('heading', { name: 'Your history' }).waitFor();
  await check.nav("Today's check").click();
  assert.equal(await check.sliders().nth(1).getAttribute('aria-valuetext'), '8.0 of 10', 'the ratings made meanwhile are kept');
  await context.close();
});

for (const [name, url, scope] of [
  ['the standalone page (inlined)', '', '[data-alliance-check]'],
  ['an embed (fetched): the children\'s check', 'children.html', '[data-alliance-check]'],
  ['a shared screen: the start', 'shared-device.html', '[data-alliance-check]'],
  ['the custom element', 'hostile.html', 'alliance-check'],
]) {
  test(`no visible jump when the widget takes over: ${name}`, async () => {
    const { context, page } = await openPage(env, { viewport: { width: 390, height: 844 } });
    await takeoverUnchanged(page, await holdWasm(page), `${env.url}${url}`, scope);
    await context.close();
  });
}

// Every pre-rendered variant (core/src/prerender.rs `Config::all`: four
// languages × adult or children × personal or shared) against the widget
// that takes it over: the same elements, classes and words, nothing moves.
const VARIANTS = ['en', 'es', 'de', 'fr'].flatMap((lang) => ['adult', 'children']
  .flatMap((variant) => ['personal', 'shared'].map((mode) => ({ lang, variant, mode }))));
/** Every element of the first screen: its box and how it is drawn. */
function looks(page) {
  return page.locator('[data-ac-first]').evaluate((first) =>
    [first, ...first.querySelectorAll('*')].map((e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      const drawn = ['color', 'background-color', 'border-top', 'font', 'outline', 'accent-color', 'display', 'visibility'].map((p) => s.getPropertyValue(p));
      return [e.tagName, e.className.baseVal ?? e.className, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height), ...drawn].join(' ');
    }));
}

for (const [name, options] of [
  ['a phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ['a desktop in dark mode', { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' }],
]) {
  test(`the standalone page draws its first screen from its inline style, as the whole stylesheet does (${name})`, async () => {
    const { context, page, problems } = await openPage(env, options);
    await holdWasm(page);
    const held = [];
    let released = false;
    await page.route('**/alliance-check.css', (route) => (released ? route.continue() : held.push(route)));
    // The page's load waits for the held stylesheet; its first screen not.
    await page.goto(env.url, { waitUntil: 'commit' });
    await page.locator('[data-ac-first] input[type=range]').first().waitFor();
    // Nothing render-blocking: no stylesheet in the head, the inline one allowed.
    assert.equal(await page.locator('head link[rel=stylesheet]').count(), 0);
    assert.equal(await page.evaluate(() => document.styleSheets.length), 1, 'only the inline style so far');
    const early = await looks(page);
    released = true;
    for (const route of held) await route.continue();
    await page.waitForFunction(() => [...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet));
    assert.deepEqual(await looks(page), early, 'nothing changes when the whole stylesheet arrives');
    assert.deepEqual(problems.console, [], 'no CSP violation');
    await context.close();
  });
}

test(`every one of the ${VARIANTS.length} first screens is what the widget draws when it takes over`, async () => {
  const { context, page } = await openPage(env, { viewport: { width: 390, height: 844 } });
  const wasm = await holdWasm(page);
  // A plain page per variant, as a practice would write it.
  await page.route('**/variant.html?*', (route) => {
    const q = new URL(route.request().url()).searchParams;
    const attrs = [`data-lang="${q.get('lang')}"`, `data-mode="${q.get('mode')}"`, `data-namespace="v-${q.get('lang')}"`]
      .concat(q.get('variant') === 'children' ? ['data-variant="children"'] : []).join(' ');
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="./page.css"><link rel="stylesheet" href="./alliance-check.css">
        <script type="module" src="./embed.js"></script></head>
        <body><main class="page"><div data-alliance-check ${attrs}></div></main></body></html>`,
    });
  });
  const scope = '[data-alliance-check]';
  for (const { lang, variant, mode } of VARIANTS) {
    const url = `${env.url}variant.html?lang=${lang}&variant=${variant}&mode=${mode}`;
    await takeoverUnchanged(page, wasm, url, scope, `${lang}-${variant}-${mode}: `);
    await wasm.hold();
  }
  await context.close();
});

