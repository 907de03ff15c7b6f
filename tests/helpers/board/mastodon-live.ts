/**
 * A core on a frozen clock with a Mastodon stand-in that streams, for the live-column tests
 * (board-mastodon-streaming*.test.ts, board-notify-live.test.ts): columns to add, their pages and
 * statuses, and a wait for a column that is live with its catch-up refresh done.
 */
import { expect } from 'vitest';
import { LIVE_INTERVAL_MS } from '../../../src/main/core/streams/poller';
import type { Column, ColumnPage } from '../../../src/shared/board/schemas';
import type { MastodonStandInOptions } from '../mastodon';
import { mastodonBoard } from '../mastodon-core';

/** Waits for what arrives through a socket: generous, the machine may be loaded. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 50 });

export const texts = (p: ColumnPage) => p.entries.flatMap((e) => (e.kind === 'item' ? [e.item.text] : e.kind === 'notification' ? [`${e.type}:${e.item?.text ?? ''}`] : ['[gap]']));

/** A board on a stand-in that streams, its core on a clock moved by hand (closed when the test finishes). */
export async function liveSetup(options: MastodonStandInOptions = {}) {
  const clock = { t: Date.now(), now: () => clock.t };
  const setup = await mastodonBoard({ standIn: { streaming: true, ...options }, core: { clock } });
  /** Live, and the catch-up refresh done when the stream opened (the next poll is the safety net's). */
  const settledLive = (column: Column) =>
    poll(async () => {
      const s = await setup.status(column);
      return s.streaming && s.state === 'ok' && Date.parse(s.retryAt!) >= clock.t + LIVE_INTERVAL_MS;
    }).toBe(true);
  return { ...setup, clock, settledLive };
}
