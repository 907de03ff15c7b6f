/** Turning what @atproto/api throws into failures the scheduler can classify and show. */
import { XRPCError } from '@atproto/api';
import type { PublishFailure } from '../../../../shared/schedule/retry';
import { PublishError } from '../types';
import { isOfflineError } from '../offline';

/** XRPCError.status when no response came back at all (ResponseType.Unknown / InvalidResponse). */
const NO_RESPONSE = 1;
const INVALID_RESPONSE = 2;

/** The session is not (or no longer) accepted: 401, or the token errors the PDS answers with 400. */
export function isSessionError(err: unknown): boolean {
  if (!(err instanceof XRPCError)) return false;
  return err.status === 401 || err.error === 'ExpiredToken' || err.error === 'InvalidToken' || err.error === 'AuthenticationRequired';
}

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 6; depth++) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function isTimeout(err: unknown): boolean {
  return causeChain(err).some((e) => (e as { name?: unknown })?.name === 'TimeoutError');
}

function isAbort(err: unknown): boolean {
  return causeChain(err).some((e) => (e as { name?: unknown })?.name === 'AbortError');
}

function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

function describe(err: unknown): string {
  const messages = causeChain(err)
    .map((e) => (e instanceof Error ? e.message : typeof e === 'string' ? e : ''))
    .filter((m) => m && m !== 'fetch failed');
  return messages[messages.length - 1] ?? 'no answer';
}

/** A failure from anything a call to Bluesky threw. `what` says what was being done ("publishing", "uploading an image"). */
export function toFailure(err: unknown, what: string, signal?: AbortSignal): PublishFailure {
  if (err instanceof PublishError) return err.failure;
  if (err instanceof XRPCError && err.status !== NO_RESPONSE && err.status !== INVALID_RESPONSE) {
    const failure: PublishFailure = { kind: 'http', status: err.status, message: err.message || err.error || `HTTP ${err.status}` };
    const retryAfter = header(err.headers, 'retry-after');
    const reset = header(err.headers, 'ratelimit-reset');
    const remaining = header(err.headers, 'ratelimit-remaining');
    if (retryAfter !== undefined) failure.retryAfter = retryAfter;
    if (reset !== undefined) failure.rateLimitReset = reset;
    if (remaining !== undefined) failure.rateLimitRemaining = remaining;
    return failure;
  }
  if (err instanceof XRPCError && err.status === INVALID_RESPONSE) {
    return { kind: 'http', message: `Bluesky gave an answer Tribune cannot read while ${what}.` };
  }
  if (signal?.aborted && !isTimeout(signal.reason)) return { kind: 'network', message: `Stopped while ${what}.` };
  if (isTimeout(err)) return { kind: 'timeout', message: `Bluesky did not answer in time while ${what}.` };
  if (isAbort(err)) return { kind: 'network', message: `Stopped while ${what}.` };
  const failure: PublishFailure = { kind: 'network', message: `Could not reach Bluesky while ${what}: ${describe(err)}` };
  if (isOfflineError(err)) failure.offline = true;
  return failure;
}

/** A refusal decided here, before anything is sent (the scheduler does not retry a 4xx). */
export function refusal(message: string): PublishError {
  return new PublishError({ kind: 'http', status: 422, message });
}

export function reconnectError(message = 'Bluesky no longer accepts this account’s session: reconnect the account.'): PublishError {
  return new PublishError({ kind: 'http', status: 401, message }, true);
}
