/**
 * Unread counts for the rail (real SQLite, real engine, scripted readers): one count per
 * workspace, the sum of its columns' counts, each following its column's filter (a
 * Notifications column filtered by kinds neither shows nor counts the other kinds, even when
 * a reader hands them over); reading a column brings its workspace's count down.
 */
import { describe, expect, it } from 'vitest';
import type { ReadPage, Reader, RemoteEntry } from '../../src/main/core/connectors/reader';
import { UNREAD_SQL } from '../../src/main/core/streams/read-model';
import { workspaceUnread } from '../../src/renderer/stores/unread';
import type { NotificationKind } from '../../src/shared/board/schemas';
import { actor, entry, item } from '../helpers/board/fixtures';
import { boardOn, boardStore, scriptedReader, workspaceWithAccount } from '../helpers/board/core';
import { manualClock } from '../helpers/temp';

function reader(state: { entries: RemoteEntry[] }): Reader {
  return scriptedReader((): Promise<ReadPage> => Promise.resolve({ entries: state.entries, olderCursor: null }));
}

const T0 = Date.parse('2026-12-01T08:00:00Z');
const notification = (n: number, type: NotificationKind): RemoteEntry => ({
  kind: 'notification',
  key: `at://did:plc:author${n}/app.bsky.feed.like/${n}`,
  at: T0 + n * 1000,
  type,
  actor: actor(n),
  item: type === 'follow' ? null : item(n),
});
const post = (n: number): RemoteEntry => ({ ...entry(n), at: T0 + n * 1000 });

describe('unread counts per workspace', () => {
  it('sums each workspace\'s columns, follows a column\'s kinds filter, and goes down when read', async () => {
    const store = await boardStore(manualClock(T0));
    const states = new Map<string, { entries: RemoteEntry[] }>();
    const events: { event: string; payload: { columnId?: string; unread?: number } }[] = [];
    const board = boardOn(store, (id) => reader(states.get(id)!), { emit: (event, payload) => events.push({ event, payload: payload as never }) });
    const h = board.handlers;
    const setup = async (name: string, type: 'notifications' | 'home', entries: RemoteEntry[]) => {
      const { ws, account } = workspaceWithAccount(store, { handle: `${name}.test`, remoteId: `did:plc:${name}`, workspace: name, displayName: name });
      states.set(account.id, { entries });
      const [b] = await h['board.list']({ workspaceId: ws.id });
      const column = await h['column.add']({ boardId: b!.id, type, accountId: account.id });
      // The first fill: what was there before the column counts as read.
      await h['column.refresh']({ columnId: column.id });
      return { ws, account, column, state: states.get(account.id)! };
    };
    const office = await setup('office', 'notifications', [notification(1, 'like')]);
    const museum = await setup('museum', 'home', [post(1)]);
    expect(await h['board.unreadAll']({})).toMatchObject({ workspaces: [{ total: 0 }, { total: 0 }] });

    // New activity: three notifications for the office, two posts for the museum.
    office.state.entries = [notification(5, 'mention'), notification(4, 'follow'), notification(3, 'like'), notification(1, 'like')];
    museum.state.entries = [post(3), post(2), post(1)];
    await h['column.refresh']({ columnId: office.column.id });
    await h['column.refresh']({ columnId: museum.column.id });
    const all = await h['board.unreadAll']({});
    const totals = Object.fromEntries(all.workspaces.map((w) => [w.workspaceId, w.total]));
    expect(totals).toEqual({ [office.ws.id]: 3, [museum.ws.id]: 2 });
    // The renderer's sum over the columns it keeps gives the same.
    const columns = Object.fromEntries(all.columns.map((c) => [c.columnId, { workspaceId: c.workspaceId, unread: c.unread }]));
    expect(workspaceUnread(columns, office.ws.id)).toBe(3);
    expect(workspaceUnread(columns, museum.ws.id)).toBe(2);

    // Only mentions and follows: the column starts again from the network with that filter.
    await h['column.update']({ columnId: office.column.id, query: { kinds: ['mention', 'follow'] } });
    await h['column.refresh']({ columnId: office.column.id });
    // A reader that still hands over likes (a refresh with the old filter): neither shown nor counted.
    office.state.entries = [notification(8, 'like'), notification(7, 'mention'), ...office.state.entries];
    await h['column.refresh']({ columnId: office.column.id });
    const page = await h['column.page']({ columnId: office.column.id });
    expect(page.entries.map((e) => (e.kind === 'notification' ? e.type : e.kind))).toEqual(['mention', 'mention', 'follow']);
    expect(page.unread).toBe(1);
    expect((await h['board.unreadAll']({})).workspaces.find((w) => w.workspaceId === office.ws.id)?.total).toBe(1);

    // Reading the column: its workspace has nothing unread, and the renderer hears it.
    expect(await h['column.markRead']({ columnId: office.column.id })).toEqual({ unread: 0 });
    expect(events.at(-1)).toMatchObject({ event: 'column.changed', payload: { columnId: office.column.id, unread: 0 } });
    expect((await h['board.unreadAll']({})).workspaces.find((w) => w.workspaceId === office.ws.id)?.total).toBe(0);
    board.stop();
  });

  it('counts from the narrow unread index, never by reading the entries themselves (a cache filled offline holds thousands per column)', async () => {
    const { db } = await boardStore(manualClock(T0));
    for (const [name, sql] of Object.entries(UNREAD_SQL)) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(name === 'all' ? [] : ['a-column'])) as { detail: string }[]).map((r) => r.detail);
      const entries = plan.filter((d) => / e\b/.test(d));
      expect(entries, `${name}: ${plan.join(' / ')}`).toEqual([expect.stringMatching(/^SEARCH e USING COVERING INDEX column_entries_unread \(column_id=\? AND sort_key>\?\)/)]);
    }
    db.close();
  });
});
