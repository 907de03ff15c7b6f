/**
 * The board's streams and the inbox on one real SQLite file, with a scripted reader per column
 * type: what a network would answer for notifications, mentions, direct messages or home.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createBoardCore } from '../../../src/main/core/board';
import { ReadError, type Reader, type RemoteActor, type RemoteEntry, type RemoteItem } from '../../../src/main/core/connectors/reader';
import { createInboxCore } from '../../../src/main/core/inbox';
import { AccountRepository } from '../../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../../src/main/core/repositories/workspaces';
import { openStore } from '../../../src/main/core/store/database';
import type { ColumnType } from '../../../src/shared/board/schemas';
import { actor, item } from '../board/fixtures';
import { manualClock, tempDir } from '../temp';

export const BRAND: RemoteActor = { remoteId: 'did:plc:mairie', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, url: null };

export const notification = (type: 'mention' | 'reply' | 'quote' | 'follow' | 'like', n: number, over: Partial<RemoteItem> = {}, at?: number): RemoteEntry => {
  const it = type === 'follow' ? null : item(n, over);
  return { kind: 'notification', key: `notif-${type}-${n}`, at: at ?? it?.createdAt ?? Date.parse('2026-11-22T08:00:00Z') - n * 1000, type, actor: it?.author ?? actor(n), item: it };
};

export async function inboxHarness() {
  const dir = tempDir();
  const clock = manualClock(Date.parse('2026-11-22T08:00:00.000Z'));
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const workspaces = new WorkspaceRepository(db);
  const accounts = new AccountRepository(db);
  const ws = workspaces.create({ id: randomUUID(), name: 'Port-Lumière', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: BRAND.handle, displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: BRAND.remoteId, createdAt: 0 });
  const feeds = new Map<ColumnType, RemoteEntry[]>();
  const events: { event: string; payload: unknown }[] = [];
  const emit = (event: string, payload: unknown) => void events.push({ event, payload });
  const inbox = createInboxCore({ db, clock, workspaces, accounts, emit });
  const reader: Reader = {
    supports: () => true,
    read: (source) => Promise.resolve({ entries: feeds.get(source.type) ?? [], olderCursor: null }),
    thread: () => Promise.reject(new ReadError('unsupported', 'no')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
  };
  const board = createBoardCore({
    db,
    clock,
    accounts,
    workspaces,
    emit,
    network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => reader, keyFor: () => null, imageDir: path.join(dir, 'img'), onIngest: inbox.onIngest },
  });
  const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
  /** Adds a column of this type and waits for its first fill. */
  const column = async (type: ColumnType, entries: RemoteEntry[]) => {
    feeds.set(type, entries);
    const c = await board.handlers['column.add']({ boardId: b!.id, type, accountId: account.id });
    await board.handlers['column.refresh']({ columnId: c.id });
    return c;
  };
  /** New entries arrive in a column already added. */
  const arrive = async (columnId: string, type: ColumnType, entries: RemoteEntry[]) => {
    feeds.set(type, [...entries, ...(feeds.get(type) ?? [])]);
    await board.handlers['column.refresh']({ columnId });
  };
  return { db, clock, ws, account, accounts, workspaces, board, inbox, h: { ...board.handlers, ...inbox.handlers }, column, arrive, events };
}
