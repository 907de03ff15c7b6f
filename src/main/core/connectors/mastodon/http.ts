/**
 * Plain-fetch access to a Mastodon server, with every failure turned into a classified
 * PublishError (network / timeout / http + status, the server's own message, rate-limit headers).
 *
 * Used for the publishing path (media, statuses, delete) and the instance probes, where masto.js
 * gets in the way: it hides response headers on success, cannot read plain-text or HTML error
 * answers (MastoUnexpectedError / TypeError, indistinguishable from a network failure), polls
 * media at a fixed pace, and cannot combine a caller's AbortSignal with its own timeout.
 */
import { MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import { PublishError } from '../types';
import type { PublishFailure } from '../../../../shared/schedule/retry';
import { isOfflineError } from '../offline';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with query, e.g. "/api/v1/statuses". */
  path: string;
  accessToken?: string | undefined;
  json?: Record<string, unknown>;
  form?: FormData;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null when the body was empty. */
  body: unknown;
}

const hostOf = (instanceUrl: string) => {
  try {
    return new URL(instanceUrl).host;
  } catch {
    return instanceUrl;
  }
};

function headerFields(headers: Headers | undefined): Pick<PublishFailure, 'retryAfter' | 'rateLimitReset' | 'rateLimitRemaining'> {
  const out: Pick<PublishFailure, 'retryAfter' | 'rateLimitReset' | 'rateLimitRemaining'> = {};
  if (!headers) return out;
  const retryAfter = headers.get('retry-after');
  const reset = headers.get('x-ratelimit-reset');
  const remaining = headers.get('x-ratelimit-remaining');
  if (retryAfter !== null) out.retryAfter = retryAfter;
  if (reset !== null) out.rateLimitReset = reset;
  if (remaining !== null) out.rateLimitRemaining = remaining;
  return out;
}

const isBareCode = (text: string) => /^[A-Za-z0-9_.:-]+$/.test(text);

/** A readable line from an error body's details: strings, lists, or Mastodon's { field: [{ error, description }] }. */
function detailsText(details: unknown, depth = 0): string | null {
  if (depth > 3 || details === null || details === undefined) return null;
  if (typeof details === 'string') return details.trim() || null;
  if (Array.isArray(details)) {
    const items = details.map((d) => detailsText(d, depth + 1)).filter((d): d is string => d !== null);
    return items.length ? items.join(', ') : null;
  }
  if (typeof details !== 'object') return null;
  const { description, message, error } = details as { description?: unknown; message?: unknown; error?: unknown };
  for (const candidate of [description, message]) if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  if (typeof error === 'string' && error.trim() && Object.keys(details).length === 1) return error.trim();
  const fields = Object.entries(details as Record<string, unknown>)
    .map(([field, value]) => {
      const text = detailsText(value, depth + 1);
      return text ? `${field}: ${text}` : null;
    })
    .filter((d): d is string => d !== null);
  return fields.length ? fields.join('; ') : null;
}

/**
 * The server's own words from an error body, when it has any. Mastodon answers a sentence
 * ("Validation failed: Text can't be blank"); Doorkeeper and other servers answer a bare code
 * ("invalid_request") with a description, a message or details, which say more than the code.
 */
export function serverMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { error, error_description: description, message, details } = body as Record<string, unknown>;
  const code = typeof error === 'string' ? error.trim() : '';
  const explained = [description, message].find((t): t is string => typeof t === 'string' && t.trim() !== '')?.trim() ?? detailsText(details);
  if (code && !isBareCode(code)) return code;
  if (explained) return explained;
  return code || null;
}

export function httpFailure(instanceUrl: string, status: number, statusText: string, contentType: string, text: string, headers?: Headers): PublishFailure {
  let message: string | null = null;
  if (/json/i.test(contentType)) {
    try {
      message = serverMessage(JSON.parse(text));
    } catch {
      /* not JSON after all */
    }
  } else if (/^text\/plain/i.test(contentType) && text.trim() && text.length <= 300) {
    message = `${hostOf(instanceUrl)} answered ${status}: ${text.trim()}`;
  }
  message ??= `${hostOf(instanceUrl)} answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  return { kind: 'http', status, message, ...headerFields(headers) };
}

function networkMessage(instanceUrl: string, error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : (error as Error)?.message;
  return `Could not reach ${hostOf(instanceUrl)}${detail ? ` (${detail})` : ''}.`;
}

/** A fetch failure (no answer at all) as a PublishFailure. */
export function transportFailure(instanceUrl: string, error: unknown, timedOut: boolean, cancelled: boolean): PublishFailure {
  if (timedOut) return { kind: 'timeout', message: `${hostOf(instanceUrl)} did not answer in time.` };
  if (cancelled) return { kind: 'network', message: 'The request was cancelled before the server answered.' };
  return { kind: 'network', message: networkMessage(instanceUrl, error), ...(isOfflineError(error) ? { offline: true } : {}) };
}

export class MastodonHttp {
  constructor(
    readonly instanceUrl: string,
    private readonly onUnauthorized?: () => void,
  ) {}

  /** Sends a request and returns any answer, successful or not; throws PublishError only when there is no answer. */
  async raw(req: ApiRequest): Promise<{ response: Response; text: string }> {
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.accessToken) headers.authorization = `Bearer ${req.accessToken}`;
    let body: string | FormData | undefined;
    if (req.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form;
    }
    try {
      const response = await fetch(new URL(req.path, this.instanceUrl), { method: req.method, headers, body, signal });
      const text = await response.text();
      return { response, text };
    } catch (error) {
      throw new PublishError(transportFailure(this.instanceUrl, error, timeout.aborted, req.signal?.aborted ?? false));
    }
  }

  /** Sends a request; any answer outside 2xx becomes a PublishError (401: reconnect needed). */
  async request(req: ApiRequest): Promise<ApiResponse> {
    const { response, text } = await this.raw(req);
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) throw this.errorFor(response, contentType, text);
    if (!text.trim()) return { status: response.status, headers: response.headers, body: null };
    try {
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
    } catch {
      throw new PublishError({
        kind: 'http',
        message: `${hostOf(this.instanceUrl)} answered ${response.status} with something that is not JSON${/html/i.test(contentType) ? ' (a web page)' : ''}.`,
        ...headerFields(response.headers),
      });
    }
  }

  errorFor(response: Response, contentType: string, text: string): PublishError {
    const failure = httpFailure(this.instanceUrl, response.status, response.statusText, contentType, text, response.headers);
    if (response.status === 401) {
      this.onUnauthorized?.();
      return new PublishError(failure, true);
    }
    return new PublishError(failure);
  }
}

/** A masto.js failure as a PublishError (used where Tribune calls masto.js: apps, OAuth, verify_credentials). */
export function fromMastoError(instanceUrl: string, error: unknown, onUnauthorized?: () => void): PublishError {
  if (error instanceof PublishError) return error;
  if (error instanceof MastoHttpError) {
    const response = error.cause instanceof Response ? error.cause : undefined;
    const message =
      serverMessage({ error: error.message, error_description: error.description }) ?? `${hostOf(instanceUrl)} answered ${error.statusCode}.`;
    const failure: PublishFailure = { kind: 'http', status: error.statusCode, message, ...headerFields(response?.headers) };
    if (error.statusCode === 401) {
      onUnauthorized?.();
      return new PublishError(failure, true);
    }
    return new PublishError(failure);
  }
  if (error instanceof MastoTimeoutError) return new PublishError(transportFailure(instanceUrl, error, true, false));
  // fetch itself failed: TypeError("fetch failed") with the socket error as its cause.
  if (error instanceof TypeError && (error as { cause?: unknown }).cause !== undefined) {
    return new PublishError(transportFailure(instanceUrl, error, false, false));
  }
  // masto.js could not read the answer (plain text, an HTML error page): an answer, but not a usable one.
  const detail = error instanceof MastoUnexpectedError ? error.message : 'the answer could not be read';
  return new PublishError({ kind: 'http', message: `${hostOf(instanceUrl)} gave an unexpected answer: ${detail}` });
}
