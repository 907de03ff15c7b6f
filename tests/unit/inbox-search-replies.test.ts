/**
 * The inbox's search and a reply on its way, on a real SQLite file with the real streams engine
 * and a scripted network: words found in the text or the person's name and handle, case and
 * accents ignored, the counts kept whole; an item shows its reply waiting (undo delay, held
 * offline) until it went, and the inbox repaints when that changes.
 */
import { describe, expect, it } from 'vitest';
import { InboxFilter } from '../../src/shared/inbox/schemas';
import { actor } from '../helpers/board/fixtures';
import { inboxHarness, notification } from '../helpers/inbox/harness';

const iso = (ms: number) => new Date(ms).toISOString();

describe('the inbox search', () => {
  it('searches the items by words in their text or the person\'s name and handle, case and accents ignored; the counts stay whole', async () => {
    const t = await inboxHarness();
    await t.column('notifications', [
      notification('mention', 1, { text: 'Où garer un CAMPING-CAR près du port ?' }),
      notification('mention', 2, { text: 'Le festival d’été est génial' }),
      notification('reply', 3, { text: 'Merci !', author: actor(3, { displayName: 'Zoé Marin', handle: 'zoe-marin.test' }) }),
    ]);
    const search = async (text: string) => {
      const page = await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle', filter: { text } });
      return { texts: page.entries.map((e) => e.item?.text), counts: page.counts };
    };
    expect((await search('camping-car')).texts).toEqual(['Où garer un CAMPING-CAR près du port ?']);
    expect((await search('  ETE ')).texts).toEqual(['Le festival d’été est génial']);
    expect((await search('festival d\'été')).texts).toEqual(['Le festival d’été est génial']);
    expect((await search('zoe')).texts).toEqual(['Merci !']);
    expect((await search('@zoe-marin')).texts).toEqual(['Merci !']);
    const none = await search('navette');
    expect(none.texts).toEqual([]);
    // The tabs and the rail count the whole inbox, not the search.
    expect(none.counts.toHandle).toBe(3);
    // A blank search is not a filter the contract takes (the view sends none).
    expect(InboxFilter.safeParse({ text: '   ' }).success).toBe(false);
  });
});

describe('a reply on its way', () => {
  it('shows on its item while it waits to go (publishing, held offline), repaints the inbox when that changes, and leaves once it went', async () => {
    const t = await inboxHarness();
    await t.column('notifications', [notification('mention', 1), notification('mention', 2)]);
    const list = async () => (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries.map((e) => [e.item!.text, e.replyWaiting]);
    const [answered] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries;
    const repaints = () => t.events.filter((e) => e.event === 'inbox.changed').length;
    const now = t.clock.now();
    // A reply to the first item, published with the undo delay: its target waits.
    t.db.prepare(`INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, content, state) VALUES ('d1', ?, 'Oui', ?, ?, 1, ?, 'scheduled')`).run(
      t.ws.id, now, now, JSON.stringify({ replyTo: { itemId: answered!.item!.id, network: 'bluesky', uri: answered!.item!.uri }, targets: [{ accountId: t.account.id, variant: null }] }),
    );
    t.db.prepare(`INSERT INTO post_targets (id, draft_id, account_id, network, status, due_at, idempotency_key, part_keys, updated_at) VALUES ('t1', 'd1', ?, 'bluesky', 'pending', ?, 'k1', '[]', ?)`).run(t.account.id, now + 10_000, now);
    const before = repaints();
    t.inbox.postsChanged(t.ws.id);
    expect(repaints()).toBe(before + 1);
    expect(await list()).toEqual([[answered!.item!.text, true], ['Post 2 about Port-Lumière', false]]);
    // Held offline: still waiting, nothing new to repaint.
    t.db.prepare(`UPDATE post_targets SET status = 'held', hold_reason = 'offline' WHERE id = 't1'`).run();
    t.inbox.postsChanged(t.ws.id);
    expect(repaints()).toBe(before + 1);
    expect((await list())[0]).toEqual([answered!.item!.text, true]);
    // Undone (back to a draft): no longer waiting, and the inbox repaints.
    t.db.prepare(`UPDATE post_targets SET status = 'cancelled', hold_reason = NULL WHERE id = 't1'`).run();
    t.inbox.postsChanged(t.ws.id);
    expect(repaints()).toBe(before + 2);
    expect((await list())[0]).toEqual([answered!.item!.text, false]);
    // Sent: the item is done and shows no waiting reply.
    t.db.prepare(`UPDATE post_targets SET status = 'sent', sent_at = ? WHERE id = 't1'`).run(now + 11_000);
    t.inbox.postsChanged(t.ws.id);
    const [done] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'done' })).entries;
    expect(done).toMatchObject({ id: answered!.id, replyWaiting: false, firstReplyAt: iso(now + 11_000) });
  });
});
