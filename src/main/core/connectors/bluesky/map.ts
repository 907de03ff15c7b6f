/**
 * Bluesky's views (app.bsky.feed.defs#postView and friends) as the board's shared item. Every
 * field is read defensively: a view missing pieces still maps, or is skipped (null) when it
 * has no URI or author.
 */
import type { ItemMedia } from '../../../../shared/board/schemas';
import type { RemoteActor, RemoteItem, RemoteMedia, RemoteQuote } from '../reader';
import { MAX_ALT, MAX_HANDLE, bounded, boundedName, optionalCount, optionalTime, safeCount, safeTime, safeUrl, spansText } from '../safe-text';
import { facetsToSpans } from './facets';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const rkey = (uri: string) => uri.split('/').pop() ?? '';

export function mapActor(a: Json): RemoteActor | null {
  const did = str(a?.did);
  if (!did || !did.startsWith('did:') || did.length > 300) return null;
  const handle = bounded(str(a.handle) ?? did, MAX_HANDLE);
  return {
    remoteId: did,
    handle,
    displayName: boundedName(a.displayName) || handle,
    avatarUrl: safeUrl(a.avatar),
    url: safeUrl(`https://bsky.app/profile/${handle === 'handle.invalid' ? did : handle}`),
    createdAt: optionalTime(a.createdAt),
    hasAvatar: typeof a.avatar === 'string' && a.avatar.length > 0,
    // Only profileViewDetailed counts posts and profileView describes (profileViewBasic: unknown).
    postsCount: optionalCount(a.postsCount),
    hasBio: typeof a.description === 'string' ? a.description.trim().length > 0 : null,
  };
}

const postUrl = (uri: string, author: RemoteActor) => safeUrl(`https://bsky.app/profile/${author.handle === 'handle.invalid' ? author.remoteId : author.handle}/post/${rkey(uri)}`);

function mapMedia(embed: Json): RemoteMedia[] {
  if (!embed || typeof embed !== 'object') return [];
  const type = str(embed.$type) ?? '';
  if (type.startsWith('app.bsky.embed.recordWithMedia')) return mapMedia(embed.media);
  if (type.startsWith('app.bsky.embed.images') && Array.isArray(embed.images)) {
    return embed.images.slice(0, 10).map((i: Json) => ({
      kind: 'image' as ItemMedia['kind'],
      thumbUrl: safeUrl(i?.thumb),
      fullUrl: safeUrl(i?.fullsize),
      alt: bounded(i?.alt, MAX_ALT),
      width: safeCount(i?.aspectRatio?.width) || null,
      height: safeCount(i?.aspectRatio?.height) || null,
      remoteUrl: safeUrl(i?.fullsize),
    }));
  }
  if (type.startsWith('app.bsky.embed.video')) {
    return [{ kind: 'video', thumbUrl: safeUrl(embed.thumbnail), fullUrl: safeUrl(embed.thumbnail), alt: bounded(embed.alt, MAX_ALT), width: safeCount(embed.aspectRatio?.width) || null, height: safeCount(embed.aspectRatio?.height) || null, remoteUrl: safeUrl(embed.playlist) }];
  }
  return [];
}

function mapQuote(embed: Json): RemoteQuote | null {
  if (!embed || typeof embed !== 'object') return null;
  const type = str(embed.$type) ?? '';
  const view = type.startsWith('app.bsky.embed.recordWithMedia') ? embed.record?.record : type.startsWith('app.bsky.embed.record') ? embed.record : null;
  if (!view) return null;
  const uri = str(view.uri);
  if (!uri) return null;
  const vtype = str(view.$type) ?? '';
  const author = mapActor(view.author);
  if (!vtype.endsWith('#viewRecord') || !author) {
    // Not found, blocked, detached, or a feed/list/starter pack: shown as unavailable.
    return { uri, url: null, author, spans: [], createdAt: null, unavailable: true };
  }
  return { uri, url: postUrl(uri, author), author, spans: facetsToSpans(view.value?.text, view.value?.facets), createdAt: safeTime(view.value?.createdAt ?? view.indexedAt, 0) || null, unavailable: false };
}

/** A post view as an item; `parentHandle` names who it answers when the view carries the parent. */
export function mapPost(p: Json, now: number, parentHandle: string | null = null): RemoteItem | null {
  const uri = str(p?.uri);
  const author = mapActor(p?.author);
  if (!uri || !uri.startsWith('at://') || uri.length > 1000 || !author) return null;
  const record = p.record && typeof p.record === 'object' ? p.record : {};
  const spans = facetsToSpans(record.text, record.facets);
  const reply = record.reply && typeof record.reply === 'object' ? record.reply : null;
  const langs = Array.isArray(record.langs) ? record.langs.filter((l: unknown) => typeof l === 'string') : [];
  const labels = Array.isArray(p.labels) ? p.labels.map((l: Json) => str(l?.val)).filter(Boolean) : [];
  const warning = labels.find((l: string) => ['porn', 'sexual', 'nudity', 'graphic-media', 'gore'].includes(l)) ?? null;
  return {
    uri,
    remoteId: uri,
    cid: str(p.cid),
    url: postUrl(uri, author),
    author,
    createdAt: safeTime(record.createdAt ?? p.indexedAt, now),
    text: spansText(spans),
    spans,
    media: mapMedia(p.embed),
    contentWarning: warning ? bounded(warning, 100) : null,
    sensitive: warning !== null,
    language: langs[0] ? bounded(langs[0], 35) : null,
    replyTo: reply && str(reply.parent?.uri) ? { uri: reply.parent.uri, handle: parentHandle } : null,
    replyRoot: reply && str(reply.root?.uri) ? { uri: reply.root.uri, cid: str(reply.root.cid) } : null,
    quote: mapQuote(p.embed),
    counts: { replies: safeCount(p.replyCount), reposts: safeCount(p.repostCount), likes: safeCount(p.likeCount), quotes: safeCount(p.quoteCount) },
    viewer: {
      liked: Boolean(str(p.viewer?.like)),
      reposted: Boolean(str(p.viewer?.repost)),
      bookmarked: p.viewer?.bookmarked === true,
      likeRef: str(p.viewer?.like),
      repostRef: str(p.viewer?.repost),
      followingAuthor: p.author?.viewer ? Boolean(str(p.author.viewer.following)) : null,
      followRef: str(p.author?.viewer?.following),
    },
  };
}
