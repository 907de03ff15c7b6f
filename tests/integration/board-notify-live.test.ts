/**
 * Desktop notifications from live columns (the Mastodon stand-in's streaming API, the real
 * core): a mention arriving by the stream raises one `column.notify` for the Mentions column,
 * and the safety-net poll that reads it again announces nothing more. No sleeps: the core's
 * clock is moved by hand and arrivals are awaited with expect.poll.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_INTERVAL_MS } from '../../src/main/core/streams/poller';
import { ColumnNotice } from '../../src/shared/board/notice';
import { liveSetup, poll } from '../helpers/board/mastodon-live';

describe('notifications of live columns', () => {
  it('announces a streamed mention once, not again when the safety-net poll reads it', async () => {
    const { server, core, clock, account, add, refresh, status, settledLive } = await liveSetup();
    const notices: ColumnNotice[] = [];
    core.subscribe((event, payload) => event === 'column.notify' && notices.push(ColumnNotice.parse(payload)));
    const alice = server.act.addAccount('alice', 'Alice');
    server.act.post(alice, '@tribune déjà là', { mentionsMe: true });
    const mentions = await add('mentions');
    await settledLive(mentions);
    expect(notices).toEqual([]);

    server.act.post(alice, '@tribune le feu d’artifice est à quelle heure ?', { mentionsMe: true });
    await poll(() => notices.length).toBe(1);
    expect(notices[0]).toMatchObject({ columnId: mentions.id, columnType: 'mentions', accountId: account.id, count: 1, grouped: false, items: [{ author: 'Alice', reason: 'mention' }] });
    expect(notices[0]!.items[0]!.text).toContain('feu d’artifice');

    // The safety-net poll reads the same mention: nothing new to announce.
    const before = (await status(mentions)).lastRefreshAt;
    clock.t += LIVE_INTERVAL_MS + 1_000;
    await refresh(mentions);
    await poll(async () => (await status(mentions)).lastRefreshAt !== before).toBe(true);
    expect(notices).toHaveLength(1);
    server.assertNoViolations();
  }, 90_000);
});
