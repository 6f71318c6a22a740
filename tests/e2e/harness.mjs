// Shared set-up for the end-to-end tests: serve dist/ on 127.0.0.1, launch
// Debian's Chromium through playwright-core, and watch every page for console
// errors, uncaught exceptions and requests that leave the served origin.
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Serves dist/ and launches Chromium for the tests of one file. */
export function useBrowser() {
  const env = { browser: null, server: null, url: null };
  before(async () => {
    const { server, url } = await serve(`${ROOT}dist`);
    env.server = server;
    env.url = url;
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

/**
 * Opens a fresh context (empty storage) and a page that records problems:
 * `problems.console` (console errors and page errors) and `problems.offsite`
 * (requests to anything but the served origin).
 */
export async function openPage(env, contextOptions = {}) {
  // The standalone page's service worker would answer requests a test
  // routes or blocks: it is allowed only where a test asks for it
  // (installable.test.mjs).
  const context = await env.browser.newContext({ serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const problems = { console: [], offsite: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(msg.text());
  });
  page.on('pageerror', (err) => problems.console.push(String(err)));
  context.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(env.url) && !u.startsWith('data:')) problems.offsite.push(u);
  });
  return { context, page, problems };
}

/** Runs axe-core (WCAG 2.x A/AA incl. 2.2) on the page; returns violations. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: `${ROOT}node_modules/axe-core/axe.min.js` });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Mounts one more widget on the already loaded page, in a new `<div id>`
 * (with `attrs` set on it), through the page's own `embed.js`; returns a
 * locator for it.
 */
export async function mountExtra(page, id, options, attrs = {}) {
  await page.evaluate(async ([elementId, mountOptions, attributes]) => {
    const { mount } = await import('./embed.js');
    const el = document.createElement('div');
    el.id = elementId;
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    document.body.append(el);
    mount(el, mountOptions);
  }, [id, options, attrs]);
  return page.locator(`#${id}`);
}
