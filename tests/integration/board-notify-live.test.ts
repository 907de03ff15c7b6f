/**
 * Desktop notifications from live columns (the Mastodon stand-in's streaming API, the real
 * core): a mention arriving by the stream raises one `column.notify` for the Mentions column,
 * and the safety-net poll that reads it again announces nothing more. No sleeps: the core's
 * clock is moved by hand and arrivals are awaited with expect.poll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { LIVE_INTERVAL_MS } from '../../src/main/core/streams/poller';
import { ColumnNotice } from '../../src/shared/board/notice';
import type { Board, Column, ColumnStatus } from '../../src/shared/board/schemas';
import { startMastodonStandIn } from '../helpers/mastodon';
import { tempDir } from '../helpers/temp';
import { value, workspaceWithMastodon } from '../helpers/core';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 50 });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});


describe('notifications of live columns', () => {
  it('announces a streamed mention once, not again when the safety-net poll reads it', async () => {
    const server = await startMastodonStandIn({ mediaProcessingPolls: 0, streaming: true });
    const clock = { t: Date.now(), now: () => clock.t };
    const core = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false }, clock });
    cleanup.push(async () => {
      await core.close();
      await server.close();
    });
    const notices: ColumnNotice[] = [];
    core.subscribe((event, payload) => event === 'column.notify' && notices.push(ColumnNotice.parse(payload)));
    const { ws, account } = await workspaceWithMastodon(core, server.url);
    const alice = server.act.addAccount('alice', 'Alice');
    server.act.post(alice, '@tribune déjà là', { mentionsMe: true });
    const board = (await value<Board[]>(core, 'board.list', { workspaceId: ws.id }))[0]!;
    const mentions = await value<Column>(core, 'column.add', { boardId: board.id, type: 'mentions', accountId: account.id });
    const status = async (): Promise<ColumnStatus> => (await value<Board[]>(core, 'board.list', { workspaceId: ws.id })).flatMap((b) => b.columns).find((c) => c.id === mentions.id)!.status;
    await poll(async () => {
      const s = await status();
      return s.streaming && s.state === 'ok' && Date.parse(s.retryAt!) >= clock.t + LIVE_INTERVAL_MS;
    }).toBe(true);
    expect(notices).toEqual([]);

    server.act.post(alice, '@tribune le feu d’artifice est à quelle heure ?', { mentionsMe: true });
    await poll(() => notices.length).toBe(1);
    expect(notices[0]).toMatchObject({ columnId: mentions.id, columnType: 'mentions', accountId: account.id, count: 1, grouped: false, items: [{ author: 'Alice', reason: 'mention' }] });
    expect(notices[0]!.items[0]!.text).toContain('feu d’artifice');

    // The safety-net poll reads the same mention: nothing new to announce.
    const before = (await status()).lastRefreshAt;
    clock.t += LIVE_INTERVAL_MS + 1_000;
    await value(core, 'column.refresh', { columnId: mentions.id });
    await poll(async () => (await status()).lastRefreshAt !== before).toBe(true);
    expect(notices).toHaveLength(1);
    server.assertNoViolations();
  }, 90_000);
});
