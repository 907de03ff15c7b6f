/**
 * The board's shared entities: boards and columns; the item entity every network's reads are
 * mapped to is in ./items (re-exported here).
 */
import { z } from 'zod';
import { Id, Instant } from '../domain';
import { ColumnEntry, NOTIFICATION_KINDS, NotificationKind } from './items';

export * from './items';

/** Where the hosts serve the board's cached remote images (same origin as the renderer): /remote-image/<40 hex>. */
export const REMOTE_IMAGE_PATH = '/remote-image/';

export const COLUMN_TYPES = ['home', 'notifications', 'mentions', 'direct', 'search', 'list', 'profile', 'own_posts', 'drafts', 'scheduled', 'sent'] as const;
export const ColumnType = z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof ColumnType>;
/** Columns that read a network (and so need an account); the others are Tribune's own lists. */
export const NETWORK_COLUMN_TYPES: readonly ColumnType[] = ['home', 'notifications', 'mentions', 'direct', 'search', 'list', 'profile', 'own_posts'];
export const isNetworkColumn = (type: ColumnType): boolean => NETWORK_COLUMN_TYPES.includes(type);

export const ColumnWidth = z.enum(['narrow', 'normal', 'wide']);
export type ColumnWidth = z.infer<typeof ColumnWidth>;

/**
 * A column's query and filter. search: q (words, "phrases"), tag (without #), lang, exclude
 * (words to leave out), since; profile: handle; list: listId; notifications: kinds (empty or
 * absent: all kinds; the unread count follows the filter).
 */
export const ColumnQuery = z
  .object({
    q: z.string().trim().max(500).optional(),
    tag: z.string().trim().max(100).regex(/^[^\s#]+$/u, 'tag_invalid').optional(),
    lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
    exclude: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    since: Instant.optional(),
    handle: z.string().trim().max(253).optional(),
    listId: z.string().max(500).optional(),
    kinds: z.array(NotificationKind).max(NOTIFICATION_KINDS.length).optional(),
  })
  .strict();
export type ColumnQuery = z.infer<typeof ColumnQuery>;

export const COLUMN_STATES = ['local', 'idle', 'loading', 'ok', 'stale', 'throttled', 'offline', 'failing', 'reconnect_needed', 'unsupported'] as const;
export const ColumnState = z.enum(COLUMN_STATES);
export type ColumnState = z.infer<typeof ColumnState>;

/** How fresh a column is and why: the header says it ("throttled, tries again at 10:42"). */
export const ColumnStatus = z.object({
  state: ColumnState,
  lastRefreshAt: Instant.nullable(),
  /** When the core tries again (throttled, offline, failing) or next polls. */
  retryAt: Instant.nullable(),
  /** A code of src/shared/result.ts (network_unreachable, board_rate_limited...) and the server's words. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Live updates come from a stream (Mastodon) rather than polling. */
  streaming: z.boolean(),
});
export type ColumnStatus = z.infer<typeof ColumnStatus>;

export const Column = z.object({
  id: Id,
  boardId: Id,
  workspaceId: Id,
  type: ColumnType,
  /** The account the column reads as; null for Tribune's own columns (drafts, scheduled, sent). */
  accountId: Id.nullable(),
  query: ColumnQuery,
  width: ColumnWidth,
  /** Desktop notifications for new items (off by default except mentions and direct). */
  notify: z.boolean(),
  position: z.number().int().nonnegative(),
  status: ColumnStatus,
  unread: z.number().int().nonnegative(),
});
export type Column = z.infer<typeof Column>;

export const BoardName = z.string().trim().min(1, 'name_required').max(60, 'name_too_long');
export const Board = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string(),
  position: z.number().int().nonnegative(),
  columns: z.array(Column),
});
export type Board = z.infer<typeof Board>;

export const ColumnPage = z.object({
  columnId: Id,
  entries: z.array(ColumnEntry),
  /** Give as `before` to read older entries; null: nothing older in the cache (the core fetches more in the background). */
  nextCursor: z.string().nullable(),
  /** The newest entry read (entries with a cursor after it are unread). */
  readCursor: z.string().nullable(),
  unread: z.number().int().nonnegative(),
  status: ColumnStatus,
});
export type ColumnPage = z.infer<typeof ColumnPage>;

export const BoardUnread = z.object({
  workspaceId: Id,
  total: z.number().int().nonnegative(),
  columns: z.array(z.object({ columnId: Id, unread: z.number().int().nonnegative() })),
});

/** Every workspace's unread counts (the rail): per column, to follow column.changed, and per workspace. */
export const BoardUnreadAll = z.object({
  workspaces: z.array(z.object({ workspaceId: Id, total: z.number().int().nonnegative() })),
  columns: z.array(z.object({ columnId: Id, workspaceId: Id, unread: z.number().int().nonnegative() })),
});
export type BoardUnreadAll = z.infer<typeof BoardUnreadAll>;

/** How much of the network the cache keeps (Settings > Board). */
export const BoardRetention = z.object({
  maxItemsPerColumn: z.number().int().min(100).max(50_000),
  maxItemsTotal: z.number().int().min(1_000).max(1_000_000),
  imageCacheMegabytes: z.number().int().min(10).max(10_000),
});
export type BoardRetention = z.infer<typeof BoardRetention>;
export const DEFAULT_RETENTION: BoardRetention = { maxItemsPerColumn: 2_000, maxItemsTotal: 100_000, imageCacheMegabytes: 300 };
