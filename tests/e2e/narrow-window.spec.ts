/**
 * The desktop window at its narrowest (720 px, its minimum width), in French and English: the
 * rail's inbox entry and its count stay on one line even as the current place (bold), where
 * "Boîte de réception" used to wrap onto two (a label too long is cut with an ellipsis, the
 * entry's name read by assistive tech stays whole); the inbox and the top bar fit beside the
 * rail instead of running past the window's edge, the rows' times written short ("5 min").
 */
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';
import { showNotifications } from './support/notifications';

const mastodon = useMastodonStandIn();

test.use({ viewport: { width: 720, height: 700 } });

test('at the narrowest window the inbox entry keeps its count on its line, and the inbox fits the window', async ({ tribune, host, page }) => {
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
    // The rows say how long an item has waited in short, as the board's cards do.
    await expect(page.getByTestId('inbox-row').first().locator('time')).toHaveText(/^(à l’instant|now|\d+ min)$/);
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

  // The inbox is as wide as the window leaves it: its toolbar wraps, its rows and the top bar's
  // buttons end inside the window (they ran past its edge, cut off).
  const width = page.viewportSize()!.width;
  const ends = async (locator: ReturnType<typeof page.getByRole>) => {
    const box = (await locator.boundingBox())!;
    return box.x + box.width;
  };
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  for (const locator of [
    page.getByRole('main', { name: 'Inbox' }),
    page.getByTestId('inbox-row').first(),
    page.getByRole('button', { name: /^Mark all 12 done/ }),
    page.getByRole('button', { name: /^New draft/ }),
    tribune.connection,
  ]) {
    expect(await ends(locator), String(locator)).toBeLessThanOrEqual(width);
  }
});
