// Passphrase protection: nothing in clear at rest, the key only in memory,
// wrong passphrases change nothing, re-encryption is all or nothing, and
// encrypted copies go out and come back in.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { CheckPage, sharedProfile } from './check_page.mjs';
import { axeViolations, mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const PASS = 'blue heron at dawn';
const SECRET_GOAL = 'Call my sister Zelda';
const SECRET_COMMENT = 'Talk about Mallorca trip next time';

/** Every localStorage value of the page, joined. */
async function storedText(page) {
  return page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
}

/** Makes the next write of a history key fail as if storage were full. */
async function failNextHistoryWrite(page) {
  await page.evaluate(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key.includes(':doc:')) {
        Storage.prototype.setItem = original;
        throw new DOMException('full', 'QuotaExceededError');
      }
      return original.call(this, key, value);
    };
  });
}

/** Fills the change form and submits it. */
async function changePassphrase(page, current, next) {
  await page.getByLabel('Current passphrase').fill(current);
  await page.getByLabel(/^New passphrase/).fill(next);
  await page.getByLabel('The new passphrase again').fill(next);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
}

async function protectedHistory(env) {
  // bypassCSP only so that axe-core can be injected.
  const opened = await openPage(env, { acceptDownloads: true, bypassCSP: true });
  const check = new CheckPage(opened.page);
  await check.open(env.url);
  await check.quickCheck(73, { goal: SECRET_GOAL, comment: SECRET_COMMENT });
  await check.nav('History').click();
  await turnOn(opened.page, PASS);
  return { ...opened, check };
}

/** Turns protection on in `scope` (the page, or one widget's locator). */
async function turnOn(scope, passphrase) {
  await scope.getByLabel(/^New passphrase/).fill(passphrase);
  await scope.getByLabel('The new passphrase again').fill(passphrase);
  await scope.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await scope.getByText('Your history is now stored encrypted.').waitFor();
}

/**
 * Mounts a shared-screen widget with a short idle time, starts the profile
 * `code` with the secret PASS, saves one check with the secret goal and
 * comment, and hands the device back (the profile closed, the start shown).
 */
async function sharedTablet(page, id, code, idleSeconds = 5) {
  const tablet = await mountExtra(page, id, { namespace: id, mode: 'shared', idleSeconds });
  await sharedProfile(tablet, { code, secret: PASS, isNew: true });
  const sliders = tablet.getByRole('slider');
  await sliders.first().waitFor();
  for (let i = 0; i < 4; i += 1) {
    await sliders.nth(i).focus();
    await page.keyboard.press('End');
  }
  await tablet.getByRole('button', { name: 'Next' }).click();
  await tablet.getByLabel('New goal').fill(SECRET_GOAL);
  await tablet.getByRole('button', { name: 'Add goal' }).click();
  await tablet.getByRole('slider', { name: `Progress on: ${SECRET_GOAL}` }).focus();
  await page.keyboard.press('End');
  await tablet.getByRole('button', { name: 'Next' }).click();
  await tablet.getByRole('textbox').fill(SECRET_COMMENT);
  await tablet.getByRole('button', { name: 'Save this check' }).click();
  await tablet.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  await tablet.getByRole('button', { name: 'Finish and hand back' }).click();
  await tablet.getByRole('button', { name: 'Done' }).click();
  await tablet.getByRole('button', { name: 'Start', exact: true }).waitFor();
  return tablet;
}

/** Asserts that nothing of the shared tablet's client is on screen or readable in storage. */
async function nothingOfTheClient(page, tablet, code, what) {
  assert.equal(await tablet.getByRole('slider').count(), 0, `${what}: no check`);
  assert.equal(await tablet.getByRole('navigation', { name: 'Sections' }).count(), 0, `${what}: nothing to navigate`);
  assert.doesNotMatch(await tablet.textContent(), new RegExp(`Zelda|Mallorca|${code}|10\\.0`), `${what}: nothing on screen`);
  const stored = await storedText(page);
  for (const secret of [SECRET_GOAL, 'Zelda', SECRET_COMMENT, 'Mallorca', code, '"ratings"', '"records"']) {
    assert.ok(!stored.includes(secret), `${what}: "${secret}" is stored in clear`);
  }
}

async function unlock(page, passphrase) {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

test('with protection on, no stored value holds a rating, goal text or comment in clear', async () => {
  const { context, page, check, problems } = await protectedHistory(env);
  const stored = await storedText(page);
  for (const secret of [SECRET_GOAL, 'Zelda', SECRET_COMMENT, 'Mallorca', '"ratings"', '7.3', '"goals"', 'records']) {
    assert.ok(!stored.includes(secret), `"${secret}" is stored in clear:\n${stored.slice(0, 400)}`);
  }
  const doc = JSON.parse(await page.evaluate(() => localStorage.getItem('alliance-check:doc:default')));
  assert.equal(doc.format, 'alliance-check.sealed');
  assert.equal(doc.kdf.name, 'PBKDF2');
  assert.equal(doc.kdf.hash, 'SHA-256');
  assert.ok(doc.kdf.iterations >= 600000);
  assert.equal(Buffer.from(doc.kdf.salt, 'base64').length, 16);
  assert.equal(doc.cipher.name, 'AES-GCM');
  assert.equal(doc.cipher.length, 256);
  assert.equal(Buffer.from(doc.cipher.iv, 'base64').length, 12);
  // A check in progress is kept sealed too, and comes back after unlocking.
  await check.nav("Today's check").click();
  await check.rateScales([12, 12, 12, 12]);
  await check.next();
  await page.getByLabel('Small step for the coming week (optional)').fill('Phone Yolanda');
  await page.waitForFunction(() => localStorage.getItem('alliance-check:draft:default')?.includes('"draft"'));
  const draft = JSON.parse(await page.evaluate(() => localStorage.getItem('alliance-check:draft:default')));
  assert.equal(draft.format, 'alliance-check.sealed');
  assert.ok(!(await storedText(page)).includes('Yolanda'), 'the draft is not in clear');
  await page.reload();
  await unlock(page, PASS);
  await page.getByText('Your unfinished check was restored.').waitFor();
  assert.equal(await page.getByLabel('Small step for the coming week (optional)').inputValue(), 'Phone Yolanda');
  await check.button('Back').click();
  assert.equal(await check.sliders().first().getAttribute('aria-valuetext'), '1.2 of 10');
  // Saving again re-encrypts with a fresh IV; still nothing in clear.
  const before = doc.cipher.iv;
  await check.rateScales([55, 55, 55, 55]);
  await check.next();
  await check.next();
  await check.page.getByRole('textbox').fill('Second secret: Quixote');
  await check.next();
  await check.save();
  const after = JSON.parse(await page.evaluate(() => localStorage.getItem('alliance-check:doc:default')));
  assert.notEqual(after.cipher.iv, before, 'every write has a fresh IV');
  assert.equal(after.kdf.salt, doc.kdf.salt, 'the key (salt) stays until the passphrase changes');
  assert.ok(!(await storedText(page)).includes('Quixote'));
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['alliance-check:doc:default'], 'saving removed the draft');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a reload forgets the key; a wrong passphrase says so and changes nothing; the right one opens', async () => {
  const { context, page, check, problems } = await protectedHistory(env);
  const sealed = await storedText(page);
  await page.reload();
  await page.getByRole('heading', { name: 'This history is protected' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Sections' }).count(), 0, 'nothing to navigate while locked');
  assert.ok(!(await page.locator('.ac').textContent()).includes('Zelda'));
  assert.deepEqual(await axeViolations(page), []);
  await unlock(page, 'blue heron at dusk');
  await page.getByText('That passphrase does not fit. Nothing was changed.').waitFor();
  assert.equal(await storedText(page), sealed, 'a wrong passphrase changes nothing');
  await unlock(page, PASS);
  await check.nav('History').click();
  await page.getByText(SECRET_COMMENT).waitFor();
  assert.equal(await storedText(page), sealed, 'opening writes nothing');
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('changing the passphrase and turning protection off: current passphrase checked, all or nothing', async () => {
  const { context, page, check } = await protectedHistory(env);
  const sealed = await storedText(page);
  // Wrong current passphrase: refused, nothing written.
  await changePassphrase(page, 'not it at all', 'second passphrase');
  await page.getByText('That passphrase does not fit. Nothing was changed.').waitFor();
  assert.equal(await storedText(page), sealed);
  // A failure injected in the middle of re-encryption (the write is refused
  // as if storage were full): the old data stays, readable with the old passphrase.
  await failNextHistoryWrite(page);
  await changePassphrase(page, PASS, 'second passphrase');
  await page.getByText(/Protection could not be changed: .*full.* Your history is as it was\./).waitFor();
  assert.equal(await storedText(page), sealed, 'the failed re-encryption left the old text');
  // Encryption itself failing mid-way (WebCrypto rejects): same.
  await page.evaluate(() => {
    const original = crypto.subtle.encrypt.bind(crypto.subtle);
    crypto.subtle.encrypt = () => {
      crypto.subtle.encrypt = original;
      return Promise.reject(new DOMException('injected', 'OperationError'));
    };
  });
  await changePassphrase(page, PASS, 'second passphrase');
  await page.getByText(/Protection could not be changed/).waitFor();
  assert.equal(await storedText(page), sealed);
  await page.reload();
  await unlock(page, PASS);
  await check.nav('History').click();
  await page.getByText(SECRET_COMMENT).waitFor();
  // Now for real: change, then the old passphrase no longer opens it.
  assert.deepEqual(await axeViolations(page), [], 'the panel with protection on');
  await changePassphrase(page, PASS, 'second passphrase');
  await page.getByText('The passphrase was changed.').waitFor();
  const resealed = JSON.parse(await page.evaluate(() => localStorage.getItem('alliance-check:doc:default')));
  assert.notEqual(resealed.kdf.salt, JSON.parse(sealed.split('=').slice(1).join('=')).kdf.salt, 'a new passphrase gets a new salt');
  await page.reload();
  await unlock(page, PASS);
  await page.getByText('That passphrase does not fit. Nothing was changed.').waitFor();
  await unlock(page, 'second passphrase');
  await check.nav('History').click();
  // Turning off: the history is stored in clear again, nothing lost.
  await page.getByLabel('Current passphrase').fill('second passphrase');
  await page.getByRole('button', { name: 'Turn protection off' }).click();
  await page.getByText('Protection is off: your history is stored in clear again.').waitFor();
  const plain = await storedText(page);
  assert.ok(plain.includes(SECRET_COMMENT) && plain.includes(SECRET_GOAL));
  await page.reload();
  await check.nav('History').click();
  await page.getByText(SECRET_COMMENT).waitFor();
  await context.close();
});

test('turning on asks twice and warns first; a failed write leaves the history in clear and usable', async () => {
  const opened = await openPage(env, { acceptDownloads: true, bypassCSP: true });
  const { page, context } = opened;
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.quickCheck(61, { comment: SECRET_COMMENT });
  await check.nav('History').click();
  const panel = page.locator('.ac-protect');
  assert.match(await panel.textContent(), /no way to recover a forgotten passphrase/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a copy first (JSON)' }).click()]);
  assert.match(file.suggestedFilename(), /\.json$/);
  await page.getByText(/^Last downloaded: /).waitFor();
  await page.getByLabel(/^New passphrase/).fill('short');
  await page.getByLabel('The new passphrase again').fill('short');
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await page.getByText('The passphrase needs at least 8 characters.').waitFor();
  await page.getByLabel(/^New passphrase/).fill('long enough one');
  await page.getByLabel('The new passphrase again').fill('long enough two');
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await page.getByText('The two new passphrases are not the same.').waitFor();
  const plain = await storedText(page);
  await failNextHistoryWrite(page);
  await page.getByLabel(/^New passphrase/).fill(PASS);
  await page.getByLabel('The new passphrase again').fill(PASS);
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await page.getByText(/Protection could not be changed/).waitFor();
  assert.equal(await storedText(page), plain);
  await page.reload();
  await check.nav('History').click();
  await page.getByText(SECRET_COMMENT).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('encrypted copy: out with the profile passphrase, back in on another device with it', async () => {
  const { context, page } = await protectedHistory(env);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download an encrypted copy (JSON)' }).click()]);
  assert.match(file.suggestedFilename(), /^alliance-check-default-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
  const text = await readFile(await file.path(), 'utf8');
  const wrapped = JSON.parse(text);
  assert.equal(wrapped.format, 'alliance-check.sealed');
  assert.equal(wrapped.content, 'export');
  assert.ok(wrapped.kdf.iterations >= 600000);
  for (const secret of ['Zelda', 'Mallorca', 'records']) assert.ok(!text.includes(secret), secret);
  await context.close();

  // Another device: a fresh browser context with an empty history.
  const other = await openPage(env, { acceptDownloads: true });
  const check = new CheckPage(other.page);
  await check.open(env.url);
  await check.nav('History').click();
  const choose = () => other.page.getByLabel('Import a copy (JSON file)').setInputFiles({ name: 'copy.encrypted.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await choose();
  const field = other.page.getByLabel('This file is encrypted. Passphrase of the file');
  await field.fill('wrong passphrase');
  await other.page.getByRole('button', { name: 'Open the file' }).click();
  await other.page.getByText('That passphrase does not fit. Nothing was changed.').waitFor();
  assert.equal(await other.page.evaluate(() => localStorage.length), 0, 'nothing written');
  await field.fill(PASS);
  await other.page.getByRole('button', { name: 'Open the file' }).click();
  await other.page.getByText(/The file holds 1 session: 1 new/).waitFor();
  await other.page.getByRole('button', { name: 'Import', exact: true }).click();
  await other.page.getByText('Imported 1 new session.').waitFor();
  await other.page.getByText(SECRET_COMMENT).waitFor();
  assert.deepEqual(other.problems.console, []);
  await other.context.close();
});

test('shared screen: the idle reset and closing a profile forget the key', async () => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  const tablet = await sharedTablet(page, 'tablet', 'heron');
  await sharedProfile(tablet, { code: 'heron', secret: PASS });
  await tablet.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await tablet.getByText(SECRET_COMMENT).waitFor();
  // Nobody touches the screen: it resets, the profile closes with the key.
  await tablet.getByRole('heading', { name: 'Your end-of-session check' }).waitFor({ timeout: 12000 });
  await nothingOfTheClient(page, tablet, 'heron', 'after the idle reset');
  await tablet.getByRole('button', { name: 'Start', exact: true }).click();
  await tablet.getByRole('heading', { name: 'Open your check' }).waitFor();
  await nothingOfTheClient(page, tablet, 'heron', 'the door after the idle reset');
  // The code alone, or with another secret, opens nothing.
  await sharedProfile(tablet, { code: 'heron', secret: 'blue heron at dusk' });
  await tablet.locator('.ac-gate .ac-field__error:not(:empty)').waitFor({ timeout: 20000 });
  await nothingOfTheClient(page, tablet, 'heron', 'a wrong secret');
  // Code and secret open it again.
  await sharedProfile(tablet, { code: 'heron', secret: PASS });
  await tablet.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await tablet.getByText(SECRET_COMMENT).waitFor();
  // Closing the profile: the same, at once.
  await tablet.getByRole('button', { name: 'Close profile' }).click();
  await tablet.locator('.ac-start, .ac-gate').first().waitFor();
  await nothingOfTheClient(page, tablet, 'heron', 'after Close profile');
  await sharedProfile(tablet, { code: 'heron', secret: PASS });
  await tablet.getByRole('slider').first().waitFor();

  // With profile codes on a personal device: closing the profile locks it again.
  await mountExtra(page, 'codes', { namespace: 'codes', profiles: 'codes' });
  const codes = page.locator('#codes');
  await codes.getByLabel('Nickname or code').fill('fox');
  await codes.getByRole('button', { name: 'Open', exact: true }).click();
  await codes.getByRole('button', { name: 'Start a new profile “fox”' }).click();
  await codes.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await turnOn(codes, PASS);
  await codes.getByRole('button', { name: 'Close profile' }).click();
  await codes.getByLabel('Nickname or code').fill('fox');
  await codes.getByRole('button', { name: 'Open', exact: true }).click();
  await codes.getByRole('heading', { name: 'This history is protected' }).waitFor();
  assert.deepEqual(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('codes:')).sort()),
    ['codes:doc:fox'],
  );
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('an unreadable copy kept in clear must be removed before protection; one click saves one record', async () => {
  const { context, page, problems } = await openPage(env, { acceptDownloads: true });
  await page.goto(env.url);
  await page.evaluate(() => localStorage.setItem('alliance-check:doc:default', '{"schema":2,"records":[{"broken'));
  await page.reload();
  const check = new CheckPage(page);
  await page.getByText(/could not be read/).first().waitFor();
  await check.quickCheck(58, { comment: SECRET_COMMENT });
  await check.nav('History').click();
  const panel = page.locator('.ac-protect');
  await panel.getByText(/unreadable earlier copy of this history is still kept in clear/).waitFor();
  await page.getByLabel(/^New passphrase/).fill(PASS);
  await page.getByLabel('The new passphrase again').fill(PASS);
  await page.getByRole('button', { name: 'Protect with this passphrase' }).click();
  await page.getByText(/Protection could not be changed: An unreadable earlier copy/).waitFor();
  assert.ok((await storedText(page)).includes(SECRET_COMMENT), 'refused: still in clear, unchanged');
  const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download the unreadable text' }).click()]);
  assert.equal(await readFile(await file.path(), 'utf8'), '{"schema":2,"records":[{"broken');
  await panel.getByRole('button', { name: 'Remove the unreadable copy' }).click();
  await page.getByText('The unreadable copy was removed.').waitFor();
  await turnOn(page, PASS);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['alliance-check:doc:default']);
  assert.ok(!(await storedText(page)).includes('broken'));
  // Slow encryption: a second click on Save while the first is encrypting
  // does not make a second record.
  await page.evaluate(() => {
    const original = crypto.subtle.encrypt.bind(crypto.subtle);
    crypto.subtle.encrypt = (...args) => new Promise((r) => setTimeout(r, 400)).then(() => original(...args));
  });
  await check.nav("Today's check").click();
  await check.rateScales([40, 40, 40, 40]);
  await check.next();
  await check.next();
  await check.next();
  await check.button('Save this check').click();
  await check.button('Save this check').click({ force: true }).catch(() => {});
  await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  await check.nav('History').click();
  assert.equal((await check.historyRows()).length, 2);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('protection turned off in another window: this one follows and never seals again', async () => {
  const { context, page } = await protectedHistory(env);
  const other = await context.newPage();
  await other.goto(env.url);
  await unlock(other, PASS);
  await other.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await other.getByLabel('Current passphrase').fill(PASS);
  await other.getByRole('button', { name: 'Turn protection off' }).click();
  await other.getByText('Protection is off: your history is stored in clear again.').waitFor();
  // The first window learns it from the storage event.
  await page.locator('.ac-protect').getByText('Protect with this passphrase').waitFor();
  const check = new CheckPage(page);
  await check.nav("Today's check").click();
  await check.rateScales([66, 66, 66, 66]);
  await check.next();
  await check.next();
  await check.next();
  await check.save();
  const doc = await page.evaluate(() => localStorage.getItem('alliance-check:doc:default'));
  assert.ok(doc.startsWith('{"schema":2'), 'still in clear');
  assert.equal(JSON.parse(doc).records.length, 2);
  await context.close();
});

test('shared screen: an opening that finishes after the idle reset never opens the profile', async () => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.url);
  await page.locator('.ac').first().waitFor();
  const tablet = await sharedTablet(page, 'slow', 'heron', 4);
  // A slow device: deriving the key takes longer than the idle time.
  await page.evaluate(() => {
    window.__derived = 0;
    const original = crypto.subtle.deriveKey.bind(crypto.subtle);
    crypto.subtle.deriveKey = (...args) => new Promise((r) => setTimeout(r, 9000))
      .then(() => original(...args))
      .then((key) => { window.__derived += 1; return key; });
  });
  await sharedProfile(tablet, { code: 'heron', secret: PASS });
  await tablet.getByText('Opening… this takes a moment.').waitFor();
  await tablet.getByRole('heading', { name: 'Your end-of-session check' }).waitFor({ timeout: 12000 });
  assert.equal(await page.evaluate(() => window.__derived), 0, 'the reset came first');
  // The opening finishes after the reset …
  await page.waitForFunction(() => window.__derived > 0, null, { timeout: 15000 });
  await page.waitForTimeout(1000);
  // … and the next person finds the neutral start and the door, not the profile.
  assert.equal(await tablet.getByRole('heading', { name: 'Your end-of-session check' }).count(), 1, 'still the neutral start');
  await nothingOfTheClient(page, tablet, 'heron', 'after the late opening');
  await tablet.getByRole('button', { name: 'Start', exact: true }).click();
  await tablet.getByRole('heading', { name: 'Open your check' }).waitFor();
  await nothingOfTheClient(page, tablet, 'heron', 'the door');
  assert.deepEqual(problems.console, []);
  await context.close();
});
