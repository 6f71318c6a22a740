// `make bench`: sizes, time to the first interactive slider (against a
// static form), and the cost of loading, showing, exporting, importing and
// saving with 1,000 / 10,000 / 100,000 sessions, in headless Chromium on
// this machine. Prints a table and writes BENCHMARKS.md. Not a test: it
// asserts nothing; the budgets are compared in the output.
//   node scripts/bench.mjs            (after `make dist`)
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

/** Clicks Next until the last step (the question and the review share it). */
async function toLastStep(page) {
  const next = page.getByRole('button', { name: 'Next', exact: true });
  for (let i = 0; i < 4 && (await next.count()); i += 1) await next.click();
}

const SITE = 'target/bench-site';
const RUNS = 11;
const KEY = 'alliance-check:doc:default';
const out = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => (x === null || x === undefined ? 'n/a' : `${x.toFixed(1)} ms`);

// ---- sizes -------------------------------------------------------------
const files = ['alliance_check_bg.wasm', 'alliance_check.js', 'embed.js', 'first-screen.js', 'alliance-check.css'];
const sizes = [];
for (const f of [...files, 'alliance-check-offline.html']) {
  const data = await readFile(`dist/${f}`);
  sizes.push({
    f,
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const widget = sizes.slice(0, files.length);
const total = (k) => widget.reduce((a, s) => a + s[k], 0);
// The languages other than English: a page loads at most its own (and a
// variant's overrides), when a client reads it.
const languageFiles = [];
for (const f of (await readdir('dist/i18n')).filter((name) => name.endsWith('.json')).sort()) {
  const data = await readFile(`dist/i18n/${f}`);
  languageFiles.push({ f: `i18n/${f}`, raw: data.length, gzip: gzipSync(data, { level: 9 }).length, br: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length });
}
/** Rates the four scales 10, skips the goal guide, and saves. */
async function saveFullMarks(page) {
  for (let i = 0; i < 4; i += 1) {
    await page.getByRole('slider').nth(i).focus();
    await page.keyboard.press('End');
  }
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  const skip = page.getByRole('button', { name: 'Skip for now' });
  if (await skip.count()) await skip.click();
  await toLastStep(page);
  await page.getByRole('button', { name: 'Save this check', exact: true }).click();
}

// What the standalone page needs before its first slider works: the page
// with its inlined first screen and first-screen CSS, and the script
// that makes the first screen work (the wasm and its glue come after).
const beforeSlider = ['index.html', 'first-screen.js'];
let beforeSliderGzip = 0;
for (const f of beforeSlider) beforeSliderGzip += gzipSync(await readFile(`dist/${f}`), { level: 9 }).length;

// ---- the floor: the rarely used features switched off (issue 26) ---------
// The widget built with cargo features off (Cargo.toml [features]): all of
// them (the floor, what a check-only startup could weigh), and each alone.
const FEATURES = ['charts', 'data', 'exports', 'import', 'protection', 'handover'];
const gz = async (file) => gzipSync(await readFile(file), { level: 9 }).length;
/** gzip bytes of the WebAssembly and its glue built with only `features` on. */
async function builtWith(name, features) {
  const dir = `target/variants/${name}`;
  const args = ['build', '--target', 'web', '--release', '--out-dir', dir, '--quiet', '--', '--no-default-features'];
  if (features.length) args.push('--features', features.join(','));
  console.error(`[bench] building the widget without ${name}`);
  execFileSync('wasm-pack', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return { wasm: await gz(`${dir}/alliance_check_bg.wasm`), glue: await gz(`${dir}/alliance_check.js`) };
}
const shipped = { wasm: await gz('dist/alliance_check_bg.wasm'), glue: await gz('dist/alliance_check.js') };
const variants = [{ name: 'every feature', off: [], ...shipped }];
variants.push({ name: 'the floor', off: FEATURES, ...(await builtWith('all', [])) });
for (const f of FEATURES) variants.push({ name: f, off: [f], ...(await builtWith(f, FEATURES.filter((g) => g !== f))) });
// The startup per module, as size-guard.mjs counts it.
const budgetFile = JSON.parse(await readFile('size-budget.json', 'utf8'));
const modules = [];
for (const [name, m] of Object.entries(budgetFile.modules)) {
  let size = 0;
  for (const f of m.files) size += await gz(`dist/${f}`);
  modules.push({ name, files: m.files, size, max: m.max_gzip_bytes });
}

// ---- a history of n sessions, in the stored format ----------------------
function history(n) {
  const start = Date.UTC(2020, 0, 6, 17);
  const goal = { id: 'g0-0000000000000001', text: 'Speak up in team meetings', status: 'active', created: new Date(start).toISOString(), changed: new Date(start).toISOString() };
  const r = (i, k) => Math.round(60 + ((i * 37 + k * 11) % 41)) / 10;
  const records = [];
  for (let i = 0; i < n; i += 1) {
    const at = new Date(start + i * 3_600_000).toISOString();
    const rec = {
      id: `${(start + i * 3_600_000).toString(36)}-${i.toString(16).padStart(16, '0')}`,
      at,
      instrument: { id: 'alliance-check.default', version: 1 },
      ratings: { bond: r(i, 1), goals: r(i, 2), overall: r(i, 3), tasks: r(i, 4) },
      goals: [{ goal: goal.id, text: goal.text, progress: r(i, 5) }],
    };
    if (i % 10 === 0) rec.comment = 'A little more time for the homework, please.';
    records.push(rec);
  }
  return JSON.stringify({ schema: 2, goals: [goal], records, goal_intro_done: true });
}

await rm(SITE, { recursive: true, force: true });
await cp('dist', SITE, { recursive: true });
await cp('bench/static-form.html', `${SITE}/static-form.html`);
await cp('bench/bare-form.html', `${SITE}/bare-form.html`);
const { server, url } = await serve(SITE);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A mid-range phone on a weak connection (issue 15). */
const PHONE = { download: 1.6e6 / 8, upload: 750e3 / 8, latency: 150, cpu: 4 };
// 13, not 7: single phone loads of the same page vary by ±25% on a small
// machine, and medians of 7 moved the ratio to the bare form from 1.07× to 1.40×.
const PHONE_RUNS = 13;

/**
 * Milliseconds from navigation start until (a) the first slider is usable:
 * a range input (or a face) is in the document and every render-blocking
 * stylesheet has loaded, at the next animation frame, i.e. as it is painted; and (b) the
 * widget has taken over (its own rendering, no pre-rendered first screen
 * left). With `phone`, the network and the CPU are throttled through the
 * Chrome DevTools Protocol and the files are served gzip-compressed.
 */
async function loadTimes(path, phone, locale = 'en-US') {
  const context = await browser.newContext({ locale, ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: PHONE.latency, downloadThroughput: PHONE.download, uploadThroughput: PHONE.upload,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  }
  await page.addInitScript(() => {
    // Render-blocking stylesheets: those in the head (one at the end of the
    // body blocks nothing above it).
    const styled = () => [...document.querySelectorAll('head link[rel=stylesheet]')].every((l) => l.sheet);
    const frame = () => {
      const now = performance.now();
      if (window.__slider === undefined && document.querySelector('input[type=range], .ac-face__input') && styled()) window.__slider = now;
      if (window.__takeover === undefined && document.querySelector('[data-alliance-check-mounted] .ac')
        && !document.querySelector('[data-ac-first]')) window.__takeover = now;
      if (window.__slider === undefined || window.__takeover === undefined) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`${url}${path}`);
  const isStatic = path.startsWith('static') || path.startsWith('bare');
  await page.waitForFunction((s) => window.__slider !== undefined && (s || window.__takeover !== undefined), isStatic, { timeout: 60000 });
  const t = await page.evaluate(() => ({ slider: window.__slider, takeover: window.__takeover ?? null }));
  await context.close();
  return t;
}

/** Median figures of `runs` loads of the widget and of the static form. */
async function profile(phone, runs) {
  const widget = [];
  const form = [];
  const bare = [];
  for (let i = 0; i < runs; i += 1) {
    widget.push(await loadTimes('', phone));
    form.push(await loadTimes('static-form.html', phone));
    bare.push(await loadTimes('bare-form.html', phone));
  }
  return {
    slider: median(widget.map((w) => w.slider)),
    takeover: median(widget.map((w) => w.takeover)),
    form: median(form.map((f) => f.slider)),
    bare: median(bare.map((f) => f.slider)),
  };
}

const desktopLoad = await profile(false, RUNS);
const phoneLoad = await profile(true, PHONE_RUNS);
// A Spanish phone: the standalone page follows the browser, so its first
// screen and its language file (i18n/es.json, asked for beside the wasm)
// are Spanish; the widget takes over once both are there.
const spanish = [];
for (let i = 0; i < PHONE_RUNS; i += 1) spanish.push(await loadTimes('', true, 'es-ES'));
const spanishLoad = { slider: median(spanish.map((w) => w.slider)), takeover: median(spanish.map((w) => w.takeover)) };
console.error(`[bench] load times: desktop ${desktopLoad.slider.toFixed(0)} ms, phone ${phoneLoad.slider.toFixed(0)} ms`);

/** Duration between the last pair of User Timing marks for `name`. */
const markDuration = (page, name, which = 'last') => page.evaluate(([n, w]) => {
  const s = performance.getEntriesByName(`alliance-check:${n}:start`);
  const e = performance.getEntriesByName(`alliance-check:${n}:end`);
  const i = w === 'first' ? 0 : s.length - 1;
  return s.length && e.length ? e[i].startTime - s[i].startTime : null;
}, [name, which]);

/** Progress on stderr, so a run that stalls shows where. */
const step = (what) => console.error(`[bench]   ${what}`);

async function atScale(n) {
  const doc = history(n);
  await writeFile(`${SITE}/bench-${n}.json`, doc);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${url}static-form.html`);
  const seeded = await page.evaluate(async ([k, file]) => {
    const text = await (await fetch(file)).text();
    try {
      localStorage.setItem(k, text);
      return { ok: true };
    } catch (e) {
      // How far does it go? Halve until it fits.
      const data = JSON.parse(text);
      let lo = 0;
      let hi = data.records.length;
      while (hi - lo > 100) {
        const mid = Math.floor((lo + hi) / 2);
        try {
          localStorage.setItem(k, JSON.stringify({ ...data, records: data.records.slice(0, mid) }));
          lo = mid;
        } catch {
          hi = mid;
        }
      }
      localStorage.removeItem(k);
      return { ok: false, error: e.name, fits: lo };
    }
  }, [KEY, `bench-${n}.json`]);
  const result = { n, bytes: doc.length, seeded };
  if (!seeded.ok) {
    // What the client sees: the next save fails and says so.
    await page.evaluate(([k, file]) => fetch(file).then((r) => r.text()).then((t) => {
      const d = JSON.parse(t);
      return localStorage.setItem(k, JSON.stringify({ ...d, records: d.records.slice(0, Math.floor(d.records.length / 2)) }));
    }).catch(() => {}), [KEY, `bench-${n}.json`]);
    await context.close();
    return result;
  }
  step('load');
  await page.goto(url);
  // The widget itself, not the pre-rendered first screen.
  await page.locator('.ac').waitFor();
  await page.locator('[data-ac-first]').waitFor({ state: 'detached' });
  result.load = await markDuration(page, 'load', 'first');
  result.perSession = (await page.evaluate((k) => localStorage.getItem(k).length, KEY)) / n;
  step('history');
  result.history = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('.ac-nav__item')].find((b) => b.textContent === 'History');
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector('.ac-history__table tbody tr') && document.querySelector('.ac-chart__line')) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    button.click();
  }));
  const exportTime = (label) => page.evaluate((name) => new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === name);
    const t0 = performance.now();
    document.addEventListener('alliance-check:exported', () => resolve(performance.now() - t0), { once: true });
    button.click();
  }), label);
  step('export');
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => { result.exportJson = await exportTime('Download a copy (JSON)'); })()]);
  const exported = await download.path();
  await Promise.all([page.waitForEvent('download'), (async () => { result.exportCsv = await exportTime('Download for a spreadsheet (CSV)'); })()]);
  await page.evaluate(() => {
    window.__changeAt = null;
    document.addEventListener('change', () => { window.__changeAt = performance.now(); }, { capture: true, once: true });
  });
  step('import');
  await page.getByLabel('Import a copy (JSON file)').setInputFiles(exported);
  await page.getByText(/^(The file holds|Everything in this file)/).waitFor();
  const parsed = await page.evaluate(() => performance.now() - window.__changeAt);
  step('merge');
  const merged = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Import');
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector('.ac-status')?.textContent.startsWith('Imported')) {
        obs.disconnect();
        resolve(performance.now() - t0);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    button.click();
  }));
  result.importPreview = parsed;
  result.importMerge = merged;
  // Save one new session: the storage part (re-read, apply, write, read
  // back) from the marks, and the whole click-to-confirmation time.
  step('check');
  await page.locator('.ac-nav__item').first().click();
  for (let i = 0; i < 4; i += 1) {
    await page.getByRole('slider').nth(i).focus();
    await page.keyboard.press('End');
  }
  await toLastStep(page);
  step('save');
  result.saveClick = await page.evaluate(() => new Promise((resolve) => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Save this check');
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if ([...document.querySelectorAll('h3')].some((h) => h.textContent === 'Saved. Thank you.')) {
        obs.disconnect();
        resolve(performance.now() - t0);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    button.click();
  }));
  result.saveStorage = await markDuration(page, 'update');
  await context.close();
  return result;
}

// Each scale three times; the table shows the median of each figure, since
// single runs on a 2-core machine vary by a third.
const REPEATS = 3;
const scales = [];
for (const n of [1000, 10000, 100000]) {
  const runs = [];
  for (let i = 0; i < REPEATS; i += 1) {
    runs.push(await atScale(n));
    console.error(`[bench] ${n} sessions, run ${i + 1}`);
    if (!runs[0].seeded.ok) break;
  }
  const merged = { ...runs[0] };
  if (merged.seeded.ok) {
    for (const k of ['load', 'history', 'exportJson', 'exportCsv', 'importPreview', 'importMerge', 'saveStorage', 'saveClick']) {
      merged[k] = median(runs.map((r) => r[k]));
    }
  }
  scales.push(merged);
}
// ---- passphrase protection --------------------------------------------------
/** Turn protection on over a seeded history of `n` sessions, reload, unlock, save. */
async function protection(n) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}static-form.html`);
  if (n > 0) {
    await page.evaluate(async ([k, file]) => localStorage.setItem(k, await (await fetch(file)).text()), [KEY, `bench-${n}.json`]);
  }
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await page.getByLabel(/^New passphrase/).fill('bench passphrase');
  await page.getByLabel('The new passphrase again').fill('bench passphrase');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await page.getByText('Your history is now stored encrypted.').waitFor({ timeout: 120000 });
  const result = { turnOn: Date.now() - t0, deriveOn: await markDuration(page, 'derive'), sealedBytes: await page.evaluate((k) => localStorage.getItem(k).length, KEY) };
  await page.reload();
  await page.getByLabel('Passphrase', { exact: true }).fill('bench passphrase');
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByRole('slider').first().waitFor({ timeout: 120000 });
  result.unlock = Date.now() - t1;
  result.derive = await markDuration(page, 'derive');
  await saveFullMarks(page);
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor({ timeout: 120000 });
  result.save = await markDuration(page, 'update');
  await context.close();
  return result;
}
const protect = [];
for (const n of [0, 1000, 10000]) {
  const runs = [];
  for (let i = 0; i < REPEATS; i += 1) {
    runs.push(await protection(n));
    console.error(`[bench] protection at ${n}, run ${i + 1}`);
  }
  const merged = { n };
  for (const k of Object.keys(runs[0])) merged[k] = median(runs.map((r) => r[k]));
  protect.push(merged);
}

// ---- shared tablet: code + secret (issue 21) --------------------------------
/** Click to the first slider, or to the door's answer, in ms. */
async function timed(page, action, done) {
  const t0 = Date.now();
  await action();
  await done();
  return Date.now() - t0;
}

/**
 * On `shared-device.html` with the CPU slowed like the phone profile: a
 * profile of `n` sessions (0: new, one check saved; else seeded in clear and
 * sealed on its first open), then `runs` unlocks (click on Open to the first
 * slider), and as many attempts with a wrong secret and with an unknown code
 * (click to the answer). Opens come first: five failed attempts are free.
 */
async function sharedUnlock(n, runs) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  const [code, secret] = ['bench-fox', 'quiet river morning'];
  const fill = async (c, s) => {
    await page.locator('.ac-start button, .ac-gate').first().waitFor();
    if (await page.locator('.ac-start button').count()) await page.locator('.ac-start button').click();
    await page.getByLabel('Nickname or code').fill(c);
    await page.getByLabel('Secret (your PIN or passphrase)').fill(s);
  };
  const open = () => page.getByRole('button', { name: 'Open', exact: true }).click();
  const slider = () => page.getByRole('slider').first().waitFor({ timeout: 120000 });
  const answer = () => page.waitForFunction(() => document.querySelector('.ac-gate form')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('.ac-gate .ac-field__error')?.textContent, null, { timeout: 120000 });
  const close = () => page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Close profile' }).click();
  await page.goto(`${url}shared-device.html`);
  if (n > 0) {
    await page.evaluate(async ([k, file]) => localStorage.setItem(k, await (await fetch(file)).text()), [`office-tablet:doc:${code}`, `bench-${n}.json`]);
    await page.reload();
    await fill(code, secret);
    await open();
    await page.getByLabel(/^Your secret/).fill(secret);
    await page.getByLabel('The same secret again').fill(secret);
    await page.getByRole('button', { name: 'Protect and open', exact: true }).click();
  } else {
    await page.locator('.ac-start button').click();
    await page.getByRole('button', { name: 'Start a new profile', exact: true }).click();
    await page.getByLabel('Nickname or code').fill(code);
    await page.getByLabel(/^Your secret/).fill(secret);
    await page.getByLabel('The same secret again').fill(secret);
    await page.getByRole('button', { name: 'Start my profile', exact: true }).click();
    await slider();
    await saveFullMarks(page);
    await page.getByRole('button', { name: 'Finish and hand back' }).click();
    await page.getByRole('button', { name: 'Done', exact: true }).click();
  }
  await slider().catch(() => {});
  if (n > 0) await close();
  const result = { n, unlock: [], derive: [], wrong: [], unknown: [] };
  for (let i = 0; i < runs; i += 1) {
    await fill(code, secret);
    result.unlock.push(await timed(page, open, slider));
    result.derive.push(await markDuration(page, 'derive'));
    await close();
  }
  for (let i = 0; i < 2; i += 1) {
    await fill(code, `${secret} ${i}`);
    result.wrong.push(await timed(page, open, answer));
    await fill(`nobody-${i}`, secret);
    result.unknown.push(await timed(page, open, answer));
  }
  await context.close();
  for (const k of ['unlock', 'derive', 'wrong', 'unknown']) result[k] = median(result[k]);
  return result;
}
const shared = [];
for (const n of [0, 1000]) {
  shared.push(await sharedUnlock(n, 5));
  console.error(`[bench] shared unlock at ${n} sessions`);
}

// ---- hand-over by QR code (issue 16) -----------------------------------------
/**
 * A typical history of `n` weekly sessions: two goals with progress in every
 * session, ids with random entropy as the widget makes them, and a comment
 * of 6–14 words from a varied vocabulary in one of `commentEvery` sessions
 * (0: none). Deterministic, so runs compare.
 */
function typical(n, commentEvery) {
  let seed = 0x2545f491;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const words = ('more time homework please slower today felt heard helpful exercise breathing next week talk about work sleep mother '
    + 'partner anxious calmer good session difficult again useful practice notes want focus less more often example really '
    + 'understood rushed end plan try different maybe stuck progress small steps thanks').split(' ');
  const start = Date.UTC(2024, 0, 8, 16);
  const made = new Date(start).toISOString();
  const goals = [
    { id: 'g0-0000000000000001', text: 'Speak up in team meetings', status: 'active', created: made, changed: made },
    { id: 'g1-0000000000000002', text: 'Sleep through the night', status: 'active', created: made, changed: made },
  ];
  const tenths = () => Math.round(40 + rand() * 60) / 10;
  const hex = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
  const records = [];
  for (let i = 0; i < n; i += 1) {
    const t = start + i * 7 * 86_400_000 + Math.floor(rand() * 3_600_000);
    const rec = {
      id: `${t.toString(36)}-${hex()}`,
      at: new Date(t).toISOString(),
      instrument: { id: 'alliance-check.default', version: 1 },
      ratings: { bond: tenths(), goals: tenths(), overall: tenths(), tasks: tenths() },
      goals: goals.map((g) => ({ goal: g.id, text: g.text, progress: tenths() })),
    };
    if (commentEvery && i % commentEvery === 0) {
      const len = 6 + Math.floor(rand() * 9);
      const line = Array.from({ length: len }, () => words[Math.floor(rand() * words.length)]).join(' ');
      rec.comment = line[0].toUpperCase() + line.slice(1) + '.';
    }
    records.push(rec);
  }
  return JSON.stringify({ schema: 2, goals, records, goal_intro_done: true });
}

/** Seeds a typical history and reads how many sessions the QR code carries. */
async function handoverFit(n, commentEvery, passphrase) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}static-form.html`);
  await page.evaluate(([k, text]) => localStorage.setItem(k, text), [KEY, typical(n, commentEvery)]);
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  if (passphrase) {
    await page.getByLabel(/^New passphrase/).fill(passphrase);
    await page.getByLabel('The new passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
    await page.getByText('Your history is now stored encrypted.').waitFor({ timeout: 120000 });
    await page.getByLabel(/^Your passphrase/).fill(passphrase);
  }
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Show the code' }).click();
  await page.locator('.ac-handover__qr').waitFor({ timeout: 120000 });
  const made = Date.now() - t0;
  const note = await page.locator('.ac-handover__note').textContent();
  const link = await page.locator('.ac-handover__link').textContent();
  await context.close();
  const cut = note.match(/last (\d+) of (\d+)/);
  const all = note.match(/all (\d+) sessions/);
  const carried = cut ? Number(cut[1]) : Number(all[1]);
  const payload = link.slice(link.indexOf('#')).length;
  return { commentEvery, protectedToo: Boolean(passphrase), carried, total: n, made, payload };
}
const HANDOVER_SESSIONS = 400;
const handover = [];
for (const [every, pass] of [[0, null], [10, null], [1, null], [10, 'bench passphrase']]) {
  handover.push(await handoverFit(HANDOVER_SESSIONS, every, pass));
}

await browser.close();
server.close();

// ---- report ---------------------------------------------------------------
const chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
const ratio = desktopLoad.slider / desktopLoad.form;
const phoneRatio = phoneLoad.slider / phoneLoad.form;
const phoneBareRatio = phoneLoad.slider / phoneLoad.bare;
const ten = scales.find((s) => s.n === 10000);
const budget = (ok) => (ok ? 'met' : '**not met**');
say('# Benchmarks');
say();
say(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, ${chromiumVersion} (headless). Re-run: \`make bench\` (builds \`dist/\`, then \`node scripts/bench.mjs\`, which rewrites this file).`);
say();
say('## Size of what the standalone page loads');
say();
say('| file | raw bytes | gzip -9 | brotli -11 |');
say('|---|---:|---:|---:|');
for (const s of sizes) say(`| ${s.f} | ${s.raw} | ${s.gzip} | ${s.br} |`);
say(`| **widget total** (wasm + JS + CSS) | ${total('raw')} | **${total('gzip')}** (${(total('gzip') / 1024).toFixed(1)} KiB) | ${total('br')} (${(total('br') / 1024).toFixed(1)} KiB) |`);
for (const s of languageFiles) say(`| ${s.f} (only when a client reads it) | ${s.raw} | ${s.gzip} | ${s.br} |`);
say();
say(`Command: gzip and brotli from Node's zlib over the files in \`dist/\` (\`gzip -9c F | wc -c\` agrees).`);
say();
say('## Startup size per module');
say();
say('What a page loads for the widget, per module, with the budget `make test` holds it to (`size-budget.json`, `scripts/size-guard.mjs`; gzip -9 from Node\'s zlib).');
say();
say('| module | files | gzip | budget |');
say('|---|---|---:|---:|');
for (const m of modules) say(`| ${m.name} | ${m.files.map((f) => `\`${f}\``).join(', ')} | ${m.size} | ${m.max} |`);
say();
say('## The floor: the rarely used features switched off');
say();
say(`The WebAssembly and its glue built with cargo features off (\`wasm-pack build --release -- --no-default-features --features …\`, as \`make bench\` does): all of them (the floor: what a check-only startup could weigh), then each one alone. The widget ships with every feature.`);
say();
say('| build | features off | wasm gzip | glue gzip | together | less than shipped |');
say('|---|---|---:|---:|---:|---:|');
for (const v of variants) {
  const less = shipped.wasm + shipped.glue - v.wasm - v.glue;
  say(`| ${v.name} | ${v.off.join(', ') || '–'} | ${v.wasm} | ${v.glue} | ${v.wasm + v.glue} | ${less} (${(less / 1024).toFixed(1)} KiB) |`);
}
say();
say('## Time to the first slider, and to the widget');
say();
say(`From navigation start until the first slider is usable (a range input or a face in the document with every render-blocking stylesheet, those in the head, loaded, at the next animation frame) and until the widget has taken over (its own rendering; the pre-rendered first screen gone), against a static HTML form with the same four sliders that loads the same two stylesheets (\`bench/static-form.html\`) and against a bare one with no stylesheet at all (\`bench/bare-form.html\`: the physical limit, and issue 26's budget), served from 127.0.0.1 by \`scripts/serve.mjs\` (gzip). Desktop: median of ${RUNS} loads, no throttling. Phone: median of ${PHONE_RUNS} loads, a 390 px touch screen, the network at ${PHONE.download * 8 / 1e6} Mbps down, ${PHONE.upload * 8 / 1e3} kbps up and ${PHONE.latency} ms latency (CDP \`Network.emulateNetworkConditions\`), the CPU slowed ${PHONE.cpu}× (\`Emulation.setCPUThrottlingRate\`).`);
say();
say('| profile | first slider (widget) | styled form | ratio | bare form | ratio (bare) | widget taken over |');
say('|---|---:|---:|---:|---:|---:|---:|');
say(`| desktop | ${ms(desktopLoad.slider)} | ${ms(desktopLoad.form)} | ${ratio.toFixed(2)}× | ${ms(desktopLoad.bare)} | ${(desktopLoad.slider / desktopLoad.bare).toFixed(2)}× | ${ms(desktopLoad.takeover)} |`);
say(`| phone | ${ms(phoneLoad.slider)} | ${ms(phoneLoad.form)} | ${phoneRatio.toFixed(2)}× | ${ms(phoneLoad.bare)} | **${phoneBareRatio.toFixed(2)}×** | **${ms(phoneLoad.takeover)}** |`);
say(`| phone, Spanish (its language file beside the wasm) | ${ms(spanishLoad.slider)} | ${ms(phoneLoad.form)} | ${(spanishLoad.slider / phoneLoad.form).toFixed(2)}× | ${ms(phoneLoad.bare)} | ${(spanishLoad.slider / phoneLoad.bare).toFixed(2)}× | ${ms(spanishLoad.takeover)} |`);
say();
say('## With a long history');
say();
say(`Each figure is the median of ${REPEATS} runs. ` + 'The stored document is seeded into localStorage before the page loads (one goal, a goal entry in every session, a comment in one of ten). Load = `Store::load` (read + parse + migrate), from User Timing marks. History = click to the table and charts in the DOM, plus one frame. Export = click to the `alliance-check:exported` event (serialise + Blob + download). Import = file chosen to preview, then Import to the "Imported" message (merge + write + read-back). Save = the storage work of one new session (fresh read, apply, write, read-back) from User Timing marks, and click to the "Saved" heading.');
say();
say('| sessions | stored bytes | bytes / session | load | history | export JSON | export CSV | import preview + merge | save (storage) | save (click to "Saved") |');
say('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of scales) {
  if (!s.seeded.ok) {
    say(`| ${s.n} | ${s.bytes} | – | does not fit: localStorage refuses it (${s.seeded.error}); at most ≈ ${s.seeded.fits} sessions fit | | | | | | |`);
    continue;
  }
  say(`| ${s.n} | ${s.bytes} | ${s.perSession.toFixed(0)} | ${ms(s.load)} | ${ms(s.history)} | ${ms(s.exportJson)} | ${ms(s.exportCsv)} | ${ms(s.importPreview)} + ${ms(s.importMerge)} | ${ms(s.saveStorage)} | ${ms(s.saveClick)} |`);
}
say();
say('When storage is full the client is told on the next save ("The browser\'s storage is full, so this was not saved. Your answers are still here.") and offered a download that includes the unsaved check; tested in `tests/e2e/data.test.mjs`.');
say();
say('## Passphrase protection (issue 8)');
say();
say(`Median of ${REPEATS} runs per size. PBKDF2-HMAC-SHA256 at 600,000 iterations, then AES-256-GCM, all in the browser's WebCrypto. Derive = \`crypto::derive\` from User Timing marks (the deliberate cost of every unlock and every passphrase set). Turn on = click to the confirmation (derive + encrypt + write + read-back). Unlock = click on Open to the first slider (derive + decrypt + parse + render). Save = the storage work of one new session in a protected history (decrypt skipped when the stored text is unchanged, then apply + encrypt with a fresh IV + write + read-back).`);
say();
say('| sessions | sealed bytes | derive (KDF) | turn on | unlock | save (storage) |');
say('|---:|---:|---:|---:|---:|---:|');
for (const p of protect) say(`| ${p.n} | ${p.sealedBytes} | ${ms(p.derive)} | ${ms(p.turnOn)} | ${ms(p.unlock)} | ${ms(p.save)} |`);
say();
say('## Shared tablet: code and secret (issue 21)');
say();
say(`\`shared-device.html\` on a 1024 px touch screen with the CPU slowed ${PHONE.cpu}× (\`Emulation.setCPUThrottlingRate\`, as the phone profile). Unlock = click on Open with the right code and secret to the first slider (read the device salt, SHA-256 for the profile salt, PBKDF2-HMAC-SHA256 at 600,000 iterations, the profile name from the key, decrypt, parse, render); median of 5. Derive = \`crypto::derive\` alone (User Timing). Wrong secret and unknown code = click to the door's answer (the same words for both); median of 2 each. A history of 1,000 sessions was seeded as an earlier version kept it (in clear) and sealed on its first open. WebCrypto runs PBKDF2 off the main thread, so the CPU throttling slows the rendering around it, not the derivation itself: on a real slow phone the derivation is slower too (see the README).`);
say();
say('| sessions | unlock | derive | wrong secret | unknown code |');
say('|---:|---:|---:|---:|---:|');
for (const r of shared) say(`| ${r.n === 0 ? 1 : r.n} | **${ms(r.unlock)}** | ${ms(r.derive)} | ${ms(r.wrong)} | ${ms(r.unknown)} |`);
say();
say('## Hand-over by QR code (issue 16)');
say();
say(`How many sessions of a typical history (${HANDOVER_SESSIONS} weekly sessions, four ratings and progress on two goals each, ids with random entropy as the widget makes them; comments of 6–14 words from a varied vocabulary) one QR code carries: version 40, error correction L, 2,953 bytes, so a link of at most 2,953 characters. The widget encodes the goals and as many of the newest sessions as fit (compact versioned encoding, \`CompressionStream("deflate-raw")\`, base64url) and says "the last N of M". Read from the widget's own note after "Show the code" in the History section; "made" is the click to the code on screen (encode + compress + seal + fit by halving + QR), including PBKDF2 at 600,000 iterations: every link is sealed (issue 22), by the profile\'s passphrase or, without one, by a one-time code shown beside the QR code (about 66 characters of the link go to the frame: kind, iterations, salt, IV and tag).`);
say();
say('Its cost in the wasm: about 36.4 KiB gzip (`qrcodegen`, the compact encoding and its strict decoder, the two panels and their texts: 32.5 KiB, then 3.9 KiB for the fixes of its review; `node scripts/size-guard.mjs` before and after each). It is not loaded apart, because the module is not split (see the size notes below).');
say();
say('| comments | sealed by | sessions carried | fragment characters | made |');
say('|---|---|---:|---:|---:|');
for (const h of handover) {
  const comments = h.commentEvery === 0 ? 'none' : h.commentEvery === 1 ? 'in every session' : `in one of ${h.commentEvery}`;
  say(`| ${comments} | ${h.protectedToo ? 'passphrase' : 'one-time code'} | **${h.carried}** of ${h.total} | ${h.payload} | ${ms(h.made)} |`);
}
say();
say('## Budgets (issue 7)');
say();
say('| budget | target | measured | |');
say('|---|---|---|---|');
say(`| whole widget, gzip | ≤ 80 KiB | ${(total('gzip') / 1024).toFixed(1)} KiB | ${budget(total('gzip') <= 80 * 1024)} |`);
say(`| first slider vs static form | ≤ 2× | ${ratio.toFixed(2)}× | ${budget(ratio <= 2)} |`);
say(`| phone: first slider vs static form (issue 15) | ≤ 1.3× | ${phoneRatio.toFixed(2)}× | ${budget(phoneRatio <= 1.3)} |`);
say(`| phone: first slider vs bare form, no stylesheet (issue 26) | ≤ 1.1× | ${phoneBareRatio.toFixed(2)}× | ${budget(phoneBareRatio <= 1.1)} |`);
say(`| phone: widget taken over (issue 15) | ≤ 2.0 s | ${ms(phoneLoad.takeover)} | ${budget(phoneLoad.takeover <= 2000)} |`);
say(`| shared tablet: unlock, CPU ${PHONE.cpu}× (issue 21) | < 1 s | ${ms(shared[0].unlock)} | ${budget(shared[0].unlock < 1000)} |`);
say(`| whole widget, gzip (issue 15) | ≤ 250 KiB | ${(total('gzip') / 1024).toFixed(1)} KiB | ${budget(total('gzip') <= 250 * 1024)} |`);
say(`| before the first slider, gzip (issue 15: ${beforeSlider.join(' + ')}) | ≤ 20 KiB | ${(beforeSliderGzip / 1024).toFixed(1)} KiB | ${budget(beforeSliderGzip <= 20 * 1024)} |`);
if (ten?.seeded.ok) {
  say(`| load at 10,000 | ≤ 50 ms | ${ms(ten.load)} | ${budget(ten.load <= 50)} |`);
  say(`| history render at 10,000 | ≤ 100 ms | ${ms(ten.history)} | ${budget(ten.history <= 100)} |`);
  say(`| export at 10,000 | ≤ 50 ms | JSON ${ms(ten.exportJson)}, CSV ${ms(ten.exportCsv)} | ${budget(Math.max(ten.exportJson, ten.exportCsv) <= 50)} |`);
  say(`| import + merge at 10,000 | ≤ 150 ms | ${ms(ten.importPreview + ten.importMerge)} | ${budget(ten.importPreview + ten.importMerge <= 150)} |`);
  say(`| save with read-back at 10,000 | ≤ 10 ms | ${ms(ten.saveStorage)} | ${budget(ten.saveStorage <= 10)} |`);
  say(`| storage per session | ≤ 200 B | ${ten.perSession.toFixed(0)} B | ${budget(ten.perSession <= 200)} |`);
}
say();
say('## What meeting the unmet budgets would take');
say();
const floorRow = variants.find((v) => v.name === 'the floor');
const lessOf = (name) => {
  const v = variants.find((x) => x.name === name);
  return ((shipped.wasm + shipped.glue - v.wasm - v.glue) / 1024).toFixed(1);
};
say(`- **Size (${(total('gzip') / 1024).toFixed(0)} KiB against 250, and 80).** ` + 'Done and measured (scripts/size-guard.mjs): `tracing` compiled out of release builds (−8.1 KiB), wasm-opt without `inlining-optimizing` (−23.4), ratings parsed and chart coordinates written in whole numbers (no float parser or formatter: −14.0), no `serde_json::Value` deserialisation (−10.1), the languages other than English fetched when a client reads one (issue 25: −29.3). ' + `The floor table above shows what the rarely used features weigh: all of them ${lessOf('the floor')} KiB (the floor is ${((floorRow.wasm + floorRow.glue) / 1024).toFixed(1)} KiB of wasm and glue). A second wasm module can take only logic, not Yew screens (each module carries its own Yew): the \`exports\` and \`import\` rows (${lessOf('exports')} + ${lessOf('import')} KiB) are that logic; the hand-over's codec and QR code, measured once by switching off its effects but not its screens, add ≈ 25 KB (all three: 45.1 KB, 44.0 KiB, on 2026-12-04). That is the most a second module could take off the startup, before what the split costs: its inputs and results serialised across the module boundary, and the glue that calls it. A spike on 2026-12-04 (not kept) built that logic as a module of its own from the core crate (wasm-bindgen exports for FHIR, CSV, import parsing, the hand-over codec and the QR code, the titles passed in): 133,464 B gzip of wasm and 3,191 of glue, its own allocator, serde_json, std and the bundled instruments, to download on first use or when idle: three times what it would take off the startup, for at most ≈ 0.2 s of takeover on the phone line. Against issue 26's bar of 40 KiB it does not pay; it was not built.`);
say(`- **Phone: first slider vs bare form (${phoneBareRatio.toFixed(2)}× against 1.1×).** The stylesheet's round trip is gone: the standalone page carries its first screen's CSS inline and nothing in its head blocks the first paint. What remains is the first screen itself: ${(beforeSliderGzip / 1024).toFixed(1)} KiB gzip before the slider against the bare form's few hundred bytes, and the style and layout of a header, a language menu, a step bar and four scales with number fields and end texts on a 4× slower CPU. Single loads vary by about ±25% on this machine (the bare form alone from 270 to 490 ms); medians of 7 loads gave this build 1.07× to 1.40×, so the phone figures are medians of 13 interleaved loads.`);
say(`- **Phone: widget taken over (${ms(phoneLoad.takeover)} against 2.0 s).** The client rates on the pre-rendered first screen meanwhile; what is left is downloading ≈ ${(sizes[0].gzip / 1024).toFixed(0)} KiB of wasm at 1.6 Mbps (≈ ${(sizes[0].gzip / PHONE.download).toFixed(1)} s by itself) and compiling it on a 4× slower CPU. Every 10 KiB less is ≈ 50 ms. Even the floor (${((floorRow.wasm + floorRow.glue) / 1024).toFixed(0)} KiB, ≈ ${((floorRow.wasm + floorRow.glue) / PHONE.download).toFixed(1)} s of download) would not reach 2.0 s on this line: 2.0 s needs a wasm under ≈ 300 KiB with the page's other round trips.`);
say('- **Load, export, import and save at 10,000 sessions.** Everything is one JSON document of ≈ 2.8 MB, parsed and serialised whole. Save already skips re-parsing when the stored text is unchanged, but still serialises, writes and reads back 2.8 MB. Meeting 10 ms needs a chunked layout (e.g. records in keys of 500, a small index with a revision counter), so a save rewrites one chunk; the same layout makes load incremental (newest chunk first). Import preview spends most of its time parsing the pretty-printed file and merging; merging by sorted ids without cloning would halve it.');
say('- **Storage per session (281 B vs 200 B).** The stored form repeats readable keys, the instrument reference and the goal wording in every record. A compact stored form (ratings as an array in instrument order, times as base-36 milliseconds, instrument and goal wording interned in a table), with the readable format kept for export, would bring it near 120 B and also speed up parsing.');
await writeFile('BENCHMARKS.md', `${out.join('\n')}\n`);
