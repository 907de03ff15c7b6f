/**
 * Unread counts for the rail (real SQLite, real engine, scripted readers): one count per
 * workspace, the sum of its columns' counts, each following its column's filter (a
 * Notifications column filtered by kinds neither shows nor counts the other kinds, even when
 * a reader hands them over); reading a column brings its workspace's count down.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import { ReadError, type ReadPage, type Reader, type RemoteEntry } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { openStore } from '../../src/main/core/store/database';
import { workspaceUnread } from '../../src/renderer/stores/unread';
import type { NotificationKind } from '../../src/shared/board/schemas';
import { actor, entry, item } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

function reader(state: { entries: RemoteEntry[] }): Reader {
  return {
    supports: () => true,
    read: (): Promise<ReadPage> => Promise.resolve({ entries: state.entries, olderCursor: null }),
    thread: () => Promise.reject(new ReadError('unsupported', 'no')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
  };
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
    const dir = tempDir();
    const clock = manualClock(T0);
    const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
    const workspaces = new WorkspaceRepository(db);
    const accounts = new AccountRepository(db);
    const states = new Map<string, { entries: RemoteEntry[] }>();
    const events: { event: string; payload: { columnId?: string; unread?: number } }[] = [];
    const board = createBoardCore({
      db,
      clock,
      accounts,
      workspaces,
      emit: (event, payload) => events.push({ event, payload: payload as never }),
      network: { log: { info: () => undefined, error: () => undefined }, readerFor: (id) => reader(states.get(id)!), keyFor: () => null, imageDir: path.join(dir, 'img') },
    });
    const h = board.handlers;
    const setup = async (name: string, type: 'notifications' | 'home', entries: RemoteEntry[]) => {
      const ws = workspaces.create({ id: randomUUID(), name, color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
      const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: `${name}.test`, displayName: name, avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: `did:plc:${name}`, createdAt: 0 });
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
});
