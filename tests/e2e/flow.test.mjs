// The complete check over several sessions: goals, talk prompts, history,
// drafts across reloads, corrections and deletion, profiles, instruments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckPage, sharedProfile, storedText } from './check_page.mjs';
import { mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** One whole check: scales, goal progress (+ step outcome), comment, save. */
async function doCheck(check, { scales, goal, outcome, nextStep, comment, summary = true }) {
  await check.rateScales(scales);
  await check.next();
  if (goal !== undefined) await check.rate(check.sliders().first(), goal);
  if (outcome) await check.page.getByRole('radio', { name: outcome, exact: true }).check();
  if (nextStep) await check.page.getByLabel('Small step for the coming week (optional)').fill(nextStep);
  await check.next();
  if (comment) await check.page.getByRole('textbox').fill(comment);
  await check.next();
  if (summary) await check.page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
}

test('three sessions on three days: goal, drop prompt, chart and table', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await page.clock.setFixedTime(new Date('2026-11-02T17:00:00Z'));
  await check.open(env.url);

  // Day 1: first use guides the client to write a goal.
  await check.rateScales([95, 96, 100, 92]);
  await check.next();
  await page.getByRole('heading', { name: 'Your goals' }).waitFor();
  assert.match(await page.locator('.ac-first-goal').textContent(), /Write your first goal/);
  await page.getByLabel('New goal').fill('Speak up in team meetings');
  await check.button('Add goal').click();
  await check.rate(check.slider('Progress on: Speak up in team meetings'), 30);
  await page.getByLabel('Small step for the coming week (optional)').fill('Ask one question on Monday');
  await check.next();
  await check.next();
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  assert.match(await page.locator('.ac-summary').textContent(), /first saved session/);

  // Day 2: the small step is reported on.
  await page.clock.setFixedTime(new Date('2026-11-09T17:00:00Z'));
  await check.button('Start a new check').click();
  await doCheck(check, { scales: [96, 95, 100, 94], goal: 60, outcome: 'Done', nextStep: 'Ask two questions' });
  // Good news is worth a word too, with last time's date.
  assert.deepEqual(await page.locator('.ac-prompts__item').allTextContents(), [
    'More progress on Speak up in team meetings (3.0 → 6.0). What made the difference?',
  ]);
  assert.match(await page.locator('.ac-summary thead').textContent(), /Last timeNov 2/);

  // Day 3: "how we worked" drops by 2.3 and goal progress by 3.0.
  await page.clock.setFixedTime(new Date('2026-11-16T17:00:00Z'));
  await check.button('Start a new check').click();
  await doCheck(check, { scales: [95, 72, 99, 93], goal: 30, outcome: 'Not done', comment: 'Felt rushed today.' });
  const prompts = await page.locator('.ac-prompts__item').allTextContents();
  assert.deepEqual(prompts, [
    'Lower than last time: How we worked (9.5 → 7.2). What changed?',
    'Less progress on Speak up in team meetings (6.0 → 3.0). Would it help to talk about what got in the way?',
  ]);
  // The small step is shown: last week's with how it went.
  assert.match(await page.locator('.ac-summary__steps').textContent(), /Small step “Ask two questions”: Not done/);

  await check.nav('History').click();
  const tasksChart = page.locator('figure', { hasText: 'How we worked' });
  assert.equal(await tasksChart.locator('circle').count(), 3, 'three points');
  assert.match(await tasksChart.locator('svg').getAttribute('aria-label'), /over 3 sessions; the dashed line marks 9.0/);
  assert.equal(await tasksChart.locator('.ac-chart__threshold').count(), 1);
  const goalChart = page.locator('figure', { hasText: 'Progress on: Speak up in team meetings' });
  assert.equal(await goalChart.locator('circle').count(), 3);
  const rows = await check.historyRows();
  assert.equal(rows.length, 3);
  assert.deepEqual(rows.map((r) => r[0]), ['Nov 16, 2026', 'Nov 9, 2026', 'Nov 2, 2026']);
  assert.deepEqual(rows.map((r) => r[2]), ['7.2', '9.5', '9.6']);
  assert.equal(rows[0][6], 'Felt rushed today.');
  assert.match(rows[1][5], /Speak up in team meetings: 6\.0Small step “Ask one question on Monday”: Done/);

  // The stored records keep the step report and the goal wording of the time.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  assert.equal(stored.schema, 2);
  assert.deepEqual(stored.records[1].goals[0].step, { text: 'Ask one question on Monday', outcome: 'done' });
  assert.deepEqual(stored.records[2].goals[0].step, { text: 'Ask two questions', outcome: 'not_done' });
  assert.equal(stored.goals[0].step, 'Ask two questions', 'a step not done is carried into the coming week, never dropped');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a reload mid-check keeps the draft, step and all', async () => {
  const { context, page } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.rateScales([81, 82, 83, 84]);
  await check.next();
  await check.page.getByRole('button', { name: 'Skip for now' }).click();
  await check.next();
  await page.getByRole('textbox').fill('<img src=x onerror="window.pwned=1">');
  await page.reload();
  await page.getByRole('heading', { name: 'Anything to add? Then save' }).waitFor();
  assert.match(await check.status().textContent(), /unfinished check was restored/);
  assert.equal(await page.getByRole('textbox').inputValue(), '<img src=x onerror="window.pwned=1">');
  await check.button('Back').click();
  assert.equal(await page.getByRole('heading', { name: 'How today went' }).count(), 1, 'the skipped guide stays skipped');
  assert.equal(await check.sliders().nth(1).getAttribute('aria-valuetext'), '8.2 of 10');
  // Discarding removes it for good.
  await check.button('Discard this check').click();
  await check.button('Yes, discard').click();
  await check.status().getByText('The unfinished check was discarded.').waitFor();
  await page.reload();
  await check.sliders().first().waitFor();
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), 'not rated yet');
  assert.equal(await page.evaluate(() => localStorage.getItem('alliance-check:draft:default')), null);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test('correct a past entry; delete one, undo, delete again', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await page.clock.setFixedTime(new Date('2026-10-01T09:00:00Z'));
  await check.open(env.url);
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await check.next();
  await check.next();
  await check.save();
  await page.clock.setFixedTime(new Date('2026-10-08T09:00:00Z'));
  await check.button('Start a new check').click();
  await doCheck(check, { scales: [70, 70, 70, 70] });
  await check.nav('History').click();

  // Correct the older one: "bond" becomes 5.5.
  await page.getByRole('button', { name: /^Correct the session of Oct 1, 2026/ }).click();
  assert.match(await page.locator('.ac-check').textContent(), /You are correcting the session of Oct 1, 2026/);
  await check.rate(check.sliders().nth(2), 55);
  await check.next();
  await check.next();
  await check.button('Save this check').click();
  await check.status().getByText('The correction was saved.').waitFor();
  let rows = await check.historyRows();
  assert.deepEqual(rows.map((r) => r.slice(0, 5)), [
    ['Oct 8, 2026', '7.0', '7.0', '7.0', '7.0'],
    ['Oct 1, 2026', '9.0', '9.0', '5.5', '9.0'],
  ]);

  // Delete asks first; Undo brings it back; deleting again sticks after reload.
  const deleteNewest = () => page.getByRole('button', { name: /^Delete the session of Oct 8, 2026/ }).click();
  await deleteNewest();
  await page.getByRole('alertdialog').waitFor();
  await check.button('Keep it').click();
  assert.equal((await check.historyRows()).length, 2);
  await deleteNewest();
  await check.button('Yes, delete').click();
  assert.equal((await check.historyRows()).length, 1);
  await check.button('Undo').click();
  await check.status().getByText('The session was restored.').waitFor();
  assert.equal((await check.historyRows()).length, 2);
  await deleteNewest();
  await check.button('Yes, delete').click();
  await page.reload();
  await check.nav('History').click();
  rows = await check.historyRows();
  assert.deepEqual(rows.map((r) => r[0]), ['Oct 1, 2026']);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('goals: reword keeps old wording in history; achieve, retire, at most three', async () => {
  const { context, page } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.nav('My goals').click();
  for (const g of ['Walk every day', 'Call my sister', 'Read before bed']) {
    await page.getByLabel('New goal').fill(g);
    await check.button('Add goal').click();
  }
  assert.equal(await page.getByLabel('New goal').count(), 0, 'no fourth active goal can be added');
  await check.nav("Today's check").click();
  await doCheck(check, { scales: [90, 90, 90, 90], goal: 50 });
  await check.nav('My goals').click();
  await page.getByRole('button', { name: 'Reword' }).first().click();
  await page.getByLabel('Wording of this goal').fill('Walk 30 minutes every day');
  await check.button('Save wording').click();
  await page.getByRole('button', { name: 'Mark achieved' }).nth(1).click();
  await page.getByRole('button', { name: 'Set aside' }).nth(1).click();
  const text = await page.locator('.ac-goals').textContent();
  assert.match(text, /Walk 30 minutes every day/);
  assert.match(text, /Call my sister \(achieved\)/);
  assert.match(text, /Read before bed \(set aside\)/);
  await check.nav('History').click();
  assert.match((await check.historyRows())[0][5], /^Walk every day: 5\.0$/, 'the record keeps the wording of the time');
  await check.nav("Today's check").click();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  assert.equal(await check.sliders().count(), 1, 'only active goals are rated');
  assert.equal(await check.sliders().first().getAttribute('aria-label'), null);
  await context.close();
});

test('profiles on a shared device: a code opens a profile, others are not shown', async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await page.goto(`${env.url}shared-device.html`);
  await page.getByRole('heading', { name: 'Your end-of-session check' }).waitFor();
  assert.equal(await check.sliders().count(), 0, 'nothing is shown before the client starts');
  await check.button('Start').click();
  await page.getByRole('heading', { name: 'Open your check' }).waitFor();
  assert.equal(await check.sliders().count(), 0, 'nothing is shown before code and secret fit');

  await sharedProfile(page, { code: 'Blue Fox', secret: '204861', isNew: true });
  await check.sliders().first().waitFor();
  await check.rateScales([91, 92, 93, 94]);
  await check.next();
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await check.next();
  await check.next();
  await check.button('Save this check').click();
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  assert.doesNotMatch(await page.locator('.ac').textContent(), /9\.[1-4]/, 'no scores unless asked');
  await check.button('Finish and hand back').click();
  await page.getByRole('heading', { name: 'Thank you. Please hand the device back.' }).waitFor();
  assert.doesNotMatch(await page.locator('.ac').textContent(), /9\.[1-4]|blue-fox/i, 'no scores and no profile code on the hand-back screen');
  await check.button('Done').click();

  await page.getByRole('heading', { name: 'Your end-of-session check' }).waitFor();
  assert.doesNotMatch(await page.locator('.ac').textContent(), /blue-fox|9\.[1-4]/i, 'nothing of the last client');
  await sharedProfile(page, { code: 'green-owl', secret: '730519', isNew: true });
  await check.sliders().first().waitFor();
  await check.nav('History').click();
  assert.equal(await check.historyRows().then((r) => r.length), 0, 'the second profile sees nothing of the first');
  assert.doesNotMatch(await page.locator('.ac').textContent(), /blue-fox/i);
  await check.button('Close profile').click();
  await page.locator('.ac-start, .ac-gate').first().waitFor();
  assert.doesNotMatch(await page.locator('.ac').textContent(), /blue-fox|green-owl/i, 'profiles are not listed');
  await sharedProfile(page, { code: 'blue-fox', secret: '730519' });
  await page.locator('.ac-gate .ac-field__error:not(:empty)').waitFor();
  assert.equal(await check.sliders().count(), 0, "another client's secret opens nothing");
  assert.doesNotMatch(await page.locator('.ac').textContent(), /blue-fox|green-owl/i, 'profiles are not listed');

  // The same code typed differently, with the right secret: the same history.
  await sharedProfile(page, { code: 'BLUE  fox', secret: '204861' });
  await check.nav('History').click();
  assert.equal((await check.historyRows()).length, 1, 'the same code, typed differently, opens the same history');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.equal(keys.filter((k) => k.startsWith('office-tablet:doc:')).length, 1, `one history (green-owl saved nothing): ${keys}`);
  for (const key of keys) assert.match(key, /^office-tablet:((doc|seen):s-[0-9a-f]{32}|salt|guard)$/, 'shared mode keeps no drafts and no code in storage');
  const stored = await storedText(page);
  for (const clear of ['blue-fox', 'Blue Fox', 'green-owl', '"ratings"', '"records"']) assert.ok(!stored.includes(clear), `${clear} is not readable in storage`);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test("a practice's instrument loads from a same-origin file and is stored by id and version", async () => {
  const { context, page, problems } = await openPage(env);
  const check = new CheckPage(page);
  await page.goto(`${env.url}practice-instrument.html`);
  await check.sliders().first().waitFor();
  assert.equal(await check.sliders().count(), 2);
  assert.equal(await page.locator('.ac-scale__label').first().textContent(), 'Being listened to');
  await check.rateScales([80, 90]);
  await check.next();
  assert.equal(await page.getByText('Anything you would like us to do differently?').count(), 1);
  assert.match(await page.locator('.ac-field__counter').textContent(), /of 280 characters$/, 'the practice\'s limit');
  await check.next();
  await page.getByRole('radio', { name: "Show me today's summary now" }).check();
  await check.save();
  // 8.0 is below this scale's own threshold of 8.5; 9.0 is above the default.
  assert.deepEqual(await page.locator('.ac-prompts__item').allTextContents(), [
    'Could be a little better: Being listened to (8.0). What would have helped today?',
  ]);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('practice-demo:doc:default')));
  assert.deepEqual(stored.records[0].instrument, { id: 'example-practice.brief', version: 3 });
  assert.deepEqual(Object.keys(stored.records[0].ratings), ['heard', 'useful']);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('an invalid instrument is refused with a message naming the place', async () => {
  const { context, page } = await openPage(env);
  await page.goto(env.url);
  await page.locator('.ac').waitFor();
  const message = await page.evaluate(async () => {
    const { mount } = await import('./embed.js');
    const el = document.createElement('div');
    document.body.append(el);
    const instrument = {
      id: 'broken', version: 1, languages: ['en', 'es'],
      scales: [{ id: 'a', label: { en: 'A' }, low: { en: 'lo', es: 'bajo' }, high: { en: 'hi', es: 'alto' } }],
    };
    try {
      mount(el, { instrument });
      return 'mounted';
    } catch (e) {
      return String(e.message);
    }
  });
  assert.equal(message, 'alliance-check: instrument: scale 1 ("a") label has no "es" text');
  await context.close();
});

test('Spanish: the page language selects the wording of scales and prompts', async () => {
  const { context, page } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  await mountExtra(page, 'es', { lang: 'es', namespace: 'es-test' });
  const es = page.locator('#es');
  await es.getByRole('slider', { name: 'Nuestra conexión' }).waitFor();
  assert.equal(await es.getByRole('heading', { level: 2 }).textContent(), '¿Cómo fue la sesión de hoy?');
  assert.equal(await es.getByRole('slider').first().getAttribute('aria-valuetext'), 'todavía sin valorar');
  await context.close();
});
