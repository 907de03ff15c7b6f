import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the editorial calendar (French UI). Selectors are documented in src/renderer/App.tsx. */
export class CalendarPage {
  constructor(readonly page: Page) {}

  get main() {
    return this.page.getByRole('main', { name: /Calendrier éditorial|Editorial calendar/ });
  }
  get placeButton() {
    return this.page.getByRole('list', { name: /Aller à|Go to/ }).getByRole('button', { name: /^(Calendrier éditorial|Editorial calendar)/ });
  }
  async open() {
    await this.placeButton.click();
    await expect(this.main).toBeVisible();
  }
  async view(name: 'Mois' | 'Semaine' | 'Jour' | 'Liste') {
    await this.main.locator('label').filter({ hasText: new RegExp(`^${name}$`) }).click();
    await expect(this.main.getByRole('radio', { name })).toBeChecked();
  }
  /** A post on the calendar, by its data-draft-id. */
  item(draftId: string): Locator {
    return this.main.locator(`.cal-item[data-draft-id="${draftId}"]`);
  }
  /** The button that opens a post (its name starts with the time: "09:30, Programmé : …"). */
  itemButton(draftId: string): Locator {
    return this.item(draftId).locator('.cal-item-open');
  }
  handle(draftId: string): Locator {
    return this.item(draftId).getByRole('button', { name: /^(Déplacer|Move)/ });
  }
  /** A cell of the time grid or a day of the month ("2026-12-03T09:30" or "2026-12-03"). */
  cell(id: string): Locator {
    return this.main.locator(`[data-cell="${id}"]`);
  }
  async next() {
    await this.main.getByRole('button', { name: /suivante?$|^Next/ }).click();
  }
  /** Goes forward until the post is on screen (at most a few pages). */
  async showItem(draftId: string) {
    for (let i = 0; i < 6 && !(await this.item(draftId).isVisible()); i++) await this.next();
    await expect(this.item(draftId)).toBeVisible();
  }
  /** Goes forward until the day's column is on screen. */
  async showDay(date: string) {
    for (let i = 0; i < 6 && !(await this.cell(`${date}T09:00`).count()); i++) await this.next();
    await expect(this.cell(`${date}T09:00`)).toBeAttached();
  }
  /** Opens "Importer un calendrier…": its dialog. */
  async openImport(): Promise<Locator> {
    await this.main.getByRole('button', { name: 'Importer un calendrier…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Importer un calendrier' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
  async time(draftId: string): Promise<string> {
    return (await this.item(draftId).locator('.cal-item-time').textContent()) ?? '';
  }
}
