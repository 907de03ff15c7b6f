/**
 * The reading half of the connector contract: what the board needs from a network. Each
 * network maps its own answers to these shared shapes (connectors/<network>/read.ts); text is
 * already safe spans, addresses are http(s) or null, lengths are bounded.
 */
import type { ColumnQuery, ColumnType, ItemAction, NotificationKind, Span } from '../../../shared/board/schemas';

export interface RemoteActor {
  /** Bluesky DID, Mastodon account URI (the same on every instance). */
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  url: string | null;
  /** Facts about the account, for the charter's account rules; null or absent: the network did not say (never guessed). */
  createdAt?: number | null;
  postsCount?: number | null;
  hasAvatar?: boolean | null;
  hasBio?: boolean | null;
}

export interface RemoteMedia {
  kind: 'image' | 'video' | 'gifv' | 'audio' | 'unknown';
  thumbUrl: string | null;
  fullUrl: string | null;
  alt: string;
  width: number | null;
  height: number | null;
  remoteUrl: string | null;
}

/** A reference to a post as one account's server knows it. */
export interface RemoteRef {
  uri: string;
  /** Bluesky: the CID; Mastodon: none. */
  cid: string | null;
}

export interface RemoteQuote {
  uri: string;
  url: string | null;
  author: RemoteActor | null;
  spans: Span[];
  createdAt: number | null;
  unavailable: boolean;
}

/** The viewing account's state on an item. */
export interface RemoteViewer {
  liked: boolean;
  reposted: boolean;
  bookmarked: boolean;
  /** Bluesky: the like / repost records (deleting them undoes the action). */
  likeRef: string | null;
  repostRef: string | null;
  followingAuthor: boolean | null;
  followRef: string | null;
}

export interface RemoteItem {
  /** The post's URI, the same for every account (dedup key with the network). */
  uri: string;
  /** The post's id on the reading account's server (Mastodon status id; Bluesky: the URI). */
  remoteId: string;
  cid: string | null;
  url: string | null;
  author: RemoteActor;
  createdAt: number;
  text: string;
  spans: Span[];
  media: RemoteMedia[];
  contentWarning: string | null;
  sensitive: boolean;
  language: string | null;
  replyTo: { uri: string; handle: string | null } | null;
  /** Bluesky: root and parent of the thread, to reply under it. */
  replyRoot: RemoteRef | null;
  quote: RemoteQuote | null;
  counts: { replies: number; reposts: number; likes: number; quotes: number };
  viewer: RemoteViewer;
  /** Mastodon: a private post (visibility `direct`), answered privately. */
  direct?: boolean;
}

export type RemoteEntry =
  | { kind: 'item'; key: string; at: number; item: RemoteItem; repostedBy: RemoteActor | null }
  | { kind: 'notification'; key: string; at: number; type: NotificationKind; actor: RemoteActor; item: RemoteItem | null };

export interface ReadPage {
  /** Newest first. */
  entries: RemoteEntry[];
  /** The network's cursor for older entries; null: nothing older. */
  olderCursor: string | null;
}

export interface ReadSource {
  type: ColumnType;
  query: ColumnQuery;
}

/** What one HTTP answer said about the account's rate limit (every response is reported). */
export interface ResponseInfo {
  status: number;
  /** X-RateLimit-Remaining / RateLimit-Remaining. */
  remaining: number | null;
  /** When the window resets (epoch ms). */
  resetAt: number | null;
}

export interface ReadContext {
  signal?: AbortSignal;
  /** Called for every HTTP answer (the core's request budget counts them). */
  onResponse?: (info: ResponseInfo) => void;
}

export type ReadErrorKind = 'rate_limited' | 'unreachable' | 'server' | 'reconnect_needed' | 'refused' | 'unsupported' | 'not_found' | 'chat_not_allowed';

/** A read or an action the network did not do; retryAt for rate limits (Retry-After, reset headers). */
export class ReadError extends Error {
  constructor(
    readonly kind: ReadErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAt: number | null = null,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export interface RemoteThread {
  ancestors: RemoteItem[];
  focus: RemoteItem;
  replies: { depth: number; item: RemoteItem }[];
}

/** The item an action is about, as the acting account knows it. */
export interface ActionTarget {
  uri: string;
  /** The id on the acting account's server (Mastodon); resolved by the reader when null. */
  remoteId: string | null;
  cid: string | null;
  authorRemoteId: string;
  likeRef: string | null;
  repostRef: string | null;
  followRef: string | null;
}

export interface ActionOutcome {
  /** Bluesky: the record created (like, repost, follow) to delete it later. */
  ref: string | null;
}

/** The newest entry read: its column key (a notification's key), its item's id on the account's server, its time. */
export interface SeenPosition {
  key: string;
  itemRemoteId: string | null;
  at: number;
}

export interface Reader {
  /** One page of a column, newest first, from `cursor` (null: the newest). Throws ReadError. */
  read(source: ReadSource, cursor: string | null, limit: number, ctx?: ReadContext): Promise<ReadPage>;
  /** The conversation around a post (by URI, or the account's remote id). */
  thread(target: { uri: string; remoteId: string | null }, ctx?: ReadContext): Promise<RemoteThread>;
  /**
   * Does an action once: `key` is chosen when the person acted (Bluesky record key), so a
   * retry after a crash finds the record instead of making a second one.
   */
  act(action: ItemAction, target: ActionTarget, key: string, ctx?: ReadContext): Promise<ActionOutcome>;
  /** Read positions kept by the server (Mastodon markers; Bluesky notifications' seen time). */
  markSeen(kind: 'home' | 'notifications', position: SeenPosition, ctx?: ReadContext): Promise<void>;
  /** key: a notification's entry key, or a status id on the account's server (home); at: read up to this time. */
  readSeen(kind: 'home' | 'notifications', ctx?: ReadContext): Promise<{ key: string | null; at: number | null } | null>;
  /** What this network can show (a column type it lacks answers column_unsupported). */
  supports(type: ColumnType): boolean;
  /** Answers a direct message (`uri`: an item of a Direct messages column); absent: the network answers with a post. */
  sendMessage?(uri: string, text: string, ctx?: ReadContext): Promise<void>;
  /** A direct conversation's messages (`uri`: one of its items), newest first, older than `cursor`. */
  messages?(uri: string, cursor: string | null, limit: number, ctx?: ReadContext): Promise<{ items: RemoteItem[]; olderCursor: string | null }>;
  /** The conversation of `uri` is read up to that message (Bluesky updateRead). */
  markConversationRead?(uri: string, ctx?: ReadContext): Promise<void>;
  /** Live updates (Mastodon's streaming API); absent: polling only. */
  live?: LiveReader;
}

/** A live stream of a network (Mastodon's streaming API): which one a column can follow. */
export interface LiveSpec {
  stream: 'user' | 'user:notification' | 'hashtag' | 'list' | 'direct';
  tag?: string;
  list?: string;
}

/** What a live stream says: a new entry, an edited item, a deleted one (its id on the account's server). */
export type LiveEvent = { kind: 'entry'; entry: RemoteEntry } | { kind: 'edit'; item: RemoteItem } | { kind: 'delete'; remoteId: string };

export interface LiveHandlers {
  /** The stream is open: events flow from now on. */
  open(): void;
  event(e: LiveEvent): void;
  /** Any sign of life (a message or a heartbeat). */
  alive(): void;
  /** The stream ended or could not start (unsupported: the server has no streaming). Called once. */
  closed(error: ReadError): void;
}

export interface LiveStream {
  /** Ends the stream; `closed` is not called. */
  close(): void;
}

/** Live updates, where the network has them. */
export interface LiveReader {
  /** The stream that carries a column's news, or null (polled only). */
  specFor(source: ReadSource): LiveSpec | null;
  /** Checks the server's streaming health, then opens the stream; failures go to `closed`. */
  open(spec: LiveSpec, handlers: LiveHandlers): LiveStream;
}
