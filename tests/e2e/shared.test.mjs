// A shared tablet keeps each client's history to that client (issue 21): a
// profile opens only with its code and its secret, is sealed at rest, an
// unknown code is answered like a wrong secret, guesses are slowed across
// reloads, and the hand-back screen leads nowhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, mountExtra, openPage, useBrowser } from './harness.mjs';
import { CheckPage, sharedProfile, storedText } from './check_page.mjs';

const env = useBrowser();
// axe-core is injected as a script, which the page's strict CSP would refuse.
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false, bypassCSP: true };
const COMMENT = 'I felt judged when we talked about my drinking';
const GOAL = 'Stop drinking alone on weeknights';

/** The gate's message under its form. */
const gateMessage = (page) => page.locator('.ac-gate .ac-field__error').textContent();

/** Waits until the door answered an attempt with a message. */
async function answered(page) {
  await page.waitForFunction(() => document.querySelector('.ac-gate form')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('.ac-gate .ac-field__error')?.textContent);
}

test('code and secret: another person typing the code opens nothing, nothing readable is stored, the hand-back leads nowhere', async () => {
  const { context, page, problems } = await openPage(env, TABLET);
  const check = new CheckPage(page);
  await page.goto(`${env.url}shared-device.html`);
  await sharedProfile(page, { code: 'sunflower7', secret: '204861', isNew: true });
  await check.sliders().first().waitFor();
  await check.rateScales([62, 55, 48, 60]);
  await check.next();
  await page.getByLabel('New goal').fill(GOAL);
  await check.button('Add goal').click();
  await check.rate(check.slider(`Progress on: ${GOAL}`), 30);
  await check.next();
  await page.getByRole('textbox').fill(COMMENT);
  await check.save();

  // Take it with you is offered while the client still holds the device.
  assert.equal(await page.getByRole('heading', { name: 'Take it with you' }).count(), 1);
  await check.button('Finish and hand back').click();
  await page.getByRole('heading', { name: 'Thank you. Please hand the device back.' }).waitFor();
  const buttons = await page.locator('.ac button').allTextContents();
  assert.deepEqual(buttons, ['Done'], 'the hand-back screen offers nothing but Done');
  assert.doesNotMatch(await page.locator('.ac').textContent(), /sunflower7|judged|drinking|Take it with you/);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], 'hand-back screen');

  // Sealed at rest: neither the comment, the goal, the code nor a rating.
  const stored = await storedText(page);
  for (const secretWord of ['judged', 'drinking', 'weeknights', 'sunflower7', '"ratings"', '"comment"']) {
    assert.ok(!stored.includes(secretWord), `${secretWord} is not readable in localStorage:\n${stored}`);
  }
  assert.match(stored, /office-tablet:doc:s-[0-9a-f]{32}=\{"format":"alliance-check.sealed"/);

  // It returns to the neutral start by itself (about 20 s).
  await page.getByRole('heading', { name: 'Your end-of-session check' }).waitFor({ timeout: 25_000 });

  // The next person: the code in other capitalisation with a guess, then a
  // code nobody chose: the same words, nothing of A.
  await sharedProfile(page, { code: 'Sunflower7', secret: '111222' });
  await answered(page);
  const wrongSecret = await gateMessage(page);
  await sharedProfile(page, { code: 'nobody-here', secret: '204861' });
  await answered(page);
  const unknownCode = await gateMessage(page);
  assert.equal(wrongSecret, unknownCode, 'an unknown code is answered exactly like a wrong secret');
  assert.match(wrongSecret, /Nothing opens with this code and secret/);
  assert.equal(await check.sliders().count(), 0);
  assert.doesNotMatch(await page.locator('.ac').textContent(), /judged|drinking|weeknights|History/);
  assert.deepEqual(await axeViolations(page), [], 'the door with its message');

  // A herself opens it again, with her code and secret.
  await sharedProfile(page, { code: 'sunflower7', secret: '204861' });
  await check.sliders().first().waitFor();
  await check.nav('History').click();
  await page.getByText(COMMENT).first().waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your secret' }).count(), 1, 'no protection switch on a shared device');
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.offsite, []);
  await context.close();
});

test('wrong attempts are slowed, and a reload does not reset the wait', async () => {
  const { context, page, problems } = await openPage(env, TABLET);
  await page.goto(`${env.url}shared-device.html`);
  for (let i = 0; i < 5; i += 1) {
    await sharedProfile(page, { code: `guess-${i}`, secret: '918273' });
    await answered(page);
  }
  assert.match(await gateMessage(page), /try again in [1-5] s/);
  assert.equal(await page.getByRole('button', { name: 'Open', exact: true }).isDisabled(), true);

  await page.reload();
  await sharedProfile(page, { code: 'guess-9', secret: '918273' });
  await page.locator('.ac-gate .ac-field__error:not(:empty)').waitFor();
  assert.match(await gateMessage(page), /try again in [1-5] s/, 'the wait outlives the reload');
  const guard = await page.evaluate(() => JSON.parse(localStorage.getItem('office-tablet:guard')));
  assert.equal(guard.failures, 5, 'an attempt refused for waiting is not tried at all');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a profile kept in clear by an earlier version is sealed on its next open', async () => {
  const { context, page, problems } = await openPage(env, TABLET);
  const check = new CheckPage(page);
  // What an earlier version kept: the same namespace, the code alone, in clear.
  const at = Date.UTC(2026, 10, 20, 16);
  const doc = {
    schema: 2, goals: [], goal_intro_done: true,
    records: [{
      id: `${at.toString(36)}-00000000000000b1`, at: new Date(at).toISOString(),
      instrument: { id: 'alliance-check.default', version: 1 },
      ratings: { bond: 8, goals: 8, overall: 8, tasks: 8 }, goals: [], comment: 'an old comment in clear',
    }],
  };
  await page.goto(`${env.url}shared-device.html`);
  await page.evaluate((text) => localStorage.setItem('office-tablet:doc:blue-fox', text), JSON.stringify(doc));
  await page.reload();
  await sharedProfile(page, { code: 'blue-fox', secret: 'anything at all' });
  await page.getByRole('heading', { name: 'Protect your profile' }).waitFor();
  assert.match(await page.locator('.ac').textContent(), /kept on this device without a secret/);
  assert.equal(await check.sliders().count(), 0, 'nothing of it before it is sealed');
  assert.deepEqual(await axeViolations(page), [], 'the sealing screen');
  await page.getByLabel(/^Your secret/).fill('730519');
  await page.getByLabel('The same secret again').fill('730519');
  await check.button('Protect and open').click();
  await check.sliders().first().waitFor();
  const stored = await storedText(page);
  assert.ok(!stored.includes('an old comment in clear'), stored);
  assert.ok(!stored.includes('office-tablet:doc:blue-fox'), 'the clear copy is gone');

  await check.button('Close profile').click();
  await sharedProfile(page, { code: 'blue-fox', secret: '730519' });
  await check.sliders().first().waitFor();
  await check.nav('History').click();
  await page.getByText('an old comment in clear').first().waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a new profile: the secret is checked, the warning comes first, and a practice can expire unused profiles', async () => {
  const { context, page, problems } = await openPage(env, TABLET);
  const check = new CheckPage(page);
  await page.goto(`${env.url}shared-device.html`);
  await check.button('Start').click();
  await check.button('Start a new profile').click();
  assert.match(await page.locator('.ac').textContent(), /Nobody can reset a forgotten secret/);
  assert.deepEqual(await axeViolations(page), [], 'the new-profile form');
  await page.getByLabel('Nickname or code').fill('river');
  for (const [secret, again, said] of [
    ['12345', '12345', /at least 6 digits/],
    ['123456', '123456', /first anyone would try/],
    ['short', 'short', /at least 8 characters/],
    ['204861', '204862', /not the same/],
  ]) {
    await page.getByLabel(/^Your secret/).fill(secret);
    await page.getByLabel('The same secret again').fill(again);
    await check.button('Start my profile').click();
    assert.match(await gateMessage(page), said);
  }
  await page.getByLabel(/^Your secret/).fill('quiet river morning');
  await page.getByLabel('The same secret again').fill('quiet river morning');
  await check.button('Start my profile').click();
  await check.sliders().first().waitFor();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await check.button('Skip for now').click();
  await check.next();
  await check.save();
  await check.button('Finish and hand back').click();
  const name = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('office-tablet:doc:s-')).split(':doc:')[1]);
  assert.ok(name);

  // Expiry: a profile last opened 40 days ago goes when the practice keeps 30.
  await page.evaluate((n) => localStorage.setItem(`office-tablet:seen:${n}`, String(Date.now() - 40 * 86_400_000)), name);
  await page.goto(`${env.url}practice-page.html`);
  const kept = await mountExtra(page, 'keep', { namespace: 'office-tablet', mode: 'shared', profileExpiry: 60 });
  await kept.getByRole('button', { name: 'Start' }).waitFor();
  assert.ok(await page.evaluate((n) => localStorage.getItem(`office-tablet:doc:${n}`), name), 'within 60 days it stays');
  await page.goto(`${env.url}practice-page.html`);
  const expiring = await mountExtra(page, 'expire', { namespace: 'office-tablet', mode: 'shared', profileExpiry: 30 });
  await expiring.getByRole('button', { name: 'Start' }).waitFor();
  await page.waitForFunction((n) => localStorage.getItem(`office-tablet:doc:${n}`) === null, name);
  assert.equal(await page.evaluate((n) => localStorage.getItem(`office-tablet:seen:${n}`), name), null);
  assert.deepEqual(problems.console, []);
  await context.close();
});
