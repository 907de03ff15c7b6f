/**
 * A refresh within budget is never reported throttled because the clock moved while the engine
 * looked at the budget (a loaded machine: the clock ticks between two reads).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import type { Reader } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { openStore } from '../../src/main/core/store/database';
import { entry } from '../helpers/board/fixtures';
import { tempDir } from '../helpers/temp';

describe('the request budget and a moving clock', () => {
  it('refreshes a column within budget even when every clock read is a millisecond later', async () => {
    const dir = tempDir();
    let t = Date.parse('2026-12-01T08:00:00Z');
    const clock = { now: () => ++t };
    const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
    const workspaces = new WorkspaceRepository(db);
    const accounts = new AccountRepository(db);
    const ws = workspaces.create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'mastodon', handle: 'mairie@port.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: '1', createdAt: 0 });
    const reader: Reader = {
      supports: () => true,
      read: () => Promise.resolve({ entries: [entry(1000)], olderCursor: null }),
      thread: () => Promise.reject(new Error('no')),
      act: () => Promise.resolve({ ref: null }),
      markSeen: () => Promise.resolve(),
      readSeen: () => Promise.resolve(null),
    };
    const board = createBoardCore({
      db,
      clock,
      accounts,
      workspaces,
      emit: () => undefined,
      network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => reader, keyFor: () => null, imageDir: path.join(dir, 'img') },
    });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    for (let i = 0; i < 5; i++) expect(await board.handlers['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'ok', error: null });
  });
});
