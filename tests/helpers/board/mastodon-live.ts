/**
 * A core on a frozen clock with a Mastodon stand-in that streams, for the live-column tests
 * (board-mastodon-streaming*.test.ts): columns to add, their pages and statuses, and a wait for
 * a column that is live with its catch-up refresh done.
 */
import { expect } from 'vitest';
import { openCore } from '../../../src/main/core/app';
import { MemoryKeychain } from '../../../src/main/core/vault/memory-keychain';
import { LIVE_INTERVAL_MS } from '../../../src/main/core/streams/poller';
import type { Board, Column, ColumnPage, ColumnStatus } from '../../../src/shared/board/schemas';
import { startMastodonStandIn } from '../mastodon';
import { tempDir } from '../temp';
import { value, workspaceWithMastodon } from '../core';

/** Waits for what arrives through a socket: generous, the machine may be loaded. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 50 });

export const texts = (p: ColumnPage) => p.entries.flatMap((e) => (e.kind === 'item' ? [e.item.text] : e.kind === 'notification' ? [`${e.type}:${e.item?.text ?? ''}`] : ['[gap]']));

/** `cleanup` receives what closes the core and the stand-in (the test file's afterEach runs it). */
export async function liveSetup(cleanup: (fn: () => Promise<void>) => void, options: Parameters<typeof startMastodonStandIn>[0] = {}) {
  const server = await startMastodonStandIn({ mediaProcessingPolls: 0, streaming: true, ...options });
  const clock = { t: Date.now(), now: () => clock.t };
  const core = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false }, clock });
  cleanup(async () => {
    await core.close();
    await server.close();
  });
  const { ws, account } = await workspaceWithMastodon(core, server.url);
  const board = (await value<Board[]>(core, 'board.list', { workspaceId: ws.id }))[0]!;
  const add = (type: string, query?: object) => value<Column>(core, 'column.add', { boardId: board.id, type, accountId: account.id, ...(query ? { query } : {}) });
  const page = (column: Column) => value<ColumnPage>(core, 'column.page', { columnId: column.id, limit: 200 });
  const status = async (column: Column): Promise<ColumnStatus> => (await value<Board[]>(core, 'board.list', { workspaceId: ws.id })).flatMap((b) => b.columns).find((c) => c.id === column.id)!.status;
  /** Live, and the catch-up refresh done when the stream opened (the next poll is the safety net's). */
  const settledLive = (column: Column) =>
    poll(async () => {
      const s = await status(column);
      return s.streaming && s.state === 'ok' && Date.parse(s.retryAt!) >= clock.t + LIVE_INTERVAL_MS;
    }).toBe(true);
  return { server, core, clock, add, page, status, settledLive };
}
