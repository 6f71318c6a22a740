// The flows a client's own phone must get right, in the engines of Chrome,
// Firefox and Safari (issue 24): one set of flows, three drivers
// (engines.mjs). A failure names its engine: "[webkit] hand-over …".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { ENGINES, missing } from './engines.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Polls `check` (a function run in the page) until it is true. */
async function until(s, check, arg, what, seconds = 30) {
  for (let i = 0; i < seconds * 4; i += 1) {
    if (await s.js(check, arg).catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** The widget has taken over (not the pre-rendered first screen). */
const ready = (s) => until(s, () => !!document.querySelector('.ac:not([data-ac-first])'), null, 'the widget is ready');

/** Clicks the visible button (or label) whose text is `text`, natively. */
async function press(s, text) {
  await until(s, (t) => [...document.querySelectorAll('button, label.ac-button, summary')].some((b) => b.textContent.trim() === t && b.offsetParent !== null), text, `"${text}" is shown`);
  await s.js((t) => {
    document.querySelectorAll('[data-e2e]').forEach((e) => e.removeAttribute('data-e2e'));
    const b = [...document.querySelectorAll('button, label.ac-button, summary')].find((x) => x.textContent.trim() === t && x.offsetParent !== null);
    b.setAttribute('data-e2e', 'press');
  }, text);
  await s.click('[data-e2e="press"]');
}

/** Types into the field `selector` (the first that matches). */
async function fill(s, selector, text, enter = false) {
  await until(s, (sel) => !!document.querySelector(sel), selector, `${selector} is shown`);
  await s.type(selector, text, enter);
}

/** Rates every scale on the screen by typing a number in its field. */
async function rateAll(s, value) {
  await until(s, () => document.querySelectorAll('.ac-scale__number').length > 0, null, 'the scales are shown');
  const n = await s.js(() => {
    const fields = [...document.querySelectorAll('.ac-scale__number')];
    fields.forEach((f, i) => f.setAttribute('data-e2e-n', String(i)));
    return fields.length;
  });
  for (let i = 0; i < n; i += 1) await fill(s, `[data-e2e-n="${i}"]`, value, true);
  await until(s, () => document.querySelectorAll('.ac-scale.is-unset').length === 0, null, 'every scale is rated');
}

/** The number of saved sessions in the history table. */
const rows = (s) => s.js(() => document.querySelectorAll('.ac-history__table tbody tr:not(.ac-history__talk)').length);

/** One check on a personal device: scales, a first goal with its progress, a comment, saved. */
async function oneCheck(s, url, { goal = 'Sleep better', comment = 'Slower, please.' } = {}) {
  await s.goto(url);
  await ready(s);
  await rateAll(s, '8');
  await press(s, 'Next');
  if (goal) {
    await fill(s, '.ac-first-goal input', goal);
    await press(s, 'Next');
    await until(s, () => !!document.querySelector('.ac-goal .ac-scale__number'), null, 'the goal is added');
    await fill(s, '.ac-goal .ac-scale__number', '4', true);
    await press(s, 'Next');
  } else if (await s.js(() => !!document.querySelector('.ac-first-goal'))) {
    await press(s, 'Skip for now');
  } else {
    await press(s, 'Next');
  }
  await until(s, () => !!document.querySelector('textarea'), null, 'the last step');
  await fill(s, 'textarea', comment);
  await press(s, 'Save this check');
  await until(s, () => !!document.querySelector('.ac-saved'), null, 'saved');
}

for (const [name, start, needs] of ENGINES) {
  describe(`[${name}]`, { concurrency: false }, () => {
    let engine;
    let site;
    before(async () => {
      assert.deepEqual(missing(needs), [], `${name}: make setup installs what it needs`);
      site = await serve(`${ROOT}dist`);
      engine = await start();
    });
    after(async () => {
      await engine?.quit();
      site?.server.close();
    });

    test(`[${name}] rate, a first goal, save, reload: the session and its chart are in History`, async () => {
      const s = await engine.session();
      try {
        await oneCheck(s, site.url);
        await s.reload();
        await ready(s);
        await press(s, 'History');
        await until(s, () => !!document.querySelector('.ac-history__table'), null, 'History');
        assert.equal(await rows(s), 1);
        assert.ok(await s.js(() => document.querySelectorAll('.ac-chart svg circle').length >= 5), 'charts of the scales and the goal');
        const stored = await s.js(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
        assert.equal(stored.records[0].comment, 'Slower, please.');
        assert.equal(stored.goals[0].text, 'Sleep better');
      } finally {
        await s.close();
      }
    });

    test(`[${name}] a child's faces: picked by tap, saved, shown in "My faces"`, async () => {
      const s = await engine.session();
      try {
        await s.goto(`${site.url}children.html`);
        await ready(s);
        const n = await s.js(() => {
          const rows = [...document.querySelectorAll('.ac-faces')];
          rows.forEach((row, i) => row.querySelectorAll('.ac-face')[3].setAttribute('data-e2e-face', String(i)));
          return rows.length;
        });
        for (let i = 0; i < n; i += 1) await s.click(`[data-e2e-face="${i}"]`);
        await until(s, () => document.querySelectorAll('.ac-scale.is-unset').length === 0, null, 'every face is picked');
        await press(s, 'Next');
        await press(s, 'Save');
        await until(s, () => !!document.querySelector('.ac-saved'), null, 'saved');
        await press(s, 'My faces');
        await until(s, () => document.querySelectorAll('.ac-chart__face').length > 0, null, 'faces on the chart');
        assert.equal(await rows(s), 1);
      } finally {
        await s.close();
      }
    });

    test(`[${name}] passphrase protection on, then a reload asks for it and the right one opens`, async () => {
      const s = await engine.session();
      try {
        await oneCheck(s, site.url, { goal: null });
        await press(s, 'History');
        await fill(s, '.ac-protect input[type=password]', 'correct horse battery');
        await s.js(() => document.querySelectorAll('.ac-protect input[type=password]')[1].setAttribute('data-e2e-again', ''));
        await fill(s, '[data-e2e-again]', 'correct horse battery');
        await press(s, 'Protect with this passphrase');
        await until(s, () => /Your history is now stored encrypted\./.test(document.querySelector('.ac-toasts')?.textContent ?? ''), null, 'protection is on');
        const raw = await s.js(() => localStorage.getItem('alliance-check:doc:default'));
        assert.ok(raw && !raw.includes('Slower'), 'nothing readable is stored');
        await s.reload();
        await until(s, () => !!document.querySelector('.ac-unlock input[type=password]'), null, 'the passphrase is asked');
        await fill(s, '.ac-unlock input[type=password]', 'correct horse battery', true);
        await until(s, () => !!document.querySelector('.ac-check'), null, 'the history opens');
        await press(s, 'History');
        await until(s, () => !!document.querySelector('.ac-history__table'), null, 'History');
        assert.equal(await rows(s), 1);
      } finally {
        await s.close();
      }
    });

    test(`[${name}] the shared tablet: Start, a new profile with its secret, a check, the hand-back`, async () => {
      const s = await engine.session();
      try {
        await s.goto(`${site.url}shared-device.html`);
        await ready(s);
        await press(s, 'Start');
        await press(s, 'Start a new profile');
        await fill(s, '.ac-gate input[type=text]', 'river-7');
        await s.js(() => document.querySelectorAll('.ac-gate input[type=password]').forEach((f, i) => f.setAttribute('data-e2e-secret', String(i))));
        await fill(s, '[data-e2e-secret="0"]', '204861');
        await fill(s, '[data-e2e-secret="1"]', '204861', true);
        await rateAll(s, '9');
        await press(s, 'Next');
        if (await s.js(() => !!document.querySelector('.ac-first-goal'))) await press(s, 'Skip for now');
        await until(s, () => !!document.querySelector('textarea'), null, 'the last step');
        await press(s, 'Save this check');
        await until(s, () => !!document.querySelector('.ac-handback'), null, 'saved');
        await press(s, 'Finish and hand back');
        await until(s, () => !!document.querySelector('.ac-start, .ac-handback'), null, 'handed back');
        const stored = await s.js(() => Object.entries(localStorage).filter(([k]) => k.startsWith('office-tablet:doc:')).map(([, v]) => v).join(''));
        assert.ok(stored.length > 0 && !stored.includes('river-7'), 'kept sealed, the code nowhere in clear');
      } finally {
        await s.close();
      }
    });

    test(`[${name}] import a copy: previewed, then added`, async () => {
      const s = await engine.session();
      try {
        await s.goto(site.url);
        await ready(s);
        await press(s, 'History');
        const copy = {
          format: 'alliance-check.export',
          schema: 2,
          exported_at: '2026-11-30T10:00:00.000Z',
          profile: 'default',
          instruments: [{ id: 'alliance-check.default', version: 1 }],
          goals: [],
          records: [{ id: 'mi8q2x1c-3f9c1b7a2d4e5f60', at: '2026-11-25T17:00:00.000Z', instrument: { id: 'alliance-check.default', version: 1 }, ratings: { goals: 9, tasks: 8.5, bond: 9.5, overall: 9 } }],
        };
        await s.js((text) => {
          const input = document.querySelector('input[type=file]');
          const files = new DataTransfer();
          files.items.add(new File([text], 'copy.json', { type: 'application/json' }));
          input.files = files.files;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        }, JSON.stringify(copy));
        await press(s, 'Import');
        await until(s, () => document.querySelectorAll('.ac-history__table tbody tr').length > 0, null, 'the session is listed');
        assert.equal(await rows(s), 1);
      } finally {
        await s.close();
      }
    });

    test(`[${name}] the hand-over: a code shown with its one-time code, opened on a second device`, async () => {
      const s = await engine.session();
      const phone = await engine.session();
      try {
        await oneCheck(s, site.url, { goal: 'Walk daily' });
        await press(s, 'History');
        await press(s, 'Show the code');
        await until(s, () => !!document.querySelector('.ac-handover__link code'), null, 'the code is shown', 60);
        const { link, code } = await s.js(() => ({
          link: document.querySelector('.ac-handover__link code').textContent.trim(),
          code: document.querySelector('.ac-handover__one-time [aria-hidden]').textContent.replace(/\s+/g, ''),
        }));
        assert.ok(link?.includes('#alliance-check='), `a link: ${link?.slice(0, 60)}`);
        assert.ok(code, 'a one-time code');
        await phone.goto(link);
        await until(phone, () => !!document.querySelector('.ac-receive input'), null, 'the phone asks for the code', 60);
        await fill(phone, '.ac-receive input', code, true);
        await press(phone, 'Add to this browser');
        await until(phone, () => document.querySelectorAll('.ac-history__table tbody tr').length > 0, null, 'the history is added', 60);
        const stored = await phone.js(() => JSON.parse(localStorage.getItem('alliance-check:doc:default')));
        assert.equal(stored.records.length, 1);
        assert.equal(stored.goals[0].text, 'Walk daily');
      } finally {
        await phone.close();
        await s.close();
      }
    });
  });
}
