/**
 * Searching the inbox, in English, from the keyboard (against the Mastodon stand-in): / puts the
 * keyboard in the search field, words narrow the list (case and accents ignored, the person's
 * name too) while the tabs keep counting the whole inbox, Enter goes to the results where the
 * keys act on them, a search that finds nothing says so, and clearing it brings everything back.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';

test.use({ locale: 'en-GB' });

const standIn = useMastodonStandIn();

test('/ searches the inbox by words or person; Enter goes to the results; nothing found says so', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, standIn.server.url, 'Tourist Office');
  const ruby = standIn.server.act.addAccount('ruby', 'Ruby Wood');
  const hugo = standIn.server.act.addAccount('hugo', 'Hugo Guillou');
  standIn.server.act.post(ruby, '@tribune where can we park a CAMPER VAN near the harbour?', { mentionsMe: true });
  standIn.server.act.post(hugo, '@tribune le festival d’été est génial', { mentionsMe: true });
  standIn.server.act.post(hugo, '@tribune any camper van area open in winter?', { mentionsMe: true });
  const [board] = await rpc.value<{ id: string }[]>('board.list', { workspaceId: workspace.id });
  const column = await rpc.value<{ id: string }>('column.add', { boardId: board!.id, type: 'notifications', accountId: account.id });
  await rpc.value('column.refresh', { columnId: column.id });
  await page.reload();
  await expect(tribune.connection).toHaveText(/Connected/);

  await page.keyboard.press('i');
  const inbox = page.getByRole('main', { name: 'Inbox' });
  const rows = inbox.getByTestId('inbox-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toBeFocused();

  // / from the list: the search field; words narrow the list, the tab still counts everything.
  await page.keyboard.press('/');
  const search = inbox.getByRole('searchbox', { name: 'Search the inbox' });
  await expect(search).toBeFocused();
  await page.keyboard.type('camper van');
  await expect(rows).toHaveCount(2);
  await expect(inbox.getByRole('tab', { name: /To handle/ })).toContainText('3');
  // Accents and case ignored, the person's name searched too.
  await search.fill('ETE');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('le festival d’été est génial');
  await search.fill('ruby');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('CAMPER VAN');

  // Enter: to the results, where the keys act (e marks it done; the search now finds nothing).
  await page.keyboard.press('Enter');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('e');
  await expect(inbox.getByText('Nothing here matches “ruby”')).toBeVisible();

  // Cleared: everything still to handle is back.
  await search.focus();
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(rows).toHaveCount(2);
});
