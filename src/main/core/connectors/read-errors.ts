/** A connector's PublishError (its one error type) as the board's ReadError, with the rate limit's end. */
import { PublishError } from './types';
import { ReadError } from './reader';

/** Retry-After (seconds or a date) or a rate-limit reset (epoch seconds or a date) as epoch ms. */
export function retryAtFrom(retryAfter: string | undefined, reset: string | undefined, now: number): number | null {
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return date;
  }
  if (reset !== undefined) {
    const n = Number(reset);
    if (Number.isFinite(n)) return n > 1e12 ? n : n > 1e9 ? n * 1000 : now + n * 1000;
    const date = Date.parse(reset);
    if (Number.isFinite(date)) return date;
  }
  return null;
}

export function toReadError(err: unknown, now = Date.now()): ReadError {
  if (err instanceof ReadError) return err;
  if (!(err instanceof PublishError)) return new ReadError('unreachable', err instanceof Error ? err.message : String(err));
  const f = err.failure;
  if (err.reconnectNeeded) return new ReadError('reconnect_needed', f.message, 401);
  if (f.kind === 'network' || f.kind === 'timeout') return new ReadError('unreachable', f.message);
  const status = f.status ?? null;
  if (status === 429) return new ReadError('rate_limited', f.message, 429, retryAtFrom(f.retryAfter, f.rateLimitReset, now) ?? now + 60_000);
  if (status === 404) return new ReadError('not_found', f.message, 404);
  if (status !== null && status >= 500) return new ReadError('server', f.message, status);
  return new ReadError('refused', f.message, status);
}
