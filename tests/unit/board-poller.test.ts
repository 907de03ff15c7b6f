/**
 * When columns are polled, with an injected clock: a column added while its network has
 * nothing yet (the demo's Notifications column, seeded before the community acted) polls
 * again within seconds instead of waiting a grown interval, and its first notifications
 * (a like, a follow without a post, a reply) reach the column page; intervals grow only
 * while nothing new comes, and news brings a column back to its pace.
 */
import { describe, expect, it } from 'vitest';
import type { ReadPage, Reader, RemoteEntry } from '../../src/main/core/connectors/reader';
import { BASE_INTERVAL_MS, FIRST_INTERVAL_MS, GROWTH, PollPlan } from '../../src/main/core/streams/poller';
import { STALE_FACTOR, STALE_RETRY_MS } from '../../src/main/core/streams/engine';
import { statusLine } from '../../src/renderer/model/board/columnLabel';
import en from '../../src/renderer/i18n/en.json';
import fr from '../../src/renderer/i18n/fr.json';
import { ColumnPage } from '../../src/shared/board/schemas';
import { actor, entry, item } from '../helpers/board/fixtures';
import { boardOn, boardStore, scriptedReader, workspaceWithAccount } from '../helpers/board/core';
import { manualClock } from '../helpers/temp';

const column = (id: string, type: 'notifications' | 'search' | 'mentions', empty: boolean) => ({ id, type, accountId: 'a', network: 'bluesky' as const, empty });

describe('poll plan', () => {
  it('polls an empty column at once, then soon, growing only while nothing comes', () => {
    const plan = new PollPlan();
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    plan.plan([column('search', 'search', true), column('full', 'mentions', false)], t0);
    expect(plan.due(t0).map((c) => c.id).sort()).toEqual(['full', 'search']);
    // The first fill found nothing: the next try is seconds away, not 1.5 x 2 minutes.
    const next = plan.refreshed('search', 0, t0);
    expect(next - t0).toBe(FIRST_INTERVAL_MS * GROWTH);
    expect(next - t0).toBeLessThan(20_000);
    // Still nothing: it slows down x1.5 each time.
    const after = plan.refreshed('search', 0, next);
    expect(after - next).toBe(FIRST_INTERVAL_MS * GROWTH * GROWTH);
    // Something came: back to the column type's pace.
    expect(plan.refreshed('search', 3, after) - after).toBe(BASE_INTERVAL_MS.search);
    // A column that already had entries starts from its base pace and grows when nothing comes.
    expect(plan.refreshed('full', 0, t0) - t0).toBe(BASE_INTERVAL_MS.mentions * GROWTH);
  });
});

interface ReaderState {
  entries: RemoteEntry[];
  calls: number;
  /** While set, reads wait until it is called. */
  hold?: Promise<void> | null;
}

/** A reader whose network gets activity later; `calls` counts reads; `hold` keeps a read waiting. */
function notificationsReader(state: ReaderState): Reader {
  return scriptedReader(async (): Promise<ReadPage> => {
    state.calls++;
    if (state.hold) await state.hold;
    return { entries: state.entries, olderCursor: null };
  });
}

describe('a Notifications column added before any activity', () => {
  it('shows the first like, follow and reply within seconds of the network having them', async () => {
    const store = await boardStore(manualClock(Date.parse('2026-12-01T08:00:00Z')));
    const { clock } = store;
    const { ws, account } = workspaceWithAccount(store);
    const state: ReaderState = { entries: [], calls: 0 };
    const events: { event: string; payload: { columnId?: string; newCount?: number } }[] = [];
    const board = boardOn(store, () => notificationsReader(state), { emit: (event, payload) => events.push({ event, payload: payload as never }) });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const col = await board.handlers['column.add']({ boardId: b!.id, type: 'notifications', accountId: account.id });
    // The first fill, started by column.add, ends with nothing.
    expect(await board.handlers['column.refresh']({ columnId: col.id })).toMatchObject({ state: 'ok' });
    await expect.poll(() => state.calls).toBeGreaterThan(0);
    expect((await board.handlers['column.page']({ columnId: col.id })).entries).toEqual([]);

    // The community acts: a like of the town's post, a follow (no post), a reply.
    const townPost = item(1, { author: actor(99, { handle: 'mairie.test', remoteId: 'did:plc:mairie' }), text: 'Travaux quai des Brumes' });
    const at = clock.now();
    state.entries = [
      { kind: 'notification', key: 'at://did:plc:author3/app.bsky.feed.post/reply1', at: at - 1000, type: 'reply', actor: actor(3), item: item(3, { text: 'Combien de temps ?' }) },
      { kind: 'notification', key: 'at://did:plc:author2/app.bsky.graph.follow/f1', at: at - 2000, type: 'follow', actor: actor(2), item: null },
      { kind: 'notification', key: 'at://did:plc:author1/app.bsky.feed.like/l1', at: at - 3000, type: 'like', actor: actor(1), item: townPost },
    ];

    // Within 20 seconds the engine polls again on its own (it used to wait 1.5 x 60 s).
    clock.advance(20_000);
    await board.streams!.engine.tick();
    const page = await board.handlers['column.page']({ columnId: col.id });
    expect(ColumnPage.safeParse(page).success).toBe(true);
    expect(page.entries.map((e) => (e.kind === 'notification' ? `${e.type}:${e.actor.handle}:${e.item?.text ?? '-'}` : e.kind))).toEqual([
      'reply:author3.test:Combien de temps ?',
      'follow:author2.test:-',
      'like:author1.test:Travaux quai des Brumes',
    ]);
    expect(events.some((e) => e.event === 'column.changed' && e.payload.columnId === col.id && e.payload.newCount === 3)).toBe(true);
    // They came after the column was added: new to the person, so unread.
    expect(page.unread).toBe(3);
    board.stop();
  });
});

describe('a stale column', () => {
  it('says since when and when it retries once its last refresh is older than three intervals, and recovers', async () => {
    const t0 = Date.parse('2026-12-01T08:00:00Z');
    const store = await boardStore(manualClock(t0));
    const { clock } = store;
    const { ws, account } = workspaceWithAccount(store);
    const state: ReaderState = { entries: [entry(1), entry(2)], calls: 0 };
    const events: { event: string; payload: { columnId?: string; status?: { state: string; lastRefreshAt: string | null; retryAt: string | null } } }[] = [];
    const board = boardOn(store, () => notificationsReader(state), { emit: (event, payload) => events.push({ event, payload: payload as never }) });
    const engine = board.streams!.engine;
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const col = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    expect(await board.handlers['column.refresh']({ columnId: col.id })).toMatchObject({ state: 'ok', lastRefreshAt: new Date(t0).toISOString() });
    const interval = BASE_INTERVAL_MS.home;

    // The network stops answering: the next run hangs, and later ticks do not wait for it.
    let release: () => void = () => undefined;
    state.hold = new Promise<void>((resolve) => (release = resolve));
    clock.set(t0 + interval);
    void engine.tick();
    await expect.poll(() => state.calls).toBe(2);
    clock.set(t0 + 2 * interval);
    await engine.tick();
    expect(engine.checkStale()).toEqual([]);
    expect((await board.handlers['column.page']({ columnId: col.id })).status.state).toBe('ok');

    // Three intervals without a refresh: stale, since the last refresh, retrying soon.
    clock.set(t0 + STALE_FACTOR * interval);
    expect(engine.checkStale()).toEqual([col.id]);
    const stale = await board.handlers['column.page']({ columnId: col.id });
    expect(stale.status).toMatchObject({ state: 'stale', lastRefreshAt: new Date(t0).toISOString(), retryAt: new Date(t0 + STALE_FACTOR * interval + STALE_RETRY_MS).toISOString() });
    expect(events.at(-1)).toMatchObject({ event: 'column.changed', payload: { columnId: col.id, status: { state: 'stale' } } });
    // The header's line: "stale since 08:00, retrying at 08:03" in both languages.
    expect(statusLine(stale.status, { online: true, reconnectNeeded: false })).toMatchObject({ key: 'stale', lastRefreshAt: stale.status.lastRefreshAt, retryAt: stale.status.retryAt });
    for (const texts of [fr, en]) expect(texts.board.status.staleSince).toMatch(/\{\{since\}\}.*\{\{retry\}\}/);

    // The network answers again: the column is fresh.
    release();
    await expect.poll(async () => (await board.handlers['column.page']({ columnId: col.id })).status.state).toBe('ok');
    const fresh = await board.handlers['column.page']({ columnId: col.id });
    expect(fresh.status.lastRefreshAt).toBe(new Date(t0 + STALE_FACTOR * interval).toISOString());
    expect(engine.checkStale()).toEqual([]);
    board.stop();
  });
});
