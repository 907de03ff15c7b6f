/**
 * A direct conversation in the panel (streams/conversations.ts, real SQLite, scripted reader):
 * pages oldest first, the newest page marks it read, offline it shows the messages read before
 * (that conversation's only), and a refusal is told apart.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import { ReadError, type Reader, type RemoteItem } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { openStore } from '../../src/main/core/store/database';
import { item } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

/** Message n of a conversation (n seconds after 08:00). */
const message = (convo: string, n: number): RemoteItem => item(n, { uri: `chat:${convo}:m${String(n).padStart(4, '0')}`, remoteId: `chat:${convo}:m${String(n).padStart(4, '0')}`, text: `Message ${n}`, createdAt: Date.parse('2026-12-01T08:00:00Z') + n * 1000 });

async function setup() {
  const dir = tempDir();
  const clock = manualClock(Date.parse('2026-12-01T09:00:00Z'));
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const workspaces = new WorkspaceRepository(db);
  const accounts = new AccountRepository(db);
  const ws = workspaces.create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: 0 });
  // 35 messages, newest first, 30 a page with a numeric cursor; another conversation beside it.
  const state = { messages: Array.from({ length: 35 }, (_, i) => message('c1', 35 - i)), fail: null as ReadError | null, read: [] as string[] };
  const reader: Reader = {
    supports: () => true,
    read: () => Promise.resolve({ entries: [], olderCursor: null }),
    thread: () => Promise.reject(new ReadError('unsupported', 'no')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
    messages(_uri, cursor, limit) {
      if (state.fail) return Promise.reject(state.fail);
      const from = cursor ? Number(cursor) : 0;
      return Promise.resolve({ items: state.messages.slice(from, from + limit), olderCursor: from + limit < state.messages.length ? String(from + limit) : null });
    },
    markConversationRead(uri) {
      state.read.push(uri);
      return Promise.resolve();
    },
  };
  const board = createBoardCore({
    db,
    clock,
    accounts,
    workspaces,
    emit: () => undefined,
    network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => reader, keyFor: () => null, imageDir: path.join(dir, 'img') },
  });
  const ids = board.streams!.cache.putItems([message('c1', 35), message('c2', 1), item(7)], account.id, 'bluesky', clock.now());
  const open = (itemId: string, before?: string) => board.handlers['item.conversation']({ itemId, asAccountId: account.id, ...(before ? { before } : {}) });
  return { state, open, itemOf: (uri: string) => ids.get(uri)! };
}

describe('a direct conversation in the panel', () => {
  it('pages oldest first, marks it read up to the newest, and shows the messages read before when offline', async () => {
    const { state, open, itemOf } = await setup();
    const c1 = itemOf('chat:c1:m0035');
    const first = await open(c1);
    expect(first.messages.map((m) => m.text)).toEqual(Array.from({ length: 30 }, (_, i) => `Message ${i + 6}`));
    expect(first).toMatchObject({ olderCursor: '30', fromCache: false });
    expect(state.read).toEqual(['chat:c1:m0035']);
    const older = await open(c1, first.olderCursor!);
    expect(older.messages.map((m) => m.text)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    expect(older.olderCursor).toBeNull();
    expect(state.read).toHaveLength(1); // an older page does not move the read position

    state.fail = new ReadError('unreachable', 'offline');
    const offline = await open(c1);
    expect(offline.fromCache).toBe(true);
    expect(offline.messages.map((m) => m.text)).toEqual(Array.from({ length: 35 }, (_, i) => `Message ${i + 1}`));
  });

  it('tells chat refused and a post that is not a direct message apart', async () => {
    const { state, open, itemOf } = await setup();
    state.fail = new ReadError('chat_not_allowed', 'no chat', 403);
    await expect(open(itemOf('chat:c1:m0035'))).rejects.toMatchObject({ code: 'chat_not_allowed' });
    await expect(open(itemOf(item(7).uri))).rejects.toMatchObject({ code: 'action_unsupported' });
  });
});
