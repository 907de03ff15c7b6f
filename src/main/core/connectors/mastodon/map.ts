/**
 * Mastodon's entities (Status, Account, Notification) as the board's shared item. The HTML
 * content becomes safe spans here (html-spans.ts); a reblog is the original status with who
 * reblogged it; every field is read defensively.
 */
import type { NotificationKind } from '../../../../shared/board/schemas';
import type { RemoteActor, RemoteEntry, RemoteItem, RemoteMedia } from '../reader';
import { MAX_ALT, MAX_HANDLE, bounded, boundedName, optionalCount, optionalTime, safeCount, safeTime, safeUrl, spansText } from '../safe-text';
import { htmlToSpans } from './html-spans';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** "user@domain" for every account: local accounts' acct has no domain, their profile URL's host gives it. */
export function fullAcct(a: Json): string | null {
  const acct = str(a?.acct);
  if (!acct) return null;
  if (acct.includes('@')) return bounded(acct, MAX_HANDLE).toLowerCase();
  const url = safeUrl(a.url);
  return url ? `${acct}@${new URL(url).host}`.toLowerCase() : null;
}

export function mapAccount(a: Json): RemoteActor | null {
  const handle = fullAcct(a);
  if (!handle) return null;
  return {
    remoteId: handle,
    handle,
    displayName: boundedName(a.display_name) || handle,
    avatarUrl: safeUrl(a.avatar_static ?? a.avatar),
    url: safeUrl(a.url),
    createdAt: optionalTime(a.created_at),
    // Mastodon serves a default picture (…/missing.png) to accounts without one.
    hasAvatar: typeof (a.avatar_static ?? a.avatar) === 'string' ? !/\/missing\.png$/.test(a.avatar_static ?? a.avatar) : null,
    postsCount: optionalCount(a.statuses_count),
    // The note is HTML: an empty one (or only tags and spaces) is no bio.
    hasBio: typeof a.note === 'string' ? a.note.replace(/<[^>]*>/g, '').trim().length > 0 : null,
  };
}

const MEDIA_KINDS: readonly string[] = ['image', 'video', 'gifv', 'audio'];

function mapMedia(list: Json): RemoteMedia[] {
  return (Array.isArray(list) ? list : []).slice(0, 10).map((m: Json) => ({
    kind: (MEDIA_KINDS.includes(m?.type) ? m.type : 'unknown') as RemoteMedia['kind'],
    thumbUrl: safeUrl(m?.preview_url),
    fullUrl: safeUrl(m?.url),
    alt: bounded(m?.description, MAX_ALT),
    width: safeCount(m?.meta?.original?.width) || null,
    height: safeCount(m?.meta?.original?.height) || null,
    remoteUrl: safeUrl(m?.remote_url ?? m?.url),
  }));
}

/** A status (not its reblog wrapper) as an item. */
export function mapStatus(s: Json, now: number): RemoteItem | null {
  const uri = str(s?.uri);
  const id = str(s?.id);
  const author = mapAccount(s?.account);
  if (!uri || !id || uri.length > 2000 || id.length > 100 || !author) return null;
  const mentions = (Array.isArray(s.mentions) ? s.mentions : []).flatMap((m: Json) => {
    const url = safeUrl(m?.url);
    const acct = fullAcct({ acct: m?.acct, url: m?.url });
    return url && acct ? [{ url, acct, remoteId: acct, id: str(m.id) }] : [];
  });
  const spans = htmlToSpans(s.content, mentions);
  const parentAuthor = mentions.find((m: { id: string | null }) => m.id !== null && m.id === s.in_reply_to_account_id)?.acct ?? (s.in_reply_to_account_id === s.account?.id ? author.handle : null);
  const quoted = s.quote && typeof s.quote === 'object' ? (s.quote.quoted_status ?? null) : null;
  const quoteItem = quoted ? mapStatus(quoted, now) : null;
  return {
    uri,
    remoteId: id,
    cid: null,
    url: safeUrl(s.url) ?? safeUrl(uri),
    author,
    createdAt: safeTime(s.created_at, now),
    text: spansText(spans),
    spans,
    media: mapMedia(s.media_attachments),
    contentWarning: str(s.spoiler_text) ? bounded(s.spoiler_text, 1_000) : null,
    sensitive: s.sensitive === true,
    language: str(s.language) ? bounded(s.language, 35) : null,
    replyTo: str(s.in_reply_to_id) ? { uri: s.in_reply_to_id, handle: parentAuthor } : null,
    replyRoot: null,
    quote: quoteItem
      ? { uri: quoteItem.uri, url: quoteItem.url, author: quoteItem.author, spans: quoteItem.spans, createdAt: quoteItem.createdAt, unavailable: false }
      : s.quote && typeof s.quote === 'object'
        ? { uri: '', url: null, author: null, spans: [], createdAt: null, unavailable: true }
        : null,
    counts: { replies: safeCount(s.replies_count), reposts: safeCount(s.reblogs_count), likes: safeCount(s.favourites_count), quotes: safeCount(s.quotes_count) },
    viewer: { liked: s.favourited === true, reposted: s.reblogged === true, bookmarked: s.bookmarked === true, likeRef: null, repostRef: null, followingAuthor: null, followRef: null },
    ...(s.visibility === 'direct' ? { direct: true } : {}),
  };
}

/** A timeline status: a reblog is the original, reposted by the wrapper's account. */
export function statusEntry(s: Json, now: number): RemoteEntry | null {
  if (s?.reblog && typeof s.reblog === 'object') {
    const item = mapStatus(s.reblog, now);
    const by = mapAccount(s.account);
    if (!item || !by) return null;
    return { kind: 'item', key: `reblog:${str(s.uri) ?? s.id}`, at: safeTime(s.created_at, now), item, repostedBy: by };
  }
  const item = mapStatus(s, now);
  return item ? { kind: 'item', key: item.uri, at: item.createdAt, item, repostedBy: null } : null;
}

const TYPES: Record<string, NotificationKind> = { mention: 'mention', reblog: 'repost', favourite: 'like', follow: 'follow', poll: 'poll', update: 'update', quote: 'quote' };

export function notificationEntry(n: Json, now: number, log?: (m: string) => void): RemoteEntry | null {
  const type = TYPES[n?.type as string];
  if (!type) {
    log?.(`Mastodon notification of unknown type "${String(n?.type).slice(0, 40)}" skipped`);
    return null;
  }
  const actor = mapAccount(n.account);
  const id = str(n.id);
  if (!actor || !id) return null;
  const item = n.status ? mapStatus(n.status, now) : null;
  // A mention that answers one of the account's posts is a reply.
  const kind: NotificationKind = type === 'mention' && item?.replyTo ? 'reply' : type;
  return { kind: 'notification', key: `notification:${id}`, at: safeTime(n.created_at, now), type: kind, actor, item };
}
