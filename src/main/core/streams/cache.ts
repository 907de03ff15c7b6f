/**
 * The network cache's writes: actors, items, each account's view of them, and column entries,
 * in one transaction per page. One row per remote item (network + URI) and per actor, whoever
 * shows them; a column only adds its entries.
 */
import { randomUUID } from 'node:crypto';
import type { Network } from '../../../shared/domain';
import type { Db } from '../store/database';
import type { RemoteActor, RemoteEntry, RemoteItem } from '../connectors/reader';
import { gapSortKey, imageKey, sortKey } from './keys';

export interface StoredBody {
  url: string | null;
  text: string;
  spans: RemoteItem['spans'];
  media: RemoteItem['media'];
  contentWarning: string | null;
  sensitive: boolean;
  language: string | null;
  replyTo: RemoteItem['replyTo'];
  replyRoot: RemoteItem['replyRoot'];
  quote: (Omit<NonNullable<RemoteItem['quote']>, 'author'> & { authorId: string | null }) | null;
  counts: RemoteItem['counts'];
  /** A private (direct) post. */
  direct?: boolean;
}

export interface IngestResult {
  /** Entries the column did not have. */
  added: number;
  /** Entries of the page the column already had (a refresh reached known items). */
  known: number;
  itemIds: string[];
  oldestKey: string | null;
  newestKey: string | null;
  /** Sort keys (as computed for this page) of the entries the column already had. */
  knownKeys: string[];
}

/** What one page stored, given to the ingest hook inside the page's transaction (the charter, the inbox). */
export interface IngestedPage {
  columnId: string;
  accountId: string;
  network: Network;
  entries: RemoteEntry[];
  /** Cached item id by URI, actor id by remote id. */
  itemIds: ReadonlyMap<string, string>;
  actorIds: ReadonlyMap<string, string>;
  now: number;
}
export type IngestHook = (page: IngestedPage) => void;

const bit = (v: boolean | null | undefined): number | null => (v === undefined || v === null ? null : v ? 1 : 0);

export class StreamCache {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly onIngest: IngestHook | null = null,
  ) {
    this.s = {
      // Account facts a view did not carry (null) keep what another view said.
      actor: db.prepare<[string, string, string, string, string, string | null, string | null, number, number | null, number | null, number | null, number | null], { id: string }>(
        `INSERT INTO actors (id, network, remote_id, handle, display_name, avatar_url, url, updated_at, account_created_at, posts_count, has_bio, has_avatar)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (network, remote_id) DO UPDATE SET handle = excluded.handle, display_name = excluded.display_name,
           avatar_url = excluded.avatar_url, url = excluded.url, updated_at = excluded.updated_at,
           account_created_at = coalesce(excluded.account_created_at, actors.account_created_at),
           posts_count = coalesce(excluded.posts_count, actors.posts_count), has_bio = coalesce(excluded.has_bio, actors.has_bio),
           has_avatar = coalesce(excluded.has_avatar, actors.has_avatar)
         RETURNING id`,
      ),
      item: db.prepare<[string, string, string, string, number, string, number], { id: string }>(
        `INSERT INTO items (id, network, uri, author_id, created_at, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (network, uri) DO UPDATE SET author_id = excluded.author_id, body = excluded.body, fetched_at = excluded.fetched_at, deleted = 0
         RETURNING id`,
      ),
      view: db.prepare(
        `INSERT INTO item_views (item_id, account_id, remote_id, cid, liked, reposted, bookmarked, like_ref, repost_ref, following_author, follow_ref)
         VALUES (@itemId, @accountId, @remoteId, @cid, @liked, @reposted, @bookmarked, @likeRef, @repostRef, @followingAuthor, @followRef)
         ON CONFLICT (item_id, account_id) DO UPDATE SET remote_id = excluded.remote_id, cid = excluded.cid,
           liked = excluded.liked, reposted = excluded.reposted, bookmarked = excluded.bookmarked, like_ref = excluded.like_ref,
           repost_ref = excluded.repost_ref, following_author = excluded.following_author, follow_ref = excluded.follow_ref
         WHERE NOT EXISTS (SELECT 1 FROM board_actions a WHERE a.item_id = excluded.item_id AND a.account_id = excluded.account_id AND a.state IN ('pending', 'sending'))`,
      ),
      entry: db.prepare(
        `INSERT OR IGNORE INTO column_entries (column_id, sort_key, kind, item_id, reason, actor_id, remote_key, at)
         VALUES (@columnId, @sortKey, @kind, @itemId, @reason, @actorId, @remoteKey, @at)`,
      ),
      gap: db.prepare(
        `INSERT OR IGNORE INTO column_entries (column_id, sort_key, kind, remote_key, gap_id, gap_cursor, at) VALUES (?, ?, 'gap', ?, ?, ?, ?)`,
      ),
      image: db.prepare('INSERT OR IGNORE INTO remote_images (key, url, used_at) VALUES (?, ?, ?)'),
    };
  }

  /** Stores one page of a column's entries (newest first) in one transaction. */
  ingest(columnId: string | null, accountId: string, network: Network, entries: RemoteEntry[], now: number): IngestResult {
    return this.db.transaction(() => {
      const actors = new Map<string, string>();
      const items = new Map<string, string>();
      let added = 0;
      let oldestKey: string | null = null;
      let newestKey: string | null = null;
      const knownKeys: string[] = [];
      for (const entry of entries) {
        const itemId = entry.item ? this.putItem(entry.item, accountId, network, now, actors, items) : null;
        const actor = entry.kind === 'item' ? entry.repostedBy : entry.actor;
        const actorId = actor ? this.putActor(actor, network, now, actors) : null;
        if (columnId === null) continue;
        const key = sortKey(entry.at, entry.key);
        const changes = this.s.entry.run({
          columnId,
          sortKey: key,
          kind: entry.kind,
          itemId,
          reason: entry.kind === 'notification' ? entry.type : entry.repostedBy ? 'repost' : null,
          actorId,
          remoteKey: entry.key,
          at: entry.at,
        }).changes;
        if (changes > 0) added++;
        else knownKeys.push(key);
        if (oldestKey === null || key < oldestKey) oldestKey = key;
        if (newestKey === null || key > newestKey) newestKey = key;
      }
      if (columnId !== null) this.onIngest?.({ columnId, accountId, network, entries, itemIds: items, actorIds: actors, now });
      return { added, known: knownKeys.length, itemIds: [...items.values()], oldestKey, newestKey, knownKeys };
    })();
  }

  /** Stores items outside any column (a thread, an action's target); returns their ids by URI. */
  putItems(list: RemoteItem[], accountId: string, network: Network, now: number): Map<string, string> {
    return this.db.transaction(() => {
      const actors = new Map<string, string>();
      const items = new Map<string, string>();
      for (const item of list) this.putItem(item, accountId, network, now, actors, items);
      return items;
    })();
  }

  /** A gap row below `at`: the network cursor where loading the missing entries resumes. */
  addGap(columnId: string, at: number, cursor: string): string {
    const gapId = randomUUID();
    this.s.gap.run(columnId, gapSortKey(at, gapId), `gap:${gapId}`, gapId, cursor, at);
    return gapId;
  }

  private putActor(a: RemoteActor, network: Network, now: number, seen: Map<string, string>): string {
    const cached = seen.get(a.remoteId);
    if (cached) return cached;
    const id = this.s.actor.get(randomUUID(), network, a.remoteId, a.handle, a.displayName, a.avatarUrl, a.url, now, a.createdAt ?? null, a.postsCount ?? null, bit(a.hasBio), bit(a.hasAvatar))!.id;
    if (a.avatarUrl) this.s.image.run(imageKey(a.avatarUrl), a.avatarUrl, now);
    seen.set(a.remoteId, id);
    return id;
  }

  private putItem(item: RemoteItem, accountId: string, network: Network, now: number, actors: Map<string, string>, items: Map<string, string>): string {
    const cached = items.get(item.uri);
    if (cached) return cached;
    const authorId = this.putActor(item.author, network, now, actors);
    const quoteAuthorId = item.quote?.author ? this.putActor(item.quote.author, network, now, actors) : null;
    const body: StoredBody = {
      url: item.url,
      text: item.text,
      spans: item.spans,
      media: item.media,
      contentWarning: item.contentWarning,
      sensitive: item.sensitive,
      language: item.language,
      replyTo: item.replyTo,
      replyRoot: item.replyRoot,
      quote: item.quote ? { uri: item.quote.uri, url: item.quote.url, spans: item.quote.spans, createdAt: item.quote.createdAt, unavailable: item.quote.unavailable, authorId: quoteAuthorId } : null,
      counts: item.counts,
      ...(item.direct ? { direct: true } : {}),
    };
    const id = this.s.item.get(randomUUID(), network, item.uri, authorId, item.createdAt, JSON.stringify(body), now)!.id;
    const v = item.viewer;
    this.s.view.run({
      itemId: id,
      accountId,
      remoteId: item.remoteId,
      cid: item.cid,
      liked: v.liked ? 1 : 0,
      reposted: v.reposted ? 1 : 0,
      bookmarked: v.bookmarked ? 1 : 0,
      likeRef: v.likeRef,
      repostRef: v.repostRef,
      followingAuthor: v.followingAuthor === null ? null : v.followingAuthor ? 1 : 0,
      followRef: v.followRef,
    });
    for (const m of item.media) for (const url of [m.thumbUrl, m.fullUrl]) if (url) this.s.image.run(imageKey(url), url, now);
    items.set(item.uri, id);
    return id;
  }
}
