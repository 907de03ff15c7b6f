/**
 * A refresh within budget is never reported throttled because the clock moved while the engine
 * looked at the budget (a loaded machine: the clock ticks between two reads).
 */
import { describe, expect, it } from 'vitest';
import { boardOn, boardStore, scriptedReader, workspaceWithAccount } from '../helpers/board/core';
import { entry } from '../helpers/board/fixtures';

describe('the request budget and a moving clock', () => {
  it('refreshes a column within budget even when every clock read is a millisecond later', async () => {
    let t = Date.parse('2026-12-01T08:00:00Z');
    const store = await boardStore({ now: () => ++t });
    const { ws, account } = workspaceWithAccount(store, { network: 'mastodon', handle: 'mairie@port.test', remoteId: '1' });
    const board = boardOn(store, () => scriptedReader(() => Promise.resolve({ entries: [entry(1000)], olderCursor: null })));
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
    for (let i = 0; i < 5; i++) expect(await board.handlers['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'ok', error: null });
  });
});
