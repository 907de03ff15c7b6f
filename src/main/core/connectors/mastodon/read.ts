/**
 * Mastodon's reader: timelines (home, hashtag, list, account), notifications, conversations,
 * search v2, context, markers and actions, paged with the Link header's max_id. Any
 * Mastodon-API server; missing endpoints (404) make the column "unsupported".
 */
import type { ColumnType } from '../../../../shared/board/schemas';
import { ReadError, type ReadContext, type ReadPage, type Reader, type RemoteEntry, type RemoteItem } from '../reader';
import { retryAtFrom, toReadError } from '../read-errors';
import type { MastodonHttp } from './http';
import { mapStatus, notificationEntry, statusEntry } from './map';
import { createMastodonLive } from './stream';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

export interface MastodonReaderDeps {
  http: MastodonHttp;
  token(): Promise<string | null>;
  timeoutMs: number;
  log?: (message: string) => void;
  /** The streaming API's address the server announces (null: none said; the API's origin is used). */
  streamingUrl?: () => Promise<string | null>;
}

const SUPPORTED: readonly ColumnType[] = ['home', 'notifications', 'mentions', 'direct', 'search', 'list', 'profile', 'own_posts'];
const NOTIFICATION_TYPES: Record<string, string[]> = { mention: ['mention'], reply: ['mention'], quote: ['quote'], like: ['favourite'], repost: ['reblog'], follow: ['follow'], poll: ['poll'], update: ['update'] };

/** The max_id of the Link header's rel="next", or null. */
export function nextMaxId(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) {
      try {
        return new URL(m[1]!).searchParams.get('max_id');
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function createMastodonReader(d: MastodonReaderDeps): Reader {
  let me: string | null = null;

  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, ctx?: ReadContext, json?: Record<string, unknown>) => {
    const token = await d.token();
    if (!token) throw new ReadError('reconnect_needed', 'This Mastodon account has no token: reconnect it.', 401);
    const now = Date.now();
    try {
      const res = await d.http.request({ method, path, accessToken: token, timeoutMs: d.timeoutMs, signal: ctx?.signal, ...(json ? { json } : {}) });
      const remaining = Number(res.headers.get('x-ratelimit-remaining'));
      const reset = res.headers.get('x-ratelimit-reset');
      ctx?.onResponse?.({ status: res.status, remaining: Number.isFinite(remaining) && res.headers.has('x-ratelimit-remaining') ? remaining : null, resetAt: retryAtFrom(undefined, reset ?? undefined, now) });
      return res;
    } catch (err) {
      const read = toReadError(err, now);
      ctx?.onResponse?.({ status: read.status ?? 0, remaining: read.kind === 'rate_limited' ? 0 : null, resetAt: read.retryAt });
      if (read.kind === 'not_found' && method === 'GET' && !path.startsWith('/api/v1/statuses/')) throw new ReadError('unsupported', read.message, 404);
      throw read;
    }
  };
  const q = (params: Record<string, string | number | string[] | undefined>) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) search.append(`${k}[]`, x);
      else search.set(k, String(v));
    }
    return search.toString();
  };
  const myId = async (ctx?: ReadContext) => (me ??= String(((await call('GET', '/api/v1/accounts/verify_credentials', ctx)).body as Json)?.id ?? ''));
  const timeline = async (path: string, params: Record<string, string | number | string[] | undefined>, ctx?: ReadContext, filter?: (i: RemoteItem) => boolean): Promise<ReadPage> => {
    const now = Date.now();
    const res = await call('GET', `${path}?${q(params)}`, ctx);
    const list = Array.isArray(res.body) ? (res.body as Json[]) : [];
    const entries = list.map((s) => statusEntry(s, now)).filter((e): e is RemoteEntry => e !== null && (!filter || !e.item || filter(e.item)));
    return { entries, olderCursor: nextMaxId(res.headers.get('link')) ?? (list.length > 0 ? (list[list.length - 1]?.id ?? null) : null) };
  };
  const resolve = async (target: { uri: string; remoteId: string | null }, ctx?: ReadContext): Promise<string> => {
    if (target.remoteId) return target.remoteId;
    const res = await call('GET', `/api/v2/search?${q({ q: target.uri, type: 'statuses', resolve: 'true', limit: 1 })}`, ctx);
    const id = (res.body as Json)?.statuses?.[0]?.id;
    if (typeof id !== 'string') throw new ReadError('not_found', 'This post cannot be found from this account’s server.', 404);
    return id;
  };

  return {
    supports: (type) => SUPPORTED.includes(type),
    live: createMastodonLive(d),

    async read(source, cursor, limit, ctx) {
      const page = { limit, ...(cursor ? { max_id: cursor } : {}) };
      const query = source.query;
      const exclude = (query.exclude ?? []).map((w) => w.toLowerCase());
      const keep = (i: RemoteItem) => !exclude.some((w) => i.text.toLowerCase().includes(w)) && (!query.lang || !i.language || i.language.startsWith(query.lang));
      switch (source.type) {
        case 'home':
          return timeline('/api/v1/timelines/home', page, ctx);
        case 'notifications':
        case 'mentions': {
          const kinds = source.type === 'mentions' ? ['mention'] : query.kinds?.length ? [...new Set(query.kinds.flatMap((k) => NOTIFICATION_TYPES[k] ?? []))] : undefined;
          const res = await call('GET', `/api/v1/notifications?${q({ ...page, types: kinds })}`, ctx);
          const now = Date.now();
          const list = Array.isArray(res.body) ? (res.body as Json[]) : [];
          const entries = list.map((n) => notificationEntry(n, now, d.log)).filter((e): e is RemoteEntry => e !== null && (!query.kinds?.length || source.type === 'mentions' || (e.kind === 'notification' && query.kinds.includes(e.type))));
          return { entries, olderCursor: nextMaxId(res.headers.get('link')) ?? (list.length > 0 ? (list[list.length - 1]?.id ?? null) : null) };
        }
        case 'direct': {
          const res = await call('GET', `/api/v1/conversations?${q(page)}`, ctx);
          const now = Date.now();
          const list = Array.isArray(res.body) ? (res.body as Json[]) : [];
          const entries = list.flatMap((c) => {
            const e = c?.last_status ? statusEntry(c.last_status, now) : null;
            return e ? [{ ...e, key: `conversation:${String(c.id)}:${String(c.last_status.id)}` }] : [];
          });
          return { entries, olderCursor: nextMaxId(res.headers.get('link')) };
        }
        case 'search': {
          if (query.tag && !query.q) return timeline(`/api/v1/timelines/tag/${encodeURIComponent(query.tag)}`, page, ctx, keep);
          const words = [query.q, query.tag ? `#${query.tag}` : undefined].filter(Boolean).join(' ');
          const res = await call('GET', `/api/v2/search?${q({ q: words, type: 'statuses', ...page })}`, ctx);
          const now = Date.now();
          const list: Json[] = Array.isArray((res.body as Json)?.statuses) ? (res.body as Json).statuses : [];
          const entries = list.map((s) => statusEntry(s, now)).filter((e): e is RemoteEntry => e !== null && (!e.item || keep(e.item)));
          return { entries, olderCursor: list.length >= limit ? (list[list.length - 1]?.id ?? null) : null };
        }
        case 'list':
          return timeline(`/api/v1/timelines/list/${encodeURIComponent(query.listId ?? '')}`, page, ctx);
        case 'own_posts':
          return timeline(`/api/v1/accounts/${encodeURIComponent(await myId(ctx))}/statuses`, { ...page, exclude_replies: 'true' }, ctx);
        case 'profile': {
          const res = await call('GET', `/api/v1/accounts/lookup?${q({ acct: (query.handle ?? '').replace(/^@/, '') })}`, ctx);
          return timeline(`/api/v1/accounts/${encodeURIComponent(String((res.body as Json)?.id ?? ''))}/statuses`, page, ctx);
        }
        default:
          throw new ReadError('unsupported', `Mastodon cannot show a ${source.type} column.`);
      }
    },

    async thread(target, ctx) {
      const id = await resolve(target, ctx);
      const now = Date.now();
      const focus = mapStatus((await call('GET', `/api/v1/statuses/${encodeURIComponent(id)}`, ctx)).body, now);
      if (!focus) throw new ReadError('not_found', 'This post is gone.', 404);
      const context = (await call('GET', `/api/v1/statuses/${encodeURIComponent(id)}/context`, ctx)).body as Json;
      const ancestors = (Array.isArray(context?.ancestors) ? context.ancestors : []).map((s: Json) => mapStatus(s, now)).filter(Boolean) as RemoteItem[];
      const depth = new Map<string, number>([[id, 0]]);
      const replies: { depth: number; item: RemoteItem }[] = [];
      for (const s of Array.isArray(context?.descendants) ? context.descendants : []) {
        const item = mapStatus(s, now);
        if (!item) continue;
        const level = (depth.get(String(s.in_reply_to_id)) ?? 0) + 1;
        depth.set(item.remoteId, level);
        replies.push({ depth: level, item });
      }
      return { ancestors, focus, replies };
    },

    async act(action, target, _key, ctx) {
      if (action === 'follow' || action === 'unfollow') {
        const res = await call('GET', `/api/v1/accounts/lookup?${q({ acct: target.authorRemoteId })}`, ctx);
        await call('POST', `/api/v1/accounts/${encodeURIComponent(String((res.body as Json)?.id ?? ''))}/${action}`, ctx);
        return { ref: null };
      }
      const id = encodeURIComponent(await resolve(target, ctx));
      const path = { like: 'favourite', unlike: 'unfavourite', repost: 'reblog', unrepost: 'unreblog', bookmark: 'bookmark', unbookmark: 'unbookmark' }[action as string];
      if (action === 'delete') await call('DELETE', `/api/v1/statuses/${id}`, ctx);
      else if (path) await call('POST', `/api/v1/statuses/${id}/${path}`, ctx);
      else throw new ReadError('unsupported', `Mastodon has no ${action}.`);
      return { ref: null };
    },

    async markSeen(kind, position, ctx) {
      const id = kind === 'notifications' ? position.key.replace(/^notification:/, '') : position.itemRemoteId;
      if (!id) return;
      await call('POST', '/api/v1/markers', ctx, { [kind]: { last_read_id: id } });
    },

    async readSeen(kind, ctx) {
      const res = await call('GET', `/api/v1/markers?${q({ timeline: [kind] })}`, ctx);
      const marker = (res.body as Json)?.[kind];
      if (!marker || typeof marker.last_read_id !== 'string') return null;
      return { key: kind === 'notifications' ? `notification:${marker.last_read_id}` : marker.last_read_id, at: null };
    },
  };
}
