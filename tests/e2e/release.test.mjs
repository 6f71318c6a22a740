// The release as a practice's web person gets it (issue 27): `make
// release`'s zip unpacked into a fresh folder and served as a static host
// would; the script tag, the custom element and the iframe (on a page of
// another origin, sized to its content by frame-host.js, with the saved
// event handed on) each save a check; the configurator's snippets work when
// pasted into a page.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { RUNTIME, walk } from '../../scripts/build-release.mjs';
import { axeViolations, CHROMIUM_ARGS } from './harness.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VERSION = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "(.+)"$/m)[1];
const NAME = `alliance-check-${VERSION}`;

let work;
let site;
let browser;
let server;
/** The files' origin, and a host page's origin (another one). */
let files;
let host;
const headers = {};

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'ac-release-'));
  await run(process.execPath, [join(ROOT, 'scripts/build-release.mjs'), join(ROOT, 'dist'), join(work, 'out')], { cwd: ROOT });
  site = join(work, 'site');
  await run('python3', ['-m', 'zipfile', '-e', join(work, 'out', `${NAME}.zip`), site]);
  ({ server } = await serve(site, 0, '127.0.0.1', headers));
  const port = server.address().port;
  files = `http://127.0.0.1:${port}/`;
  host = `http://localhost:${port}/`;
  // As a static host with a strict policy would answer: the page on
  // localhost may frame the widget's pages and load frame-host.js from
  // 127.0.0.1; the referrer carries the page's origin (browsers' default).
  Object.assign(headers, {
    'Content-Security-Policy': [
      "default-src 'self'",
      `script-src 'self' 'wasm-unsafe-eval' ${files.slice(0, -1)}`,
      "style-src 'self'",
      "connect-src 'self'",
      "img-src 'self' data:",
      `frame-src 'self' ${files.slice(0, -1)}`,
      "object-src 'none'",
      "base-uri 'none'",
      `frame-ancestors 'self' ${host.slice(0, -1)}`,
    ].join('; '),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
  // The host page's listener, and an unrelated iframe that tries to pass
  // for the check (an ad, a chat).
  await writeFile(join(site, 'listen.js'), `window.heard = [];
for (const type of ['alliance-check:saved', 'alliance-check:error']) {
  document.addEventListener(type, (e) => window.heard.push({ type, on: e.target.tagName, src: e.target.getAttribute('src'), detail: e.detail }));
}`);
  await writeFile(join(site, 'fake.html'), '<!doctype html><title>An ad</title><script src="./fake.js"></script>');
  await writeFile(join(site, 'fake.js'), "parent.postMessage({ source: 'alliance-check', type: 'alliance-check:saved', detail: { ratings: { bond: 0 } } }, '*');\nparent.postMessage({ source: 'alliance-check', type: 'alliance-check:resize', height: 5000 }, '*');\n");
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A host page at the site's root with `body` in it. */
async function hostPage(name, body, head = '') {
  await writeFile(join(site, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A practice</title><link rel="icon" href="data:,">${head}</head><body><main><h1>After our session</h1>
${body}</main></body></html>`);
}

/** Rates the four scales, goes past the goals, saves; in a page or a frame. */
async function saveCheck(page, scope = page) {
  const sliders = scope.getByRole('slider');
  await sliders.first().waitFor();
  await scope.locator('[data-alliance-check-mounted], .alliance-check-root').first().waitFor();
  for (let i = 0; i < 4; i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  await scope.getByRole('button', { name: 'Next', exact: true }).click();
  await scope.getByRole('button', { name: 'Skip for now' }).click();
  await scope.getByRole('button', { name: 'Save this check' }).click();
  await scope.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
}

/** A fresh phone-sized page that records console errors. */
async function phone(options = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

test('the zip holds one versioned folder: the runtime files, the first screens, the languages, a README, the licences and true sums', async () => {
  // (Beside the unpacked folder: the test's own host files.)
  const all = (await walk(site)).filter((f) => !['listen.js', 'fake.html', 'fake.js'].includes(f));
  assert.ok(all.every((f) => f.startsWith(`${NAME}/`)), 'one top-level folder, named with the version');
  const inside = all.map((f) => f.slice(NAME.length + 1));
  const first = inside.filter((f) => f.startsWith('first/'));
  assert.equal(first.length, 16, 'every pre-rendered first screen');
  assert.deepEqual(
    inside.filter((f) => f.startsWith('i18n/')).sort(),
    ['i18n/de.json', 'i18n/es-x-usted.json', 'i18n/es.json', 'i18n/fr.json'],
    'every language the WebAssembly does not carry',
  );
  assert.deepEqual(
    inside.filter((f) => !f.startsWith('first/') && !f.startsWith('i18n/')).sort(),
    [...RUNTIME, 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'SHA256SUMS'].sort(),
    'the runtime files only: no demo pages, no offline file',
  );
  const sums = (await readFile(join(site, NAME, 'SHA256SUMS'), 'utf8')).trim().split('\n');
  assert.equal(sums.length, inside.length - 1, 'a sum for every file but the sums');
  for (const line of sums) {
    const [sum, file] = line.split('  ');
    const actual = createHash('sha256').update(await readFile(join(site, NAME, file))).digest('hex');
    assert.equal(actual, sum, file);
  }
  const readme = await readFile(join(site, NAME, 'README.md'), 'utf8');
  assert.ok(readme.includes(NAME), 'the README names the folder');
  assert.doesNotMatch(readme, /\{version\}/);
});

test('served as unpacked: the script tag and the custom element each save a check', async () => {
  await hostPage('script.html', `<div data-alliance-check data-namespace="zip-script"></div>`,
    `<link rel="stylesheet" href="./${NAME}/alliance-check.css"><script type="module" src="./${NAME}/embed.js"></script>`);
  // React 18 writes a false boolean as "false": that is off, as for data-*.
  await hostPage('element.html', `<alliance-check namespace="zip-element" events-include-text="false"></alliance-check>`,
    `<script type="module" src="./${NAME}/alliance-check-element.js"></script><script src="./listen.js"></script>`);
  for (const [file, namespace] of [['script.html', 'zip-script'], ['element.html', 'zip-element']]) {
    const { context, page, errors } = await phone();
    await page.goto(files + file);
    await saveCheck(page);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [`${namespace}:doc:default`], file);
    if (file === 'element.html') {
      const [saved] = await page.evaluate(() => window.heard);
      assert.equal('comment' in saved.detail, false, 'events-include-text="false" is off');
    }
    assert.deepEqual(errors, [], `${file}: no errors, no CSP violations`);
    await context.close();
  }
});

test('the iframe on another origin: sized to the widget, and the saved event handed on without free text', async () => {
  const src = `${files}${NAME}/frame.html?namespace=framed&amp;lang=en&amp;accent=%23224488`;
  await hostPage('framed.html', `<iframe src="${src}" title="Session check" width="100%" height="300" allow="clipboard-write"></iframe>
<iframe src="${host}fake.html" title="An advertisement" width="300" height="100"></iframe>
<script src="${files}${NAME}/frame-host.js" async></script>
<script src="./listen.js"></script>`);
  const { context, page, errors } = await phone();
  await page.goto(`${host}framed.html`);
  const frame = page.frameLocator('iframe[title="Session check"]');
  await frame.getByRole('slider').first().waitFor();
  const fits = async () => {
    const [outer, inner] = await Promise.all([
      page.locator('iframe[title="Session check"]').evaluate((f) => f.getBoundingClientRect().height),
      frame.locator('html').evaluate((h) => Math.ceil(h.getBoundingClientRect().height)),
    ]);
    return Math.abs(outer - inner) <= 1 && outer > 300 ? outer : null;
  };
  /** Polls `fits` for up to 3 s (the height travels by message). */
  const fitted = async () => {
    for (let i = 0; i < 30; i += 1) {
      const height = await fits();
      if (height) return height;
      await page.waitForTimeout(100);
    }
    return null;
  };
  await frame.locator('[data-alliance-check-mounted]').waitFor();
  const tall = await fitted();
  assert.ok(tall, 'the frame is as tall as the widget');
  const accent = await frame.locator('.ac').first().evaluate((el) => getComputedStyle(el).getPropertyValue('--ac-accent').trim());
  assert.equal(accent, '#224488', 'theme colours from the query');

  await saveCheck(page, frame);
  await page.waitForFunction(() => window.heard.length === 1);
  const all = await page.evaluate(() => window.heard);
  assert.equal(all.length, 1, 'the other iframe\'s fake event was not passed on');
  const [heard] = all;
  assert.equal(heard.on, 'IFRAME', 'dispatched on the iframe element, bubbling to the document');
  assert.match(heard.src, /frame\.html/);
  assert.equal(await page.locator('iframe[title="An advertisement"]').evaluate((f) => f.clientHeight), 100, 'nor its height');
  assert.deepEqual(Object.keys(heard.detail.ratings).sort(), ['bond', 'goals', 'overall', 'tasks']);
  assert.equal(heard.detail.ratings.bond, 10);
  assert.equal(heard.detail.comment, undefined, 'no free text');
  // The saved screen has another height; the frame follows.
  const after = await fitted();
  assert.ok(after, 'still as tall as the widget after saving');
  assert.notEqual(after, tall, 'a new height was passed on');
  assert.deepEqual(errors, [], 'no errors, no CSP violations');
  await context.close();
});

test('a wrong query parameter is named, in the frame and to the host', async () => {
  // Anyone can write a link's query: a hand-over address is not taken from it.
  await hostPage('framed-bad.html', `<iframe src="${files}${NAME}/frame.html?namespace=x&amp;handover-url=https%3A%2F%2Fevil.example%2F" title="Session check" width="100%" height="300"></iframe>
<script src="${files}${NAME}/frame-host.js" async></script><script src="./listen.js"></script>`);
  const { context, page } = await phone();
  await page.goto(`${host}framed-bad.html`);
  await page.frameLocator('iframe').getByRole('alert').filter({ hasText: 'could not start' }).waitFor();
  await page.waitForFunction(() => window.heard.length === 1);
  const [{ detail }] = await page.evaluate(() => window.heard);
  assert.equal(detail.reason, 'options');
  assert.match(detail.message, /^unknown parameter "handover-url"; the parameters are origin, namespace, lang/);
  await context.close();
});

test('the configurator: options, a live preview, and snippets that work when pasted', async () => {
  // axe is injected as an inline script: the page's policy is bypassed for it.
  const { context, page, errors } = await phone({ bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: files.slice(0, -1) });
  await page.goto(`${files}${NAME}/configure.html`);
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('Name for this practice\'s data').fill('from-configurator');
  await page.getByLabel('Colours').selectOption('dark');
  await page.getByRole('checkbox', { name: 'Show the widget\'s own title' }).uncheck();
  const preview = page.locator('#preview');
  await preview.locator('.ac--dark').first().waitFor();
  assert.equal(await preview.getByRole('heading', { name: 'How was today\'s session?' }).evaluate((h) => h.classList.contains('ac-visually-hidden')), true);

  // A bad namespace is said in the configurator, in words.
  await page.getByLabel('Name for this practice\'s data').fill('my practice');
  await page.getByRole('alert').filter({ hasText: 'These options do not work' }).waitFor();
  assert.match(await page.locator('#error').textContent(), /namespace "my practice" must be 1-40 letters/);
  await page.getByLabel('Name for this practice\'s data').fill('from-configurator');
  await page.locator('#error:empty').waitFor({ state: 'attached' });

  const snippets = {};
  for (const [method, label] of [['script', 'Script tag'], ['element', 'Custom element'], ['iframe', 'Iframe']]) {
    await page.getByRole('radio', { name: new RegExp(`^${label}`) }).check();
    await page.getByRole('button', { name: 'Copy the snippet' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    snippets[method] = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(snippets[method], await page.locator('#snippet').textContent(), `${method}: the copy is the snippet`);
  }
  assert.match(snippets.script, /data-namespace="from-configurator" data-theme="dark" data-title="off"/);
  assert.match(snippets.element, /<alliance-check namespace="from-configurator" theme="dark" widget-title="off">/);
  assert.match(snippets.iframe, /frame\.html\?namespace=from-configurator&amp;theme=dark&amp;title=off/);
  assert.match(snippets.iframe, /title="How was today.s session\?"/, 'the frame named in the widget\'s language');
  assert.match(await page.locator('#base-hint').textContent(), /works only on this computer/, 'a local address is pointed out');
  assert.deepEqual(errors, []);
  await context.close();

  for (const [method, snippet] of Object.entries(snippets)) {
    await hostPage(`pasted-${method}.html`, snippet);
    const pasted = await phone();
    await pasted.page.goto(`${files}pasted-${method}.html`);
    const scope = method === 'iframe' ? pasted.page.frameLocator('iframe') : pasted.page;
    await saveCheck(pasted.page, scope);
    if (method !== 'iframe') {
      assert.deepEqual(await pasted.page.evaluate(() => Object.keys(localStorage)), ['from-configurator:doc:default'], method);
    }
    assert.ok(await scope.locator('.ac--dark').count(), `${method}: the chosen theme`);
    assert.deepEqual(pasted.errors, [], `${method}: pasted as it is, it works`);
    await pasted.context.close();
  }
});
