import { describe, expect, it } from 'vitest';
import { classifyFailure, parseRateLimitReset, parseRetryAfter, retryDelay } from '../../src/shared/schedule';

const now = Date.parse('2026-11-23T09:00:00Z');
const base = { baseMs: 1_000, maxMs: 60_000, nowMs: now };

describe('retry delay', () => {
  it('grows exponentially: the ceiling doubles with each attempt (random = 1)', () => {
    const top = (attempt: number) => retryDelay(attempt, { ...base, random: () => 0.999999999 });
    expect([1, 2, 3, 4, 5].map(top)).toEqual([999, 1_999, 3_999, 7_999, 15_999]);
  });

  it('uses full jitter: anywhere between 0 and the ceiling', () => {
    expect(retryDelay(3, { ...base, random: () => 0 })).toBe(0);
    expect(retryDelay(3, { ...base, random: () => 0.5 })).toBe(2_000);
    expect(retryDelay(3, { ...base, random: () => 0.25 })).toBe(1_000);
  });

  it('is capped at maxMs, even after many attempts', () => {
    expect(retryDelay(7, { ...base, random: () => 0.999999999 })).toBe(59_999);
    expect(retryDelay(200, { ...base, random: () => 0.5 })).toBe(30_000);
  });

  it('is never shorter than Retry-After in seconds', () => {
    expect(retryDelay(1, { ...base, random: () => 0.5, retryAfter: '120' })).toBe(120_000);
    // The server may ask for longer than the cap: it wins.
    expect(retryDelay(1, { ...base, random: () => 0.5, retryAfter: '600' })).toBe(600_000);
    // A short Retry-After does not shorten the backoff.
    expect(retryDelay(5, { ...base, random: () => 0.5, retryAfter: '1' })).toBe(8_000);
  });

  it('is never shorter than Retry-After given as an HTTP date', () => {
    expect(retryDelay(1, { ...base, random: () => 0, retryAfter: 'Mon, 23 Nov 2026 09:05:00 GMT' })).toBe(300_000);
    expect(retryDelay(1, { ...base, random: () => 0, retryAfter: 'Mon, 23 Nov 2026 08:00:00 GMT' })).toBe(0);
  });

  it('ignores a Retry-After it cannot read', () => {
    expect(retryDelay(2, { ...base, random: () => 0.5, retryAfter: 'soon' })).toBe(1_000);
  });

  it('waits for the rate-limit reset: epoch seconds (Bluesky), ISO date (Mastodon), delta-seconds', () => {
    const epoch = String((now + 90_000) / 1000);
    expect(retryDelay(1, { ...base, random: () => 0, rateLimitReset: epoch, rateLimitRemaining: '0' })).toBe(90_000);
    expect(retryDelay(1, { ...base, random: () => 0, rateLimitReset: '2026-11-23T09:10:00.000Z' })).toBe(600_000);
    expect(retryDelay(1, { ...base, random: () => 0, rateLimitReset: '45' })).toBe(45_000);
  });

  it('ignores the reset when the limit is not exhausted', () => {
    const epoch = String((now + 90_000) / 1000);
    expect(retryDelay(1, { ...base, random: () => 0, rateLimitReset: epoch, rateLimitRemaining: '12' })).toBe(0);
  });

  it('takes the longest of backoff, Retry-After and reset', () => {
    expect(retryDelay(1, { ...base, random: () => 0, retryAfter: '30', rateLimitReset: '60' })).toBe(60_000);
  });

  it('parses the headers on their own', () => {
    expect(parseRetryAfter(' 5 ', now)).toBe(5_000);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('-3', now)).toBeNull();
    expect(parseRateLimitReset(String(now + 1_000), now)).toBe(1_000); // epoch milliseconds
    expect(parseRateLimitReset('nonsense', now)).toBeNull();
  });
});

describe('failure classification', () => {
  const table: [string, Parameters<typeof classifyFailure>[0], 'retry' | 'fail'][] = [
    ['connection error', { kind: 'network' }, 'retry'],
    ['timeout', { kind: 'timeout' }, 'retry'],
    ['500', { kind: 'http', status: 500 }, 'retry'],
    ['502', { kind: 'http', status: 502 }, 'retry'],
    ['503', { kind: 'http', status: 503 }, 'retry'],
    ['504', { kind: 'http', status: 504 }, 'retry'],
    ['429 rate limited', { kind: 'http', status: 429 }, 'retry'],
    ['408 request timeout', { kind: 'http', status: 408 }, 'retry'],
    ['HTTP failure without status', { kind: 'http' }, 'retry'],
    ['400 bad request', { kind: 'http', status: 400 }, 'fail'],
    ['401 unauthorized', { kind: 'http', status: 401 }, 'fail'],
    ['403 forbidden', { kind: 'http', status: 403 }, 'fail'],
    ['404 not found', { kind: 'http', status: 404 }, 'fail'],
    ['413 payload too large', { kind: 'http', status: 413 }, 'fail'],
    ['422 invalid post', { kind: 'http', status: 422 }, 'fail'],
  ];
  it.each(table)('%s -> %s', (_name, failure, expected) => {
    expect(classifyFailure(failure)).toBe(expected);
  });
});
