/**
 * The board keeps the keyboard where the person was (against the Mastodon stand-in): j pressed
 * while nothing has the focus (Tribune just opened, back from the inbox with b) goes to the
 * cards; a reply opened with r on a card and put away with Escape gives the keyboard back to that
 * card, empty or kept as a draft, instead of the Drafts column or the page.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { BoardPage } from './pages/board';

const standIn = useMastodonStandIn();

test('j from nowhere reaches the cards; Escape on a reply opened from a card gives the keyboard back to it', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, standIn.server.url, 'Office de Tourisme');
  const lucie = standIn.server.act.addAccount('lucie', 'Lucie');
  standIn.server.act.post(lucie, '@tribune la piscine rouvre quand ?', { mentionsMe: true });
  standIn.server.act.post(lucie, '@tribune le marché de Noël commence samedi ?', { mentionsMe: true });
  const [board] = await rpc.value<{ id: string }[]>('board.list', { workspaceId: workspace.id });
  const column = await rpc.value<{ id: string }>('column.add', { boardId: board!.id, type: 'mentions', accountId: account.id });
  await rpc.value('column.refresh', { columnId: column.id });
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connecté/);

  const boardPage = new BoardPage(page);
  const mentions = boardPage.column(/^Mentions/);
  await expect(boardPage.cards(mentions)).toHaveCount(2);
  // Posted in the same millisecond, the two may come in either order: the first card shown, then the other.
  const shownFirst = (await boardPage.cards(mentions).first().textContent())?.includes('le marché de Noël') ? 'le marché de Noël' : 'la piscine rouvre';
  const newest = boardPage.card(mentions, shownFirst).locator('[data-roving-item]');
  const older = boardPage.card(mentions, shownFirst === 'le marché de Noël' ? 'la piscine rouvre' : 'le marché de Noël').locator('[data-roving-item]');
  await expect(newest).toBeVisible();
  await expect(page.locator('body')).toBeFocused();

  // Just opened, nothing has the keyboard: j goes to the cards, then moves through them.
  await page.keyboard.press('j');
  await expect(newest).toBeFocused();
  await page.keyboard.press('j');
  await expect(older).toBeFocused();

  // A reply put away untouched: back on the card it answered.
  await page.keyboard.press('r');
  await expect(tribune.composerText).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tribune.composer).toBeHidden();
  await expect(older).toBeFocused();

  // A reply begun and put away: kept as a draft, the keyboard still back on the card.
  await page.keyboard.press('r');
  await expect(tribune.composerText).toBeFocused();
  await page.keyboard.type('Elle rouvre lundi');
  await page.keyboard.press('Escape');
  await expect(tribune.composer).toBeHidden();
  await expect(older).toBeFocused();
  await expect(tribune.card('Elle rouvre lundi')).toBeVisible();

  // To the inbox and back with b: focus on nothing, j goes back to that card (not the draft's).
  await page.keyboard.press('i');
  await expect(page.getByRole('main', { name: 'Boîte de réception' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(older).toBeVisible();
  await expect(page.locator('body')).toBeFocused();
  await page.keyboard.press('j');
  await expect(older).toBeFocused();
});
