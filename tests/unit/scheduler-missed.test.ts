import { describe, expect, it, vi } from 'vitest';
import { Scheduler, type MissedReport, type SchedulerOptions } from '../../src/main/core/scheduler/scheduler';
import { MemoryQueue } from '../helpers/memory-queue';
import { clock, HOUR, MIN, S, T0, timers, useFakeTime } from '../helpers/scheduler-time';
import type { MissedPolicy } from '../../src/shared/schedule';

useFakeTime();

function setup(policy: MissedPolicy | ((accountId: string) => MissedPolicy), options: Partial<SchedulerOptions> = {}) {
  const queue = new MemoryQueue();
  const published: { id: string; at: number }[] = [];
  const reports: MissedReport[] = [];
  const scheduler = new Scheduler({
    clock,
    timers,
    queue,
    publish: async (job) => {
      published.push({ id: job.id, at: Date.now() });
      return { kind: 'sent', remote: { remoteId: job.id } };
    },
    concurrencyPerNetwork: 2,
    maxAttempts: 3,
    random: () => 0.5,
    missedPolicy: (job) => (typeof policy === 'function' ? policy(job.accountId) : policy),
    onMissed: (report) => reports.push(report),
    ...options,
  });
  const add = (id: string, dueAt: number, accountId = 'acct') => queue.add({ id, network: 'bluesky', accountId, dueAt });
  // Closed overnight: one post from yesterday evening, one from this morning, one due 30 s ago (on time), one later today.
  add('yesterday', T0 - 15 * HOUR);
  add('morning', T0 - 2 * HOUR);
  add('just-now', T0 - 30 * S);
  add('later', T0 + HOUR);
  const ids = (list: { id: string }[]) => list.map((j) => j.id);
  return { queue, scheduler, published, reports, add, ids };
}

describe('posts missed while the app was closed, on start', () => {
  it('publish_now: they are published at once, and the person is told which ones', async () => {
    const { queue, scheduler, published, reports, ids } = setup('publish_now');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(published.map((p) => [p.id, p.at])).toEqual([
      ['yesterday', T0],
      ['morning', T0],
      ['just-now', T0],
    ]);
    expect(reports).toHaveLength(1);
    expect(ids(reports[0]!.published)).toEqual(['yesterday', 'morning']);
    expect(reports[0]!.asked).toEqual([]);
    expect(reports[0]!.skipped).toEqual([]);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(queue.get('later').state).toBe('sent');
    await scheduler.stop();
  });

  it('ask: they wait for the person, untouched; the post that is only seconds late goes out', async () => {
    const { queue, scheduler, published, reports, ids } = setup('ask');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(published.map((p) => p.id)).toEqual(['just-now']);
    expect(ids(reports[0]!.asked)).toEqual(['yesterday', 'morning']);
    expect(queue.get('yesterday').state).toBe('held');
    expect(queue.get('morning').state).toBe('held');
    // Held posts are not due work: the scheduler sleeps until the next real one.
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(published.map((p) => p.id)).toEqual(['just-now', 'later']);
    expect(vi.getTimerCount()).toBe(0);
    // The person chooses "publish now" for one of them.
    queue.reschedule('morning', Date.now());
    scheduler.wake('changed');
    await vi.advanceTimersByTimeAsync(0);
    expect(published.map((p) => p.id)).toEqual(['just-now', 'later', 'morning']);
    await scheduler.stop();
  });

  it('skip: they are not published, and the person is told which ones', async () => {
    const { queue, scheduler, published, reports, ids } = setup('skip');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(published.map((p) => p.id)).toEqual(['just-now', 'later']);
    expect(ids(reports[0]!.skipped)).toEqual(['yesterday', 'morning']);
    expect(queue.get('yesterday')).toMatchObject({ state: 'skipped', hold: null });
    expect(queue.get('morning').attempts).toEqual([]);
    await scheduler.stop();
  });

  it('each workspace keeps its own policy', async () => {
    const { queue, scheduler, reports, add, ids } = setup((account) => (account === 'acct-club' ? 'publish_now' : 'skip'));
    add('club-post', T0 - HOUR, 'acct-club');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.get('club-post').state).toBe('sent');
    expect(queue.get('morning').state).toBe('skipped');
    expect(ids(reports[0]!.published)).toEqual(['club-post']);
    expect(ids(reports[0]!.skipped)).toEqual(['yesterday', 'morning']);
    await scheduler.stop();
  });

  it('nothing missed: no report', async () => {
    const queue = new MemoryQueue();
    const reports: MissedReport[] = [];
    const scheduler = new Scheduler({
      clock,
      timers,
      queue,
      publish: async () => ({ kind: 'sent' as const, remote: { remoteId: 'x' } }),
      concurrencyPerNetwork: 1,
      maxAttempts: 1,
      missedPolicy: () => 'ask',
      onMissed: (r) => reports.push(r),
    });
    queue.add({ id: 'on-time', network: 'mastodon', accountId: 'a', dueAt: T0 + MIN });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(reports).toEqual([]);
    expect(queue.get('on-time').state).toBe('sent');
    await scheduler.stop();
  });
});

describe('posts missed while the computer was asleep', () => {
  function sleepFor(ms: number) {
    // Wall clock jumps; timers (monotonic) did not run meanwhile.
    vi.setSystemTime(Date.now() + ms);
  }

  it('on wake("resume"), the policy applies to what fell due during sleep', async () => {
    const { queue, scheduler, published, reports, ids } = setup('skip');
    queue.markSkipped(['yesterday', 'morning']);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(published.map((p) => p.id)).toEqual(['just-now']);
    reports.length = 0;
    sleepFor(5 * HOUR);
    scheduler.wake('resume');
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(reports[0]!.skipped)).toEqual(['later']);
    expect(queue.get('later').state).toBe('skipped');
    expect(published.map((p) => p.id)).toEqual(['just-now']);
    await scheduler.stop();
  });

  it('a timer firing long after its time is treated as a wake from sleep, even without wake("resume")', async () => {
    const { queue, scheduler, published, reports, ids } = setup('ask');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    reports.length = 0;
    sleepFor(8 * HOUR);
    await vi.advanceTimersByTimeAsync(HOUR); // the capped timer finally fires
    expect(ids(reports[0]!.asked)).toEqual(['later']);
    expect(queue.get('later').state).toBe('held');
    expect(published.map((p) => p.id)).toEqual(['just-now']);
    await scheduler.stop();
  });

  it('a connection coming back is not a wake from sleep: due posts are just published', async () => {
    const { queue, scheduler, reports } = setup('skip');
    queue.markSkipped(['yesterday', 'morning', 'just-now']);
    scheduler.start();
    sleepFor(2 * HOUR);
    scheduler.wake('online');
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.get('later').state).toBe('sent');
    expect(reports).toEqual([]);
    await scheduler.stop();
  });
});
