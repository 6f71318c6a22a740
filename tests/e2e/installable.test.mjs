// The standalone page is installable (issue 24): a valid web app manifest
// with its icons, a service worker that keeps the widget's own files so the
// check works offline after the first visit, and picks up a new version on
// the next visit. Host pages get no service worker.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { CheckPage } from './check_page.mjs';
import { openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const ALLOW = { serviceWorkers: 'allow' };

/** The width and height a PNG declares in its IHDR chunk. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

/** Polls `check` in the page until it holds (20 s at most). */
async function until(page, check, arg, what) {
  for (let i = 0; i < 80; i += 1) {
    if (await page.evaluate(check, arg)) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`timed out waiting until ${what}`);
}

/** Waits until the page is controlled by its service worker, all files kept. */
async function controlled(page) {
  await until(page, () => navigator.serviceWorker?.controller !== null, null, 'the page is controlled');
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('alliance-check-')));
}

test('the manifest is valid: name, start_url, display, icons 192 and 512 that are what they say', async () => {
  const { page } = await openPage(env);
  await page.goto(env.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const response = await page.request.get(new URL(href, env.url).href);
  assert.match(response.headers()['content-type'], /^application\/manifest\+json/);
  const manifest = await response.json();
  assert.ok(manifest.name && manifest.short_name, 'named');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  for (const size of [192, 512]) {
    const entry = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === 'any');
    assert.ok(entry, `an icon of ${size} px`);
    const bytes = Buffer.from(await (await page.request.get(new URL(entry.src, env.url).href)).body());
    assert.deepEqual(pngSize(bytes), [size, size], `${entry.src} is ${size} × ${size}`);
  }
  await page.context().close();
});

test('after the first visit the check works offline: rate, save, history', async () => {
  const { context, page, problems } = await openPage(env, ALLOW);
  const check = new CheckPage(page);
  await check.open(env.url);
  assert.equal((await controlled(page)).length, 1, 'one cache of the widget\'s files');
  await context.setOffline(true);
  await page.reload();
  await page.locator('.ac:not([data-ac-first])').waitFor();
  await check.quickCheck(88, { comment: 'Offline, still fine.' });
  await check.nav('History').click();
  assert.equal((await check.historyRows()).length, 1);
  const kept = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith('alliance-check-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(kept.some((p) => p.endsWith('/alliance_check_bg.wasm')), 'the widget is kept');
  assert.ok(!kept.some((p) => p.includes('practice-page') || p.includes('localStorage')), `only the widget's own files: ${kept}`);
  assert.deepEqual(problems.console.filter((m) => !/ERR_INTERNET_DISCONNECTED/.test(m)), []);
  await context.close();
});

test('a new version is picked up on the next visit, and the old files are dropped', async () => {
  // A copy of dist/ to change, served on its own.
  const dir = await mkdtemp(join(tmpdir(), 'ac-pwa-'));
  await cp(DIST, dir, { recursive: true });
  const { server, url } = await serve(dir);
  try {
    const { context, page } = await openPage(env, ALLOW);
    await page.goto(url);
    const [before] = await controlled(page);
    // The next release: a changed stylesheet, and so a new service worker.
    const css = join(dir, 'alliance-check.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n/* release 2 */\n`);
    const sw = join(dir, 'sw.js');
    await writeFile(sw, (await readFile(sw, 'utf8')).replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1b';"));
    // Later than anything served so far, whatever the clock's second.
    const later = new Date(Date.now() + 10_000);
    for (const file of [css, sw]) await utimes(file, later, later);
    // The next visit still runs the kept files, and installs the new worker,
    // which drops the old cache once it takes over…
    await page.reload();
    assert.doesNotMatch(await page.evaluate(() => fetch('alliance-check.css').then((r) => r.text())), /release 2/, 'this visit runs as loaded');
    await until(page, async (old) => {
      const keys = (await caches.keys()).filter((k) => k.startsWith('alliance-check-'));
      return keys.length === 1 && keys[0] !== old;
    }, before, 'the new version has taken over');
    // …and the visit after runs the new release.
    await page.reload();
    const served = await page.evaluate(() => fetch('alliance-check.css').then((r) => r.text()));
    assert.match(served, /release 2/);
    await context.close();
  } finally {
    server.close();
  }
});

test('a host page that embeds the widget gets no service worker', async () => {
  const { context, page } = await openPage(env, ALLOW);
  await page.goto(`${env.url}practice-page.html`);
  await page.locator('.ac:not([data-ac-first])').first().waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await context.close();
});
