// Languages as a client on a small phone meets them (issue 18): on a
// 320 px screen, in every language, for adults and children, every button
// and tab keeps its words on one line, the tabs fit one row, and nothing
// scrolls sideways; counts take the browser's plural forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mountExtra, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();
const LANGS = ['en', 'es', 'de', 'fr'];

/** Buttons (and tabs) whose words wrap, and whether the tabs need two rows. */
function layoutProblems(widget) {
  return widget.evaluate((root) => {
    const problems = [];
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return tops.size;
    };
    for (const el of root.querySelectorAll('button, .ac-button, .ac-nav__item')) {
      const box = el.getBoundingClientRect();
      if (!box.width || getComputedStyle(el).visibility === 'hidden' || el.closest('.ac-visually-hidden, [hidden]')) continue;
      if (el.textContent.trim() && lines(el) > 1) problems.push(`wraps: "${el.textContent.trim()}"`);
    }
    const tabs = [...root.querySelectorAll('.ac-nav__item')].map((t) => Math.round(t.getBoundingClientRect().top));
    if (new Set(tabs).size > 1) problems.push(`tabs in ${new Set(tabs).size} rows`);
    if (document.documentElement.scrollWidth > innerWidth) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth}px`);
    return problems;
  });
}

for (const variant of ['adult', 'children']) {
  test(`320 px, ${variant}: buttons and tabs on one line in every language, on the check, review, saved and history screens`, async () => {
    const { context, page, problems: pageProblems } = await openPage(env, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const found = [];
    for (const lang of LANGS) {
      await page.goto(env.url + 'practice-page.html');
      await page.evaluate(() => localStorage.clear());
      const widget = await mountExtra(page, `w-${lang}`, { namespace: `l10n-${lang}`, lang, variant });
      const note = async (screen) => {
        for (const p of await layoutProblems(widget)) found.push(`${lang} ${screen}: ${p}`);
      };
      // The check: rate every scale (faces for children).
      await widget.locator('.ac-scale').first().waitFor();
      await note('check');
      if (variant === 'children') {
        for (const faces of await widget.locator('.ac-faces').all()) await faces.locator('input[type=radio]').nth(3).check();
      } else {
        for (const slider of await widget.getByRole('slider').all()) {
          await slider.focus();
          await page.keyboard.press('End');
        }
      }
      // On to the review (a goal step, if any, is skipped).
      for (let i = 0; i < 3 && !(await widget.locator('textarea').count()); i += 1) {
        const skip = widget.locator('.ac-check .ac-link');
        if (await skip.count()) await skip.first().click();
        else await widget.locator('.ac-check__nav button[type=submit]').click();
      }
      await widget.locator('textarea').waitFor();
      await note('review');
      await widget.locator('.ac-check__nav button[type=submit]').click();
      await widget.locator('.ac-saved').waitFor();
      await note('saved');
      await widget.locator('.ac-nav__item').nth(1).click();
      // A child's page keeps the files behind "For grown-ups".
      if (variant === 'children') await widget.locator('.ac-grownups__summary').click();
      await widget.locator('.ac-data').waitFor();
      await note('history');
    }
    assert.deepEqual(found, []);
    assert.deepEqual(pageProblems.console, []);
    await context.close();
  });
}

test('counts take the plural forms the browser knows for each language, and each file has them', async () => {
  const { context, page } = await openPage(env);
  await page.goto(env.url + 'practice-page.html');
  const categories = await page.evaluate((langs) => Object.fromEntries(langs.map((l) => [l, new Intl.PluralRules(l).resolvedOptions().pluralCategories.sort()])), LANGS);
  // The table the language test checks the files against (core/src/i18n/mod.rs PLURALS).
  assert.deepEqual(categories, { en: ['one', 'other'], es: ['many', 'one', 'other'], de: ['one', 'other'], fr: ['many', 'one', 'other'] });
  // One session, in French: the "one" form, no stray plural.
  const widget = await mountExtra(page, 'fr', { namespace: 'plural-fr', lang: 'fr' });
  for (const slider of await widget.getByRole('slider').all()) {
    await slider.focus();
    await page.keyboard.press('End');
  }
  for (let i = 0; i < 3 && !(await widget.locator('textarea').count()); i += 1) {
    const skip = widget.locator('.ac-check .ac-link');
    if (await skip.count()) await skip.first().click();
    else await widget.locator('.ac-check__nav button[type=submit]').click();
  }
  await widget.locator('.ac-check__nav button[type=submit]').click();
  await widget.locator('.ac-saved').waitFor();
  await widget.locator('.ac-nav__item').nth(1).click();
  const label = await widget.locator('.ac-chart svg').first().getAttribute('aria-label');
  assert.match(label ?? '', /\b1 séance\b/, label);
  assert.doesNotMatch(label ?? '', /séances/, label);
  await context.close();
});
