/**
 * The one item entity every network's reads are mapped to (a post, a notification, a gap), and
 * what the board does with it (actions, threads, conversations). Network text arrives as safe
 * structured spans (never HTML); images arrive as same-origin paths served by the host.
 */
import { z } from 'zod';
import { Id, Instant, Network } from '../domain';
import { ItemFlag } from '../charter/schema';

/** What a notification is about, the same words for every network. */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'quote', 'like', 'repost', 'follow', 'poll', 'update'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

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

/** A post a reply or quote refers to (given to the composer by the board; see DraftContent.replyTo/quote). */
export const PostRef = z.object({
  /** The board's item id, so the core can find every account's remote id for it. */
  itemId: Id,
  network: Network,
  uri: z.string().max(2000),
});
export type PostRef = z.infer<typeof PostRef>;
