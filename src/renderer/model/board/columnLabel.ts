/** What a column header says besides its type (pure, no React): the query in a few words. */
import type { ColumnQuery, ColumnStatus, ColumnType } from '../../../shared/board/schemas';

/** "#PortLumiere · "mots exacts" · -spam · fr", "@alice.example", or null when the type says it all. */
export function querySummary(type: ColumnType, query: ColumnQuery): string | null {
  if (type === 'profile') return query.handle ? (query.handle.startsWith('@') ? query.handle : `@${query.handle}`) : null;
  if (type === 'list') return query.listId ?? null;
  if (type !== 'search') return null;
  const parts = [query.tag ? `#${query.tag}` : null, query.q || null, ...(query.exclude ?? []).map((w) => `-${w}`), query.lang ?? null].filter(
    (p): p is string => !!p,
  );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** A search the person typed in the picker: "#tag" becomes the tag, the rest the words. */
export function parseSearch(input: string, lang?: string): ColumnQuery {
  const trimmed = input.trim();
  const words = trimmed.split(/\s+/).filter(Boolean);
  const exclude = words.filter((w) => w.startsWith('-') && w.length > 1).map((w) => w.slice(1));
  const kept = words.filter((w) => !(w.startsWith('-') && w.length > 1));
  const query: ColumnQuery = {};
  if (kept.length === 1 && /^#[^\s#]+$/u.test(kept[0]!)) query.tag = kept[0]!.slice(1);
  else if (kept.length > 0) query.q = kept.join(' ');
  if (exclude.length > 0) query.exclude = exclude;
  if (lang) query.lang = lang;
  return query;
}

export type StatusTone = 'ok' | 'warn' | 'error';

export interface StatusLine {
  tone: StatusTone;
  /** A key under board.status. */
  key: 'offline' | 'throttled' | 'stale' | 'failing' | 'reconnect' | 'unsupported' | 'loading' | 'chatNotAllowed';
  lastRefreshAt: string | null;
  retryAt: string | null;
  /** The server's words when it gave some. */
  detail: string | null;
}

/** What the line under a network column's header says; null when all is well (fresh and live). */
export function statusLine(status: ColumnStatus | null, options: { online: boolean; reconnectNeeded: boolean }): StatusLine | null {
  const base = { lastRefreshAt: status?.lastRefreshAt ?? null, retryAt: status?.retryAt ?? null, detail: status?.error?.message ?? null };
  if (options.reconnectNeeded || status?.state === 'reconnect_needed') return { tone: 'error', key: 'reconnect', ...base };
  if (!options.online || status?.state === 'offline') return { tone: 'warn', key: 'offline', ...base };
  if (!status) return null;
  // Bluesky direct messages need an app password that allows them: say how, offer to reconnect.
  if (status.error?.code === 'chat_not_allowed') return { tone: 'warn', key: 'chatNotAllowed', ...base, detail: null };
  switch (status.state) {
    case 'throttled':
      return { tone: 'warn', key: 'throttled', ...base };
    case 'stale':
      return { tone: 'warn', key: 'stale', ...base };
    case 'failing':
      return { tone: 'error', key: 'failing', ...base };
    case 'unsupported':
      return { tone: 'error', key: 'unsupported', ...base };
    case 'loading':
      return status.lastRefreshAt ? null : { tone: 'ok', key: 'loading', ...base };
    default:
      return null;
  }
}
