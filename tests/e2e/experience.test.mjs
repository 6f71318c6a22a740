// The check as its users feel it (issue 14): nothing typed is lost, every
// message in sight, the children's check in child words, outputs worth
// reading, a returning client done in nine taps. Each test names the
// finding it reproduces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage, sharedProfile } from './check_page.mjs';
import { axeViolations, mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const inViewport = async (page, locator, what) => {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${what} is shown`);
  assert.ok(box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width,
    `${what} is inside the ${width}×${height} viewport: ${JSON.stringify(box)}`);
};
const DECIMAL = /\d[.,]\d/;

/** Saves one check with the four scales at `t` tenths and, if there is a goal, its progress. */
async function saveCheck(check, t, { progress, outcome, step, summary } = {}) {
  await check.rateScales([t, t, t, t]);
  await check.next();
  if (outcome) await check.page.getByRole('radio', { name: outcome, exact: true }).check();
  if (progress !== undefined) await check.rate(check.slider(/^Progress on:/), progress);
  if (step) await check.page.getByLabel('Small step for the coming week (optional)').fill(step);
  await check.next();
  if (summary) await check.page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
}

test('1. a typed goal is never lost: reload, Next adds it, Back shows it; a rewording survives a reload', async () => {
  const { context, page, problems } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByLabel('New goal').fill('Walk to work twice a week');
  await page.reload();
  await page.getByLabel('New goal').waitFor();
  assert.equal(await page.getByLabel('New goal').inputValue(), 'Walk to work twice a week', 'typed text survives a reload');
  // Next instead of "Add goal": the goal is added, not dropped.
  await check.next();
  await page.getByText('Your goal is added. How far along are you with it today?').waitFor();
  assert.equal(await check.heading().textContent(), 'Your goals', 'the step stays to ask its progress');
  assert.equal(await check.slider('Progress on: Walk to work twice a week').count(), 1, 'the goal, added');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  assert.deepEqual(stored.goals.map((g) => g.text), ['Walk to work twice a week']);
  // A new wording typed in "My goals" is kept through a reload too.
  await check.nav('My goals').click();
  await page.getByRole('button', { name: /^Reword/ }).click();
  await page.getByLabel('Wording of this goal').fill('Walk to work three times a week');
  await page.reload();
  await check.nav('My goals').click();
  assert.equal(await page.getByLabel('Wording of this goal').inputValue(), 'Walk to work three times a week');
  await check.button('Save wording').click();
  await page.getByText('Walk to work three times a week').waitFor();
  assert.equal(await page.getByLabel('Wording of this goal').count(), 0, 'the editor closes once stored');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('2. messages appear where the client is: the idle warning is a modal dialog, Undo sticks to the screen', async () => {
  const { context, page } = await openPage(env, { ...PHONE, viewport: { width: 390, height: 600 } });
  const check = new CheckPage(page);
  await check.open(env.url);
  for (const t of [90, 80, 70, 60]) {
    await saveCheck(check, t);
    await check.button('Start a new check').click();
  }
  await check.nav('History').click();
  // The oldest session is far below the fold.
  const last = page.getByRole('button', { name: /^Delete the session of/ }).last();
  await last.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 600, `scrolled down (${scrolled}px)`);
  await last.click();
  await check.button('Yes, delete').click();
  const toast = page.getByRole('status').locator('.ac-toast');
  await toast.waitFor();
  assert.match(await toast.textContent(), /was deleted/);
  await inViewport(page, toast, 'the "deleted" message');
  await inViewport(page, toast.getByRole('button', { name: 'Undo' }), 'Undo');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('status').getByText('The session was restored.').waitFor();
  assert.equal((await check.historyRows()).length, 4);
  // The message can be closed.
  await page.getByRole('button', { name: 'Close message' }).click();
  assert.equal(await page.locator('.ac-toast').count(), 0);

  // Shared screen: the idle warning is a modal dialog in the middle of the
  // screen, wherever the client scrolled, and it takes focus.
  await page.goto(`${env.url}shared-device.html`);
  const shared = await mountExtra(page, 'idle', { namespace: 'idle', mode: 'shared', idleSeconds: 8 });
  await sharedProfile(shared, { code: 'heron', isNew: true });
  await shared.getByRole('slider').first().waitFor();
  await shared.getByRole('slider').last().scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 2000);
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 8000 });
  assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true, 'a modal dialog');
  await inViewport(page, dialog, 'the idle warning');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), true, 'focus is in the dialog');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await shared.getByRole('slider').count(), 4, 'staying keeps the check');
  await context.close();
});

test('3. an out-of-range number stays in its field with a message beside it; one wording for unrated', async () => {
  const { context, page } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  const number = page.getByLabel('How we worked, as a number from 0 to 10');
  await number.fill('12');
  await number.press('Tab');
  assert.equal(await number.inputValue(), '12', 'what was typed is not wiped');
  assert.equal(await page.locator('.ac-scale__error').filter({ hasText: /./ }).textContent(), 'Type a number from 0 to 10, like 7.5.');
  // An unrated goal reads like an unrated scale: "not rated yet".
  await check.addGoal('Sleep better');
  await check.rateScales([80, 80, 80, 80]);
  await check.next();
  await check.next();
  assert.match(await page.locator('.ac-review').textContent(), /Progress on: Sleep betternot rated yet/);
  assert.doesNotMatch(await page.locator('.ac').textContent(), /not rated(?! yet)/);
  await context.close();
});

test("4. the children's check is faces and child words from start to end, with no decimals", async () => {
  const { context, page } = await openPage(env, PHONE);
  await page.goto(`${env.url}shared-device.html`);
  const kids = await mountExtra(page, 'kids', { namespace: 'kids', variant: 'children', mode: 'shared' });
  assert.match(await kids.textContent(), /How was today\?.*Let's start/s);
  await kids.getByRole('button', { name: "Let's start" }).click();
  // The door in child words: a code word and a secret, then a page of one's own.
  await kids.getByRole('heading', { name: 'Your code word and secret' }).waitFor();
  await kids.getByRole('button', { name: 'Make my own page' }).click();
  await kids.getByRole('heading', { name: 'Make your own page' }).waitFor();
  assert.match(await kids.textContent(), /Pick a code word \(not your name\)/);
  await kids.getByRole('button', { name: 'Back' }).click();
  await sharedProfile(kids, { code: 'tiger', isNew: true });
  await kids.locator('.ac-faces').first().waitFor();
  // Five faces, each its own colour and shape.
  const heads = await kids.locator('.ac-faces').first().locator('svg').evaluateAll((svgs) => svgs.map((s) => ({
    fill: getComputedStyle(s.querySelector('.ac-face__head')).fill,
    mouth: s.querySelector('.ac-face__mouth, .ac-face__fill').getAttribute('d'),
  })));
  assert.equal(new Set(heads.map((h) => h.fill)).size, 5, `five colours: ${JSON.stringify(heads)}`);
  assert.equal(new Set(heads.map((h) => h.mouth)).size, 5, 'five mouths');
  const groups = kids.locator('.ac-faces');
  for (const [i, face] of [[0, 4], [1, 3], [2, 1], [3, 2]]) await groups.nth(i).getByRole('radio').nth(face).check();
  await kids.getByRole('button', { name: 'Next' }).click();
  assert.equal(await kids.getByRole('heading', { level: 3 }).textContent(), 'Almost done!');
  const review = await kids.locator('.ac-review').textContent();
  assert.doesNotMatch(review, DECIMAL, `no decimals in the review: ${review}`);
  assert.match(review, /very happy.*happy.*unhappy.*in between/s);
  await kids.getByRole('radio', { name: 'Show me my faces now' }).check();
  await kids.getByRole('button', { name: 'Save', exact: true }).click();
  await kids.getByRole('heading', { name: 'Saved. Thank you!' }).waitFor();
  const summary = await kids.locator('.ac-summary').textContent();
  assert.doesNotMatch(summary, DECIMAL, `no decimals in the summary: ${summary}`);
  assert.match(summary, /Things to talk about/);
  assert.match(await kids.textContent(), /Take your faces home/);
  assert.doesNotMatch(await kids.textContent(), /session|Saved\. Thank you\.|history|Finish and hand back/i, 'no adult wording');
  await kids.getByRole('button', { name: 'I’m finished' }).click();
  await kids.getByRole('heading', { name: 'Thank you! Please give it back now.' }).waitFor();
  assert.doesNotMatch(await kids.textContent(), /session|device|tiger/i, 'no adult wording, nothing of the child');
  await context.close();
});

test('5. the small step is shown in review, summary and history, and ends with its goal', async () => {
  const { context, page } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.addGoal('Sleep better');
  await saveCheck(check, 90, { progress: 30, step: 'No screens after ten' });
  await check.button('Start a new check').click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('radio', { name: 'Partly', exact: true }).check();
  await check.rate(check.slider('Progress on: Sleep better'), 50);
  await page.getByLabel('Small step for the coming week (optional)').fill('Read instead');
  await check.next();
  const review = await page.locator('.ac-review').textContent();
  assert.match(review, /Small step “No screens after ten”: Partly/);
  assert.match(review, /Next small step: Read instead/);
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  assert.match(await page.locator('.ac-summary__steps').textContent(), /Small step “No screens after ten”: PartlyNext small step: Read instead/);
  await check.nav('History').click();
  assert.match((await check.historyRows())[0][5], /Small step “No screens after ten”: Partly/);
  // Achieved: the goal's small step ends with it.
  await check.nav('My goals').click();
  assert.match(await page.locator('.ac-goals').textContent(), /Read instead/);
  await page.getByRole('button', { name: /^Mark achieved/ }).click();
  await page.getByText('(achieved)').waitFor();
  assert.doesNotMatch(await page.locator('.ac-goals').textContent(), /Read instead/);
  await context.close();
});

test('6. the summary says what went up as well as down, one line per kind, with the date of last time', async () => {
  const { context, page } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await page.clock.setFixedTime(new Date('2026-11-02T17:00:00Z'));
  await check.open(env.url);
  await check.rateScales([95, 85, 85, 95]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  // The first session: no empty comparison.
  assert.equal(await page.locator('.ac-summary thead th').count(), 1, 'only today');
  assert.doesNotMatch(await page.locator('.ac-summary table').textContent(), /–/);
  assert.deepEqual(await page.locator('.ac-prompts__item').allTextContents(), [
    'Our connection (8.5): if anything made you feel less safe or less heard, it is worth saying, if you can. Your therapist wants to know.',
    'Could be a little better: How we worked (8.5). What would have helped today?',
  ]);
  await page.clock.setFixedTime(new Date('2026-11-09T17:00:00Z'));
  await check.button('Start a new check').click();
  await check.rateScales([80, 96, 100, 95]);
  await check.next();
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  assert.match(await page.locator('.ac-summary thead').textContent(), /Last timeNov 2/);
  assert.deepEqual(await page.locator('.ac-prompts__item').allTextContents(), [
    'Higher than last time: How we worked (8.5 → 9.6), Our connection (8.5 → 10.0). What helped?',
    'Lower than last time: What we focused on (9.5 → 8.0). What changed?',
  ]);
  await context.close();
});

test('7. history reads on a phone: dated charts with values, a visible single session, cards with their actions', async () => {
  const { context, page } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await page.clock.setFixedTime(new Date('2026-11-02T17:00:00Z'));
  await check.open(env.url);
  await saveCheck(check, 74);
  await check.nav('History').click();
  const chart = page.locator('figure', { hasText: 'How we worked' });
  // One session: a dot of its own, labelled with its value and date.
  assert.equal(await chart.locator('circle').getAttribute('r'), '5');
  assert.equal(await chart.locator('.ac-chart__value').textContent(), '7.4');
  assert.equal(await chart.locator('.ac-chart__date').textContent(), 'Nov 2');
  assert.match(await page.locator('.ac-chart__legend').textContent(), /Dashed line at 9\.0: below it is worth a word together/);
  await page.clock.setFixedTime(new Date('2026-11-09T17:00:00Z'));
  await check.nav("Today's check").click();
  await saveCheck(check, 88);
  await check.nav('History').click();
  // Keyboard: focus the chart, arrows read each session.
  await chart.locator('svg').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await chart.locator('.ac-chart__readout').textContent(), 'Nov 2: 7.4');
  await page.keyboard.press('End');
  assert.equal(await chart.locator('.ac-chart__readout').textContent(), 'Nov 9: 8.8');
  // A tap on the chart reads the nearest session too.
  const box = await chart.locator('svg').boundingBox();
  await page.touchscreen.tap(box.x + 40, box.y + box.height / 2);
  assert.equal(await chart.locator('.ac-chart__readout').textContent(), 'Nov 2: 7.4');
  // Each session is a card; its actions are on screen, not off to the side.
  const row = page.locator('.ac-history__table tbody tr:not(.ac-history__talk)').first();
  assert.equal(await row.evaluate((r) => getComputedStyle(r).display), 'block');
  for (const name of [/^Correct the session/, /^Delete the session/]) {
    const button = row.getByRole('button', { name });
    await button.scrollIntoViewIfNeeded();
    await inViewport(page, button, String(name));
  }
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, 'nothing wider than the phone');
  await context.close();
});

test('9. shared tablet: first-time wording, a centred start, no profile code on the hand-back screen', async () => {
  const { context, page } = await openPage(env, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  const check = new CheckPage(page);
  await page.goto(`${env.url}shared-device.html`);
  const start = page.getByRole('button', { name: 'Start' });
  await start.waitFor();
  // Measured once the widget has taken over the pre-rendered start (the
  // card is replaced then: measured during the swap, it has no box).
  await page.locator('[data-ac-first]').waitFor({ state: 'detached' });
  const [b, card] = [await start.boundingBox(), await page.locator('.ac').boundingBox()];
  assert.ok(Math.abs(b.x + b.width / 2 - (card.x + card.width / 2)) < 2, 'the Start button is centred');
  assert.ok(b.height >= 56, 'and large');
  await start.click();
  // The door says what to type, and where a first-timer goes.
  await page.getByRole('heading', { name: 'Open your check' }).waitFor();
  assert.match(await page.locator('.ac-gate').textContent(), /Type your code and your secret\..*New here\?/s);
  await check.button('Start a new profile').click();
  assert.match(await page.locator('.ac-gate').textContent(), /Choose a nickname or code \(not your real name\) and a secret only you know\./);
  await check.button('Back').click();
  await sharedProfile(page, { code: 'sea-otter', isNew: true });
  await check.sliders().first().waitFor();
  assert.match(await page.locator('.ac__profile').textContent(), /sea-otter/, 'shown while the client is in it');
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await check.button('Save this check').click();
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  await check.button('Finish and hand back').click();
  await page.getByRole('heading', { name: 'Thank you. Please hand the device back.' }).waitFor();
  assert.doesNotMatch(await page.locator('.ac').textContent(), /sea-otter/, 'the next person does not see the code');
  await context.close();
});

test('11. dates in the browser\'s locale, a progress bar, a compact header, data-title="off", a styled import control', async () => {
  const { context, page } = await openPage(env, { ...PHONE, locale: 'en-GB' });
  const check = new CheckPage(page);
  await page.clock.setFixedTime(new Date('2026-11-26T17:00:00Z'));
  await check.open(env.url);
  // The header and nav of a phone take little room (measured once the
  // widget has taken the first screen over, which re-renders it).
  await page.locator('[data-alliance-check-mounted] .ac .ac-progress').waitFor();
  const top = await page.locator('.ac-progress').boundingBox();
  const card = await page.locator('.ac').boundingBox();
  assert.ok(top.y - card.y < 150, `the check starts ${top.y - card.y}px below the widget's top`);
  assert.equal(await page.locator('.ac-progress__step').count(), 3);
  assert.equal(await page.locator('.ac-progress__step.is-current').count(), 1);
  await saveCheck(check, 80);
  await check.nav('History').click();
  assert.equal((await check.historyRows())[0][0], '26 Nov 2026', 'en-GB, not US');
  // The import control is a button, not the browser's bare "Choose File".
  const choose = page.locator('label.ac-data__choose');
  assert.equal(await choose.textContent(), 'Import a copy (JSON file)');
  assert.equal(await page.locator('.ac-data__file').evaluate((el) => el.getBoundingClientRect().width), 1);
  assert.ok((await choose.boundingBox()).height >= 44);
  // A host whose page already asks the question turns the title off.
  const untitled = await mountExtra(page, 'untitled', { namespace: 'untitled', title: 'off' });
  const heading = untitled.getByRole('heading', { level: 2 });
  assert.equal(await heading.textContent(), "How was today's session?", 'still names the region for screen readers');
  assert.equal((await heading.boundingBox()).height, 1, 'but is not shown');
  await context.close();
});

test('speed: a returning client with one goal and a small step finishes in 4 screens and 9 taps', async () => {
  const { context, page } = await openPage(env, PHONE);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.addGoal('Sleep better');
  await saveCheck(check, 80, { progress: 30, step: 'Lights out by eleven' });
  await check.button('Start a new check').click();
  await page.evaluate(() => window.scrollTo(0, 0));

  let taps = 0;
  const screens = new Set();
  const seen = async () => screens.add(await page.locator('.ac-check__heading, .ac-section__title').first().textContent());
  const tap = async (locator, position) => {
    await locator.scrollIntoViewIfNeeded();
    await locator.tap(position ? { position } : undefined);
    taps += 1;
  };
  await seen();
  for (const [i, at] of [[0, 0.8], [1, 0.7], [2, 0.9], [3, 0.6]]) {
    const slider = check.sliders().nth(i);
    const box = await slider.boundingBox();
    await tap(slider, { x: box.width * at, y: box.height / 2 });
  }
  await tap(check.button('Next'));
  await seen();
  const progress = check.slider('Progress on: Sleep better');
  const box = await progress.boundingBox();
  await tap(progress, { x: box.width * 0.5, y: box.height / 2 });
  await tap(page.getByRole('radio', { name: 'Done', exact: true }));
  await tap(check.button('Next'));
  await seen();
  await tap(check.button('Save this check'));
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  await seen();
  assert.equal(taps, 9);
  assert.deepEqual([...screens], ['How today went', 'Your goals', 'Anything to add? Then save', 'Saved. Thank you.']);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  const last = stored.records.at(-1);
  assert.equal(Object.keys(last.ratings).length, 4);
  assert.deepEqual(last.goals[0].step, { text: 'Lights out by eleven', outcome: 'done' });
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe (${colorScheme}): every screen of the adult and the children's check`, async () => {
    const { context, page } = await openPage(env, { ...PHONE, colorScheme, bypassCSP: true });
    const check = new CheckPage(page);
    const audit = async (screen) => assert.deepEqual(await axeViolations(page), [], `${colorScheme}: ${screen}`);
    await check.open(env.url);
    await check.next();
    await audit('scales, unrated named on the step');
    await check.rateScales([95, 80, 100, 90]);
    await check.next();
    await page.getByLabel('New goal').fill('Sleep better');
    await check.button('Add goal').click();
    await check.rate(check.slider('Progress on: Sleep better'), 40);
    await audit('goals');
    await check.next();
    await page.getByRole('radio', { name: "Show me today's summary now" }).check();
    await audit('question and review');
    await check.save();
    await audit('summary');
    await check.nav('History').click();
    await page.locator('.ac-chart svg').first().focus();
    await page.keyboard.press('ArrowLeft');
    await audit('history, a chart point read out');
    await page.getByRole('button', { name: /^Delete the session of/ }).click();
    await check.button('Yes, delete').click();
    await audit('deleted, with undo');
    await page.goto(`${env.url}children.html`);
    const groups = page.locator('.ac-faces');
    await groups.first().waitFor();
    await audit('children: faces');
    for (let i = 0; i < 4; i += 1) await groups.nth(i).getByRole('radio').nth(i).check();
    await audit('children: faces chosen');
    await check.next();
    await page.getByRole('radio', { name: 'Show me my faces now' }).check();
    await audit('children: review');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('.ac-summary').waitFor();
    await audit('children: summary');
    await check.nav('My faces').click();
    await audit('children: history');
    assert.doesNotMatch(await page.locator('.ac-history').textContent(), /\d[.,]\d/, 'no decimals in a child\'s history');
    await context.close();
  });
}
