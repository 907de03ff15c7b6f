/**
 * The board's streams and the inbox on one real SQLite file, with a scripted reader per column
 * type: what a network would answer for notifications, mentions, direct messages or home.
 */
import type { RemoteActor, RemoteEntry, RemoteItem } from '../../../src/main/core/connectors/reader';
import { createInboxCore } from '../../../src/main/core/inbox';
import type { ColumnType } from '../../../src/shared/board/schemas';
import { actor, item } from '../board/fixtures';
import { boardOn, boardStore, scriptedReader, workspaceWithAccount } from '../board/core';
import { manualClock } from '../temp';

export const BRAND: RemoteActor = { remoteId: 'did:plc:mairie', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, url: null };

export const notification = (type: 'mention' | 'reply' | 'quote' | 'follow' | 'like', n: number, over: Partial<RemoteItem> = {}, at?: number): RemoteEntry => {
  const it = type === 'follow' ? null : item(n, over);
  return { kind: 'notification', key: `notif-${type}-${n}`, at: at ?? it?.createdAt ?? Date.parse('2026-11-22T08:00:00Z') - n * 1000, type, actor: it?.author ?? actor(n), item: it };
};

export async function inboxHarness() {
  const store = await boardStore(manualClock(Date.parse('2026-11-22T08:00:00.000Z')));
  const { db, clock, workspaces, accounts } = store;
  const { ws, account } = workspaceWithAccount(store, { handle: BRAND.handle, remoteId: BRAND.remoteId });
  const feeds = new Map<ColumnType, RemoteEntry[]>();
  const events: { event: string; payload: unknown }[] = [];
  const emit = (event: string, payload: unknown) => void events.push({ event, payload });
  const inbox = createInboxCore({ db, clock, workspaces, accounts, emit });
  const reader = scriptedReader((source) => Promise.resolve({ entries: feeds.get(source.type) ?? [], olderCursor: null }));
  const board = boardOn(store, () => reader, { emit, onIngest: inbox.onIngest });
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
