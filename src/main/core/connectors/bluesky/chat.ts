/**
 * Bluesky direct messages (`chat.bsky.convo.*`), reached through the account's PDS with
 * `atproto-proxy: <chat service DID>#bsky_chat` as the official app does. A Direct messages
 * column lists the conversations (listConvos), each by its last message; answering sends a
 * message to the conversation. An app password made without "Allow access to your direct
 * messages" cannot: the PDS refuses the proxied call (InvalidToken "Bad token method"), which
 * becomes ReadError 'chat_not_allowed' (and must not be taken for a refused session).
 */
import { XRPCError, type Agent } from '@atproto/api';
import { ReadError, type ReadContext, type Reader, type RemoteEntry, type RemoteItem } from '../reader';
import { spansText } from '../safe-text';
import { facetsToSpans } from './facets';
import { mapActor } from './map';

/* eslint-disable @typescript-eslint/no-explicit-any -- network JSON, read field by field */
type Json = any;

/** Bluesky's chat service. */
export const BLUESKY_CHAT_DID = 'did:web:api.bsky.chat';
/** A chat item's URI: `chat:<convo id>:<message id>` (no AT-URI: messages are not records). */
export const chatUri = (convoId: string, messageId: string) => `chat:${convoId}:${messageId}`;
export const convoOfChatUri = (uri: string): string | null => /^chat:([^:]+):/.exec(uri)?.[1] ?? null;
const messageOfChatUri = (uri: string): string | null => /^chat:[^:]+:(.+)$/.exec(uri)?.[1] ?? null;

/** The chat methods, as the account's PDS proxies them. */
export const chatOf = (agent: Agent, chatDid: string) => agent.withProxy('bsky_chat', chatDid).chat.bsky.convo;

/** The session may not use chat (app password without direct messages, or the service said so). */
export function isChatDenied(err: unknown): boolean {
  if (!(err instanceof XRPCError)) return false;
  if (err.error === 'ExpiredToken') return false;
  return (err.status === 400 || err.status === 401 || err.status === 403) && ['InvalidToken', 'AuthRequired', 'AuthMissing', 'Forbidden', 'InsufficientScope'].includes(err.error);
}

/** A message view as an item of the column (the sender among the members; nobody else can act on it). */
function messageItem(convoId: string, m: Json, members: Json[], now: number): RemoteItem | null {
  if (typeof m?.id !== 'string' || typeof m?.sender?.did !== 'string') return null;
  const author = mapActor(members.find((x) => x?.did === m.sender.did) ?? { did: m.sender.did, handle: 'handle.invalid' });
  if (!author) return null;
  const spans = facetsToSpans(m.text, m.facets);
  const sentAt = Date.parse(String(m.sentAt));
  return {
    uri: chatUri(convoId, m.id),
    remoteId: chatUri(convoId, m.id),
    cid: null,
    url: null,
    author,
    createdAt: Number.isFinite(sentAt) ? sentAt : now,
    text: spansText(spans),
    spans,
    media: [],
    contentWarning: null,
    sensitive: false,
    language: null,
    replyTo: null,
    replyRoot: null,
    quote: null,
    counts: { replies: 0, reposts: 0, likes: 0, quotes: 0 },
    viewer: { liked: false, reposted: false, bookmarked: false, likeRef: null, repostRef: null, followingAuthor: null, followRef: null },
  };
}

/** listConvos' conversations as entries: each by its last message (a new message, a new entry). */
export function convoEntries(convos: Json[], now: number): RemoteEntry[] {
  const out: RemoteEntry[] = [];
  for (const c of Array.isArray(convos) ? convos : []) {
    const last = c?.lastMessage;
    if (typeof c?.id !== 'string' || last?.$type !== 'chat.bsky.convo.defs#messageView') continue;
    const item = messageItem(c.id, last, Array.isArray(c.members) ? c.members : [], now);
    if (item) out.push({ kind: 'item', key: item.uri, at: item.createdAt, item, repostedBy: null });
  }
  return out;
}

/** A chat call through the account's PDS (read.ts: budget, refused access said as such). */
export type ChatCall = <T extends { headers?: Record<string, string | undefined> }>(what: string, ctx: ReadContext | undefined, fn: (chat: ReturnType<typeof chatOf>) => Promise<T>) => Promise<T>;

const convoIdOf = (uri: string): string => {
  const id = convoOfChatUri(uri);
  if (!id) throw new ReadError('unsupported', 'This item is not a direct message.');
  return id;
};

/** The reader's direct-message methods: answer, read a conversation page by page, mark it read. */
export function chatMethods(chatCall: ChatCall): Pick<Required<Reader>, 'sendMessage' | 'messages' | 'markConversationRead'> {
  return {
    async sendMessage(uri, text, ctx) {
      const convoId = convoIdOf(uri);
      await chatCall('sending a direct message', ctx, (chat) => chat.sendMessage({ convoId, message: { text } }));
    },
    async messages(uri, cursor, limit, ctx) {
      const convoId = convoIdOf(uri);
      const now = Date.now();
      // getMessages names senders by DID only: the conversation's members give their profiles.
      const convo = await chatCall('reading a conversation', ctx, (chat) => chat.getConvo({ convoId }));
      const members: Json[] = Array.isArray(convo.data.convo?.members) ? convo.data.convo.members : [];
      const res = await chatCall('reading a conversation', ctx, (chat) => chat.getMessages({ convoId, limit: Math.min(limit, 100), ...(cursor ? { cursor } : {}) }));
      const items = (Array.isArray(res.data.messages) ? res.data.messages : [])
        .filter((m: Json) => m?.$type === 'chat.bsky.convo.defs#messageView')
        .map((m: Json) => messageItem(convoId, m, members, now))
        .filter((i: RemoteItem | null): i is RemoteItem => i !== null);
      return { items, olderCursor: res.data.cursor ?? null };
    },
    async markConversationRead(uri, ctx) {
      const convoId = convoIdOf(uri);
      const messageId = messageOfChatUri(uri);
      await chatCall('marking a conversation read', ctx, (chat) => chat.updateRead({ convoId, ...(messageId ? { messageId } : {}) }));
    },
  };
}
