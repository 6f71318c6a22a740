// The check a client comes back to (issue 23): the summary kept, goals and
// steps carried, children's pages for children, every language native.
// Each test names the finding it reproduces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage } from './check_page.mjs';
import { axeViolations, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true };
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, bypassCSP: true };
const stored = (page, key = 'alliance-check:doc:default') =>
  page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);

test('1. the summary shows by default on the own device, the choice is remembered, and History keeps its lines', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.quickCheck(95);
  // Second check: a drop, and the summary left as preselected (shown).
  await check.rateScales([95, 70, 95, 95]);
  await check.next();
  await check.page.getByRole('button', { name: 'Skip for now' }).count();
  await check.next();
  assert.equal(await page.getByRole('radio', { name: "Show me today's summary now" }).isChecked(), true, 'preselected on the own device');
  await check.save();
  await page.getByText('Today compared with last time').waitFor();
  const line = page.locator('.ac-summary .ac-prompts__item').first();
  assert.match(await line.textContent(), /^Lower than last time: How we worked/);
  // Third check: the client keeps it for later, which is remembered.
  await check.button('Start a new check').click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('radio', { name: 'Only keep it in my history' }).check();
  await check.save();
  await page.getByText('Your summary is in your history whenever you want to look at it.').waitFor();
  // … and can still be seen now.
  await check.button("See today's summary").click();
  await page.getByText('Today compared with last time').waitFor();
  await check.button('Start a new check').click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  assert.equal(await page.getByRole('radio', { name: 'Only keep it in my history' }).isChecked(), true, 'the choice is remembered');
  // History keeps each session's "worth talking about" lines.
  await check.nav('History').click();
  const talk = page.locator('.ac-history__talk');
  await talk.first().waitFor();
  assert.match(await page.locator('.ac-history__talk', { hasText: 'Lower than last time' }).textContent(), /How we worked \(9\.5 → 7\.0\)/);
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('2. a first goal typed, then Next: added, and its progress and small step are asked before moving on', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByLabel('New goal').fill('Sleep before midnight');
  await check.next();
  await page.getByText('Your goal is added. How far along are you with it today?').waitFor();
  assert.equal(await check.heading().textContent(), 'Your goals', 'the goals step stays');
  assert.equal(await check.slider('Progress on: Sleep before midnight').count(), 1);
  assert.equal(await page.getByLabel('Small step for the coming week (optional)').count(), 1, 'its small step is asked');
  await check.rate(check.slider('Progress on: Sleep before midnight'), 30);
  await page.getByLabel('Small step for the coming week (optional)').fill('Phone away at 23:00');
  await check.next();
  assert.equal(await check.heading().textContent(), 'Anything to add? Then save');
  await check.save();
  const doc = await stored(page);
  assert.equal(doc.records[0].goals[0].progress, 3);
  assert.equal(doc.goals[0].step, 'Phone away at 23:00');
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('3. a small step partly done is carried into next week, editable, never dropped; "Keep the same step" offers it back', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByLabel('New goal').fill('Walk to work');
  await check.button('Add goal').click();
  await check.rate(check.slider('Progress on: Walk to work'), 40);
  await page.getByLabel('Small step for the coming week (optional)').fill('Walk on Monday');
  await check.next();
  await check.save();
  await check.button('Start a new check').click();
  // Next week: partly done, and the field is left as it comes.
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('radio', { name: 'Partly', exact: true }).check();
  const field = page.getByLabel('Small step for the coming week (optional)');
  assert.equal(await field.inputValue(), 'Walk on Monday', 'carried into the field');
  await page.getByText("Last week's step, carried over.").waitFor();
  await check.rate(check.slider('Progress on: Walk to work'), 50);
  await check.next();
  await check.save();
  let doc = await stored(page);
  assert.equal(doc.goals[0].step, 'Walk on Monday', 'still the step for the coming week');
  assert.deepEqual(doc.records[1].goals[0].step, { text: 'Walk on Monday', outcome: 'partly' });
  // The week after: emptied by hand is the client's word; "Keep the same step" undoes it.
  await check.button('Start a new check').click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('radio', { name: 'Not done', exact: true }).check();
  await field.fill('');
  await check.button('Keep the same step').click();
  assert.equal(await field.inputValue(), 'Walk on Monday');
  await check.nav('My goals').click();
  await page.getByText('Walk on Monday').first().waitFor();
  doc = await stored(page);
  assert.equal(doc.goals[0].step, 'Walk on Monday');
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('4. the language: a Spanish browser gets the standalone page in Spanish, a choice by hand is remembered, the page follows', async () => {
  const { page, problems } = await openPage(env, { ...PHONE, locale: 'es-ES' });
  const check = new CheckPage(page);
  await check.open(env.url);
  await page.locator('.ac:not([data-ac-first])').waitFor();
  await page.getByRole('heading', { name: '¿Cómo fue la sesión de hoy?' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  assert.match(await page.locator('.page__privacy').textContent(), /^Diseñado para proteger tu privacidad/);
  // By hand: German, remembered through a reload, first screen included.
  await page.getByLabel('Idioma').selectOption('de');
  await page.getByRole('heading', { name: 'Wie war die heutige Sitzung?' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Wie war die heutige Sitzung?' }).waitFor();
  assert.equal(await page.locator('.ac').first().getAttribute('lang'), 'de', 'the first screen shown is already German');
  assert.match(await page.locator('.page__privacy').textContent(), /^Von Grund auf privat/);
  assert.equal(await page.evaluate(() => document.title), 'alliance-check: Rückmeldung zum Sitzungsende');
  // The "usted" variant can be chosen.
  await page.locator('.ac:not([data-ac-first])').waitFor();
  await page.getByLabel('Sprache').selectOption('es-x-usted');
  await page.getByText(/Toque o arrastre sobre cada línea/).waitFor();
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('4b. a host that sets the language on the widget keeps it whatever the browser says', async () => {
  const { page } = await openPage(env, { locale: 'es-ES' });
  await page.goto(`${env.url}practice-page.html`);
  await page.locator('.ac:not([data-ac-first])').first().waitFor();
  const lang = await page.evaluate(() => {
    const el = document.querySelector('[data-alliance-check]');
    return [el.dataset.lang ?? el.getAttribute('lang') ?? document.documentElement.lang, document.querySelector('.ac').getAttribute('lang')];
  });
  assert.equal(lang[1], lang[0].slice(0, 2), 'the host\'s word wins over the browser');
  await page.context().close();
});

test('5. Next on unrated scales: the scale is outlined with "Not rated yet — tap the line" on it, in view', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  assert.match(await page.locator('.ac-check__intro').first().textContent(), /^Tap or drag on each line/);
  await check.rateScales([90, 90]);
  await check.next();
  const missing = page.locator('.ac-scale.is-missing');
  assert.equal(await missing.count(), 2);
  // Following the message's link to a scale keeps every mark.
  await page.locator('.ac-check__missing button').first().click();
  assert.equal(await missing.count(), 2);
  const note = missing.first().locator('.ac-scale__missing');
  assert.equal(await note.textContent(), 'Not rated yet — tap the line');
  const box = await note.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `the note is in view: ${JSON.stringify(box)}`);
  const described = await missing.first().locator('input[type=range]').getAttribute('aria-describedby');
  assert.match(described, /-missing$/, 'the note is part of the slider\'s description');
  await check.rate(check.sliders().nth(2), 80);
  assert.equal(await missing.count(), 1, 'rating one scale marks only the one left');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('6. "Your unfinished check was restored" goes by itself and leaves Back and Next free', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await page.reload();
  const toast = page.locator('.ac-toast', { hasText: 'Your unfinished check was restored.' });
  await toast.waitFor();
  await toast.waitFor({ state: 'detached', timeout: 9000 });
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('7. the children\'s faces pages stay for children: faces on the axis, grown-ups\' part closed, safety line, table fits the tablet', async () => {
  const { page, problems } = await openPage(env, TABLET);
  await page.goto(`${env.url}children.html`);
  await page.locator('.ac:not([data-ac-first])').waitFor();
  const pick = async (faces) => {
    for (let i = 0; i < faces.length; i += 1) {
      await page.locator('.ac-faces').nth(i).locator('.ac-face').nth(faces[i]).click();
    }
  };
  await pick([3, 3, 3, 3]);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: 'Thank you! It is saved.' }).waitFor();
  assert.equal(await page.getByText('Not so happy').count(), 0, 'no "could be nicer" for happy faces');
  await page.getByRole('button', { name: 'Start again' }).click();
  await pick([3, 3, 0, 3]);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/^How I felt here \(very unhappy\): if something did not feel OK, you can tell your helper\./).waitFor();
  await page.getByRole('button', { name: 'My faces' }).click();
  await page.locator('.ac-chart__face').first().waitFor();
  assert.equal(await page.locator('.ac-chart__axis:not(.ac-chart__date)').count(), 0, 'no 0/5/10 numbers');
  const grownups = page.locator('details.ac-grownups');
  assert.equal(await grownups.getAttribute('open'), null, 'closed until a grown-up opens it');
  assert.equal(await page.getByRole('button', { name: /JSON/ }).isVisible(), false);
  await page.getByText('For grown-ups').click();
  assert.equal(await page.getByRole('button', { name: /JSON/ }).first().isVisible(), true);
  for (const button of await page.locator('.ac-history__table button').all()) {
    const box = await button.boundingBox();
    assert.ok(box.x + box.width <= 1024, `${await button.textContent()} fits the tablet`);
  }
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('8. smaller: a long paste is kept whole and said, the summary shows the comment, goals are set aside with a word, CSV has small steps', async () => {
  const { page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByLabel('New goal').fill('Call my sister');
  await check.button('Add goal').click();
  await check.rate(check.slider('Progress on: Call my sister'), 50);
  await page.getByLabel('Small step for the coming week (optional)').fill('Call on Sunday');
  await check.next();
  const long = 'word '.repeat(120);
  await page.getByRole('textbox').fill(long);
  assert.equal((await page.getByRole('textbox').inputValue()).length, 600, 'nothing cut');
  await page.getByText('600 of 500 characters: please shorten it by 100 before saving.').waitFor();
  await check.button('Save this check').click();
  await page.locator('.ac-alert', { hasText: 'at most 500' }).waitFor();
  await page.getByRole('textbox').fill('More structure, please.');
  await check.save();
  await page.locator('.ac-summary__comment', { hasText: 'More structure, please.' }).waitFor();
  // Next week: done, then the goal is marked achieved with a word.
  await check.button('Start a new check').click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('radio', { name: 'Partly', exact: true }).check();
  await check.rate(check.slider('Progress on: Call my sister'), 70);
  await check.next();
  await check.save();
  await check.nav('My goals').click();
  await page.getByRole('button', { name: 'Mark achieved – Call my sister' }).click();
  await page.getByText('Well done: “Call my sister” is marked achieved. It stays in your history.').waitFor();
  await page.getByRole('button', { name: 'Make active again – Call my sister' }).click();
  await page.getByRole('button', { name: 'Set aside – Call my sister' }).click();
  await page.getByText('“Call my sister” is set aside. You can make it active again any time.').waitFor();
  await check.nav('History').click();
  const [download] = await Promise.all([page.waitForEvent('download'), check.button('Download for a spreadsheet (CSV)').click()]);
  const csv = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
  const [header, , second] = csv.split('\r\n');
  assert.match(header, /"Small step: Call my sister"/);
  assert.match(second, /"Call on Sunday \(Partly\)"/);
  assert.deepEqual(problems.console, []);
  await page.context().close();
});

test('8b. print: only the report, not the host page; every comment listed', async () => {
  const { page } = await openPage(env, { viewport: { width: 1024, height: 900 } });
  await page.goto(`${env.url}practice-page.html`);
  const check = new CheckPage(page);
  await page.locator('.ac:not([data-ac-first])').first().waitFor();
  for (let i = 0; i < 10; i += 1) await check.quickCheck(90, { comment: `comment ${i}` });
  await check.nav('History').click();
  await page.evaluate(() => {
    window.print = () => {
      window.__printedRoot = document.querySelector('.ac--printing') !== null;
    };
  });
  await check.button('Print a summary').click();
  assert.equal(await page.evaluate(() => window.__printedRoot), true, 'the widget marks itself while printing');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.querySelector('.ac').classList.add('ac--printing'));
  const hostVisible = await page.evaluate(() =>
    [...document.body.querySelectorAll('header, footer, nav, h1, p')]
      .filter((el) => !el.closest('.ac'))
      .filter((el) => getComputedStyle(el).display !== 'none').length,
  );
  assert.equal(hostVisible, 0, 'nothing of the host page is printed');
  const printed = await page.locator('td.ac-history__comment').evaluateAll((cells) =>
    cells.filter((c) => getComputedStyle(c).display !== 'none').length,
  );
  assert.equal(printed, 10, 'all comments are on paper');
  await page.context().close();
});

test('8c. a hand-over link opened on a phone: the decision comes alone, no empty check under it', async () => {
  const { page } = await openPage(env, PHONE);
  // A sealed link (kind 3: a one-time code opens it); its contents do not
  // matter here, only that the phone asks for the code first.
  const bytes = Buffer.concat([Buffer.from([3, 0, 9, 39, 192]), Buffer.alloc(16, 7), Buffer.alloc(12, 9), Buffer.alloc(40, 1)]);
  await page.goto(`${env.url}#alliance-check=${bytes.toString('base64url')}`);
  await page.locator('.ac-receive').waitFor();
  assert.equal(await page.locator('.ac-check').count(), 0, 'no check behind the panel');
  await page.context().close();
});
