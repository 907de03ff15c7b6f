/** What axe finds on a page: the serious or critical WCAG 2.1 A/AA problems, named for a failure message. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/** Serious or critical WCAG A/AA problems on the page ("id: help — first nodes"); React Aria's live announcer is left out (see accessibility.spec.ts). */
export async function seriousOrCritical(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('[role="log"][aria-live="assertive"]').analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** No serious or critical problem in the light theme nor in the dark one; the page is left in the light theme. */
export async function axeInBothThemes(page: Page, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousOrCritical(page), `${what} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
