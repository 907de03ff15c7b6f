/**
 * The board's read model: a column's entries with their items, authors, reposters and the
 * column account's own state in ONE joined query per page (no query per card), plus unread
 * counts per column and per workspace in one grouped query.
 */
import type { Actor, BoardItem, ColumnEntry, ItemMedia, NotificationKind } from '../../../shared/board/schemas';
import type { ItemFlag } from '../../../shared/charter/schema';
import type { Network } from '../../../shared/domain';
import { toIso } from '../clock';
import type { Db } from '../store/database';
import type { StoredBody } from './cache';
import { imagePath } from './keys';

export const ACTOR_COLUMNS = (p: string) => `${p}.id AS ${p}_id, ${p}.network AS ${p}_network, ${p}.remote_id AS ${p}_remote_id, ${p}.handle AS ${p}_handle, ${p}.display_name AS ${p}_display_name, ${p}.avatar_url AS ${p}_avatar_url, ${p}.url AS ${p}_url`;

/** The item columns of a row, with its author (a) and the viewer state (v) of one account. */
const ITEM_SELECT = `i.id AS i_id, i.network AS i_network, i.uri AS i_uri, i.created_at AS i_created_at, i.body AS i_body, i.deleted AS i_deleted,
  ${ACTOR_COLUMNS('a')},
  v.liked AS v_liked, v.reposted AS v_reposted, v.bookmarked AS v_bookmarked, v.following_author AS v_following,
  (SELECT group_concat(ba.action) FROM board_actions ba WHERE ba.item_id = i.id AND ba.account_id = @accountId AND ba.state IN ('pending', 'sending')) AS v_pending,
  EXISTS (SELECT 1 FROM accounts o WHERE o.workspace_id = @workspaceId AND o.removed_at IS NULL AND o.network = a.network
          AND (o.remote_id = a.remote_id OR lower(o.handle) = lower(a.handle))) AS i_own,
  (SELECT json_group_array(json_object('ruleId', f.rule_id, 'ruleName', f.rule_name, 'severity', f.severity, 'action', f.action, 'matched', f.matched))
     FROM item_flags f WHERE f.workspace_id = @workspaceId AND f.item_id = i.id) AS i_flags`;

type Row = Record<string, string | number | null>;

/**
 * A Notifications column filtered by kinds shows and counts only those (entries stored before
 * the filter changed, or by a refresh still running with the old one, stay out). Needs `c`.
 */
const FOLLOWS_FILTER = `(e.kind != 'notification' OR coalesce(json_array_length(c.query, '$.kinds'), 0) = 0
  OR e.reason IN (SELECT value FROM json_each(c.query, '$.kinds')))`;

/**
 * Unread counts: the entries above a column's read position, read from the narrow index
 * column_entries_unread (migration 13) rather than the wide entries (5,000 per column offline).
 */
export const UNREAD_SQL = {
  byColumn: `SELECT c.id, count(e.sort_key) AS unread FROM board_columns c
     LEFT JOIN column_entries e ON e.column_id = c.id AND e.kind != 'gap' AND e.sort_key > coalesce(c.read_key, '') AND ${FOLLOWS_FILTER}
     WHERE c.workspace_id = ? AND c.account_id IS NOT NULL GROUP BY c.id`,
  all: `SELECT c.id, c.workspace_id, count(e.sort_key) AS unread FROM board_columns c
     LEFT JOIN column_entries e ON e.column_id = c.id AND e.kind != 'gap' AND e.sort_key > coalesce(c.read_key, '') AND ${FOLLOWS_FILTER}
     WHERE c.account_id IS NOT NULL GROUP BY c.id`,
  column: `SELECT count(*) AS unread FROM column_entries e JOIN board_columns c ON c.id = e.column_id
     WHERE e.column_id = ? AND e.kind != 'gap' AND e.sort_key > coalesce(c.read_key, '') AND ${FOLLOWS_FILTER}`,
};

export const rowActor = (r: Row, p: string): Actor | null =>
  r[`${p}_id`] === null || r[`${p}_id`] === undefined
    ? null
    : {
        id: r[`${p}_id`] as string,
        network: r[`${p}_network`] as Network,
        remoteId: r[`${p}_remote_id`] as string,
        handle: r[`${p}_handle`] as string,
        displayName: r[`${p}_display_name`] as string,
        avatar: imagePath(r[`${p}_avatar_url`] as string | null),
        url: r[`${p}_url`] as string | null,
      };

const parseBody = (text: string): StoredBody | null => {
  try {
    return JSON.parse(text) as StoredBody;
  } catch {
    return null;
  }
};

export class BoardReadModel {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      page: db.prepare<Row, Row>(
        `SELECT e.sort_key, e.kind, e.reason, e.remote_key, e.gap_id, e.at, ${ITEM_SELECT}, ${ACTOR_COLUMNS('r')}
         FROM column_entries e
         JOIN board_columns c ON c.id = e.column_id
         LEFT JOIN items i ON i.id = e.item_id
         LEFT JOIN actors a ON a.id = i.author_id
         LEFT JOIN actors r ON r.id = e.actor_id
         LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = @accountId
         WHERE e.column_id = @columnId AND (@before IS NULL OR e.sort_key < @before) AND ${FOLLOWS_FILTER}
         ORDER BY e.sort_key DESC LIMIT @limit`,
      ),
      items: db.prepare<Row, Row>(
        `SELECT ${ITEM_SELECT} FROM items i JOIN actors a ON a.id = i.author_id
         LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = @accountId
         WHERE i.id IN (SELECT value FROM json_each(@ids))`,
      ),
      actors: db.prepare<[string], Row>(`SELECT ${ACTOR_COLUMNS('a')} FROM actors a WHERE a.id IN (SELECT value FROM json_each(?))`),
      unread: db.prepare<[string], { id: string; unread: number }>(UNREAD_SQL.byColumn),
      unreadAll: db.prepare<[], { id: string; workspace_id: string; unread: number }>(UNREAD_SQL.all),
      columnUnread: db.prepare<[string], { unread: number }>(UNREAD_SQL.column),
      newest: db.prepare<[string], { sort_key: string }>(
        `SELECT e.sort_key FROM column_entries e JOIN board_columns c ON c.id = e.column_id
         WHERE e.column_id = ? AND e.kind != 'gap' AND ${FOLLOWS_FILTER} ORDER BY e.sort_key DESC LIMIT 1`,
      ),
    };
  }

  /** A page of a column, newest first, as the contract's entries. */
  page(q: { columnId: string; workspaceId: string; accountId: string | null; before: string | null; limit: number }): ColumnEntry[] {
    const rows = this.s.page.all({ columnId: q.columnId, workspaceId: q.workspaceId, accountId: q.accountId, before: q.before, limit: q.limit });
    const quoteAuthors = this.quoteAuthors(rows);
    const entries: ColumnEntry[] = [];
    for (const r of rows) {
      const key = r.remote_key as string;
      const cursor = r.sort_key as string;
      if (r.kind === 'gap') {
        entries.push({ kind: 'gap', key, cursor, gapId: r.gap_id as string });
        continue;
      }
      const item = r.i_id ? this.toItem(r, q.accountId, quoteAuthors) : null;
      const actor = rowActor(r, 'r');
      if (r.kind === 'notification' && actor) {
        entries.push({ kind: 'notification', key, cursor, type: r.reason as NotificationKind, actor, at: toIso(r.at as number), item });
      } else if (item) {
        entries.push({ kind: 'item', key, cursor, item, repostedBy: r.reason === 'repost' ? actor : null });
      }
    }
    return entries;
  }

  /** Items by id, as one account sees them (the act-as account for actions, the column's otherwise). */
  items(ids: string[], accountId: string | null, workspaceId: string): Map<string, BoardItem> {
    const rows = this.s.items.all({ ids: JSON.stringify(ids), accountId, workspaceId });
    const quoteAuthors = this.quoteAuthors(rows);
    return new Map(rows.map((r) => [r.i_id as string, this.toItem(r, accountId, quoteAuthors)]));
  }

  unreadByColumn(workspaceId: string): Map<string, number> {
    return new Map(this.s.unread.all(workspaceId).map((r) => [r.id, r.unread]));
  }
  /** Every network column's unread count, in every workspace (the rail's badges), in one query. */
  unreadAll(): { columnId: string; workspaceId: string; unread: number }[] {
    return this.s.unreadAll.all().map((r) => ({ columnId: r.id, workspaceId: r.workspace_id, unread: r.unread }));
  }
  unread(columnId: string): number {
    return this.s.columnUnread.get(columnId)?.unread ?? 0;
  }
  newestKey(columnId: string): string | null {
    return this.s.newest.get(columnId)?.sort_key ?? null;
  }

  private quoteAuthors(rows: Row[]): Map<string, Actor> {
    const ids = new Set<string>();
    for (const r of rows) {
      const body = typeof r.i_body === 'string' && r.i_body.includes('"authorId":"') ? parseBody(r.i_body) : null;
      if (body?.quote?.authorId) ids.add(body.quote.authorId);
    }
    if (ids.size === 0) return new Map();
    return new Map(this.s.actors.all(JSON.stringify([...ids])).map((r) => [r.a_id as string, rowActor(r, 'a')!]));
  }

  private toItem(r: Row, accountId: string | null, quoteAuthors: Map<string, Actor>): BoardItem {
    const body = parseBody(r.i_body as string);
    const media: ItemMedia[] = (body?.media ?? []).map((m) => ({
      kind: m.kind,
      thumb: imagePath(m.thumbUrl),
      full: imagePath(m.fullUrl),
      alt: m.alt,
      width: m.width,
      height: m.height,
      remoteUrl: m.remoteUrl,
    }));
    const q = body?.quote ?? null;
    return {
      id: r.i_id as string,
      network: r.i_network as Network,
      uri: r.i_uri as string,
      url: body?.url ?? null,
      author: rowActor(r, 'a')!,
      createdAt: toIso(r.i_created_at as number),
      text: body?.text ?? '',
      spans: body?.spans ?? [],
      media,
      contentWarning: body?.contentWarning ?? null,
      sensitive: body?.sensitive ?? false,
      language: body?.language ?? null,
      replyTo: body?.replyTo ?? null,
      quote: q
        ? { id: null, uri: q.uri, url: q.url, author: q.authorId ? (quoteAuthors.get(q.authorId) ?? null) : null, spans: q.spans, createdAt: q.createdAt === null ? null : toIso(q.createdAt), unavailable: q.unavailable }
        : null,
      counts: body?.counts ?? { replies: 0, reposts: 0, likes: 0, quotes: 0 },
      viewer: {
        accountId,
        liked: r.v_liked === 1,
        reposted: r.v_reposted === 1,
        bookmarked: r.v_bookmarked === 1,
        followingAuthor: r.v_following === null || r.v_following === undefined ? null : r.v_following === 1,
        pending: typeof r.v_pending === 'string' ? r.v_pending.split(',') : [],
      },
      own: r.i_own === 1,
      deleted: r.i_deleted === 1,
      ...(body?.direct ? { direct: true } : {}),
      // Only flagged items carry the field (most cards have none).
      ...(typeof r.i_flags === 'string' && r.i_flags !== '[]' ? { flags: JSON.parse(r.i_flags) as ItemFlag[] } : {}),
    };
  }
}
