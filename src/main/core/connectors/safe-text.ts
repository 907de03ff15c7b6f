/**
 * Everything a network sends is hostile: these helpers bound lengths and keep only addresses
 * a person may open (http and https). Used by every reader before anything is stored.
 */
import type { Span } from '../../../shared/board/schemas';

export const MAX_NAME = 200;
export const MAX_HANDLE = 253;
export const MAX_TEXT = 20_000;
export const MAX_ALT = 5_000;
export const MAX_URL = 2_000;
export const MAX_SPANS = 2_000;

/** Cuts a string to `max` UTF-16 units without splitting a surrogate pair; control characters go (except newlines and tabs). */
export function bounded(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  let text = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '');
  if (text.length > max) {
    text = text.slice(0, max);
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
    text += '…';
  }
  return text;
}

/** A name or display name: one line, bounded. */
export const boundedName = (value: unknown, max = MAX_NAME): string => bounded(value, max).replace(/[\r\n\t]+/g, ' ');

/** The address when it is an absolute http(s) URL without credentials, else null. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > MAX_URL) return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

/** An instant the network may omit: null when absent or not a date (never the clock's now). */
export const optionalTime = (value: unknown): number | null => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : null;
};

/** A count the network may omit: null when absent or not a number. */
export const optionalCount = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? safeCount(value) : null);

export const safeCount = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), 1_000_000_000) : 0);

export const safeTime = (value: unknown, fallback: number): number => {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? ms : fallback;
};

/** Joins neighbouring text spans, drops empty ones, and bounds the list and the total text. */
export function normalizeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  let total = 0;
  for (const span of spans) {
    if (out.length >= MAX_SPANS || total >= MAX_TEXT) break;
    if (span.type === 'break') {
      out.push(span);
      continue;
    }
    const text = bounded(span.text, MAX_TEXT - total);
    if (!text) continue;
    total += text.length;
    const last = out[out.length - 1];
    if (span.type === 'text' && last?.type === 'text') last.text += text;
    else out.push({ ...span, text });
  }
  return out;
}

/** The plain text of spans (copy, search, a screen reader's summary). */
export const spansText = (spans: Span[]): string => spans.map((s) => (s.type === 'break' ? '\n' : s.text)).join('');
