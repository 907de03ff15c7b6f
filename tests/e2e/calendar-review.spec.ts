/**
 * Approval on the calendar: a post still in review is held by the scheduler at its time (nothing
 * reaches the Mastodon stand-in), and goes once approved from the composer; the calendar says so.
 */
import { randomUUID } from 'node:crypto';
import type { PostView } from '../../src/shared/publishing';
import { connectRpc } from '../helpers/host';
import { test, expect } from './fixtures';
import { draftFor, OFFICE, openCalendar, PARIS } from './support/calendar';
import { useMastodonStandIn, workspaceWithMastodon } from './support/mastodon';

const mastodon = useMastodonStandIn();

test.use({ timezoneId: 'America/New_York' });

test('a post still in review is held at its time and goes once approved', async ({ tribune, host, page }) => {
  test.setTimeout(180_000);
  const rpc = await connectRpc(host.current);
  const { workspace, account } = await workspaceWithMastodon(rpc, mastodon.server.url, OFFICE, PARIS);
  await rpc.value('workspace.setApproval', { id: workspace.id, requireApproval: true });
  const text = `Ouverture de la patinoire ${randomUUID().slice(0, 8)} ⛸️`;
  const id = await draftFor(rpc, workspace.id, account.id, text);
  await rpc.value('review.submit', { draftId: id });
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000 + 60_000);
  await rpc.value('post.schedule', { draftId: id, at: at.toISOString(), timeZone: PARIS });
  const calendar = await openCalendar(tribune, page);
  await calendar.view('Jour');
  if (!(await calendar.item(id).isVisible())) await calendar.next(); // Just before midnight: tomorrow.
  await expect(calendar.item(id)).toHaveAttribute('data-review', 'in_review');
  await expect(calendar.item(id)).toContainText('À valider');

  // Its time comes: the scheduler holds it for approval, nothing reaches the instance.
  await expect
    .poll(async () => (await rpc.value<{ post: PostView }>('draft.content', { id })).post.targets.map((t) => [t.status, t.heldReason]), { timeout: 150_000 })
    .toEqual([['held', 'awaiting_approval']]);
  expect(mastodon.server.state.statuses.filter((s) => s.text === text)).toHaveLength(0);
  await expect(calendar.item(id)).toHaveAttribute('data-review', 'in_review');
  await expect(calendar.item(id)).not.toHaveAttribute('data-status', 'published');

  // Approved from the composer: it goes now (barely late), and the calendar says so.
  await calendar.itemButton(id).click();
  await tribune.composer.getByRole('button', { name: 'Valider' }).click();
  await expect(tribune.composer.getByTestId('review-state')).toHaveText('Validé');
  await expect.poll(() => mastodon.server.state.statuses.filter((s) => s.text === text).length, { timeout: 30_000 }).toBe(1);
  await tribune.closeComposer();
  await expect(calendar.item(id)).toHaveAttribute('data-status', 'published', { timeout: 15_000 });
  rpc.close();
});
