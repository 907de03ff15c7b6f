/**
 * "Voir la publication" on a Sent card opens the post beside the board, as the account that
 * published it, with the community's reply (Mastodon stand-in: no public web page to open);
 * with the keyboard, and Escape goes back to the card.
 */
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
  await page.keyboard.press('Escape');
  await expect(board.panel).toBeHidden();
  await expect(view).toBeFocused();
});
