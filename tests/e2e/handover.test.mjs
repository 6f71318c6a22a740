// Take it with you (issue 16): the history goes from a shared tablet to the
// client's own phone in a QR code's link, with nothing stored in between.
// The code is read back from a screenshot by an independent decoder (jsQR)
// and the link opened in a fresh browser context: the "phone".
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { CheckPage, sharedProfile } from './check_page.mjs';
import { mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const PASS = 'a long passphrase for the test';
/** The secret of the client's profile on the tablet (a PIN, unless a test chooses a passphrase). */
const SECRET = '204861';
const CODE = 'night-owl';

/** Decodes the QR code on screen into its text, as a phone camera would. */
async function scan(locator) {
  const png = PNG.sync.read(await locator.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code decodes');
  return code.data;
}

/**
 * A shared tablet whose hand-over opens the personal page, with `n` saved
 * sessions of one client: the profile is started once, then opened again
 * with its code and `secret` for each further session, after Finish and
 * Done. It ends on the saved screen of the last session, the profile open.
 * `saved()` gives the sessions as the tablet told the host (the history
 * itself is sealed on the tablet).
 */
async function tablet(n, extra = {}, secret = SECRET) {
  const opened = await openPage(env, { viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2, ...extra });
  const { page } = opened;
  await page.goto(env.url + 'practice-page.html');
  await page.evaluate(() => {
    window.__saved = [];
    document.addEventListener('alliance-check:saved', (e) => window.__saved.push(e.detail));
  });
  const widget = await mountExtra(page, 'tablet', { namespace: 'tablet', mode: 'shared', handoverUrl: `${env.url}index.html` });
  const check = new CheckPage(page);
  for (let i = 0; i < n; i += 1) {
    await sharedProfile(widget, { code: CODE, secret, isNew: i === 0 });
    await widget.getByRole('slider').first().waitFor();
    for (let k = 0; k < 4; k += 1) await check.rate(widget.getByRole('slider').nth(k), 70 + i * 5 + k);
    await widget.getByRole('button', { name: 'Next' }).click();
    if (i === 0) {
      await widget.getByLabel('New goal').fill('Sleep through the night');
      await widget.getByRole('button', { name: 'Add goal' }).click();
    }
    await check.rate(widget.getByRole('slider', { name: 'Progress on: Sleep through the night' }), 20 + i * 10);
    await widget.getByRole('button', { name: 'Next' }).click();
    await widget.getByRole('textbox').fill(`Comment ${i}`);
    await widget.getByRole('button', { name: 'Save this check' }).click();
    await widget.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
    if (i + 1 < n) {
      await widget.getByRole('button', { name: 'Finish and hand back' }).click();
      await widget.getByRole('button', { name: 'Done' }).click();
    }
  }
  const saved = () => page.evaluate(() => window.__saved);
  return { ...opened, widget, check, saved };
}

/** Types the tablet's secret into the receive panel of a phone and opens the history. */
async function openReceived(page, secret = SECRET) {
  const receive = page.locator('.ac-receive');
  await receive.getByLabel(/This history is protected/).fill(secret);
  await receive.getByRole('button', { name: 'Open' }).click();
}

/** The one-time code shown beside the QR code, as a client reads it ("K7Q X4M PA9"). */
async function oneTimeCode(scope) {
  return (await scope.locator('.ac-handover__one-time [aria-hidden="true"]').textContent()).trim();
}

/** Types a one-time code into the receive panel of a phone and opens the history. */
async function typeCode(page, code) {
  const receive = page.locator('.ac-receive');
  await receive.getByLabel(/Type the code shown beside the QR code/).fill(code);
  await receive.getByRole('button', { name: 'Open' }).click();
}

/**
 * A hand-over link made here, not by the widget (a newer version's, or a
 * hostile one): `compact` deflated and sealed with the one-time `code` as
 * the widget seals (PBKDF2-SHA256 600,000, AES-256-GCM, the content kind
 * as additional data), frame kind 3.
 */
async function sealedLink(base, compact, code) {
  const { subtle } = webcrypto;
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const material = await subtle.importKey('raw', Buffer.from(code), 'PBKDF2', false, ['deriveKey']);
  const key = await subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const data = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: Buffer.from('alliance-check.sealed/1/handover-one-time'), tagLength: 128 }, key, deflateRawSync(compact));
  const iterations = Buffer.alloc(4);
  iterations.writeUInt32BE(600000);
  const bytes = Buffer.concat([Buffer.from([3]), iterations, salt, iv, Buffer.from(data)]);
  return `${base}#alliance-check=${bytes.toString('base64url')}`;
}

/** Opens `link` on a fresh "phone" and returns it. */
async function phone(link, extra = {}) {
  const opened = await openPage(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true, ...extra });
  await opened.page.goto(link);
  await opened.page.locator('.ac').first().waitFor();
  return opened;
}

test('tablet to phone: the QR code carries the sessions and goals, merged on the phone, nothing on any server', async () => {
  const t = await tablet(3);
  // The code is sealed with the open profile's key: the tablet asks nothing more.
  assert.equal(await t.widget.getByLabel(/^Your passphrase/).count(), 0, 'no passphrase asked on the tablet');
  await t.widget.getByRole('button', { name: 'Show the code' }).click();
  const qr = t.widget.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor({ timeout: 20000 });
  assert.match(await t.widget.locator('.ac-handover__note').textContent(), /all 3 sessions/);
  const link = await scan(qr);
  assert.ok(link.startsWith(`${env.url}index.html#alliance-check=`), link.slice(0, 80));
  const bytes = Buffer.from(link.split('#alliance-check=')[1], 'base64url');
  assert.equal(bytes[0], 2, 'sealed');
  assert.ok(!bytes.includes(Buffer.from('Sleep')) && !bytes.includes(Buffer.from('Comment')) && !bytes.includes(Buffer.from(CODE)), 'nothing readable in the link');
  assert.equal(await t.widget.locator('.ac-handover__link').textContent(), link, 'the same link as text');
  assert.equal(await t.widget.locator('.ac-handover a').count(), 0, 'not a link: tapped here it would add the history to the tablet');
  assert.equal(await t.widget.getByRole('button', { name: 'Copy the link' }).count(), 0, 'nothing to paste for the next person');
  // The next person never finds it: finishing puts the code away.
  await t.widget.getByRole('button', { name: 'Finish and hand back' }).click();
  await t.widget.getByRole('heading', { name: 'Thank you. Please hand the device back.' }).waitFor();
  assert.equal(await t.widget.locator('.ac-handover__qr').count(), 0);
  assert.doesNotMatch(await t.widget.textContent(), /alliance-check=|Take it with you/);

  const p = await phone(link);
  assert.equal(new URL(p.page.url()).hash, '', 'the fragment leaves the address bar at once');
  const receive = p.page.locator('.ac-receive');
  await receive.waitFor();
  assert.equal(await p.page.evaluate(() => document.activeElement.textContent), 'A history to add', 'the panel is what the page was opened for');
  // The phone asks for the secret chosen on the tablet.
  await receive.getByLabel(/This history is protected/).waitFor();
  assert.doesNotMatch(await p.page.locator('.ac').textContent(), /Sleep|Comment/, 'nothing shown before the secret');
  await openReceived(p.page);
  await receive.getByText(/It holds 3 sessions and 1 goal\. Add them to this browser\?/).waitFor({ timeout: 20000 });
  assert.equal(await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null, 'nothing stored before the client says so');
  await receive.getByRole('button', { name: 'Add to this browser' }).click();
  // What was added is shown, with how to find it again.
  const status = p.page.getByRole('status');
  await status.getByText(/Added 3 new sessions to this browser\..*To find it again, bookmark this page/).waitFor({ timeout: 20000 });
  await p.page.getByRole('heading', { name: 'Your history' }).waitFor();
  assert.equal(await p.page.evaluate(() => document.activeElement.textContent), 'Your history');
  assert.equal(await receive.count(), 0);
  const [file] = await Promise.all([
    p.page.waitForEvent('download'),
    p.page.getByRole('button', { name: 'Download a copy (JSON)' }).click(),
  ]);
  const { readFile } = await import('node:fs/promises');
  const exported = JSON.parse(await readFile(await file.path(), 'utf8'));
  // The sessions as the tablet saved them (its history is sealed there):
  // the same ids, times and ratings, with the goal and comments as typed.
  const saved = await t.saved();
  assert.equal(saved.length, 3);
  const byId = Object.fromEntries(exported.records.map((r) => [r.id, r]));
  assert.deepEqual(Object.keys(byId).sort(), saved.map((r) => r.id).sort(), 'the same sessions');
  saved.forEach((r, i) => {
    const got = byId[r.id];
    assert.equal(got.at, r.at, `session ${i}: time`);
    assert.deepEqual(got.ratings, r.ratings, `session ${i}: ratings`);
    assert.deepEqual(got.ratings, { goals: (70 + i * 5) / 10, tasks: (71 + i * 5) / 10, bond: (72 + i * 5) / 10, overall: (73 + i * 5) / 10 }, `session ${i}: as rated`);
    assert.deepEqual(got.goals.map((g) => [g.goal, g.progress]), r.goals.map((g) => [g.goal, g.progress]), `session ${i}: goal progress`);
    assert.equal(got.goals[0].progress, (20 + i * 10) / 10);
    assert.equal(got.comment, `Comment ${i}`, `session ${i}: comment`);
  });
  assert.deepEqual(exported.goals.map((g) => [g.id, g.text, g.status]), [[saved[0].goals[0].goal, 'Sleep through the night', 'active']], 'the same goal');
  // The same code scanned again: the phone's history is now protected with
  // the same secret; once it is open, nothing new, nothing to add.
  await p.page.goto(link);
  await openReceived(p.page);
  await receive.getByText('open it below first, then add this one').waitFor({ timeout: 20000 });
  await p.page.getByLabel('Passphrase', { exact: true }).fill(SECRET);
  await p.page.getByRole('button', { name: 'Open', exact: true }).click();
  await receive.getByText('Everything in it is already in this browser.').waitFor({ timeout: 20000 });
  assert.equal(await receive.getByRole('button', { name: 'Add to this browser' }).count(), 0);
  await receive.getByRole('button', { name: 'Close' }).click();
  assert.equal(await receive.count(), 0);
  assert.deepEqual([...t.problems.offsite, ...p.problems.offsite], [], 'no request leaves 127.0.0.1');
  assert.deepEqual([...t.problems.console, ...p.problems.console], []);
  await t.context.close();
  await p.context.close();
});

test('a protected history stays encrypted on the way: the phone asks its passphrase first', async () => {
  // A client who chose a passphrase as the secret of their profile on the tablet.
  const t = await tablet(2, {}, PASS);
  await t.widget.getByRole('button', { name: 'Finish and hand back' }).click();
  await t.widget.getByRole('button', { name: 'Done' }).click();
  // Later, from the history: the profile's own key seals the code, nothing more is asked.
  await sharedProfile(t.widget, { code: CODE, secret: PASS });
  await t.widget.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
  await t.widget.getByRole('heading', { name: 'Your secret' }).waitFor();
  assert.equal(await t.widget.getByRole('button', { name: 'Protect with this passphrase' }).count(), 0, 'always sealed: nothing to turn on');
  assert.equal(await t.widget.getByLabel(/^Your passphrase/).count(), 0, 'no passphrase asked for the code');
  await t.widget.getByRole('button', { name: 'Show the code' }).click();
  const qr = t.widget.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor({ timeout: 20000 });
  const link = await scan(qr);
  const payload = link.split('#alliance-check=')[1];
  const bytes = Buffer.from(payload, 'base64url');
  assert.equal(bytes[0], 2, 'sealed');
  assert.ok(!bytes.includes(Buffer.from('Sleep')) && !bytes.includes(Buffer.from('Comment')), 'nothing readable in the link');

  const p = await phone(link);
  const receive = p.page.locator('.ac-receive');
  await receive.getByLabel(/This history is protected/).waitFor();
  assert.doesNotMatch(await p.page.locator('.ac').textContent(), /Sleep|Comment/, 'nothing shown before the passphrase');
  await receive.getByLabel(/This history is protected/).fill('not the passphrase');
  await receive.getByRole('button', { name: 'Open' }).click();
  // Said in the panel, next to the field, not in a toast over it.
  await receive.getByRole('alert').getByText('That passphrase does not fit. Nothing was added.').waitFor({ timeout: 20000 });
  assert.equal(await receive.getByLabel(/This history is protected/).getAttribute('aria-invalid'), 'true');
  assert.equal(await p.page.locator('.ac-alert').textContent(), '');
  assert.equal(await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null, 'nothing stored');
  await receive.getByLabel(/This history is protected/).fill(PASS);
  await receive.getByRole('button', { name: 'Open' }).click();
  await receive.getByText(/It holds 2 sessions and 1 goal\b/).waitFor({ timeout: 20000 });
  await receive.getByText('your history here will be protected with the same passphrase').waitFor();
  await receive.getByRole('button', { name: 'Add to this browser' }).click();
  await p.page.getByRole('status').getByText(/Added 2 new sessions.*now protected with the same passphrase/).waitFor({ timeout: 20000 });
  // Protected stays protected: stored sealed on the phone too.
  const raw = await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default'));
  assert.ok(raw && !raw.includes('Sleep') && !raw.includes('Comment'), 'nothing readable stored on the phone');
  await p.page.getByRole('heading', { name: 'Your history' }).waitFor();
  await p.page.getByRole('button', { name: 'Change passphrase' }).waitFor();
  // Reopened later: locked, and the passphrase opens it.
  await p.page.reload();
  await p.page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await p.page.getByRole('button', { name: 'Open', exact: true }).click();
  await p.page.getByRole('slider').first().waitFor({ timeout: 20000 });
  // The code scanned again while the phone's history is locked: open it first.
  await p.page.goto(link);
  await receive.getByLabel(/This history is protected/).fill(PASS);
  await receive.getByRole('button', { name: 'Open' }).click();
  await receive.getByText('open it below first, then add this one').waitFor({ timeout: 20000 });
  assert.equal(await receive.getByRole('button', { name: 'Add to this browser' }).count(), 0);
  await p.page.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await p.page.getByRole('button', { name: 'Open', exact: true }).click();
  await receive.getByText('Everything in it is already in this browser.').waitFor({ timeout: 20000 });
  await t.context.close();
  await p.context.close();
});

test('a long history: the code carries the goals and the newest sessions that fit, and says so on both sides', async () => {
  // 200 weekly sessions with a comment each, seeded as a client's laptop holds them.
  const start = Date.UTC(2022, 0, 3, 16);
  const goal = { id: 'g0-00000000000000aa', text: 'Sleep through the night', status: 'active', created: new Date(start).toISOString(), changed: new Date(start).toISOString() };
  const records = Array.from({ length: 200 }, (_, i) => {
    const t = start + i * 7 * 86_400_000;
    return {
      id: `${t.toString(36)}-${(0x9e3779b97f4a7c15n * BigInt(i + 1) % (1n << 64n)).toString(16).padStart(16, '0')}`,
      at: new Date(t).toISOString(),
      instrument: { id: 'alliance-check.default', version: 1 },
      ratings: { bond: (i * 7) % 11, goals: (i * 3) % 11, overall: 5 + (i % 6), tasks: (i * 5) % 11 },
      goals: [{ goal: goal.id, text: goal.text, progress: i % 11 }],
      comment: `Session ${i}: more time for the exercise, please.`,
    };
  });
  const doc = { schema: 2, goals: [goal], records, goal_intro_done: true };
  const laptop = await openPage(env, { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
  await laptop.page.goto(env.url + 'practice-page.html');
  await laptop.page.evaluate((text) => localStorage.setItem('alliance-check:doc:default', text), JSON.stringify(doc));
  const check = new CheckPage(laptop.page);
  await check.open(env.url + 'index.html');
  await check.nav('History').click();
  await laptop.page.getByRole('button', { name: 'Show the code' }).click();
  const qr = laptop.page.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor();
  const note = await laptop.page.locator('.ac-handover__note').textContent();
  const [, carried] = note.match(/the last (\d+) of 200 sessions/) ?? [];
  assert.ok(Number(carried) >= 20 && Number(carried) < 200, note);
  // A full code (version 40), read at one device pixel per CSS pixel.
  const link = await scan(qr);
  assert.ok(link.length <= 2953, `${link.length} characters fit one code`);
  // No passphrase here: a one-time code beside the QR code seals it.
  const code = await oneTimeCode(laptop.page);
  assert.equal(await laptop.page.locator('.ac-handover__link').textContent(), link);
  // On a personal device the link can be copied, to send it to oneself.
  await laptop.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await laptop.page.getByRole('button', { name: 'Copy the link' }).click();
  await laptop.page.getByRole('status').getByText('The link is copied.').waitFor();
  assert.equal(await laptop.page.evaluate(() => navigator.clipboard.readText()), link);
  await laptop.context.close();

  const p = await phone(link);
  const receive = p.page.locator('.ac-receive');
  await typeCode(p.page, code);
  await receive.getByRole('button', { name: 'Add to this browser' }).waitFor({ timeout: 20000 });
  assert.match(await receive.textContent(), new RegExp(`It holds ${carried} sessions and 1 goal\\..*\\(The last ${carried} of 200 sessions\\.\\)`));
  await receive.getByRole('button', { name: 'Add to this browser' }).click();
  await p.page.getByRole('status').getByText(new RegExp(`${carried} new sessions`)).waitFor();
  const stored = await p.page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  assert.deepEqual(stored.records.map((r) => r.id).sort(), records.slice(-carried).map((r) => r.id).sort(), 'the newest ones');
  assert.equal(stored.records.find((r) => r.id === records[199].id).comment, records[199].comment, 'comments travel too');
  await p.context.close();
});

test('a truncated or tampered link gets a message and stores nothing; a foreign fragment is left alone', async () => {
  // From the client's own laptop (no passphrase: a one-time code seals it),
  // and from a shared tablet (the client's secret seals it). A cut or
  // changed link opens nothing even with the right code: AES-GCM
  // authenticates every byte, so no altered history can come through.
  const laptop = await openPage(env, { viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
  const lcheck = new CheckPage(laptop.page);
  await lcheck.open(env.url);
  await lcheck.quickCheck(80, { goal: 'Sleep through the night', comment: 'Comment 0' });
  await lcheck.nav('History').click();
  await laptop.page.getByRole('button', { name: 'Show the code' }).click();
  const link = await scan(laptop.page.getByRole('img', { name: 'QR code with your history' }));
  const code = await oneTimeCode(laptop.page);
  await laptop.context.close();
  const t = await tablet(1);
  await t.widget.getByRole('button', { name: 'Show the code' }).click();
  const sealed = await scan(t.widget.getByRole('img', { name: 'QR code with your history' }));
  await t.context.close();
  const cases = [];
  for (const [from, full, open] of [['one-time', link, (page) => typeCode(page, code)], ['sealed', sealed, (page) => openReceived(page)]]) {
    const [base, payload] = full.split('#alliance-check=');
    const mid = Math.floor(payload.length / 2);
    const flipped = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);
    cases.push([`${from}, truncated`, `${base}#alliance-check=${payload.slice(0, payload.length - 12)}`, open]);
    cases.push([`${from}, tampered`, `${base}#alliance-check=${flipped}`, open]);
  }
  for (const [what, bad, open] of cases) {
    const ph = await phone(bad);
    const receive = ph.page.locator('.ac-receive');
    // Either refused at once, or asked for its code first (the cipher alone can tell).
    await ph.page.locator('.ac-receive input, .ac-alert p').first().waitFor();
    if (await receive.locator('input').count()) {
      await open(ph.page);
      await receive.getByRole('alert').getByText(/Nothing was added/).waitFor({ timeout: 20000 });
    } else {
      assert.match(await ph.page.locator('.ac-alert').textContent(), /This link could not be used: it is damaged or incomplete/, what);
    }
    assert.equal(await ph.page.getByRole('button', { name: 'Add to this browser' }).count(), 0, `${what}: nothing to add`);
    assert.doesNotMatch(await ph.page.locator('.ac').textContent(), /Comment|Sleep/, `${what}: nothing shown`);
    assert.equal(await ph.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null, `${what}: nothing stored`);
    await ph.context.close();
  }
  const [base] = link.split('#alliance-check=');
  // A link in clear, as earlier versions made them: refused, whatever it holds.
  const clear = Buffer.concat([Buffer.from([1]), deflateRawSync(Buffer.from('[1,"default",0,[],[],[]]'))]).toString('base64url');
  const old = await phone(`${base}#alliance-check=${clear}`);
  await old.page.locator('.ac-alert').getByText('This link could not be used: it was made by an earlier version of this check; reload that page and make a new code. Nothing was added.').waitFor();
  await old.context.close();
  const p = await phone(`${base}#contact`);
  assert.equal(new URL(p.page.url()).hash, '#contact', "the host page's own anchor stays");
  assert.equal(await p.page.locator('.ac-alert').textContent(), '');
  await p.context.close();
});

test('without a passphrase the link is sealed by a one-time code shown beside it: the link alone reveals nothing', async () => {
  const laptop = await openPage(env, { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 });
  const check = new CheckPage(laptop.page);
  await check.open(env.url);
  await check.quickCheck(80, { goal: 'Sleep through the night', comment: 'I felt judged today' });
  await check.nav('History').click();
  await laptop.page.getByRole('button', { name: 'Show the code' }).click();
  const qr = laptop.page.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor({ timeout: 20000 });
  const link = await scan(qr);
  const bytes = Buffer.from(link.split('#alliance-check=')[1], 'base64url');
  assert.equal(bytes[0], 3, 'sealed with a one-time code');
  assert.ok(!bytes.includes(Buffer.from('Sleep')) && !bytes.includes(Buffer.from('judged')), 'nothing readable in the link');
  const code = await oneTimeCode(laptop.page);
  assert.match(code, /^[2-9ACDEFGHJKMNPQRTUWXY]{3} [2-9ACDEFGHJKMNPQRTUWXY]{3} [2-9ACDEFGHJKMNPQRTUWXY]{3}$/, 'nine characters without look-alikes, grouped');
  assert.ok(!link.includes(code.replaceAll(' ', '')), 'the code is not in the link');
  const box = await laptop.page.locator('.ac-handover__one-time').boundingBox();
  assert.ok(box && box.y + box.height <= 768, 'the code is in view beside the QR code');
  await laptop.page.getByText('Your phone will ask for this code. Type it there:').waitFor();
  // A new code each time the code is shown.
  await laptop.page.getByRole('button', { name: 'Hide the code' }).click();
  await laptop.page.getByRole('button', { name: 'Show the code' }).click();
  await qr.waitFor({ timeout: 20000 });
  assert.notEqual(await oneTimeCode(laptop.page), code, 'one-time');
  await laptop.context.close();

  const { axeViolations } = await import('./harness.mjs');
  const p = await phone(link, { bypassCSP: true });
  const receive = p.page.locator('.ac-receive');
  const field = receive.getByLabel(/Type the code shown beside the QR code/);
  await field.waitFor();
  assert.doesNotMatch(await p.page.locator('.ac').textContent(), /Sleep|judged/, 'nothing shown before the code');
  assert.deepEqual(await axeViolations(p.page), [], 'the code asked on the phone');
  await typeCode(p.page, 'ABC DEF GHJ');
  await receive.getByRole('alert').getByText('That code does not fit. Check it on the other screen. Nothing was added.').waitFor({ timeout: 20000 });
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await typeCode(p.page, 'ABC-DEF-GH0');
  await receive.getByRole('alert').getByText(/That code does not fit/).waitFor();
  assert.equal(await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null, 'nothing stored');
  // Typed as people type: lower case, no spaces.
  await typeCode(p.page, code.replaceAll(' ', '').toLowerCase());
  await receive.getByText(/It holds 1 session and 1 goal\b/).waitFor({ timeout: 20000 });
  assert.equal(await receive.getByText(/protected with the same passphrase/).count(), 0, 'a one-time code protects nothing here');
  await receive.getByRole('button', { name: 'Add to this browser' }).click();
  await p.page.getByRole('status').getByText(/Added 1 new session to this browser/).waitFor({ timeout: 20000 });
  const stored = await p.page.evaluate(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
  assert.equal(stored.records[0].comment, 'I felt judged today');
  assert.deepEqual(p.problems.console, []);
  await p.context.close();
});

test('a link from a newer version says so; one that inflates past the limit is refused, the history kept, the widget alive', async () => {
  const p = await phone(`${env.url}index.html`);
  const check = new CheckPage(p.page);
  await check.quickCheck(70, { comment: 'Kept' });
  const before = await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default'));
  assert.ok(before && before.includes('Kept'));
  // A newer compact form, whatever its shape: the version is read first.
  const newer = await sealedLink(`${env.url}index.html`, Buffer.from('[2,{"sessions":[],"more":"a shape this version cannot read"}]'), 'ACDEFGHJK');
  await p.page.goto(newer);
  await typeCode(p.page, 'acd efg hjk');
  await p.page.locator('.ac-alert').getByText('This link could not be used: it was made by a newer version of this check. Nothing was added.').waitFor({ timeout: 20000 });
  // 2 MiB of spaces deflate to about 2 KB: a link as short as a real one.
  const bomb = await sealedLink(`${env.url}index.html`, Buffer.alloc(2 * 1024 * 1024, 0x20), 'ACDEFGHJK');
  assert.ok(bomb.length < 4096, `${bomb.length} characters`);
  await p.page.goto(bomb);
  await typeCode(p.page, 'ACDEFGHJK');
  await p.page.locator('.ac-alert').getByText('This link could not be used: it is larger than any code this check makes. Nothing was added.').waitFor({ timeout: 20000 });
  assert.equal(await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), before, 'the history here as it was');
  // Still alive: the history opens and shows the session.
  await check.nav('History').click();
  await p.page.getByRole('heading', { name: 'Your history' }).waitFor();
  await p.page.getByText('Kept').first().waitFor();
  // Longer than any code carries: refused before anything is read.
  await p.page.goto(`${env.url}index.html#alliance-check=${'A'.repeat(5000)}`);
  await p.page.locator('.ac-alert').getByText(/This link could not be used: it is larger than any code/).waitFor();
  assert.deepEqual(p.problems.console, []);
  await p.context.close();
});

test('a link for another code names it and asks before it goes into the profile open here', async () => {
  const p = await phone(`${env.url}index.html`);
  // A page where profiles are opened by code.
  await p.page.route('**/codes.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="alliance-check.css"><script type="module" src="embed.js"></script></head><body><main><div data-alliance-check data-profiles="codes"></div></main></body></html>',
  }));
  const at = Date.now() - 3_600_000;
  const compact = JSON.stringify([1, 'fox-7', 1, [['alliance-check.default', 1, ['bond', 'goals', 'overall', 'tasks']]], [], [['~0123456789abcdef', at, 0, [70, 80, 90, 60], [], 'From the fox profile', null]]]);
  await p.page.goto(await sealedLink(`${env.url}codes.html`, Buffer.from(compact), 'ACDEFGHJK'));
  await typeCode(p.page, 'ACDEFGHJK');
  const receive = p.page.locator('.ac-receive');
  await receive.getByText(/It holds 1 session/).waitFor({ timeout: 20000 });
  // The client opens another profile, "owl", before adding.
  await p.page.getByLabel(/code/i).first().fill('owl');
  await p.page.getByRole('button', { name: /^Open/ }).first().click();
  await p.page.getByRole('button', { name: 'Start a new profile “owl”' }).click();
  await receive.getByText('It comes from the profile “fox-7”. The profile open here is “owl”: it would be added there.').waitFor({ timeout: 20000 });
  await receive.getByRole('button', { name: 'Add to “owl”' }).click();
  await p.page.getByRole('status').getByText(/Added 1 new session/).waitFor({ timeout: 20000 });
  await p.context.close();
});

test('the fragment leaves the address bar and the history entry before the WebAssembly arrives', async () => {
  const opened = await openPage(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { context, page } = opened;
  // Hold the wasm back: what the client sees on a slow line.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route(/alliance_check_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.url}index.html#alliance-check=AQID`);
  // Gone while the wasm is still held back.
  await page.waitForFunction(() => location.hash === '' && !location.href.includes('alliance-check='), null, { timeout: 10000 });
  assert.equal(await page.locator('[data-ac-first]').count(), 1, 'the widget has not taken over yet');
  release();
  // The widget still gets it, and says it cannot be used.
  await page.locator('.ac-alert').getByText(/This link could not be used/).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null);
  await context.close();
});

test('on a shared screen the hand-over replaces downloads and import, unless the host turns them on', async () => {
  const { context, page } = await openPage(env);
  await page.goto(env.url + 'practice-page.html');
  for (const [id, options, shown] of [['off', {}, 0], ['on', { sharedDownloads: 'on' }, 1]]) {
    const widget = await mountExtra(page, `w-${id}`, { namespace: `dl-${id}`, mode: 'shared', ...options });
    await sharedProfile(widget, { code: `client-${id}`, isNew: true });
    await widget.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'History' }).click();
    assert.equal(await widget.getByRole('button', { name: 'Download a copy (JSON)' }).count(), shown, id);
    assert.equal(await widget.getByText('Import a copy (JSON file)').count(), shown, id);
    assert.equal(await widget.locator('.ac-handover').count(), 1, `${id}: the hand-over is there`);
    // Always sealed with the client's secret: no protection switch, so no backup button before it.
    assert.equal(await widget.getByRole('heading', { name: 'Your secret' }).count(), 1, `${id}: the secret note`);
    assert.equal(await widget.getByRole('button', { name: 'Download a copy first (JSON)' }).count(), 0, `${id}: no protection's backup button`);
    if (!shown) assert.doesNotMatch(await widget.locator('.ac-data').textContent(), /[Dd]ownload/, 'nothing speaks of files');
    // Nothing saved yet: nothing to take.
    assert.match(await widget.locator('.ac-handover').textContent(), /Once you have saved a check/);
  }
  await context.close();
});

test('on the client\'s own device: persistent storage is asked for after the first save, and its answer shown', async () => {
  const { context, page } = await openPage(env);
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.quickCheck(80);
  await check.nav('History').click();
  const line = page.getByText(/This browser (has agreed to keep your history|may delete your history)/);
  await line.waitFor();
  const asked = await page.evaluate(() => navigator.storage.persisted());
  assert.match(await line.textContent(), asked ? /has agreed/ : /may delete/, 'the line says what the browser answered');
  await context.close();
});

test('axe and keyboard: the code on the tablet, and the passphrase and preview on the phone', async () => {
  const { axeViolations } = await import('./harness.mjs');
  // Two sessions: a sealed link long enough that its text scrolls in its box.
  const t = await tablet(2, { bypassCSP: true });
  const active = () => t.page.evaluate(() => `${document.activeElement.className} ${document.activeElement.textContent.slice(0, 20)}`);
  await t.widget.getByRole('button', { name: 'Show the code' }).focus();
  await t.page.keyboard.press('Enter');
  const qr = t.widget.getByRole('img', { name: 'QR code with your history' });
  await qr.waitFor();
  assert.match(await active(), /^ac-handover__shown/, 'focus moves to the code, not to the page');
  assert.ok(await qr.evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight), 'the code is in view');
  assert.deepEqual(await axeViolations(t.page), [], 'the code shown');
  await t.widget.getByRole('button', { name: 'Hide the code' }).click();
  assert.match(await active(), /Show the code/, 'and back to the button');
  await t.widget.getByRole('button', { name: 'Show the code' }).click();
  await qr.waitFor();
  const link = await scan(qr);
  await t.context.close();
  const p = await phone(link, { bypassCSP: true });
  await p.page.locator('.ac-receive').getByLabel(/This history is protected/).waitFor();
  assert.deepEqual(await axeViolations(p.page), [], 'the secret asked on the phone');
  await openReceived(p.page, 'not the secret');
  await p.page.locator('.ac-receive').getByRole('alert').getByText('That passphrase does not fit. Nothing was added.').waitFor({ timeout: 20000 });
  assert.deepEqual(await axeViolations(p.page), [], 'a secret that does not fit');
  await openReceived(p.page);
  await p.page.locator('.ac-receive').getByRole('button', { name: 'Add to this browser' }).waitFor({ timeout: 20000 });
  assert.deepEqual(await axeViolations(p.page), [], 'the preview');
  await p.page.getByRole('button', { name: "Don't add" }).click();
  await p.page.getByRole('status').getByText('Nothing was added. To add it later, scan the code again.').waitFor();
  assert.equal(await p.page.evaluate(() => document.activeElement.tagName), 'H3', 'focus to the heading of what is shown');
  assert.equal(await p.page.evaluate(() => localStorage.getItem('alliance-check:doc:default')), null);
  await p.context.close();
});

test('the hand-over address must be https: or this page\'s own origin; any other is refused with a warning naming it', async () => {
  for (const [address, expected, warned] of [
    ['http://example.org/check', `${env.url}address.html#alliance-check=`, true],
    ['https://example.org/check?from=qr', 'https://example.org/check?from=qr#alliance-check=', false],
    ['index.html', `${env.url}index.html#alliance-check=`, false],
  ]) {
    const { context, page, problems } = await openPage(env, { viewport: { width: 1024, height: 900 }, deviceScaleFactor: 2 });
    const warnings = [];
    page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    await page.route('**/address.html', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="alliance-check.css"><script type="module" src="embed.js"></script></head><body><main><div data-alliance-check data-handover-url="${address}"></div></main></body></html>`,
    }));
    const check = new CheckPage(page);
    await check.open(`${env.url}address.html`);
    await check.quickCheck(80);
    await check.nav('History').click();
    await page.getByRole('button', { name: 'Show the code' }).click();
    const link = await scan(page.getByRole('img', { name: 'QR code with your history' }));
    assert.ok(link.startsWith(expected), `${address}: ${link.slice(0, 60)}`);
    const named = warnings.filter((w) => w.includes(`data-handover-url "${address}" is refused`));
    assert.equal(named.length > 0, warned, `${address}: ${warnings.join(' | ')}`);
    assert.deepEqual(problems.console, []);
    await context.close();
  }
});
