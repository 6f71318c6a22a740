// Page object for the check: find things by role and name, as a person would.
export class CheckPage {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    await this.page.locator('.ac').waitFor();
  }

  sliders() {
    return this.page.getByRole('slider');
  }

  slider(name) {
    return this.page.getByRole('slider', { name });
  }

  button(name) {
    return this.page.getByRole('button', { name, exact: true });
  }

  nav(name) {
    return this.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true });
  }

  heading() {
    return this.page.locator('.ac-check__heading, .ac-section__title').first();
  }

  status() {
    return this.page.getByRole('status');
  }

  alert() {
    return this.page.locator('.ac-alert');
  }

  /** Sets a slider by keyboard: End (10.0) then ArrowLeft steps of 0.1. */
  async rate(slider, tenths) {
    await slider.focus();
    await this.page.keyboard.press('End');
    for (let i = 100; i > tenths; i -= 1) await this.page.keyboard.press('ArrowLeft');
  }

  /** Rates the four alliance scales in order, e.g. [97, 74, 100, 85]. */
  async rateScales(tenths) {
    for (let i = 0; i < tenths.length; i += 1) await this.rate(this.sliders().nth(i), tenths[i]);
  }

  /**
   * Next, when there is one: on the last step (the question and the review
   * share it) there is only Save, and Next does nothing.
   */
  /** Adds a goal under "My goals" and comes back to the check. */
  async addGoal(text) {
    await this.nav('My goals').click();
    await this.page.getByLabel('New goal').fill(text);
    await this.button('Add goal').click();
    await this.page.getByText(text).first().waitFor();
    await this.nav("Today's check").click();
  }

  async next() {
    const next = this.button('Next');
    if (await next.count()) await next.click();
  }

  async save() {
    await this.button('Save this check').click();
    await this.page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
  }

  /**
   * Saves one whole check: the four scales at `tenths`; a first goal rated
   * 4.2 (or the goal guide skipped); an optional comment; then back to a
   * new check.
   */
  async quickCheck(tenths, { goal, comment } = {}) {
    await this.rateScales([tenths, tenths, tenths, tenths]);
    await this.next();
    if (goal) {
      await this.page.getByLabel('New goal').fill(goal);
      await this.button('Add goal').click();
      await this.rate(this.slider(`Progress on: ${goal}`), 42);
    } else {
      const skip = this.page.getByRole('button', { name: 'Skip for now' });
      if (await skip.count()) await skip.click();
    }
    await this.next();
    if (comment) await this.page.getByRole('textbox').fill(comment);
    await this.save();
    await this.button('Start a new check').click();
  }

  /** The saved sessions table's body rows, each as [date, ...cells]. */
  async historyRows() {
    return this.page.locator('.ac-history__table tbody tr:not(.ac-history__talk)').evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent.trim())),
    );
  }

  /** The accessible name of the element that has focus. */
  async focused() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      const label = el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
      return { tag: el?.tagName.toLowerCase(), type: el?.type, label: label.trim() };
    });
  }
}

/** The code field's label: "Nickname or code", or "Code word" in the children's check. */
const CODE_LABEL = /^(Nickname or code|Code word)$/;
// The door's words, adult and children's.
const NEW_BUTTON = /^(Start a new profile|Make my own page)$/;
const NEW_SUBMIT = /^(Start my profile|Make my page)$/;
const SECRET = /^(Secret \(your PIN or passphrase\)|Your secret)$/;
const SECRET_NEW = /^Your secret(:|$)/;
const AGAIN = /^(The same secret again|Your secret again)$/;

/**
 * On a shared device: Start (if the start screen shows), then a new profile
 * (`isNew`: code, the secret twice) or a returning one (code and secret).
 * `scope` is the page or a widget's locator. Does not wait for the result.
 */
export async function sharedProfile(scope, { code, secret = '204861', isNew = false }) {
  // The neutral start (pre-rendered first, then the widget's) or the door.
  await scope.locator('.ac-start button, .ac-gate').first().waitFor();
  const start = scope.locator('.ac-start button');
  if (await start.count()) await start.click();
  if (isNew) {
    // From the door (unless the new-profile form is already shown).
    if (!(await scope.getByRole('button', { name: NEW_SUBMIT }).count())) {
      await scope.getByRole('button', { name: NEW_BUTTON }).click();
    }
    await scope.getByLabel(CODE_LABEL).fill(code);
    await scope.getByLabel(SECRET_NEW).fill(secret);
    await scope.getByLabel(AGAIN).fill(secret);
    await scope.getByRole('button', { name: NEW_SUBMIT }).click();
  } else {
    await scope.getByLabel(CODE_LABEL).fill(code);
    await scope.getByLabel(SECRET).fill(secret);
    await scope.getByRole('button', { name: 'Open', exact: true }).click();
  }
}

/** Every key and value this origin keeps in localStorage, as one text. */
export async function storedText(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .sort()
      .map((k) => `${k}=${localStorage.getItem(k)}`)
      .join('\n'),
  );
}
