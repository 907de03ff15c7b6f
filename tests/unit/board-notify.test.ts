/**
 * Desktop notifications decided by the core (real SQLite, real engine, a scripted reader):
 * `column.notify` for new items of columns with notifications on (Mentions and Direct
 * messages by default), grouped past three, never for the first fill, for items already
 * announced (also after a restart), for read ones, or for the workspace's own posts.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import type { ReadPage, Reader, RemoteEntry } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { openStore, type Db } from '../../src/main/core/store/database';
import { ColumnNotice, NOTICE_GROUP_AFTER, noticeContent } from '../../src/shared/board/notice';
import type { ColumnType } from '../../src/shared/board/schemas';
import { actor, entry } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

function reader(state: { posts: RemoteEntry[] }): Reader {
  return {
    supports: () => true,
    read(_source, cursor, limit): Promise<ReadPage> {
      const from = cursor ? Number(cursor) : 0;
      return Promise.resolve({ entries: state.posts.slice(from, from + limit), olderCursor: from + limit < state.posts.length ? String(from + limit) : null });
    },
    thread: () => Promise.reject(new Error('unused')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
  };
}

/** A board core on a database file, as the app opens it (a second call is a restart). */
function openBoard(db: Db, state: { posts: RemoteEntry[] }, notices: ColumnNotice[]) {
  const accounts = new AccountRepository(db);
  return createBoardCore({
    db,
    clock: manualClock(Date.parse('2026-12-01T08:00:00Z')),
    accounts,
    workspaces: new WorkspaceRepository(db),
    emit: (event, payload) => {
      if (event === 'column.notify') notices.push(ColumnNotice.parse(payload));
    },
    network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => reader(state), keyFor: () => null, imageDir: path.join(tempDir(), 'img') },
  });
}

async function setup(type: ColumnType = 'mentions', cached = 30) {
  const dir = tempDir();
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock: manualClock(0) });
  const ws = new WorkspaceRepository(db).create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const account = new AccountRepository(db).upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: 0 });
  const state = { posts: Array.from({ length: cached }, (_, i) => entry(1000 + i)) };
  const notices: ColumnNotice[] = [];
  const board = openBoard(db, state, notices);
  const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
  const column = await board.handlers['column.add']({ boardId: b!.id, type, accountId: account.id });
  // Joins the first fill that column.add started.
  await board.handlers['column.refresh']({ columnId: column.id });
  return { db, ws, board, boardId: b!.id, column, state, notices, refresh: () => board.handlers['column.refresh']({ columnId: column.id }) };
}

/** Newer posts than the first 30 (entry(n) is n seconds before 08:00): newest first. */
const newer = (count: number, base = 500) => Array.from({ length: count }, (_, i) => entry(base + i));

describe('desktop notifications from the core', () => {
  it('announces new mentions one by one, newest first, never the first fill nor twice', async () => {
    const { ws, boardId, column, state, notices, refresh } = await setup('mentions');
    expect(column.notify).toBe(true);
    expect(notices).toEqual([]);
    const arrived = newer(2);
    state.posts = [...arrived, ...state.posts];
    await refresh();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      workspaceId: ws.id,
      boardId,
      columnId: column.id,
      columnType: 'mentions',
      accountHandle: 'mairie.test',
      count: 2,
      grouped: false,
      focusKey: arrived[0]!.key,
    });
    expect(notices[0]!.items.map((i) => i.key)).toEqual(arrived.map((e) => e.key));
    expect(notices[0]!.items[0]).toMatchObject({ author: 'Author 0', reason: null, text: 'Post 500 about Port-Lumière' });
    await refresh();
    expect(notices).toHaveLength(1);
  });

  it('groups many arrivals into one notification that focuses the newest', async () => {
    const { state, notices, refresh } = await setup('direct');
    const arrived = newer(NOTICE_GROUP_AFTER + 2);
    state.posts = [...arrived, ...state.posts];
    await refresh();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ count: NOTICE_GROUP_AFTER + 2, grouped: true, items: [], focusKey: arrived[0]!.key });
    const [shown] = noticeContent(notices[0]!, 'en');
    expect(noticeContent(notices[0]!, 'fr')).toHaveLength(1);
    expect(shown!.target).toEqual({ workspaceId: notices[0]!.workspaceId, boardId: notices[0]!.boardId, columnId: notices[0]!.columnId, key: arrived[0]!.key });
  });

  it('stays quiet for columns with notifications off until the person turns them on', async () => {
    const { board, column, state, notices, refresh } = await setup('home');
    expect(column.notify).toBe(false);
    state.posts = [...newer(2, 600), ...state.posts];
    await refresh();
    expect(notices).toEqual([]);
    await board.handlers['column.update']({ columnId: column.id, notify: true });
    state.posts = [...newer(1, 500), ...state.posts];
    await refresh();
    expect(notices.map((n) => n.count)).toEqual([1]);
  });

  it("never announces the workspace's own posts, nor what was read", async () => {
    const { board, column, state, notices, refresh } = await setup('mentions');
    const own = entry(700, { author: actor(99, { remoteId: 'did:plc:mairie', handle: 'mairie.test' }) });
    state.posts = [own, ...state.posts];
    await refresh();
    expect(notices).toEqual([]);
    // Read up to the newest, then a post arrives that is older than the read position (a late one).
    const late = entry(1500);
    await board.handlers['column.markRead']({ columnId: column.id });
    state.posts = [newer(1, 400)[0]!, ...state.posts, late];
    await refresh();
    expect(notices.map((n) => n.items.map((i) => i.key))).toEqual([[entry(400).key]]);
  });

  it("announces the first mention of a column that was empty, not its first fill's", async () => {
    const { state, notices, refresh } = await setup('mentions', 0);
    await refresh();
    expect(notices).toEqual([]);
    state.posts = newer(1);
    await refresh();
    expect(notices.map((n) => n.items.map((i) => i.key))).toEqual([[entry(500).key]]);
  });

  it('does not announce again after a restart on the same data', async () => {
    const { db, column, state, notices, refresh } = await setup('mentions');
    state.posts = [...newer(1), ...state.posts];
    await refresh();
    expect(notices).toHaveLength(1);
    const after: ColumnNotice[] = [];
    const restarted = openBoard(db, state, after);
    await restarted.handlers['column.refresh']({ columnId: column.id });
    expect(after).toEqual([]);
    state.posts = [...newer(1, 450), ...state.posts];
    await restarted.handlers['column.refresh']({ columnId: column.id });
    expect(after.map((n) => n.items.map((i) => i.key))).toEqual([[entry(450).key]]);
  });
});
