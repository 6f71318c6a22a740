// wasm-pack's pkg/ as an npm package: its package.json names the entry and
// ships the wasm, and a page that imports the package by name (resolved by
// an import map, as a bundler would) mounts and saves.
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('pkg/ works as an npm package imported by name', async () => {
  const pkg = JSON.parse(await readFile(`${ROOT}pkg/package.json`, 'utf8'));
  assert.equal(pkg.name, 'alliance-check');
  assert.equal(pkg.type, 'module');
  assert.ok(pkg.files.includes('alliance_check_bg.wasm'), `files: ${pkg.files}`);
  const entry = pkg.module ?? pkg.main;
  assert.equal(entry, 'alliance_check.js');
  assert.ok(pkg.types, 'TypeScript types are shipped');

  const site = await mkdtemp(join(tmpdir(), 'ac-npm-'));
  await cp(`${ROOT}pkg`, join(site, 'node_modules', 'alliance-check'), { recursive: true });
  await cp(`${ROOT}www/alliance-check.css`, join(site, 'alliance-check.css'));
  await writeFile(join(site, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>bundler-style import</title><link rel="icon" href="data:,"><link rel="stylesheet" href="alliance-check.css">
<script type="importmap">{ "imports": { "alliance-check": "./node_modules/alliance-check/${entry}" } }</script>
<script type="module">
  import init, { mount } from 'alliance-check';
  await init();
  window.handle = mount(document.getElementById('app'), { namespace: 'npm' });
</script></head><body><div id="app"></div></body></html>`);
  const { server, url } = await serve(site);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // This page is the host's own, with an inline script: it is not the widget
  // that needs the exception, so the test's server CSP is bypassed here.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  const sliders = page.getByRole('slider');
  await sliders.first().waitFor();
  for (let i = 0; i < 4; i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  for (let i = 0; i < 2; i += 1) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['npm:doc:default']);
  assert.deepEqual(errors, []);
  await browser.close();
  server.close();
});
