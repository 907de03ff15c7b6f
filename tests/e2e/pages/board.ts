import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the board (French UI): tabs, columns, cards, the add-column picker, the side panel. Selectors in src/renderer/App.tsx. */
export class BoardPage {
  constructor(readonly page: Page) {}

  get main() {
    return this.page.getByRole('main', { name: /Tableau|Board/ });
  }
  get tabs() {
    return this.main.getByRole('tablist', { name: /Tableaux|Boards/ });
  }
  tab(name: string) {
    return this.tabs.getByRole('tab', { name: new RegExp(`^${name}`) });
  }
  /** The shown board's columns: the tab panel, named by its tab (which says it controls it). */
  boardPanel(name: string) {
    return this.main.getByRole('tabpanel', { name: new RegExp(`^${name}`) });
  }
  /** Every column of the shown board, in order (their accessible names). */
  get columns() {
    return this.main.locator('[data-column-id] > section.column');
  }
  async columnNames(): Promise<string[]> {
    return this.columns.evaluateAll((sections) =>
      sections.map((s) => s.getAttribute('aria-label') ?? document.getElementById(s.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''),
    );
  }
  column(name: string | RegExp): Locator {
    return this.main.getByRole('region', { name });
  }
  cards(column: Locator): Locator {
    return column.locator('.virtual-row');
  }
  card(column: Locator, text: string | RegExp): Locator {
    return this.cards(column).filter({ hasText: text });
  }

  async addColumn(options: { type: string; account?: string; search?: string }) {
    await this.main.getByRole('button', { name: /Ajouter une colonne|Add a column/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /Ajouter une colonne|Add a column/ });
    await dialog.getByRole('radio', { name: options.type, exact: true }).check({ force: true });
    if (options.account) {
      const select = dialog.getByRole('combobox', { name: /^(Compte|Account)$/ });
      const value = await select.locator('option', { hasText: options.account }).getAttribute('value');
      await select.selectOption(value!);
    }
    if (options.search) await dialog.getByRole('textbox', { name: /Mots|Words/ }).fill(options.search);
    await dialog.getByRole('button', { name: /Ajouter la colonne|Add the column/ }).click();
    await expect(dialog).toBeHidden();
  }

  async newBoard(name: string) {
    await this.main.getByRole('button', { name: /Nouveau tableau|New board/ }).click();
    const dialog = this.page.getByRole('dialog', { name: /Nouveau tableau|New board/ });
    await dialog.getByRole('textbox', { name: /Nom|Name/ }).fill(name);
    await dialog.getByRole('button', { name: /^(Créer|Create)$/ }).click();
    await expect(dialog).toBeHidden();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** dnd-kit's announcement (its live region) while a column is moved, once it says `text`. */
  dragAnnouncement(text: string) {
    return this.page.locator('[id^="DndLiveRegion"]').filter({ hasText: text });
  }

  menuOf(columnName: string) {
    return this.main.getByRole('button', { name: new RegExp(`^(Menu de la colonne|Column menu) : ${columnName}|^(Menu de la colonne|Column menu): ${columnName}`) });
  }
  handleOf(columnName: string) {
    return this.main.getByRole('button', { name: new RegExp(`^(Déplacer la colonne|Move the column) ${columnName}`) });
  }
  /** The column's scrolling list (its cards are virtualized: only those near the view are in the DOM). */
  scroller(column: Locator): Locator {
    return column.locator('.virtual-scroll');
  }
  /** The "N new" pill over a column's list. */
  newPill(column: Locator): Locator {
    return column.getByTestId('new-items-pill');
  }
  /** How many entries the column has loaded (every rendered row says it: aria-setsize). */
  async loadedCount(column: Locator): Promise<number> {
    return Number((await this.cards(column).first().getAttribute('aria-setsize')) ?? 0);
  }
  /** The first card at the top of the column's view: its text and how far its top is below the view's top (px). */
  async firstShown(column: Locator): Promise<{ text: string; top: number }> {
    return this.scroller(column).evaluate((scroll) => {
      const viewTop = scroll.getBoundingClientRect().top;
      const rows = [...scroll.querySelectorAll<HTMLElement>('.virtual-row')]
        .map((row) => ({ row, rect: row.getBoundingClientRect() }))
        .filter(({ rect }) => rect.bottom > viewTop + 1)
        .sort((a, b) => a.rect.top - b.rect.top);
      const first = rows[0];
      return { text: first?.row.querySelector('.item-text')?.textContent ?? '', top: first ? Math.round(first.rect.top - viewTop) : 0 };
    });
  }
  get panel() {
    return this.page.getByTestId('side-panel');
  }
}
