// Three browser engines behind one small driver, for the flows a client's
// phone must get right (issue 24): Chromium (playwright-core), Firefox
// (Debian's firefox-esr over WebDriver BiDi, puppeteer-core) and WebKit
// (Debian's WebKitGTK MiniBrowser through WebKitWebDriver, selenium-webdriver,
// under Xvfb). The flows (engines.test.mjs) are written once against this:
//   goto(url) · reload() · js(fn, ...args) · type(selector, text, enter) ·
//   click(selector) · newSession() · close()
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A free TCP port on this machine. */
function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Chromium through playwright-core: each session is a fresh context. */
export async function chromiumEngine() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const session = async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    return {
      goto: (url) => page.goto(url).then(() => {}),
      reload: () => page.reload().then(() => {}),
      js: (fn, arg) => page.evaluate(fn, arg),
      type: async (selector, text, enter) => {
        await page.locator(selector).first().pressSequentially(text);
        if (enter) await page.locator(selector).first().press('Enter');
      },
      click: (selector) => page.locator(selector).first().click(),
      close: () => context.close(),
    };
  };
  return { name: 'chromium', session, quit: () => browser.close() };
}

/** Firefox ESR over WebDriver BiDi (puppeteer-core): a browser context per session. */
export async function firefoxEngine() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  const session = async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844 });
    return {
      goto: (url) => page.goto(url).then(() => {}),
      reload: () => page.reload().then(() => {}),
      js: (fn, arg) => page.evaluate(fn, arg),
      type: async (selector, text, enter) => {
        await page.type(selector, text);
        if (enter) await page.keyboard.press('Enter');
      },
      click: (selector) => page.click(selector),
      close: () => context.close(),
    };
  };
  return { name: 'firefox', session, quit: () => browser.close() };
}

/**
 * WebKit: Debian's MiniBrowser through WebKitWebDriver, on a virtual
 * display of its own (Xvfb). Each session is a new MiniBrowser.
 */
export async function webkitEngine() {
  const { Builder, By, Key } = await import('selenium-webdriver');
  const display = `:${90 + Math.floor(Math.random() * 900)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const open = [];
  // WebKitWebDriver runs one session at a time: a driver per session (the
  // hand-over's second device is a second one).
  const session = async () => {
    const port = await freePort();
    const process_ = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
    const server = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i += 1) {
      if (await fetch(`${server}/status`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    const driver = await new Builder()
      .usingServer(server)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    const one = { driver, process: process_ };
    open.push(one);
    const find = (selector) => driver.findElement(By.css(selector));
    return {
      goto: (url) => driver.get(url),
      reload: () => driver.navigate().refresh(),
      js: (fn, arg) => driver.executeScript(`return (${fn})(arguments[0])`, arg ?? null),
      type: async (selector, text, enter) => {
        const el = await find(selector);
        await el.sendKeys(text);
        if (enter) await el.sendKeys(Key.ENTER);
      },
      click: async (selector) => (await find(selector)).click(),
      close: async () => {
        await driver.quit().catch(() => {});
        process_.kill();
        open.splice(open.indexOf(one), 1);
      },
    };
  };
  const quit = async () => {
    for (const { driver, process: p } of open.splice(0)) {
      await driver.quit().catch(() => {});
      p.kill();
    }
    xvfb.kill();
  };
  return { name: 'webkit', session, quit };
}

/** The three engines, each with what it needs on this machine. */
export const ENGINES = [
  ['chromium', chromiumEngine, ['/usr/bin/chromium']],
  ['firefox', firefoxEngine, [FIREFOX]],
  ['webkit', webkitEngine, [WEBKIT_DRIVER, MINIBROWSER]],
];

/** What `engine` lacks here (setup.sh installs it), if anything. */
export const missing = (needs) => needs.filter((f) => !existsSync(f));
