/**
 * "Voir la publication" on a Sent card opens the post beside the board, as the account that
 * published it, with the community's reply (Mastodon stand-in: no public web page to open);
 * with the keyboard, and Escape goes back to the card. The panel's title takes the focus without
 * looking like a text field.
 */
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { useMastodonStandIn } from './support/mastodon';
import { BoardPage } from './pages/board';

const mastodon = useMastodonStandIn();

test('View the post opens a sent post with its reply in the thread panel', async ({ tribune, page }) => {
  const board = new BoardPage(page);
  await tribune.createWorkspace('Cinéma du Port');
  await tribune.connectMastodon(mastodon.server.url);
  await tribune.writeDraft('Séance en plein air vendredi');
  await expect(tribune.targetChip(/@tribune@/)).toHaveAttribute('aria-pressed', 'true'); // the workspace's only account
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  const sent = page.getByRole('region', { name: 'Publiés / Échecs' });
  const view = sent.getByRole('link', { name: /Voir la publication de @tribune@/ });
  await expect(view).toBeVisible({ timeout: 30_000 });
  // The browser's address is still there, on its own link.
  await expect(sent.getByRole('link', { name: /Ouvrir dans le navigateur : publication de @tribune@/ })).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+\//);

  // Someone answers it.
  const mine = mastodon.server.state.statuses.find((s) => s.text === 'Séance en plein air vendredi')!;
  const lea = mastodon.server.act.addAccount('lea', 'Léa');
  mastodon.server.act.post(lea, 'À quelle heure ?', { inReplyToId: mine.id });

  await view.focus();
  await page.keyboard.press('Enter');
  await expect(board.panel).toContainText('Séance en plein air vendredi', { timeout: 20_000 });
  await expect(board.panel).toContainText('À quelle heure ?');
  await expect(board.panel.locator('.thread-row.is-focus')).toContainText('Séance en plein air vendredi');
  // The focus went to the panel's title for screen readers: not boxed like a text field, but
  // underlined for the keyboard user who opened it; axe-clean in both themes.
  const heading = board.panel.getByRole('heading', { name: 'Conversation' });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveCSS('outline-style', 'none');
  await expect(heading).toHaveCSS('text-decoration-line', 'underline');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).include('[data-testid="side-panel"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => v.id), colorScheme).toEqual([]);
  }
  await page.keyboard.press('Escape');
  await expect(board.panel).toBeHidden();
  await expect(view).toBeFocused();

  // Opened with the mouse (the focus last moved by a click, not the keyboard): the title takes the
  // focus without any mark.
  await tribune.board.click({ position: { x: 5, y: 5 } });
  await view.click();
  await expect(heading).toBeFocused();
  await expect(heading).toHaveCSS('outline-style', 'none');
  await expect(heading).toHaveCSS('text-decoration-line', 'none');
});
