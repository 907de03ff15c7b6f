import type { Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Page model of the inbox (French UI): rows, their menu, the audit log. Selectors in src/renderer/features/inbox. */
export class InboxPage {
  constructor(readonly page: Page) {}

  get main() {
    return this.page.getByRole('main', { name: 'Boîte de réception' });
  }
  get rows() {
    return this.main.getByTestId('inbox-row');
  }
  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }
  flags(row: Locator): Locator {
    return row.getByRole('list', { name: 'Signalements de la charte' });
  }
  tab(name: RegExp) {
    return this.main.getByRole('tab', { name });
  }
  /** The row's moderation menu button ("Modérer le message de @x"). */
  menuButton(row: Locator): Locator {
    return row.getByRole('button', { name: /^Modérer le message de/ });
  }
  /** Opens the audit log ("Journal") and answers its dialog. */
  async openAudit(): Promise<Locator> {
    await this.main.getByRole('button', { name: 'Journal' }).click();
    return this.page.getByRole('dialog', { name: 'Journal de modération' });
  }
  /** Serious or critical WCAG A/AA problems axe finds on the page (the toast log excluded). */
  async axeProblems(): Promise<string[]> {
    const { violations } = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[role="log"][aria-live="assertive"]').analyze();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}
