/** What to do after a failed publish: retry (and when) or give up. */
import { z } from 'zod';

export const PublishFailure = z.object({
  kind: z.enum(['network', 'timeout', 'http']),
  status: z.number().int().optional(),
  /** The server's own message when it gave one; shown to the person as is. */
  message: z.string(),
  /** Raw header values, passed through to retryDelay. */
  retryAfter: z.string().optional(),
  rateLimitReset: z.string().optional(),
  rateLimitRemaining: z.string().optional(),
  /** The computer had no network (no DNS, no route): the post waits for the connection instead of failing. */
  offline: z.boolean().optional(),
});
export type PublishFailure = z.infer<typeof PublishFailure>;

export type FailureDecision = 'retry' | 'fail';

/** Transient problems (network, timeout, 408, 429, 5xx) are retried; any other answer means the post itself is refused. */
export function classifyFailure(failure: { kind: 'network' | 'timeout' | 'http'; status?: number | undefined }): FailureDecision {
  if (failure.kind === 'network' || failure.kind === 'timeout') return 'retry';
  const status = failure.status;
  if (status === undefined) return 'retry'; // an HTTP failure without a status is a broken exchange, not a verdict
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return 'retry';
  return 'fail';
}

export interface RetryDelayOptions {
  /** Delay ceiling before jitter for the first retry; doubles each attempt. */
  baseMs: number;
  /** Cap of the exponential part. A server's Retry-After or reset may exceed it. */
  maxMs: number;
  /** Retry-After header: delta-seconds or an HTTP date. */
  retryAfter?: string | undefined;
  /** Rate-limit reset header: epoch seconds (Bluesky), delta-seconds, or a date (Mastodon, ISO-8601). */
  rateLimitReset?: string | undefined;
  /** When given and above zero, the reset time is ignored: the limit is not exhausted. */
  rateLimitRemaining?: string | undefined;
  random: () => number;
  nowMs: number;
}

/** An HTTP date ("Mon, 23 Nov 2026 09:05:00 GMT") or an ISO-8601 date; lenient Date.parse alone would read "-3" as a year. */
function parseDateHeader(text: string, nowMs: number): number | null {
  if (!/^[A-Za-z]{3},? /.test(text) && !/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Milliseconds to wait from `nowMs`, or null when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  return parseDateHeader(text, nowMs);
}

/** Milliseconds until a rate-limit window resets, or null when unreadable. */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    if (n >= 1e12) return Math.max(0, n - nowMs); // epoch milliseconds
    if (n >= 1e9) return Math.max(0, n * 1000 - nowMs); // epoch seconds
    return n * 1000; // delta-seconds
  }
  return parseDateHeader(text, nowMs);
}

/**
 * Delay before retry after the `attempt`-th failed attempt (1-based): exponential backoff with full jitter,
 * random(0, min(maxMs, baseMs * 2^(attempt-1))), but never shorter than what the server asked for.
 */
export function retryDelay(attempt: number, options: RetryDelayOptions): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 52));
  const jittered = Math.floor(Math.min(Math.max(options.random(), 0), 1) * ceiling);

  const retryAfter = parseRetryAfter(options.retryAfter, options.nowMs) ?? 0;
  const remaining = options.rateLimitRemaining === undefined ? NaN : Number(options.rateLimitRemaining);
  const exhausted = !(remaining > 0);
  const reset = exhausted ? (parseRateLimitReset(options.rateLimitReset, options.nowMs) ?? 0) : 0;

  return Math.max(jittered, Math.ceil(retryAfter), Math.ceil(reset));
}
