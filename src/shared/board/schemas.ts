/**
 * The board's shared entities: boards, columns, and the one item entity every network's
 * reads are mapped to. Network text arrives as safe structured spans (never HTML); images
 * arrive as same-origin paths served by the host (the CSP stays img-src 'self').
 */
import { z } from 'zod';
import { Id, Instant, Network } from '../domain';
import { ItemFlag } from '../charter/schema';

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

/** What a notification is about, the same words for every network. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'quote', 'like', 'repost', 'follow', 'poll', 'update'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

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

/** Someone on a network, shared by every item and column that shows them. */
export const Actor = z.object({
  id: Id,
  network: Network,
  /** Bluesky DID, Mastodon account URI. */
  remoteId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  /** A same-origin path ("/remote-image/<key>") or null: never a remote address. */
  avatar: z.string().nullable(),
  /** The profile on the web (http(s) only), to open in the browser. */
  url: z.string().nullable(),
});
export type Actor = z.infer<typeof Actor>;

/** Network text as safe pieces; the renderer makes elements from them, never HTML. */
export const Span = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  /** url is always http(s). */
  z.object({ type: z.literal('link'), text: z.string(), url: z.string() }),
  /** handle without "@" when known; did/remote id for Bluesky; url (http(s)) for Mastodon profiles. */
  z.object({ type: z.literal('mention'), text: z.string(), handle: z.string().nullable(), remoteId: z.string().nullable(), url: z.string().nullable() }),
  z.object({ type: z.literal('tag'), text: z.string(), tag: z.string() }),
  z.object({ type: z.literal('break') }),
]);
export type Span = z.infer<typeof Span>;

export const ItemMedia = z.object({
  kind: z.enum(['image', 'video', 'gifv', 'audio', 'unknown']),
  /** Same-origin paths of the cached thumbnail and full image, or null. */
  thumb: z.string().nullable(),
  full: z.string().nullable(),
  alt: z.string(),
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
  /** The original on the network (http(s)), to open in the browser. */
  remoteUrl: z.string().nullable(),
});
export type ItemMedia = z.infer<typeof ItemMedia>;

export const ItemCounts = z.object({
  replies: z.number().int().nonnegative(),
  reposts: z.number().int().nonnegative(),
  likes: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
});

/** The viewing account's own state on an item; `pending` lists actions still on their way. */
export const ItemViewer = z.object({
  accountId: Id.nullable(),
  liked: z.boolean(),
  reposted: z.boolean(),
  bookmarked: z.boolean(),
  followingAuthor: z.boolean().nullable(),
  pending: z.array(z.string()),
});
export type ItemViewer = z.infer<typeof ItemViewer>;

/** A quoted post, without its own quote (one level). */
export const QuotedItem = z.object({
  id: Id.nullable(),
  uri: z.string(),
  url: z.string().nullable(),
  author: Actor.nullable(),
  spans: z.array(Span),
  createdAt: Instant.nullable(),
  /** The quoted post is gone, blocked or not visible to this account. */
  unavailable: z.boolean(),
});

/** One post from a network, the same shape for every network. */
export const BoardItem = z.object({
  id: Id,
  network: Network,
  /** Bluesky at:// URI, Mastodon status URI (the same on every instance). */
  uri: z.string(),
  /** A link a person can open (http(s)) or null. */
  url: z.string().nullable(),
  author: Actor,
  createdAt: Instant,
  /** Plain text (for copying, search, screen readers' summary). */
  text: z.string(),
  spans: z.array(Span),
  media: z.array(ItemMedia),
  contentWarning: z.string().nullable(),
  sensitive: z.boolean(),
  language: z.string().nullable(),
  replyTo: z.object({ uri: z.string(), handle: z.string().nullable() }).nullable(),
  quote: QuotedItem.nullable(),
  counts: ItemCounts,
  viewer: ItemViewer,
  /** The author is one of the workspace's accounts (delete is offered). */
  own: z.boolean(),
  deleted: z.boolean(),
  /** What the workspace's charter flagged on it (rule name and matched text): the card's badge. */
  flags: z.array(ItemFlag).optional(),
  /** Mastodon: a private (direct) post; an answer stays private and names its participants. */
  direct: z.boolean().optional(),
});
export type BoardItem = z.infer<typeof BoardItem>;

/** A row of a column: a post (maybe reposted by someone), a notification, or a gap to fill. */
export const ColumnEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), key: z.string(), cursor: z.string(), item: BoardItem, repostedBy: Actor.nullable() }),
  z.object({
    kind: z.literal('notification'),
    key: z.string(),
    cursor: z.string(),
    type: NotificationKind,
    actor: Actor,
    at: Instant,
    /** The post concerned (the mention, the liked post...), null for follows. */
    item: BoardItem.nullable(),
  }),
  /** Items are missing here: column.fillGap loads them. */
  z.object({ kind: z.literal('gap'), key: z.string(), cursor: z.string(), gapId: Id }),
]);
export type ColumnEntry = z.infer<typeof ColumnEntry>;

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

export const ITEM_ACTIONS = ['like', 'unlike', 'repost', 'unrepost', 'bookmark', 'unbookmark', 'follow', 'unfollow', 'delete'] as const;
export const ItemAction = z.enum(ITEM_ACTIONS);
export type ItemAction = z.infer<typeof ItemAction>;

export const ActResult = z.object({
  actionId: Id,
  /** done: the network said yes; queued: offline or throttled, it goes once the network is back. */
  state: z.enum(['done', 'queued']),
  /** The item with its optimistic state. */
  item: BoardItem,
});

export const ThreadView = z.object({
  ancestors: z.array(BoardItem),
  focus: BoardItem,
  /** Replies in reading order with their depth below the focus (1 = direct reply). */
  replies: z.array(z.object({ depth: z.number().int().positive(), item: BoardItem })),
  /** From the cache (offline) rather than the network just now. */
  fromCache: z.boolean(),
});
export type ThreadView = z.infer<typeof ThreadView>;

/** A direct conversation's messages (Bluesky chat), oldest first; `olderCursor` pages back. */
export const ConversationView = z.object({
  messages: z.array(BoardItem),
  olderCursor: z.string().max(500).nullable(),
  /** From the cache (offline) rather than the network just now. */
  fromCache: z.boolean(),
});
export type ConversationView = z.infer<typeof ConversationView>;

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

/** A post a reply or quote refers to (given to the composer by the board; see DraftContent.replyTo/quote). */
export const PostRef = z.object({
  /** The board's item id, so the core can find every account's remote id for it. */
  itemId: Id,
  network: Network,
  uri: z.string().max(2000),
});
export type PostRef = z.infer<typeof PostRef>;
