/**
 * The editorial calendar end to end: a post scheduled for a Mastodon account (the stand-in,
 * every request checked against Mastodon's OpenAPI description) is moved in the week view with
 * the mouse and with the keyboard, and its scheduled time changes in the core.
 * (Planning a post on the calendar: calendar-planning.spec.ts; the review hold:
 * calendar-review.spec.ts; the calendar file between two data folders: calendar-exchange.spec.ts.)
 */
import { connectRpc, type RpcClient } from '../helpers/host';
import { test, expect } from './fixtures';
import { dateIn, OFFICE, openCalendar, PARIS, schedulePost, zonedInstant } from './support/calendar';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';

const mastodon = useMastodonStandIn();

test.use({ timezoneId: 'America/New_York' });

async function scheduledAt(rpc: RpcClient, workspaceId: string, draftId: string): Promise<string | null> {
  const posts = await rpc.value<{ draftId: string; scheduledAt: string | null }[]>('post.list', { workspaceId, column: 'scheduled' });
  return posts.find((p) => p.draftId === draftId)?.scheduledAt ?? null;
}

test('a scheduled post is moved in the week view with the mouse, put back from its toast, then moved with the keyboard', async ({ tribune, host, page }) => {
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, OFFICE, PARIS);
  const day = dateIn(PARIS, 2);
  const draftId = await schedulePost(rpc, workspace.id, account.id, 'Marché de Noël sur le port dès 10 h 🎄', day, '10:00');
  const calendar = await openCalendar(tribune, page);
  await calendar.view('Semaine');
  await expect(calendar.main.getByTestId('calendar-zone')).toContainText('Europe/Paris');
  await calendar.showItem(draftId);
  expect(await calendar.time(draftId)).toBe('10:00');

  // Mouse: from the post to the 14:00 slot of the same day.
  const target = calendar.cell(`${day}T14:00`);
  await target.scrollIntoViewIfNeeded();
  const from = (await calendar.itemButton(draftId).boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 20, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
  await expect.poll(() => scheduledAt(rpc, workspace.id, draftId)).toBe(zonedInstant(day, 14, 0, PARIS));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('14:00');

  // Its toast puts it back where it was.
  await tribune.toasts.getByRole('button', { name: /^Annuler/ }).last().click();
  await expect.poll(() => scheduledAt(rpc, workspace.id, draftId)).toBe(zonedInstant(day, 10, 0, PARIS));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('10:00');

  // Keyboard: pick up from the handle, one day later and an hour earlier, drop.
  await calendar.handle(draftId).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const nextDay = dateIn(PARIS, 3);
  await expect.poll(() => scheduledAt(rpc, workspace.id, draftId)).toBe(zonedInstant(nextDay, 9, 0, PARIS));
  await expect(calendar.item(draftId).locator('.cal-item-time')).toHaveText('09:00');
  // Screen readers heard where it went.
  await expect(page.getByTestId('calendar-announcer')).toContainText(/déplacée/);
  await page.screenshot({ path: 'test-results/screenshots/calendar-week.png' });
  await calendar.view('Mois');
  await page.screenshot({ path: 'test-results/screenshots/calendar-month.png' });
  await calendar.view('Liste');
  await page.screenshot({ path: 'test-results/screenshots/calendar-list.png' });
  rpc.close();
});
