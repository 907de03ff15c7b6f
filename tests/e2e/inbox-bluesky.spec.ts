/**
 * Moderation end to end on a real local Bluesky network (PLC, PDS, AppView): a community
 * account's rude reply under the town's post arrives, the starter charter (the sandbox's) flags
 * it in the inbox, one key — "a", the charter's suggestion — hides it through the town's
 * threadgate, the AppView's thread view marks it hidden, and the audit log names the rule.
 * The row's moderation menu is reached from the keyboard; a board card's menu mutes a thread
 * (the AppView says so); axe finds nothing serious.
 */
import { STARTER_CHARTER } from '../../sandbox/moderation';
import { connectRpc } from '../helpers/host';
import { expect } from './fixtures';
import { useBlueskyCommunity } from './support/local-bluesky';
import { BoardPage } from './pages/board';
import { InboxPage } from './pages/inbox';
import { showNotifications } from './support/notifications';

const { test, community } = useBlueskyCommunity(['mairie.test', 'bob.test', 'alice.test'], 'Le marché de Noël ouvre samedi place du Port');
const { people } = community;

test('a rude reply is flagged by the starter charter, hidden in one key, marked hidden by the AppView and logged', async ({ tribune, host, page }) => {
  test.setTimeout(240_000);
  const rpc = await connectRpc(host.current);
  const workspace = await rpc.value<{ id: string }>('workspace.create', { name: 'Port-Lumière' });
  const account = await rpc.value<{ id: string }>('account.connectBluesky', { workspaceId: workspace.id, identifier: 'mairie.test', appPassword: community.appPassword, serviceUrl: community.network.pdsUrl });
  await rpc.value('charter.save', { workspaceId: workspace.id, charter: STARTER_CHARTER });
  const rude = await people['bob.test']!.agent.post({ text: 'Encore une bande d’incapables à la mairie', reply: { root: community.brandPost, parent: community.brandPost }, createdAt: new Date().toISOString() });
  await people['alice.test']!.agent.post({ text: 'Super, on viendra en famille !', reply: { root: community.brandPost, parent: community.brandPost }, createdAt: new Date().toISOString() });
  await community.network.processAll();
  await showNotifications(rpc, tribune, workspace.id, account.id);

  const inbox = new InboxPage(page);
  await page.keyboard.press('i');
  await expect(inbox.rows).toHaveCount(2);
  const rudeRow = inbox.row('bande d’incapables');
  await expect(inbox.flags(rudeRow)).toHaveText('Insultes et dénigrement : « incapables »');
  await expect(inbox.flags(inbox.row('en famille'))).toHaveCount(0);
  expect(await inbox.axeProblems()).toEqual([]);

  // Keyboard only: j/k to the rude reply; its menu is the next Tab stop and offers Bluesky's actions.
  await expect(inbox.rows.first()).toBeFocused();
  const rudeIndex = (await inbox.rows.allTextContents()).findIndex((text) => text.includes('bande d’incapables'));
  for (let i = 0; i < rudeIndex; i++) await page.keyboard.press('j');
  await expect(rudeRow).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(inbox.menuButton(rudeRow)).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Masquer la réponse', 'Masquer le fil', 'Masquer @bob.test', 'Bloquer @bob.test…', 'Signaler…']);
  expect(await inbox.axeProblems()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(inbox.menuButton(rudeRow)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(rudeRow).toBeFocused();

  // One key: the charter's suggestion (hide) in the rule's name.
  await page.keyboard.press('a');
  await expect(tribune.toasts).toContainText('Réponse masquée');
  await expect(inbox.rows).toHaveCount(1);
  await expect(inbox.tab(/Traité/)).toContainText('1');
  // Undone from its toast: shown again, and back to handle as it was.
  await tribune.toasts.getByRole('button', { name: /^Annuler/ }).click();
  await expect(tribune.toasts).toContainText('Réponse de nouveau visible');
  await expect(inbox.rows).toHaveCount(2);
  await expect(inbox.tab(/Traité/)).toContainText('0');
  await rudeRow.click();
  await page.keyboard.press('a');
  await expect(inbox.rows).toHaveCount(1);
  await expect(inbox.tab(/Traité/)).toContainText('1');

  // The AppView's thread view marks it hidden by the town's threadgate.
  await expect
    .poll(
      async () => {
        await community.network.processAll();
        const other = await people['alice.test']!.agent.app.bsky.unspecced.getPostThreadOtherV2({ anchor: community.brandPost.uri });
        return other.data.thread.map((t) => [t.uri, (t.value as { hiddenByThreadgate?: boolean }).hiddenByThreadgate]);
      },
      { timeout: 60_000 },
    )
    .toEqual([[rude.uri, true]]);

  // From the board, a card's "more" menu mutes the other reply's thread: the AppView says so on its root.
  await tribune.rail.getByRole('button', { name: 'Tableau' }).click();
  const boardPage = new BoardPage(page);
  const card = boardPage.card(boardPage.column(/^Notifications/), 'en famille');
  await card.getByRole('button', { name: "Plus d'actions" }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Masquer le fil' }).click();
  await expect(tribune.toasts).toContainText('Fil masqué');
  await expect
    .poll(async () => {
      await community.network.processAll();
      const thread = await people['mairie.test']!.agent.getPostThread({ uri: community.brandPost.uri, depth: 0 });
      return (thread.data.thread as { post?: { viewer?: { threadMuted?: boolean } } }).post?.viewer?.threadMuted;
    }, { timeout: 60_000 })
    .toBe(true);
  await page.keyboard.press('i');

  const log = await inbox.openAudit();
  // The rule by its name in the charter (the latest hide first).
  const line = log.getByRole('row').filter({ hasText: 'Réponse masquée' }).first();
  await expect(log.getByRole('row').filter({ hasText: 'Réponse masquée' })).toHaveCount(2);
  await expect(line).toContainText('Règle « Insultes et dénigrement »');
  await expect(line).toContainText('Fait');
  await expect(line).toContainText('@bob.test');
  expect(await inbox.axeProblems()).toEqual([]);
});
