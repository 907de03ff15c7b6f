/**
 * The cache's retention settings (real SQLite): saved limits survive a restart, saving prunes
 * at once with them (a column keeps its newest entries up to its cap), and limits outside the
 * contract's bounds are refused. Starting leaves the cache alone while the board paints its
 * first pages, and applies the retention a minute later.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import { ReadError, type Reader } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { openStore } from '../../src/main/core/store/database';
import { PRUNE_AFTER_START_MS } from '../../src/main/core/streams';
import { boardCommands } from '../../src/shared/board/contract';
import { DEFAULT_RETENTION } from '../../src/shared/board/schemas';
import { entry } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

const quiet: Reader = {
  supports: () => true,
  read: () => Promise.resolve({ entries: [], olderCursor: null }),
  thread: () => Promise.reject(new ReadError('unsupported', 'no')),
  act: () => Promise.resolve({ ref: null }),
  markSeen: () => Promise.resolve(),
  readSeen: () => Promise.resolve(null),
};

async function open(dir: string) {
  const clock = manualClock(Date.parse('2026-12-01T08:00:00Z'));
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const board = createBoardCore({
    db,
    clock,
    accounts: new AccountRepository(db),
    workspaces: new WorkspaceRepository(db),
    emit: () => undefined,
    network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => quiet, keyFor: () => null, imageDir: path.join(dir, 'img') },
  });
  return { db, clock, board };
}

describe('retention settings', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are not applied while the board starts, but a minute after', async () => {
    const dir = tempDir();
    const { db, board, clock } = await open(dir);
    const ws = new WorkspaceRepository(db).create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    const account = new AccountRepository(db).upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: 0 });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    // Limits saved in an earlier session, and a cache holding more than they keep.
    board.settings.setRetention({ maxItemsPerColumn: 100 });
    board.streams!.cache.ingest(column.id, account.id, 'bluesky', Array.from({ length: 250 }, (_, i) => entry(i + 1)), clock.now());
    const count = () => db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM column_entries WHERE column_id = ?').get(column.id)!.n;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    board.start();
    expect(count()).toBe(250);
    vi.advanceTimersByTime(PRUNE_AFTER_START_MS - 1);
    expect(count()).toBe(250);
    vi.advanceTimersByTime(1);
    expect(count()).toBe(100);
    board.stop();
    vi.useRealTimers();
    // The start's pass over the action queue (queued after it) settles before the file closes.
    await board.streams!.actions.drain();
    db.close();
  });

  it('are kept across restarts, and saving them prunes each column to its new cap at once', async () => {
    const dir = tempDir();
    const first = await open(dir);
    const { db, board, clock } = first;
    const ws = new WorkspaceRepository(db).create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    const account = new AccountRepository(db).upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle: 'mairie.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: 'did:plc:mairie', createdAt: 0 });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    await board.handlers['column.refresh']({ columnId: column.id });
    expect(await board.handlers['board.getRetention']({})).toEqual(DEFAULT_RETENTION);

    // 250 posts in the column's cache (entry(n): larger n is older).
    board.streams!.cache.ingest(column.id, account.id, 'bluesky', Array.from({ length: 250 }, (_, i) => entry(i + 1)), clock.now());
    const count = () => db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM column_entries WHERE column_id = ?').get(column.id)!.n;
    expect(count()).toBe(250);

    expect(await board.handlers['board.setRetention']({ maxItemsPerColumn: 100, imageCacheMegabytes: 50 })).toEqual({ maxItemsPerColumn: 100, maxItemsTotal: DEFAULT_RETENTION.maxItemsTotal, imageCacheMegabytes: 50 });
    expect(count()).toBe(100);
    // The newest stay.
    const texts = (await board.handlers['column.page']({ columnId: column.id, limit: 200 })).entries.map((e) => (e.kind === 'item' ? e.item.text : e.kind));
    expect(texts[0]).toBe('Post 1 about Port-Lumière');
    expect(texts.at(-1)).toBe('Post 100 about Port-Lumière');
    board.stop();
    db.close();

    // After a restart, the same limits.
    const second = await open(dir);
    expect(await second.board.handlers['board.getRetention']({})).toEqual({ maxItemsPerColumn: 100, maxItemsTotal: DEFAULT_RETENTION.maxItemsTotal, imageCacheMegabytes: 50 });
    second.board.stop();
    second.db.close();
  });

  it('refuses limits outside their bounds', () => {
    const input = boardCommands['board.setRetention'].input;
    expect(input.safeParse({ maxItemsPerColumn: 99 }).success).toBe(false);
    expect(input.safeParse({ maxItemsTotal: 2_000_000 }).success).toBe(false);
    expect(input.safeParse({ imageCacheMegabytes: 5 }).success).toBe(false);
    expect(input.safeParse({ imageCacheMegabytes: 20, other: 1 }).success).toBe(false);
    expect(input.safeParse({ maxItemsPerColumn: 500 }).success).toBe(true);
  });
});
