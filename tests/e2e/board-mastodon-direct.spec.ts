/**
 * A Mastodon direct message answered from the board end to end, against the stand-in: r on
 * the card of a Direct messages column opens the composer with the answer kept private
 * (visibility "mentioned people only"), its participant named at the start of the text and the
 * reply context saying who receives it; what goes out is a direct status in reply to it, and
 * the conversation (the status's context) opens beside the board.
 */
import { test, expect } from './fixtures';
import { BoardPage } from './pages/board';
import { useMastodonStandIn } from './support/mastodon';

const mastodon = useMastodonStandIn();

test('a Mastodon direct message is answered privately, naming its author, in reply to it', async ({ tribune, page }) => {
  test.setTimeout(120_000);
  await tribune.createWorkspace('Musée du Port');
  await tribune.connectMastodon(mastodon.server.url);
  const alice = mastodon.server.act.addAccount('alice', 'Alice');
  const question = mastodon.server.act.directMessage(alice, 'Les chiens sont-ils admis au musée ?');
  const board = new BoardPage(page);
  await board.addColumn({ type: 'Messages privés' });
  const direct = board.column(/^Messages privés/);
  const card = board.card(direct, 'Les chiens sont-ils admis');
  await expect(card).toBeVisible({ timeout: 30_000 });

  await card.locator('[data-roving-item]').focus();
  await page.keyboard.press('r');
  await expect(tribune.composer.getByTestId('reply-context')).toContainText('Réponse privée');
  await expect(tribune.composer.getByRole('combobox', { name: 'Visibilité' })).toHaveValue('direct');
  const handle = `alice@${new URL(mastodon.server.url).host}`;
  await expect(tribune.composerText).toHaveValue(`@${handle} `);
  await tribune.composerText.press('End');
  await tribune.composerText.pressSequentially('Oui, tenus en laisse.');
  await tribune.waitSaved();
  await tribune.composer.getByRole('button', { name: 'Publier maintenant' }).click();
  await expect.poll(() => mastodon.server.state.statuses.find((s) => s.text.endsWith('Oui, tenus en laisse.')), { timeout: 40_000 }).toMatchObject({
    text: `@${handle} Oui, tenus en laisse.`,
    visibility: 'direct',
    inReplyToId: question.id,
  });

  // o on the message opens its conversation beside the board: the question and the answer.
  await card.locator('[data-roving-item]').focus();
  await page.keyboard.press('o');
  const panel = page.getByTestId('side-panel');
  await expect(panel.getByRole('heading', { name: 'Conversation' })).toBeVisible();
  await expect(panel.locator('.thread-row')).toHaveText([/Les chiens sont-ils admis au musée/, /Oui, tenus en laisse/]);
});
