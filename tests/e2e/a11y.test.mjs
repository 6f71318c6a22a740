// Everyone can use it: axe on every screen in every language, the typed
// alternative to sliders, languages and number formats, reflow at 320 px
// and 200 % zoom, right-to-left, touch targets, and the children's faces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CheckPage, sharedProfile } from './check_page.mjs';
import { axeViolations, mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** A language's texts as the files have them (the labels below come from there, not by hand). */
const texts = (lang) => JSON.parse(readFileSync(new URL(`../../core/src/i18n/${lang}.json`, import.meta.url), 'utf8'));
const escape = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = Object.fromEntries(['en', 'es', 'de', 'fr'].map((lang) => {
  const t = texts(lang);
  return [lang, {
    next: t['step.next'],
    save: t['review.save'],
    skip: t['goals.first.skip'],
    history: t['nav.history'],
    goals: t['nav.goals'],
    now: t['review.summary_now'],
    del: new RegExp(`^${escape(t['history.delete_named']).replace('\\{date\\}', '.+')}$`),
    yes: t['history.confirm_yes'],
    newGoal: t['goals.manage.add_label'],
    add: t['goals.manage.add'],
    import: t['data.import_label'],
  }];
}));

for (const [lang, w] of Object.entries(WORDS)) {
  test(`axe: every screen in ${lang} has no WCAG 2.2 A/AA violations`, async () => {
    const { context, page } = await openPage(env, { bypassCSP: true });
    const check = new CheckPage(page);
    const button = (name) => page.getByRole('button', { name, exact: typeof name === 'string' });
    const audit = async (screen) => assert.deepEqual(await axeViolations(page), [], `${lang}: ${screen}`);
    await check.open(env.url);
    await page.getByLabel(/^(Language|Idioma|Sprache|Langue)$/).selectOption(lang);
    // Picked in the first screen, the language comes with the widget.
    await page.locator(`.ac[lang="${lang}"]:not([data-ac-first])`).waitFor();
    await audit('scales, unrated');
    await check.rateScales([95, 80, 100, 90]);
    await page.locator('.ac-scale__number').first().fill('11');
    await page.locator('.ac-scale__number').first().press('Enter');
    await audit('scales, a typed number out of range');
    await button(w.next).click();
    await audit('first goal');
    await page.getByLabel(w.newGoal).fill('Dormir mieux');
    await button(w.add).click();
    await audit('goals');
    await button(w.next).click();
    await page.getByRole('radio', { name: w.now }).check();
    await audit('question and review');
    await button(w.save).click();
    await page.locator('.ac-summary').waitFor();
    await audit('summary');
    await button(w.history).click();
    await audit('history');
    await page.getByLabel(w.import).setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
    await page.locator('.ac-alert p').waitFor();
    await audit('import error');
    await button(w.del).click();
    await audit('confirm delete');
    await button(w.yes).click();
    await audit('deleted, with undo');
    await button(w.goals).click();
    await audit('goal manager');
    await context.close();
  });
}

test('axe: shared-mode, profile, storage-problem and children screens', async () => {
  const { context, page, problems } = await openPage(env, { bypassCSP: true });
  const audit = async (screen) => assert.deepEqual(await axeViolations(page), [], screen);
  const door = page.locator('.ac-gate');
  /** Waits until the door answered an attempt with its message. */
  const answered = () => page.waitForFunction(() => document.querySelector('.ac-gate form')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('.ac-gate .ac-field__error')?.textContent);
  await page.goto(`${env.url}shared-device.html`);
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await audit('shared start');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Open your check' }).waitFor();
  await audit('the door: code and secret');
  await page.getByLabel('Nickname or code').fill('x');
  await page.getByLabel('Secret (your PIN or passphrase)').fill('204861');
  await page.getByRole('button', { name: 'Open' }).click();
  await door.getByText('Use 2 to 24 letters, digits or dashes.').waitFor();
  await audit('profile code invalid');
  await sharedProfile(page, { code: 'owl', secret: '204861' });
  await answered();
  assert.match(await door.locator('.ac-field__error').textContent(), /Nothing opens with this code and secret/);
  await audit('nothing opens with this code and secret');
  await page.getByRole('button', { name: 'Start a new profile' }).click();
  await page.getByRole('heading', { name: 'Start a new profile' }).waitFor();
  await audit('new profile');
  await page.getByLabel('Nickname or code').fill('owl');
  await page.getByLabel(/^Your secret/).fill('123456');
  await page.getByLabel('The same secret again').fill('123456');
  await page.getByRole('button', { name: 'Start my profile' }).click();
  await door.getByText(/first anyone would try/).waitFor();
  await audit('new profile: a secret that cannot be chosen');
  await page.goto(env.url);
  await page.evaluate(() => localStorage.setItem('alliance-check:doc:default', '{broken'));
  await page.reload();
  await page.getByText(/could not be read/).waitFor();
  await audit('corrupt storage banner');
  const kids = await mountExtra(page, 'kids', { namespace: 'kids', variant: 'children', mode: 'shared', idleSeconds: 6 });
  await kids.getByRole('button', { name: 'Start' }).click();
  await kids.getByRole('heading', { name: 'Your code word and secret' }).waitFor();
  await audit('children: the door');
  await kids.getByRole('button', { name: 'Make my own page' }).click();
  await kids.getByRole('heading', { name: 'Make your own page' }).waitFor();
  await audit('children: a new page');
  await sharedProfile(kids, { code: 'tiger', secret: '204861', isNew: true });
  await kids.locator('.ac-faces').first().waitFor();
  await audit('children: faces');
  await kids.locator('.ac-idle').waitFor({ timeout: 8000 });
  await audit('idle warning');
  assert.deepEqual(problems.console.filter((m) => !/could not be read|{broken/.test(m)), []);
  await context.close();
});

test('typed numbers: an alternative to every slider, with a clear error', async () => {
  const { context, page } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  const number = page.getByLabel('How we worked, as a number from 0 to 10');
  await number.fill('7,4');
  await number.press('Enter');
  assert.equal(await check.slider('How we worked').getAttribute('aria-valuetext'), '7.4 of 10');
  await number.fill('12');
  await number.press('Tab');
  assert.equal(await page.locator('.ac-scale__error').filter({ hasText: /./ }).textContent(), 'Type a number from 0 to 10, like 7.5.');
  assert.equal(await number.getAttribute('aria-invalid'), 'true');
  assert.equal(await check.slider('How we worked').getAttribute('aria-valuetext'), '7.4 of 10', 'an invalid number changes nothing');
  await number.fill('9');
  await number.press('Enter');
  assert.equal(await number.getAttribute('aria-invalid'), 'false');
  assert.equal(await check.slider('How we worked').getAttribute('aria-valuetext'), '9.0 of 10');
  await context.close();
});

test('languages: data-lang, then the page lang, then the browser; decimals and dates follow', async () => {
  const { context, page } = await openPage(env, { locale: 'fr-FR' });
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const make = (id, options) => {
      const el = document.createElement('div');
      el.id = id;
      document.body.append(el);
      mount(el, options);
    };
    make('by-option', { namespace: 'l1', lang: 'es' });
    // As on a host's page: the project's own page follows the browser.
    document.documentElement.removeAttribute('data-alliance-check-page');
    document.documentElement.lang = 'de';
    make('by-page', { namespace: 'l2' });
    document.documentElement.removeAttribute('lang');
    make('by-browser', { namespace: 'l3' });
  });
  // Each renders once its language's file is here (fetched on mount).
  const mounted = [];
  for (const id of ['by-option', 'by-page', 'by-browser']) {
    mounted.push(await page.locator(`#${id}[data-alliance-check-mounted] section.ac`).getAttribute('lang'));
  }
  assert.deepEqual(mounted, ['es', 'de', 'fr']);
  const de = page.locator('#by-page');
  const slider = de.getByRole('slider').first();
  await slider.focus();
  await page.keyboard.press('End');
  for (let i = 0; i < 26; i += 1) await page.keyboard.press('ArrowLeft');
  assert.equal(await slider.getAttribute('aria-valuetext'), '7,4 von 10');
  assert.equal(await de.locator('.ac-scale__number').first().inputValue(), '7,4');
  for (let i = 1; i < 4; i += 1) {
    await de.getByRole('slider').nth(i).focus();
    await page.keyboard.press('End');
  }
  for (let i = 0; i < 2; i += 1) await de.getByRole('button', { name: 'Weiter' }).click();
  await de.getByRole('button', { name: WORDS.de.save, exact: true }).click();
  await de.getByRole('button', { name: 'Verlauf', exact: true }).click();
  const row = await de.locator('.ac-history__table tbody tr:not(.ac-history__talk)').first().evaluate((r) => [...r.children].map((c) => c.textContent.trim()));
  assert.match(row[0], /^\d{1,2}\.\d{2}\.\d{4}$/, `German date, got ${row[0]}`);
  assert.equal(row[1], '7,4');
  // The client can switch.
  await de.getByLabel('Sprache').selectOption('en');
  assert.equal(await de.locator('.ac').getAttribute('lang'), 'en');
  assert.equal(await de.getByRole('heading', { level: 3 }).first().textContent(), 'Your history');
  await context.close();
});

test('reflow: no horizontal scrolling at 320 px or at 200 % zoom (640 px), on every main screen', async () => {
  for (const width of [320, 640]) {
    const { context, page } = await openPage(env, { viewport: { width, height: 700 } });
    const check = new CheckPage(page);
    const fits = async (screen) => {
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `${width}px ${screen}: page is ${scroll}px wide in ${client}px`);
    };
    await check.open(env.url);
    await fits('scales');
    await check.rateScales([90, 90, 90, 90]);
    await check.next();
    await fits('goals');
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await fits('question and review');
    await check.save();
    await check.nav('History').click();
    await fits('history (the table scrolls inside its own region)');
    await check.nav('My goals').click();
    await fits('goals');
    await context.close();
  }
});

test('right to left: logical layout mirrors with a pseudo-locale', async () => {
  const { context, page } = await openPage(env, { viewport: { width: 820, height: 900 } });
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  // A right-to-left pseudo-locale (en-XB) over the English texts.
  await mountExtra(page, 'rtl', { namespace: 'rtl', lang: 'en' }, { dir: 'rtl', lang: 'en-XB' });
  const rtl = page.locator('#rtl');
  await rtl.getByRole('slider').first().waitFor();
  const boxes = await rtl.evaluate((root) => {
    const box = (s) => root.querySelector(s).getBoundingClientRect();
    return { low: box('.ac-scale__end--low').left, high: box('.ac-scale__end--high').left, number: box('.ac-scale__number').left, slider: box('.ac-scale__input').left, next: box('.ac-check__nav button').left, card: box('.ac').left };
  });
  assert.ok(boxes.low > boxes.high, 'the 0 end text is on the right');
  assert.ok(boxes.number < boxes.slider, 'the number field is on the left of the slider');
  assert.ok(boxes.next < boxes.card + 100, 'Next sits at the inline end (left)');
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client);
  await context.close();
});

test('touch targets: at least 24 px everywhere, 44 px in shared mode', async () => {
  const { context, page } = await openPage(env, { viewport: { width: 820, height: 900 } });
  const sizes = () => page.evaluate(() => [...document.querySelectorAll('.ac button, .ac input:not(.ac-face__input), .ac select')]
    .filter((el) => el.offsetParent !== null && el.type !== 'radio' && el.type !== 'file')
    .map((el) => {
      const r = el.getBoundingClientRect();
      return { what: el.textContent.trim() || el.getAttribute('aria-label') || el.type, w: r.width, h: r.height };
    }));
  await page.goto(env.url);
  await page.getByRole('slider').first().waitFor();
  for (const s of await sizes()) assert.ok(s.w >= 24 && s.h >= 24, `${s.what}: ${s.w}×${s.h}`);
  await page.goto(`${env.url}shared-device.html`);
  const shared = async (screen) => {
    for (const s of await sizes()) assert.ok(s.w >= 44 && s.h >= 44, `shared, ${screen}: ${s.what}: ${s.w}×${s.h}`);
  };
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await shared('start');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Open your check' }).waitFor();
  await shared('the door');
  await page.getByRole('button', { name: 'Start a new profile' }).click();
  await page.getByRole('heading', { name: 'Start a new profile' }).waitFor();
  await shared('new profile');
  await page.getByRole('button', { name: 'Back' }).click();
  await sharedProfile(page, { code: 'kite', isNew: true });
  await page.getByRole('slider').first().waitFor();
  await shared('the check');
  await context.close();
});

test("children's mode: five faces per scale, by keyboard and by tap, stored under its own instrument", async () => {
  const { context, page, problems } = await openPage(env, { hasTouch: true });
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  await mountExtra(page, 'kids', { namespace: 'kids', variant: 'children' });
  const kids = page.locator('#kids');
  await kids.getByRole('group', { name: 'What we talked about' }).waitFor();
  assert.equal(await kids.getByRole('slider').count(), 0);
  assert.equal(await kids.getByRole('radio').count(), 20);
  assert.match(await kids.textContent(), /Tap the face that fits best/);
  const faces = (name) => kids.getByRole('group', { name });
  await faces('What we talked about').getByRole('radio', { name: 'very happy face' }).check();
  // Keyboard: arrows move between faces.
  await faces('How we spent our time').getByRole('radio', { name: 'in-between face' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(await faces('How we spent our time').getByRole('radio', { name: 'happy face', exact: true }).isChecked());
  await faces('How I felt here').getByRole('radio', { name: 'unhappy face', exact: true }).tap();
  await faces('Today, all together').getByRole('radio', { name: 'very unhappy face' }).check();
  await kids.getByRole('button', { name: 'Next' }).click();
  assert.equal(await kids.getByText('Is there something you want to tell me about today?').count(), 1);
  await kids.getByRole('button', { name: 'Save', exact: true }).click();
  await kids.getByRole('heading', { name: 'Thank you! It is saved.' }).waitFor();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('kids:doc:default')));
  assert.deepEqual(stored.records[0].instrument, { id: 'alliance-check.children', version: 1 });
  assert.deepEqual(stored.records[0].ratings, { goals: 10, tasks: 7.5, bond: 2.5, overall: 0 });
  assert.deepEqual(problems.console, []);
  await context.close();
});
