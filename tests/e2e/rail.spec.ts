/**
 * The rail at the desktop window's narrowest (720 px, its minimum width), in French and English:
 * the inbox entry and its count stay on one line even as the current place (bold), where
 * "Boîte de réception" used to wrap onto two; a label too long is cut with an ellipsis, and the
 * entry's name read by assistive tech stays whole.
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { showNotifications } from './support/notifications';

const mastodon = useMastodonStandIn();

test.use({ viewport: { width: 720, height: 700 } });

test('the inbox entry keeps its count on its line at the narrowest window, in French and English', async ({ tribune, host }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, 'Office de Tourisme de Port-Lumière');
  const alice = mastodon.server.act.addAccount('alice', 'Alice');
  for (let i = 1; i <= 12; i++) mastodon.server.act.post(alice, `@tribune question ${i} : le marché est ouvert dimanche ?`, { mentionsMe: true });
  await showNotifications(rpc, tribune, workspace.id, account.id);
  rpc.close();

  const cases = [
    { language: 'Français', label: 'Boîte de réception', count: '12 à traiter' },
    { language: 'English', label: 'Inbox', count: '12 to handle' },
  ] as const;
  for (const { language, label, count } of cases) {
    if (language === 'English') await tribune.switchLanguage('English');
    const entry = tribune.rail.getByRole('button', { name: new RegExp(`^${label}`) });
    await expect(entry.locator('.place-count')).toHaveText('12');
    await entry.click();
    await expect(entry).toHaveAttribute('aria-current', 'page');
    await expect(entry).toHaveAccessibleName(new RegExp(`^${label}\\s*${count}$`));
    // One line: the label as tall as the board entry's, the entry as tall, the count beside the label.
    const board = tribune.rail.getByRole('button', { name: /^(Tableau|Board)/ });
    const box = async (locator: typeof entry, selector: string) => (await locator.locator(selector).boundingBox())!;
    const [labelBox, countBox, boardLabel, entryBox, boardBox] = [
      await box(entry, '.place-label'),
      await box(entry, '.place-count'),
      await box(board, '.place-label'),
      (await entry.boundingBox())!,
      (await board.boundingBox())!,
    ];
    expect(labelBox.height, language).toBe(boardLabel.height);
    expect(entryBox.height, language).toBe(boardBox.height);
    expect(countBox.x, language).toBeGreaterThanOrEqual(labelBox.x + labelBox.width);
    expect(countBox.x + countBox.width, language).toBeLessThanOrEqual(entryBox.x + entryBox.width);
    expect(Math.abs(countBox.y + countBox.height / 2 - (labelBox.y + labelBox.height / 2)), language).toBeLessThan(2);
    // With a two-digit count the whole label shows (no ellipsis needed).
    expect(await entry.locator('.place-label').evaluate((el) => el.scrollWidth <= el.clientWidth), language).toBe(true);
  }
});
