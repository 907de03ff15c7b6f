import { describe, expect, it, vi } from 'vitest';
import { Scheduler, type SchedulerOptions } from '../../src/main/core/scheduler/scheduler';
import { MemoryQueue } from '../helpers/memory-queue';
import type { Outcome } from '../../src/main/core/scheduler/ports';
import { clock, HOUR, MIN, S, T0, timers, useFakeTime } from '../helpers/scheduler-time';
import type { Network } from '../../src/shared/domain';

const sent = (id: string): Outcome => ({ kind: 'sent', remote: { remoteId: `remote-${id}` } });
const httpError = (status: number, message: string, headers: { retryAfter?: string } = {}): Outcome => ({
  kind: 'failed',
  failure: { kind: 'http', status, message, ...headers },
});
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

useFakeTime();

type Publish = SchedulerOptions['publish'];

function setup(publish: Publish = async (job) => sent(job.id), options: Partial<SchedulerOptions> = {}) {
  const queue = new MemoryQueue();
  const calls: { id: string; at: number; attempt: number; key: string }[] = [];
  const scheduler = new Scheduler({
    clock,
    timers,
    queue,
    publish: (job, signal) => {
      calls.push({ id: job.id, at: Date.now(), attempt: job.attempt, key: job.idempotencyKey });
      return publish(job, signal);
    },
    concurrencyPerNetwork: 3,
    maxAttempts: 4,
    retry: { baseMs: 10 * S, maxMs: 10 * MIN },
    random: () => 0.5,
    ...options,
  });
  const add = (id: string, dueAt: number, network: Network = 'bluesky') => queue.add({ id, network, accountId: `acct-${network}`, dueAt });
  return { queue, scheduler, calls, add };
}

describe('the scheduler publishes at the due time', () => {
  it('not a millisecond before, and then right away', async () => {
    const { queue, scheduler, calls, add } = setup();
    add('post', T0 + 10 * MIN);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * MIN - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([{ id: 'post', at: T0 + 10 * MIN, attempt: 0, key: 'key-post' }]);
    expect(queue.get('post').state).toBe('sent');
    expect(queue.get('post').remote).toEqual({ remoteId: 'remote-post' });
    expect(queue.get('post').attempts).toEqual([{ number: 1, startedAt: T0 + 10 * MIN, finishedAt: T0 + 10 * MIN, result: 'sent', error: null, retryAt: null }]);
    await scheduler.stop();
  });

  it('publishes posts due at different times each at its own time, in order', async () => {
    const { scheduler, calls, add } = setup();
    add('second', T0 + 2 * HOUR);
    add('first', T0 + 5 * MIN);
    add('third', T0 + 3 * HOUR + 30 * S);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(4 * HOUR);
    expect(calls.map((c) => [c.id, c.at])).toEqual([
      ['first', T0 + 5 * MIN],
      ['second', T0 + 2 * HOUR],
      ['third', T0 + 3 * HOUR + 30 * S],
    ]);
    await scheduler.stop();
  });

  it('sleeps instead of polling: one timer, re-armed at most once an hour while nothing is due', async () => {
    const { queue, scheduler, calls, add } = setup();
    const claims = vi.spyOn(queue, 'claimDue');
    add('later', T0 + 3 * HOUR);
    scheduler.start();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(3 * HOUR - 1);
    // At start, then after each capped hour of sleep, for each network.
    expect(claims.mock.calls.length).toBe(3 * 2);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.at)).toEqual([T0 + 3 * HOUR]);
    await scheduler.stop();
  });

  it('with nothing queued, no timer at all; wake() picks up a newly scheduled post', async () => {
    const { scheduler, calls, add } = setup();
    scheduler.start();
    expect(vi.getTimerCount()).toBe(0);
    add('new', T0 + MIN);
    scheduler.wake('changed');
    await vi.advanceTimersByTimeAsync(MIN);
    expect(calls.map((c) => c.at)).toEqual([T0 + MIN]);
    await scheduler.stop();
  });

  it('wake() re-arms for a post scheduled earlier than the one it was sleeping for', async () => {
    const { scheduler, calls, add } = setup();
    add('late', T0 + HOUR);
    scheduler.start();
    add('early', T0 + 5 * MIN);
    scheduler.wake('changed');
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(calls.map((c) => [c.id, c.at])).toEqual([
      ['early', T0 + 5 * MIN],
      ['late', T0 + HOUR],
    ]);
    await scheduler.stop();
  });

  it('a timer that fires early publishes nothing and sleeps again', async () => {
    const { queue, scheduler, calls, add } = setup();
    add('post', T0 + 10 * MIN);
    scheduler.start();
    // The wall clock is set back 2 minutes while the timer runs (NTP correction).
    await vi.advanceTimersByTimeAsync(5 * MIN);
    vi.setSystemTime(Date.now() - 2 * MIN);
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(calls).toEqual([]);
    expect(queue.get('post').state).toBe('pending');
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(calls.map((c) => c.at)).toEqual([T0 + 10 * MIN]);
    await scheduler.stop();
  });

  it('never publishes before start() nor after stop()', async () => {
    const { scheduler, calls, add } = setup();
    add('post', T0 + MIN);
    scheduler.wake('changed');
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(calls).toEqual([]);
    scheduler.start();
    await scheduler.stop();
    add('after', T0 + 3 * MIN);
    scheduler.wake('changed');
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(calls.map((c) => c.id)).toEqual(['post']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('bounded concurrency per network', () => {
  it('10 due Bluesky posts with concurrency 3 never have more than 3 in flight, and all are sent', async () => {
    let inFlight = 0;
    let peak = 0;
    const { queue, scheduler, add } = setup(async (job) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await wait(2 * S);
      inFlight -= 1;
      return sent(job.id);
    });
    for (let i = 0; i < 10; i++) add(`b${i}`, T0 + MIN);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(scheduler.inFlightCount('bluesky')).toBe(3);
    await vi.advanceTimersByTimeAsync(2 * S);
    expect(scheduler.inFlightCount('bluesky')).toBe(3);
    await vi.advanceTimersByTimeAsync(10 * S);
    expect(peak).toBe(3);
    expect([...queue.jobs.values()].every((e) => e.state === 'sent')).toBe(true);
    await scheduler.stop();
  });

  it('a busy network does not delay another one', async () => {
    const { scheduler, calls, add } = setup(async (job) => {
      if (job.network === 'bluesky') await wait(10 * MIN);
      return sent(job.id);
    }, { publishTimeoutMs: HOUR });
    for (let i = 0; i < 5; i++) add(`b${i}`, T0);
    add('m', T0 + 30 * S, 'mastodon');
    scheduler.start();
    await vi.advanceTimersByTimeAsync(30 * S);
    expect(calls.filter((c) => c.id === 'm').map((c) => c.at)).toEqual([T0 + 30 * S]);
    expect(scheduler.inFlightCount('bluesky')).toBe(3);
    await vi.advanceTimersByTimeAsync(20 * MIN);
    expect(calls.filter((c) => c.id.startsWith('b')).map((c) => c.at)).toEqual([T0, T0, T0, T0 + 10 * MIN, T0 + 10 * MIN]);
    await scheduler.stop();
  });
});

describe('failures and retries', () => {
  it('retries a 500 after backoff with the same idempotency key, then succeeds', async () => {
    const answers = [httpError(500, 'Internal Server Error'), sent('post')];
    const { queue, scheduler, calls, add } = setup(async () => answers.shift()!);
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    // Attempt 1 failed: full jitter with random 0.5 over a 10 s ceiling = 5 s.
    expect(queue.get('post').state).toBe('pending');
    expect(queue.get('post').job.dueAt).toBe(T0 + 5 * S);
    await vi.advanceTimersByTimeAsync(5 * S - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([
      { id: 'post', at: T0, attempt: 0, key: 'key-post' },
      { id: 'post', at: T0 + 5 * S, attempt: 1, key: 'key-post' },
    ]);
    const entry = queue.get('post');
    expect(entry.state).toBe('sent');
    expect(entry.attempts.map((a) => [a.number, a.result, a.error?.status ?? null, a.retryAt])).toEqual([
      [1, 'retry', 500, T0 + 5 * S],
      [2, 'sent', null, null],
    ]);
    await scheduler.stop();
  });

  it('fails a 422 at once with the server’s own message', async () => {
    const { queue, scheduler, calls, add } = setup(async () => httpError(422, 'Record/text must not be longer than 300 graphemes'));
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(calls).toHaveLength(1);
    const entry = queue.get('post');
    expect(entry.state).toBe('failed');
    expect(entry.reason).toBe('Record/text must not be longer than 300 graphemes');
    expect(entry.attempts.map((a) => a.result)).toEqual(['failed']);
    await scheduler.stop();
  });

  it('gives up after maxAttempts, with the last error message, backing off exponentially', async () => {
    let n = 0;
    const { queue, scheduler, calls, add } = setup(async () => ({ kind: 'failed' as const, failure: { kind: 'network', message: `connect ECONNREFUSED (try ${++n})` } }));
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);
    // Delays 5 s, 10 s, 20 s (half of 10, 20, 40 s ceilings); 4 attempts in all.
    expect(calls.map((c) => c.at - T0)).toEqual([0, 5 * S, 15 * S, 35 * S]);
    const entry = queue.get('post');
    expect(entry.state).toBe('failed');
    expect(entry.reason).toBe('connect ECONNREFUSED (try 4)');
    expect(entry.attempts.map((a) => a.result)).toEqual(['retry', 'retry', 'retry', 'failed']);
    await scheduler.stop();
  });

  it('waits as long as a 429’s Retry-After says', async () => {
    const answers = [httpError(429, 'Rate Limit Exceeded', { retryAfter: '120' }), sent('post')];
    const { scheduler, calls, add } = setup(async () => answers.shift()!);
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(calls.map((c) => c.at - T0)).toEqual([0, 120 * S]);
    await scheduler.stop();
  });

  it('a thrown error counts as a connection failure and is retried', async () => {
    const answers: (() => Promise<Outcome>)[] = [() => Promise.reject(new Error('socket hang up')), async () => sent('post')];
    const { queue, scheduler, add } = setup(() => answers.shift()!());
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(queue.get('post').attempts.map((a) => [a.result, a.error?.message ?? null])).toEqual([
      ['retry', 'socket hang up'],
      ['sent', null],
    ]);
    await scheduler.stop();
  });

  it('an attempt with no answer is aborted after the timeout and retried', async () => {
    let signal: AbortSignal | undefined;
    let first = true;
    const { queue, scheduler, calls, add } = setup(
      (job, s) => {
        if (!first) return Promise.resolve(sent(job.id));
        first = false;
        signal = s;
        return new Promise<Outcome>(() => {});
      },
      { publishTimeoutMs: 30 * S },
    );
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(30 * S);
    expect(signal?.aborted).toBe(true);
    expect(queue.get('post').attempts[0]).toMatchObject({ result: 'retry', error: { kind: 'timeout' } });
    await vi.advanceTimersByTimeAsync(MIN);
    expect(calls).toHaveLength(2);
    expect(queue.get('post').state).toBe('sent');
    await scheduler.stop();
  });
});

describe('stopping', () => {
  it('stop() waits for the attempts in flight and records them', async () => {
    const { queue, scheduler, add } = setup(async (job) => {
      await wait(5 * S);
      return sent(job.id);
    });
    add('post', T0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(5 * S - 1);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(queue.get('post').state).toBe('sent');
  });
});
