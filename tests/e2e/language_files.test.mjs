// The languages other than English are not in the WebAssembly (issue 25):
// a client downloads only the language they read, asked for with the
// WebAssembly (not after it), each file once; a language that cannot be had
// is said in words and changes nothing; the offline copy carries them all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The files asked for, in order: language files by tag, the WebAssembly as
 * `wasm`, and with `loaded`, `wasm loaded` once it has arrived.
 */
function record(context, loaded = false) {
  const asked = [];
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const lang = path.match(/\/i18n\/([\w-]+)\.json$/);
    if (lang) asked.push(lang[1]);
    else if (path.endsWith('.wasm')) asked.push('wasm');
  });
  context.on('requestfinished', (r) => {
    if (loaded && new URL(r.url()).pathname.endsWith('.wasm')) asked.push('wasm loaded');
  });
  return asked;
}

/** The widget once it has taken over (not the first screen). */
async function widget(page) {
  const root = page.locator('[data-alliance-check-mounted] section.ac');
  await root.waitFor();
  return root;
}

test('an English page downloads no language file; a Spanish one its own, once, asked for while the WebAssembly downloads', async () => {
  for (const [locale, want] of [
    ['en-US', ['wasm', 'wasm loaded']],
    ['es-ES', ['wasm', 'es', 'wasm loaded']],
  ]) {
    const { context, page, problems } = await openPage(env, { locale });
    const asked = record(context, true);
    // The page preloads the WebAssembly, which on this fast line could
    // arrive before the loader runs: it is held (5 s at most) until the
    // language file is asked for, which the loader must do by itself, not
    // the widget once the WebAssembly has come.
    const language = new Promise((done) => {
      context.on('request', (r) => r.url().includes('/i18n/') && done());
      setTimeout(done, locale === 'en-US' ? 0 : 5000);
    });
    await context.route('**/alliance_check_bg.wasm', async (route) => {
      await language;
      await route.continue();
    });
    await page.goto(env.url);
    const root = await widget(page);
    const lang = locale.slice(0, 2);
    assert.equal(await root.getAttribute('lang'), lang);
    await root.getByRole('slider').first().waitFor();
    // The Spanish first screen's texts and the widget's agree.
    if (lang === 'es') await root.getByRole('button', { name: 'Siguiente' }).waitFor();
    else await root.getByRole('button', { name: 'Next' }).waitFor();
    assert.deepEqual(asked, want, locale);
    assert.deepEqual(problems.console, []);
    await context.close();
  }
});

test('the menu fetches a language when it is first chosen, once; one that cannot be had is said and nothing changes', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'en-US' });
  const asked = record(context);
  await page.goto(env.url);
  const root = await widget(page);
  await root.getByRole('slider').first().focus();
  await page.keyboard.press('End');

  // French cannot be had (offline, say): the client is told, in the
  // language they are in, and the menu shows it again.
  await context.route('**/i18n/fr.json', (route) => route.abort());
  await page.getByLabel('Language').selectOption('fr');
  await root
    .getByRole('alert')
    .filter({ hasText: 'Français could not be loaded, so the check stays in this language.' })
    .waitFor();
  assert.equal(await page.getByLabel('Language').inputValue(), 'en');
  assert.equal(await root.getAttribute('lang'), 'en');
  await root.getByRole('button', { name: 'Next' }).waitFor();
  assert.match(await root.getByRole('slider').first().getAttribute('aria-valuetext'), /^10([.,]0)? /, 'the rating stays');

  // German: fetched, shown (and French's failure no longer said); Spanish
  // with usted: Spanish and its overrides.
  await page.getByLabel('Language').selectOption('de');
  await root.getByRole('button', { name: 'Weiter' }).waitFor();
  assert.equal(await root.getByRole('alert').filter({ hasText: /geladen/ }).count(), 0);
  // French fails again, then comes.
  await page.getByLabel('Sprache').selectOption('fr');
  await root.getByRole('alert').filter({ hasText: 'Français konnte nicht geladen werden' }).waitFor();
  assert.equal(await root.getAttribute('lang'), 'de');
  await page.getByLabel('Sprache').selectOption('es-x-usted');
  await root.getByText(/cómo fue para usted la sesión de hoy/).waitFor();
  await page.getByLabel('Idioma').selectOption('de');
  await root.getByRole('button', { name: 'Weiter' }).waitFor();

  // French again, once it can be had.
  await context.unroute('**/i18n/fr.json');
  await page.getByLabel('Sprache').selectOption('fr');
  await root.getByRole('button', { name: 'Suivant' }).waitFor();
  assert.equal(await root.getByRole('alert').filter({ hasText: /chargé|loaded|geladen|cargar/ }).count(), 0, 'the failure is no longer said');
  assert.match(await root.getByRole('slider').first().getAttribute('aria-valuetext'), /^10([.,]0)? /, 'the rating stays');
  assert.deepEqual(asked, ['wasm', 'fr', 'de', 'fr', 'es', 'es-x-usted', 'fr'], 'each file once (the refused one asked again)');
  assert.deepEqual(
    problems.console.filter((m) => !/i18n\/fr\.json|fr texts could not be loaded|net::ERR_FAILED/.test(m)),
    [],
  );
  await context.close();
});

test("a Spanish page whose language file cannot be had still takes over, in English, with the first screen's rating", async () => {
  const { context, page } = await openPage(env, { locale: 'es-ES' });
  // Held until the client has rated in the first screen, then refused.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route('**/i18n/es.json', async (route) => {
    await held;
    await route.abort();
  });
  await page.goto(env.url);
  const first = page.locator('[data-ac-first]');
  await first.getByRole('button', { name: 'Siguiente' }).waitFor();
  await first.getByRole('slider').first().focus();
  await page.keyboard.press('End');
  release();
  const root = await widget(page);
  assert.equal(await root.getAttribute('lang'), 'en');
  await root.getByRole('button', { name: 'Next' }).waitFor();
  assert.equal(await root.getByRole('slider').first().getAttribute('aria-valuetext'), '10.0 of 10', 'carried over');
  await context.close();
});

test('a language picked in the first screen is asked for at once, and the widget takes over in it', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'en-US' });
  const asked = record(context);
  // The WebAssembly is held until the client has picked Spanish (usted).
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route('**/alliance_check_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.url);
  const first = page.locator('[data-ac-first]');
  await first.getByRole('slider').first().waitFor();
  await first.getByLabel('Language').selectOption('es-x-usted');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/i18n/es-x-usted.json')));
  assert.deepEqual(asked, ['wasm', 'es', 'es-x-usted'], 'asked while the WebAssembly is still on its way');
  release();
  const root = await widget(page);
  assert.equal(await root.getAttribute('lang'), 'es-x-usted');
  await root.getByText(/cómo fue para usted la sesión de hoy/).waitFor();
  assert.deepEqual(asked, ['wasm', 'es', 'es-x-usted'], 'not asked again');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('mount() in a language not here yet renders when its file arrives; destroy() before that leaves the element as it was', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'en-US' });
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route('**/i18n/fr.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.url}practice-page.html`);
  await page.locator('[data-alliance-check-mounted] section.ac').first().waitFor();
  const state = await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const make = (id) => {
      const el = document.createElement('div');
      el.id = id;
      el.innerHTML = '<p>Loading the check…</p>';
      document.body.append(el);
      return [el, mount(el, { namespace: id, lang: 'fr' })];
    };
    const [kept, handle] = make('kept');
    const [gone, early] = make('gone');
    const pending = [kept, gone].map((el) => [el.getAttributeNames().sort().join(' '), el.innerHTML]);
    early.destroy();
    window.__kept = handle;
    return { pending, destroyed: [gone.getAttributeNames().join(' '), gone.innerHTML] };
  });
  assert.deepEqual(state.pending, [
    ['data-alliance-check-pending id', '<p>Loading the check…</p>'],
    ['data-alliance-check-pending id', '<p>Loading the check…</p>'],
  ]);
  assert.deepEqual(state.destroyed, ['id', '<p>Loading the check…</p>'], 'as it was');
  release();
  const kept = page.locator('#kept[data-alliance-check-mounted] section.ac');
  await kept.getByRole('button', { name: 'Suivant' }).waitFor();
  assert.equal(await kept.getAttribute('lang'), 'fr');
  assert.equal(await page.locator('#gone').innerHTML(), '<p>Loading the check…</p>', 'nothing rendered after destroy()');
  assert.deepEqual(await page.locator('#gone').evaluate((el) => el.getAttributeNames()), ['id']);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('only the latest choice in the menu counts: a file arriving or failing after another choice changes nothing', async () => {
  for (const late of ['arrives', 'fails']) {
    const { context, page } = await openPage(env, { locale: 'en-US' });
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    let answered;
    const done = new Promise((resolve) => {
      answered = resolve;
    });
    await context.route('**/i18n/fr.json', async (route) => {
      await held;
      await (late === 'arrives' ? route.continue() : route.abort());
      answered();
    });
    await page.goto(env.url);
    const root = await widget(page);
    await page.getByLabel('Language').selectOption('fr');
    // While the file is on its way, the menu says it is busy.
    await root.locator('select[aria-busy="true"]').waitFor();
    await page.getByLabel('Language').selectOption('de');
    await root.getByRole('button', { name: 'Weiter' }).waitFor();
    assert.equal(await root.locator('select[aria-busy]').count(), 0, 'German is here: not busy');
    release();
    await done;
    await page.waitForTimeout(300);
    assert.equal(await root.getAttribute('lang'), 'de', late);
    assert.equal(await page.getByLabel('Sprache').inputValue(), 'de', late);
    assert.equal(await root.getByRole('alert').filter({ hasText: 'Français' }).count(), 0, `${late}: nothing said of French`);
    await page.reload();
    assert.equal(await (await widget(page)).getAttribute('lang'), 'de', `${late}: German is what is remembered`);
    await context.close();
  }
});

test('a remembered language whose file cannot be had at start: the widget starts in English and says why', async () => {
  const { context, page } = await openPage(env, { locale: 'en-US' });
  await page.goto(env.url);
  await page.getByLabel('Language').selectOption('de');
  await (await widget(page)).getByRole('button', { name: 'Weiter' }).waitFor();
  await context.route('**/i18n/de.json', (route) => route.abort());
  await page.reload();
  const root = await widget(page);
  assert.equal(await root.getAttribute('lang'), 'en');
  await root.getByRole('alert').filter({ hasText: 'Deutsch could not be loaded, so the check stays in this language.' }).waitFor();
  await context.close();
});

test('a shared screen: the next person starts in the embed\'s language, not in the one the person before chose', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'en-US', viewport: { width: 1024, height: 768 }, hasTouch: true });
  await page.goto(`${env.url}practice-page.html`);
  await widget(page);
  const tablet = await mountExtra(page, 'tablet', { namespace: 'tablet-lang', mode: 'shared', idleSeconds: 3 });
  await tablet.getByRole('button', { name: 'Start', exact: true }).waitFor();
  await tablet.getByLabel('Language').selectOption('es');
  await tablet.getByRole('button', { name: 'Empezar', exact: true }).click();
  // The person walks away: the idle reset brings the start back, in English.
  await tablet.getByRole('button', { name: 'Start', exact: true }).waitFor({ timeout: 20000 });
  assert.equal(await tablet.locator('section.ac').getAttribute('lang'), 'en');
  // A choice on the start screen itself still counts.
  await tablet.getByLabel('Language').selectOption('es');
  await tablet.getByRole('button', { name: 'Empezar', exact: true }).waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a language picked in the first screen while another one\'s file is on its way is the one the widget takes over in', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'es-ES' });
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await context.route('**/i18n/es.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(env.url);
  const first = page.locator('[data-ac-first]');
  await first.getByRole('button', { name: 'Siguiente' }).waitFor();
  await page.locator('[data-alliance-check-pending]').waitFor({ state: 'attached' });
  await first.getByLabel('Idioma').selectOption('de');
  release();
  const root = await widget(page);
  assert.equal(await root.getAttribute('lang'), 'de');
  await root.getByRole('button', { name: 'Weiter' }).waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('the offline copy carries every language: Spanish with no network at all', async () => {
  const { context, page, problems } = await openPage(env, { locale: 'en-US' });
  const requested = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    requested.push(url);
    return route.abort();
  });
  await page.goto(`file://${ROOT}dist/alliance-check-offline.html`);
  const root = await widget(page);
  await page.getByLabel('Language').selectOption('es');
  await root.getByRole('button', { name: 'Siguiente' }).waitFor();
  assert.deepEqual(requested, []);
  assert.deepEqual(problems.console, []);
  await context.close();
});
