import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { StreamCache } from '../../src/main/core/streams/cache';
import { openStore } from '../../src/main/core/store/database';
import { AppFailure } from '../../src/shared/result';
import { entry } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

async function setup() {
  const dir = tempDir();
  const clock = manualClock();
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const workspaces = new WorkspaceRepository(db);
  const accounts = new AccountRepository(db);
  const ws = workspaces.create({ id: randomUUID(), name: 'Port-Lumière', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: clock.now() });
  const other = workspaces.create({ id: randomUUID(), name: 'Autre', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: clock.now() });
  const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: clock.now() });
  const foreign = accounts.upsert({ id: randomUUID(), workspaceId: other.id, network: 'bluesky', handle: 'x.test', displayName: 'X', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:x', createdAt: clock.now() });
  const events: { event: string; payload: unknown }[] = [];
  const board = createBoardCore({ db, clock, accounts, workspaces, emit: (event, payload) => events.push({ event, payload }) });
  return { db, clock, ws, account, foreign, board, h: board.handlers, events, cache: new StreamCache(db) };
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppFailure).code;
  }
  return 'no error';
};

describe('boards and columns', () => {
  it('gives a new workspace one board with Tribune\'s own columns, and keeps what is changed', async () => {
    const { h, ws, account } = await setup();
    const [first] = await h['board.list']({ workspaceId: ws.id });
    expect(first!.name).toBe('Accueil');
    expect(first!.columns.map((c) => [c.type, c.accountId, c.status.state])).toEqual([
      ['drafts', null, 'local'],
      ['scheduled', null, 'local'],
      ['sent', null, 'local'],
    ]);
    const home = await h['column.add']({ boardId: first!.id, type: 'home', accountId: account.id, position: 0 });
    const search = await h['column.add']({ boardId: first!.id, type: 'search', accountId: account.id, query: { q: 'Port-Lumière', tag: 'PortLumiere', lang: 'fr' }, width: 'wide' });
    expect(home.position).toBe(0);
    expect(search).toMatchObject({ position: 4, width: 'wide', notify: false, query: { q: 'Port-Lumière', tag: 'PortLumiere', lang: 'fr' } });
    const mentions = await h['column.add']({ boardId: first!.id, type: 'mentions', accountId: account.id });
    expect(mentions.notify).toBe(true);
    const moved = await h['column.move']({ columnId: search.id, position: 1 });
    expect(moved[0]!.columns.map((c) => c.type)).toEqual(['home', 'search', 'drafts', 'scheduled', 'sent', 'mentions']);
    await h['column.update']({ columnId: home.id, width: 'narrow', notify: true });
    await h['column.remove']({ columnId: mentions.id });
    const veille = await h['board.save']({ workspaceId: ws.id, name: 'Veille' });
    await h['column.move']({ columnId: search.id, position: 0, boardId: veille.id });
    const boards = await h['board.list']({ workspaceId: ws.id });
    expect(boards.map((b) => [b.name, b.columns.map((c) => `${c.type}:${c.position}:${c.width}:${c.notify}`)])).toEqual([
      ['Accueil', ['home:0:narrow:true', 'drafts:1:normal:false', 'scheduled:2:normal:false', 'sent:3:normal:false']],
      ['Veille', ['search:0:wide:false']],
    ]);
  });

  it('refuses columns without the account or the query they need, with their own codes', async () => {
    const { h, ws, foreign, account } = await setup();
    const [b] = await h['board.list']({ workspaceId: ws.id });
    expect(code(() => h['column.add']({ boardId: b!.id, type: 'home' }))).toBe('column_needs_account');
    expect(code(() => h['column.add']({ boardId: b!.id, type: 'home', accountId: foreign.id }))).toBe('column_account_other_workspace');
    expect(code(() => h['column.add']({ boardId: b!.id, type: 'home', accountId: randomUUID() }))).toBe('account_not_found');
    expect(code(() => h['column.add']({ boardId: randomUUID(), type: 'home', accountId: account.id }))).toBe('board_not_found');
    expect(code(() => h['board.delete']({ id: b!.id }))).toBe('board_last_one');
    expect(code(() => h['column.remove']({ columnId: randomUUID() }))).toBe('column_not_found');
  });

  it('pages a column from the cache newest first, counts unread entries, and marks them read', async () => {
    const { h, ws, account, cache, clock } = await setup();
    const [b] = await h['board.list']({ workspaceId: ws.id });
    const home = await h['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    const search = await h['column.add']({ boardId: b!.id, type: 'search', accountId: account.id, query: { tag: 'PortLumiere' } });
    const page = Array.from({ length: 120 }, (_, i) => entry(i));
    expect(cache.ingest(home.id, account.id, 'bluesky', page, clock.now())).toMatchObject({ added: 120, known: 0 });
    // The same posts in a second column: shared rows, not copies.
    cache.ingest(search.id, account.id, 'bluesky', page.slice(0, 10), clock.now());
    expect(cache.ingest(home.id, account.id, 'bluesky', page.slice(0, 5), clock.now())).toMatchObject({ added: 0, known: 5 });

    const first = await h['column.page']({ columnId: home.id, limit: 50 });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]).toMatchObject({ kind: 'item', item: { text: 'Post 0 about Port-Lumière', author: { handle: 'author0.test', avatar: expect.stringMatching(/^\/remote-image\/[0-9a-f]{40}$/) } } });
    const second = await h['column.page']({ columnId: home.id, before: first.nextCursor!, limit: 50 });
    const third = await h['column.page']({ columnId: home.id, before: second.nextCursor!, limit: 50 });
    expect(third.entries).toHaveLength(20);
    expect(third.nextCursor).toBeNull();
    const texts = [...first.entries, ...second.entries, ...third.entries].map((e) => (e.kind === 'item' ? e.item.text : ''));
    expect(texts).toEqual(page.map((_, i) => `Post ${i} about Port-Lumière`));
    const searchFirst = await h['column.page']({ columnId: search.id });
    expect(searchFirst.entries[0]!.kind === 'item' && first.entries[0]!.kind === 'item' && searchFirst.entries[0]!.item.id === first.entries[0]!.item.id).toBe(true);

    expect(await h['board.unread']({ workspaceId: ws.id })).toMatchObject({ total: 130 });
    expect(await h['column.markRead']({ columnId: home.id, cursor: first.entries[9]!.cursor })).toEqual({ unread: 9 });
    // Going back is ignored: a read position only moves forward.
    expect(await h['column.markRead']({ columnId: home.id, cursor: third.entries[0]!.cursor })).toEqual({ unread: 9 });
    expect(await h['column.markRead']({ columnId: home.id })).toEqual({ unread: 0 });
    expect(await h['board.unread']({ workspaceId: ws.id })).toMatchObject({ total: 10, columns: expect.arrayContaining([{ columnId: home.id, unread: 0 }, { columnId: search.id, unread: 10 }]) });
  });
});
