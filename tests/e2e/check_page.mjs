// Page object for the check: find things by role and name, as a person would.
export class CheckPage {
  constructor(page) {
    this.page = page;
  }

  async open(url) {
    await this.page.goto(url);
    await this.sliders().first().waitFor();
  }

  sliders() {
    return this.page.getByRole('slider');
  }

  saveButton() {
    return this.page.getByRole('button', { name: 'Save this check' });
  }

  status() {
    return this.page.getByRole('status');
  }

  alert() {
    return this.page.getByRole('alert');
  }

  /** The saved sessions table's body rows, each as [date, ...values]. */
  async historyRows() {
    return this.page.locator('.ac-history__table tbody tr').evaluateAll((rows) =>
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
