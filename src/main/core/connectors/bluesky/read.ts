/**
 * Bluesky's reader: timelines, notifications, searches, threads and actions through the
 * account's PDS (reads are proxied to its AppView), with Bluesky's own cursors. Actions write
 * records under a key chosen when the person acted: a retry finds the record.
 */
import type { Agent } from '@atproto/api';
import { NOTIFICATION_KINDS, type ColumnType, type NotificationKind } from '../../../../shared/board/schemas';
import { ReadError, type ReadContext, type ReadPage, type Reader, type RemoteEntry, type RemoteItem } from '../reader';
import { toReadError } from '../read-errors';
import { mapActor, mapPost } from './map';
import { blueskyAct, type BlueskyCall } from './act';
import { BLUESKY_CHAT_DID, chatMethods, chatOf, convoEntries, isChatDenied } from './chat';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

export interface BlueskyReaderDeps {
  /** Runs a call with the account's live session (refreshing it once when refused). */
  withAgent<T>(what: string, fn: (agent: Agent, did: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
  log?: (message: string) => void;
  /** The chat service's DID (default Bluesky's); tests name their stand-in. */
  chatDid?: string;
}

const SUPPORTED: readonly ColumnType[] = ['home', 'notifications', 'mentions', 'direct', 'search', 'list', 'profile', 'own_posts'];
const CHAT_NOT_ALLOWED =
  'This app password does not give access to direct messages. In Bluesky, Settings > Privacy and security > App passwords: make one with "Allow access to your direct messages", then reconnect this account with it.';
const REASONS: Record<string, NotificationKind> = { like: 'like', repost: 'repost', follow: 'follow', mention: 'mention', reply: 'reply', quote: 'quote' };
const MENTION_KINDS: NotificationKind[] = ['mention', 'reply', 'quote'];

const headerNumber = (headers: Record<string, string | undefined> | undefined, name: string): number | null => {
  const v = headers?.[name];
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

export function createBlueskyReader(d: BlueskyReaderDeps): Reader {
  /** One XRPC call, reported to the budget, with its failure as a ReadError. */
  const call: BlueskyCall = async (what, ctx, fn) => {
    try {
      const res = await d.withAgent(what, fn, ctx?.signal);
      const reset = headerNumber(res.headers, 'ratelimit-reset');
      ctx?.onResponse?.({ status: 200, remaining: headerNumber(res.headers, 'ratelimit-remaining'), resetAt: reset === null ? null : reset * 1000 });
      return res;
    } catch (err) {
      const read = toReadError(err);
      ctx?.onResponse?.({ status: read.status ?? 0, remaining: read.kind === 'rate_limited' ? 0 : null, resetAt: read.retryAt });
      throw read;
    }
  };

  /** A chat call: a refusal of chat access is said as such, never taken for a refused session. */
  const chatCall = async <T extends { headers?: Record<string, string | undefined> }>(what: string, ctx: ReadContext | undefined, fn: (chat: ReturnType<typeof chatOf>) => Promise<T>): Promise<T> => {
    let denied = false;
    try {
      return await call(what, ctx, async (agent) => {
        try {
          return await fn(chatOf(agent, d.chatDid ?? BLUESKY_CHAT_DID));
        } catch (err) {
          if (!isChatDenied(err)) throw err;
          denied = true;
          throw new Error(CHAT_NOT_ALLOWED, { cause: err });
        }
      });
    } catch (err) {
      if (denied) throw new ReadError('chat_not_allowed', CHAT_NOT_ALLOWED, 403);
      throw err;
    }
  };

  const feedEntries = (feed: Json[], now: number): RemoteEntry[] => {
    const out: RemoteEntry[] = [];
    for (const f of Array.isArray(feed) ? feed : []) {
      const parentHandle = f?.reply?.parent?.author?.handle ?? null;
      const item = mapPost(f?.post, now, typeof parentHandle === 'string' ? parentHandle : null);
      if (!item) continue;
      const reposter = f?.reason?.$type === 'app.bsky.feed.defs#reasonRepost' ? mapActor(f.reason.by) : null;
      const at = reposter ? Date.parse(f.reason.indexedAt) || item.createdAt : item.createdAt;
      out.push({ kind: 'item', key: reposter ? `repost:${item.uri}:${reposter.remoteId}` : item.uri, at, item, repostedBy: reposter });
    }
    return out;
  };

  /** Posts by URI in batches of 25 (notifications name posts; their views come from getPosts). */
  const posts = async (uris: string[], ctx: ReadContext | undefined, now: number): Promise<Map<string, RemoteItem>> => {
    const found = new Map<string, RemoteItem>();
    const unique = [...new Set(uris)];
    for (let i = 0; i < unique.length; i += 25) {
      const res = await call('reading posts', ctx, (agent) => agent.app.bsky.feed.getPosts({ uris: unique.slice(i, i + 25) }));
      for (const p of res.data.posts as Json[]) {
        const item = mapPost(p, now);
        if (item) found.set(item.uri, item);
      }
    }
    return found;
  };

  const notifications = async (kinds: NotificationKind[] | null, cursor: string | null, limit: number, ctx: ReadContext | undefined): Promise<ReadPage> => {
    const now = Date.now();
    const res = await call('reading notifications', ctx, (agent) => agent.app.bsky.notification.listNotifications({ limit, ...(cursor ? { cursor } : {}) }));
    const list: Json[] = res.data.notifications ?? [];
    const kept: { n: Json; type: NotificationKind }[] = [];
    for (const n of list) {
      const type = REASONS[n?.reason as string];
      if (!type) {
        d.log?.(`Bluesky notification of unknown type "${String(n?.reason).slice(0, 40)}" skipped`);
        continue;
      }
      if (!kinds || kinds.includes(type)) kept.push({ n, type });
    }
    const subjectOf = (n: Json, type: NotificationKind) => (type === 'like' || type === 'repost' ? n.reasonSubject : type === 'follow' ? null : n.uri);
    const views = await posts(kept.map(({ n, type }) => subjectOf(n, type)).filter((u): u is string => typeof u === 'string'), ctx, now);
    const entries: RemoteEntry[] = [];
    for (const { n, type } of kept) {
      const actor = mapActor(n.author);
      if (!actor || typeof n.uri !== 'string') continue;
      const subject = subjectOf(n, type);
      entries.push({ kind: 'notification', key: n.uri, at: Date.parse(n.indexedAt) || now, type, actor, item: subject ? (views.get(subject) ?? null) : null });
    }
    return { entries, olderCursor: res.data.cursor ?? null };
  };

  return {
    supports: (type) => SUPPORTED.includes(type),

    async read(source, cursor, limit, ctx) {
      const now = Date.now();
      const q = source.query;
      const page = cursor ? { cursor } : {};
      switch (source.type) {
        case 'home': {
          const res = await call('reading the home timeline', ctx, (agent) => agent.getTimeline({ limit, ...page }));
          return { entries: feedEntries(res.data.feed, now), olderCursor: res.data.cursor ?? null };
        }
        case 'notifications':
          return notifications(q.kinds?.length ? q.kinds.filter((k) => NOTIFICATION_KINDS.includes(k)) : null, cursor, limit, ctx);
        case 'mentions':
          return notifications(MENTION_KINDS, cursor, limit, ctx);
        case 'search': {
          const words = q.q?.trim() || (q.tag ? `#${q.tag}` : '');
          const res = await call('searching posts', ctx, (agent) =>
            agent.app.bsky.feed.searchPosts({ q: words, sort: 'latest', limit, ...page, ...(q.lang ? { lang: q.lang } : {}), ...(q.tag ? { tag: [q.tag] } : {}), ...(q.since ? { since: q.since } : {}) }),
          );
          const exclude = (q.exclude ?? []).map((w) => w.toLowerCase());
          const entries = (res.data.posts as Json[])
            .map((p) => mapPost(p, now))
            .filter((i): i is RemoteItem => i !== null && !exclude.some((w) => i.text.toLowerCase().includes(w)))
            .map((item) => ({ kind: 'item' as const, key: item.uri, at: item.createdAt, item, repostedBy: null }));
          return { entries, olderCursor: res.data.cursor ?? null };
        }
        case 'profile':
        case 'own_posts': {
          const res = await call('reading posts of a profile', ctx, (agent, did) =>
            agent.getAuthorFeed({ actor: source.type === 'own_posts' ? did : (q.handle ?? '').replace(/^@/, ''), limit, filter: source.type === 'own_posts' ? 'posts_no_replies' : 'posts_with_replies', ...page }),
          );
          return { entries: feedEntries(res.data.feed, now), olderCursor: res.data.cursor ?? null };
        }
        case 'direct': {
          const res = await chatCall('reading direct messages', ctx, (chat) => chat.listConvos({ limit: Math.min(limit, 100), ...page }));
          return { entries: convoEntries(res.data.convos, now), olderCursor: res.data.cursor ?? null };
        }
        case 'list': {
          const res = await call('reading a list', ctx, (agent) => agent.app.bsky.feed.getListFeed({ list: q.listId ?? '', limit, ...page }));
          return { entries: feedEntries(res.data.feed, now), olderCursor: res.data.cursor ?? null };
        }
        default:
          throw new ReadError('unsupported', `Bluesky cannot show a ${source.type} column here.`);
      }
    },

    async thread(target, ctx) {
      const now = Date.now();
      const res = await call('reading a thread', ctx, (agent) => agent.getPostThread({ uri: target.uri, depth: 10, parentHeight: 50 }));
      const root: Json = res.data.thread;
      const focus = mapPost(root?.post, now);
      if (!focus) throw new ReadError('not_found', 'This post is gone or not visible to this account.', 404);
      const ancestors: RemoteItem[] = [];
      for (let p = root.parent, n = 0; p && n < 100; p = p.parent, n++) {
        const item = mapPost(p.post, now);
        if (item) ancestors.unshift(item);
      }
      const replies: { depth: number; item: RemoteItem }[] = [];
      const walk = (node: Json, depth: number) => {
        for (const r of Array.isArray(node?.replies) ? node.replies : []) {
          if (replies.length >= 500) return;
          const item = mapPost(r?.post, now, focus.author.handle);
          if (!item) continue;
          replies.push({ depth, item });
          walk(r, depth + 1);
        }
      };
      walk(root, 1);
      return { ancestors, focus, replies };
    },

    act: blueskyAct(call),

    ...chatMethods(chatCall),

    async markSeen(kind, position, ctx) {
      if (kind !== 'notifications') return;
      await call('marking notifications seen', ctx, (agent) => agent.app.bsky.notification.updateSeen({ seenAt: new Date(position.at).toISOString() }));
    },

    async readSeen(kind, ctx) {
      if (kind !== 'notifications') return null;
      const res = await call('reading the notifications seen time', ctx, (agent) => agent.app.bsky.notification.listNotifications({ limit: 1 }));
      const at = res.data.seenAt ? Date.parse(res.data.seenAt) : NaN;
      return { key: null, at: Number.isFinite(at) ? at : null };
    },
  };
}
