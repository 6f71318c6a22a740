// The client owns the data: export (JSON validated against the published
// schema, CSV, printed summary), import with preview, and the fault matrix.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { CheckPage } from './check_page.mjs';
import { openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOC_KEY = 'alliance-check:doc:default';

/** Clicks `name` and returns the downloaded file's name and text. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), bytes: await readFile(path) };
}

/** Chooses a file (given as text) in the import field. */
async function importText(page, text, name = 'copy.json') {
  await page.getByLabel('Import a copy (JSON file)').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function withHistory(env, sessions) {
  const opened = await openPage(env, { acceptDownloads: true });
  const check = new CheckPage(opened.page);
  await check.open(env.url);
  for (const [tenths, comment] of sessions) await check.quickCheck(tenths, { comment });
  await check.nav('History').click();
  return { ...opened, check };
}

test('JSON export: complete, pretty, named by profile and date, valid against the published schema', async () => {
  const { context, page, problems } = await withHistory(env, [[80], [91, 'More time for homework, please.']]);
  assert.match(await page.locator('.ac-data').textContent(), /No copy downloaded yet/);
  assert.match(await page.locator('.ac-data').textContent(), /time to download a copy/, 'reminded while never exported');
  const file = await download(page, 'Download a copy (JSON)');
  assert.match(file.name, /^alliance-check-default-\d{4}-\d{2}-\d{2}\.json$/);
  assert.match(file.text, /^\{\n {2}"format": "alliance-check\.export",\n/);
  const data = JSON.parse(file.text);
  assert.equal(data.records.length, 2);
  assert.deepEqual(data.instruments, [{ id: 'alliance-check.default', version: 1 }]);
  const schema = JSON.parse(await readFile(`${ROOT}dist/schema/alliance-check-export.schema.json`, 'utf8'));
  const ajv = new Ajv2020({ allErrors: true });
  const validate = ajv.compile(schema);
  assert.ok(validate(data), JSON.stringify(validate.errors));
  // The schema is not a rubber stamp: a broken export fails it.
  data.records[0].ratings.goals = 11;
  assert.equal(validate(data), false);
  await page.getByText(/^Last downloaded: /).waitFor();
  assert.doesNotMatch(await page.locator('.ac-data').textContent(), /time to download a copy/);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), DOC_KEY);
  assert.ok(stored.last_exported);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('CSV export: BOM, quoted fields, one row per session, formulas neutralised', async () => {
  const { context, page } = await withHistory(env, [[74, '=HYPERLINK("http://x")'], [95, 'Fine, "really"']]);
  const file = await download(page, 'Download for a spreadsheet (CSV)');
  assert.match(file.name, /^alliance-check-default-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.deepEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const lines = file.text.replace(/^\ufeff/, '').split('\r\n');
  assert.equal(lines[0], '"Date","Time (UTC)","Questionnaire","What we focused on","How we worked","Our connection","The session as a whole","Comment"');
  assert.equal(lines.length, 4, 'header, two sessions, trailing line end');
  assert.match(lines[1], /,"7\.4","7\.4","7\.4","7\.4","'=HYPERLINK\(""http:\/\/x""\)"$/);
  assert.match(lines[2], /,"Fine, ""really"""$/);
  await context.close();
});

test('printed summary: at most two pages with charts, table, what was worth talking about and goals, no buttons', async () => {
  const opened = await openPage(env);
  const { context, page } = opened;
  const check = new CheckPage(page);
  await check.open(env.url);
  await check.addGoal('Sleep through the night');
  for (const t of [70, 85, 93]) {
    await check.rateScales([t, t, t, t]);
    await check.next();
    const partly = page.getByRole('radio', { name: 'Partly' });
    if (await partly.count()) await partly.check();
    await check.rate(check.sliders().first(), t - 20);
    await page.getByLabel('Small step for the coming week (optional)').fill(`Step after ${t}`);
    await check.next();
    await check.save();
    await check.button('Start a new check').click();
  }
  await check.nav('History').click();
  const dir = await mkdtemp(join(tmpdir(), 'ac-print-'));
  const pdf = join(dir, 'summary.pdf');
  await writeFile(pdf, await page.pdf({ format: 'A4' }));
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info, /^Pages:\s+[12]$/m, 'two pages at most');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  // A report of its own: title, date range, print date; charts with dates;
  // goals with their progress and small steps; the recent sessions.
  const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date());
  for (const expected of ['Session check: summary', `3 sessions, ${today} to ${today}`, `Printed ${today}`,
    'How we worked', 'Saved sessions, newest first (3)', 'Sleep through the night', 'latest progress 7.3',
    'Next small step: Step after 93', 'Small step “Step after 70”', 'Partly', '9.3', '7.0',
    'Worth talking about', 'Higher than last time']) {
    assert.ok(text.includes(expected), `printed text has ${expected}`);
  }
  const shortDate = new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short' }).format(new Date());
  assert.ok(text.includes(shortDate), `the charts name their dates (${shortDate})`);
  for (const absent of ['Download', 'Delete', 'Import', 'History\n', "How was today's session?", 'English', 'Your history']) {
    assert.ok(!text.includes(absent), `printed text has no ${JSON.stringify(absent)}`);
  }
  await context.close();
});

test('import: preview before writing, merge without duplicates, markup stays text', async () => {
  const a = await withHistory(env, [[60, '<img src=x onerror="window.pwned=1">'], [70]]);
  const exported = await download(a.page, 'Download a copy (JSON)');
  await a.context.close();

  const { context, page, problems } = await withHistory(env, [[90]]);
  await importText(page, exported.text);
  await page.getByText('The file holds 2 sessions: 2 new, 0 corrected, and 0 new goals.').waitFor();
  assert.equal((await new CheckPage(page).historyRows()).length, 1, 'nothing written before confirming');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported 2 new sessions.').waitFor();
  const rows = await new CheckPage(page).historyRows();
  assert.equal(rows.length, 3);
  assert.ok(rows.some((r) => r.includes('<img src=x onerror="window.pwned=1">')), 'markup shown as text');
  assert.equal(await page.locator('.ac img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // The same file again adds nothing.
  await importText(page, exported.text);
  await page.getByText('Everything in this file is already here.').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  assert.equal((await new CheckPage(page).historyRows()).length, 3);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), DOC_KEY);
  assert.equal(new Set(stored.records.map((r) => r.id)).size, 3);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('import refuses bad files with a message naming what is wrong, and writes nothing', async () => {
  const { context, page } = await withHistory(env, [[80]]);
  const good = (await download(page, 'Download a copy (JSON)')).text;
  const before = await page.evaluate((k) => localStorage.getItem(k), DOC_KEY);
  const parsed = JSON.parse(good);
  const dup = { ...parsed, records: [parsed.records[0], parsed.records[0]] };
  const cases = [
    ['not JSON', 'hello, this is not json', /not a JSON file, or it is damaged/],
    ['wrong shape', JSON.stringify({ hello: 'world' }), /not a copy made by this check/],
    ['newer version', good.replace('"schema": 2', '"schema": 9'), /newer version of this check \(format 9\)/],
    ['unknown version', good.replace('"schema": 2', '"schema": 1'), /unknown format version \(1\)/],
    ['deeply nested', `{"format":"alliance-check.export","schema":2,"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, /damaged: unknown field `x`/],
    ['deeply nested, bare', '['.repeat(50_000) + ']'.repeat(50_000), /not a copy made by this check/],
    ['duplicate ids', JSON.stringify(dup), /cannot be imported: two sessions share the id/],
    // Corrected at the end of 9999: it could never be corrected again.
    ['a time far ahead', JSON.stringify({ ...parsed, records: [{ ...parsed.records[0], edited: '9999-12-31T23:59:59.999Z' }] }), /cannot be imported: it holds a time more than a day ahead of this device's clock \(.*9999.*\); check the clock/],
    ['a deletion far ahead', JSON.stringify({ ...parsed, records: [], deleted: { [parsed.records[0].id]: '9999-12-31T23:59:59.999Z' } }), /cannot be imported: it holds a time more than a day ahead/],
    ['a 100,001-character goal', JSON.stringify({ ...parsed, goals: [{ id: 'g1', text: 'x'.repeat(100_001), status: 'active', created: parsed.records[0].at, changed: parsed.records[0].at }] }), /cannot be imported: a goal is empty or longer than 200 characters/],
    ['a scale the default instrument does not have', JSON.stringify({ ...parsed, records: [{ ...parsed.records[0], ratings: { ...parsed.records[0].ratings, mood: 5 } }] }), /cannot be imported: session .* rates "mood", which alliance-check.default 1 does not have/],
    ['bad rating', good.replace(/"goals": 8(\.0)?/, '"goals": 42'), /damaged: .*outside 0 to 10/],
    ['oversized', ' '.repeat(5 * 1024 * 1024 + 1), /too large \(5\.0 MB; the limit is 5\.0 MB\)/],
  ];
  for (const [name, text, expected] of cases) {
    await importText(page, text);
    // The last file's message stays until this one is read: wait for this one's.
    const said = await page.locator('.ac-alert').filter({ hasText: expected }).waitFor({ timeout: 10000 }).then(() => true, () => false);
    assert.ok(said, `${name}: ${expected} in ${await page.locator('.ac-alert').allTextContents()}`);
    assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).count(), 0, `${name}: no preview`);
    await page.getByRole('button', { name: 'Download a copy (JSON)' }).focus();
  }
  await page.getByRole('button', { name: 'Download for a spreadsheet (CSV)' }).click();
  const after = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), DOC_KEY);
  assert.deepEqual(after.records, JSON.parse(before).records, 'nothing half-imported');
  await context.close();
});

test('an import that removes sessions says so, with the days, before anything happens', async () => {
  // A genuine copy from another device where two of these sessions were
  // deleted: it holds no sessions, only the deletions.
  const { context, page, problems } = await withHistory(env, [[50, 'first'], [60, 'second'], [70, 'third']]);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), DOC_KEY);
  const [one, two] = stored.records;
  const day = (ms) => new Date(ms).toLocaleDateString('en', { day: 'numeric', month: 'short' });
  // Deleted there after these sessions were saved (an older tombstone
  // would remove nothing).
  const t1 = Date.now() + 1000;
  const t2 = Date.now() + 60_000;
  const file = {
    format: 'alliance-check.export', schema: 2, exported_at: new Date().toISOString(), profile: 'default',
    instruments: [], goals: [], records: [],
    deleted: { [one.id]: new Date(t1).toISOString(), [two.id]: new Date(t2).toISOString() },
  };
  await importText(page, JSON.stringify(file));
  const preview = page.locator('.ac-confirm--import');
  // The days the sessions were saved, so the client knows which they are.
  await preview.getByText(`It also removes 2 sessions here, deleted on another device (${day(Date.parse(one.at))}, ${day(Date.parse(two.at))}).`).waitFor();
  assert.equal(await page.getByText('Everything in this file is already here.').count(), 0, 'not "already here"');
  assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).count(), 0, 'the button says what it does');
  assert.equal((await new CheckPage(page).historyRows()).length, 3, 'nothing removed before confirming');
  await page.getByRole('button', { name: 'Import and remove 2 sessions' }).click();
  await page.getByRole('status').getByText('Imported 0 new sessions. Removed 2 sessions deleted on another device.').waitFor();
  const rows = await new CheckPage(page).historyRows();
  assert.equal(rows.length, 1);
  assert.ok(rows[0].includes('third'));
  // The same file again: now nothing would change.
  await importText(page, JSON.stringify(file));
  await page.getByText('Everything in this file is already here.').waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('import never replaces a corrected session with an older copy', async () => {
  const { context, page } = await withHistory(env, [[50]]);
  const older = (await download(page, 'Download a copy (JSON)')).text;
  await page.getByRole('button', { name: /^Correct the session of/ }).click();
  await new CheckPage(page).rate(page.getByRole('slider').first(), 99);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByText('The correction was saved.').waitFor();
  await importText(page, older);
  await page.getByText('Everything in this file is already here.').waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  assert.equal((await new CheckPage(page).historyRows())[0][1], '9.9');
  await context.close();
});

for (const errorName of ['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']) {
  test(`storage full on save (${errorName}): not claimed, answers kept, copy offered`, async () => {
    const { context, page } = await openPage(env, { acceptDownloads: true });
    await page.addInitScript((name) => {
      const real = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key.includes(':doc:')) throw new DOMException('full', name);
        return real.call(this, key, value);
      };
    }, errorName);
    const check = new CheckPage(page);
    await check.open(env.url);
    await check.rateScales([88, 77, 66, 55]);
    await check.next();
    // Skipping the first goal cannot be stored either: the check still
    // moves on, and says so.
    await page.getByRole('button', { name: 'Skip for now' }).click();
    assert.equal(await check.heading().textContent(), 'Anything to add? Then save');
    assert.match(await page.locator('.ac-alert').textContent(), /could not be stored on this device \(The browser's storage is full.*nothing you typed is lost/);
    await page.getByRole('textbox').fill('keep me');
    await check.button('Save this check').click();
    await page.locator('.ac-alert').filter({ hasText: 'not saved' }).waitFor();
    assert.match(await page.locator('.ac-alert').textContent(), /storage is full, so this was not saved.*answers are still here/);
    assert.equal(await page.getByRole('heading', { name: 'Saved. Thank you.' }).count(), 0, 'success never claimed');
    assert.equal(await page.getByRole('heading', { name: 'Anything to add? Then save' }).count(), 1, 'still on the review');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download a copy that includes this check' }).click(),
    ]);
    const data = JSON.parse(await readFile(await file.path(), 'utf8'));
    assert.equal(data.records.length, 1);
    assert.equal(data.records[0].comment, 'keep me');
    assert.equal(data.records[0].ratings.tasks, 7.7);
    await context.close();
  });
}

test('corrupt storage: kept under a quarantine key, offered as a download, never overwritten silently', async () => {
  const { context, page } = await openPage(env, { acceptDownloads: true });
  const garbage = '{"schema":2,"records":[{"id":"x", truncated';
  await page.addInitScript(([key, text]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, text);
      sessionStorage.setItem('seeded', '1');
    }
  }, [DOC_KEY, garbage]);
  const check = new CheckPage(page);
  await check.open(env.url);
  await page.getByText(/Your saved history could not be read/).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  const quarantine = keys.find((k) => k.startsWith('alliance-check:quarantine:default:'));
  assert.ok(quarantine, `a quarantine key among ${keys}`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY), garbage, 'the original is untouched on load');
  const [file] = await Promise.all([page.waitForEvent('download'), check.button('Download the unreadable text').click()]);
  assert.equal(await readFile(await file.path(), 'utf8'), garbage);
  await check.quickCheck(80);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), quarantine), garbage, 'still kept after a new save');
  await context.close();
});

test('a newer schema in storage: explained, read-only, never written', async () => {
  const { context, page } = await openPage(env);
  const newer = JSON.stringify({ schema: 99, records: [], future: { anything: true } });
  await page.addInitScript(([key, text]) => localStorage.setItem(key, text), [DOC_KEY, newer]);
  const check = new CheckPage(page);
  await check.open(env.url);
  await page.getByText(/saved by a newer version of this check \(format 99\)/).waitFor();
  await check.rateScales([90, 90, 90, 90]);
  await check.next();
  await check.next();
  await check.next();
  await check.button('Save this check').click();
  await page.locator('.ac-alert p').waitFor();
  assert.match(await page.locator('.ac-alert').textContent(), /newer version.*will not change it/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY), newer);
  await context.close();
});

test('two tabs: both saves survive, and the other tab updates itself', async () => {
  const { context, page, problems } = await openPage(env);
  const other = await context.newPage();
  const [one, two] = [new CheckPage(page), new CheckPage(other)];
  await one.open(env.url);
  await two.open(env.url);
  await two.nav('History').click();
  await one.quickCheck(81);
  await other.getByText('Your history was changed in another tab').waitFor();
  assert.equal((await two.historyRows()).length, 1, 'the other tab shows the new session');
  await two.nav("Today's check").click();
  await two.quickCheck(72);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), DOC_KEY);
  assert.deepEqual(stored.records.map((r) => r.ratings.bond).sort(), [7.2, 8.1]);
  await one.nav('History').click();
  assert.equal((await one.historyRows()).length, 2);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('FHIR R4 export: a collection Bundle that an independent validator (fhir.resources) accepts', async () => {
  const { context, page, problems } = await withHistory(env, [[80], [91, 'More time for homework, <b>please</b>.']]);
  const file = await download(page, 'Download for clinics (FHIR)');
  assert.match(file.name, /^alliance-check-default-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
  const bundle = JSON.parse(file.text);
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  const [questionnaire, ...responses] = bundle.entry.map((e) => e.resource);
  assert.equal(questionnaire.resourceType, 'Questionnaire');
  assert.deepEqual(questionnaire.item.filter((i) => i.linkId.startsWith('scale.')).map((i) => i.linkId), ['scale.goals', 'scale.tasks', 'scale.bond', 'scale.overall']);
  assert.equal(responses.length, 2);
  const answer = (r, id) => r.item.find((i) => i.linkId === id)?.answer[0];
  assert.deepEqual(answer(responses[1], 'scale.bond'), { valueDecimal: 9.1 });
  assert.deepEqual(answer(responses[1], 'comment'), { valueString: 'More time for homework, <b>please</b>.' });
  assert.match(responses[0].authored, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  // The independent validator, on the file as downloaded.
  const dir = await mkdtemp(join(tmpdir(), 'fhir-'));
  const path = join(dir, file.name);
  await writeFile(path, file.bytes);
  const python = `${ROOT}.venv/bin/python`;
  const validator = `${ROOT}tests/fhir/validate.py`;
  const out = execFileSync(python, [validator, path, '--expect-responses', '2'], { encoding: 'utf8' });
  assert.match(out, /valid FHIR R4 Bundle: 1 Questionnaire, 2 QuestionnaireResponse/);
  // The validator can fail: a damaged copy of the same file is refused.
  bundle.entry[1].resource.authored = 'yesterday';
  await writeFile(path, JSON.stringify(bundle));
  assert.throws(() => execFileSync(python, [validator, path], { encoding: 'utf8', stdio: 'pipe' }));
  assert.match(execFileSync(python, [validator, '--self-test'], { encoding: 'utf8' }), /self-test passed/);
  await page.getByText(/^Downloaded alliance-check-default-.*\.fhir\.json\.$/).waitFor();
  assert.deepEqual(problems.console, []);
  await context.close();
});
