/**
 * A Notifications column end to end on a real local Bluesky network: added through the picker
 * while nothing has happened yet (it says so), it then shows the community's like, follow and
 * reply on its own (no manual refresh: an empty column polls again within seconds), and the
 * reply opens in the side panel from the keyboard.
 */
import { expect } from './fixtures';
import { useBlueskyCommunity } from './support/local-bluesky';
import { BoardPage } from './pages/board';

const { test, community } = useBlueskyCommunity(['office.test', 'alice.test', 'bob.test'], 'Travaux sur le quai des Brumes lundi');
const { people } = community;

test('a Notifications column shows a like, a follow and a reply as they come', async ({ tribune, page }) => {
  test.setTimeout(240_000);
  const board = new BoardPage(page);
  const office = people['office.test']!;
  await tribune.createWorkspace('Office de Tourisme');
  await tribune.connectBluesky(office.handle, community.appPassword, community.network.pdsUrl);

  await board.addColumn({ type: 'Notifications', account: office.handle });
  const name = `Notifications — @${office.handle}`;
  const column = board.column(name);
  // Nothing happened yet: the column says so.
  await expect(column.getByText("Rien pour l'instant")).toBeVisible({ timeout: 30_000 });

  // The community acts after the column was added.
  await people['alice.test']!.agent.like(community.brandPost.uri, community.brandPost.cid);
  await people['bob.test']!.agent.follow(office.did);
  await people['alice.test']!.agent.post({
    text: 'Combien de temps durent les travaux ?',
    reply: { root: community.brandPost, parent: community.brandPost },
    createdAt: new Date().toISOString(),
  });
  await community.network.processAll();

  // No refresh asked: the column polls again on its own and shows each kind of notification.
  const like = board.card(column, 'a aimé votre publication');
  const follow = board.card(column, "s'est abonné");
  const reply = board.card(column, 'a répondu');
  await expect(like).toBeVisible({ timeout: 90_000 });
  await expect(like).toContainText('alice.test');
  await expect(like).toContainText('Travaux sur le quai des Brumes');
  await expect(follow).toContainText('bob.test');
  await expect(reply).toContainText('Combien de temps durent les travaux ?');
  await expect(column.getByText("Rien pour l'instant")).toBeHidden();

  // The keyboard reaches the reply and o opens its conversation beside the board.
  await reply.locator('[data-roving-item]').first().focus();
  await page.keyboard.press('o');
  await expect(board.panel).toContainText('Combien de temps durent les travaux ?', { timeout: 20_000 });
  await expect(board.panel).toContainText('Travaux sur le quai des Brumes');
});
