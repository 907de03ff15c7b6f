/** Polling while a stream is open: the live column is polled as a safety net and leaves the budget to the others. */
import { describe, expect, it } from 'vitest';
import { BASE_INTERVAL_MS, LIVE_INTERVAL_MS, PollPlan } from '../../src/main/core/streams/poller';

describe('the poll plan with live columns', () => {
  it('polls a live column as a safety net, gives its budget back to the others, and polls it at once when the stream ends', () => {
    const plan = new PollPlan();
    // 40 notification columns of one Mastodon account: far over its budget, every interval is stretched.
    const columns = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, type: 'notifications' as const, accountId: 'a', network: 'mastodon' as const }));
    plan.plan(columns, 0);
    const stretched = plan.effectiveInterval('c0');
    expect(stretched).toBeGreaterThan(BASE_INTERVAL_MS.notifications);

    for (let i = 1; i < 40; i++) plan.setLive(`c${i}`, true, 1_000);
    // Live columns: refreshed once now (catching up), then every LIVE_INTERVAL_MS at most.
    expect(plan.due(1_000).map((c) => c.id)).toContain('c1');
    expect(plan.refreshed('c1', 5, 1_000)).toBeGreaterThanOrEqual(1_000 + LIVE_INTERVAL_MS);
    // The polled column gets the budget back.
    expect(plan.effectiveInterval('c0')).toBeLessThan(stretched);

    plan.setLive('c1', false, 2_000);
    expect(plan.nextFor('c1')).toBe(2_000);
    expect(plan.refreshed('c1', 1, 2_000)).toBeLessThan(2_000 + LIVE_INTERVAL_MS);
  });
});
