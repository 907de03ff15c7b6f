/** Remote entries as a reader would map them, for tests of the streams module and benches. */
import type { RemoteActor, RemoteEntry, RemoteItem } from '../../../src/main/core/connectors/reader';

export const actor = (n: number, over: Partial<RemoteActor> = {}): RemoteActor => ({
  remoteId: `did:plc:author${n}`,
  handle: `author${n}.test`,
  displayName: `Author ${n}`,
  avatarUrl: `https://cdn.example/avatar/${n}.jpg`,
  url: `https://bsky.app/profile/author${n}.test`,
  ...over,
});

export const item = (n: number, over: Partial<RemoteItem> = {}): RemoteItem => ({
  uri: `at://did:plc:author${n % 50}/app.bsky.feed.post/${n}`,
  remoteId: `at://did:plc:author${n % 50}/app.bsky.feed.post/${n}`,
  cid: `cid${n}`,
  url: `https://bsky.app/profile/author${n % 50}.test/post/${n}`,
  author: actor(n % 50),
  createdAt: Date.parse('2026-11-22T08:00:00.000Z') - n * 1000,
  text: `Post ${n} about Port-Lumière`,
  spans: [{ type: 'text', text: `Post ${n} about ` }, { type: 'tag', text: '#PortLumiere', tag: 'PortLumiere' }],
  media: [],
  contentWarning: null,
  sensitive: false,
  language: 'fr',
  replyTo: null,
  replyRoot: null,
  quote: null,
  counts: { replies: 0, reposts: 0, likes: n % 7, quotes: 0 },
  viewer: { liked: false, reposted: false, bookmarked: false, likeRef: null, repostRef: null, followingAuthor: null, followRef: null },
  ...over,
});

/** A timeline entry for item n (newest first when n grows downwards). */
export const entry = (n: number, over: Partial<RemoteItem> = {}): RemoteEntry => {
  const i = item(n, over);
  return { kind: 'item', key: i.uri, at: i.createdAt, item: i, repostedBy: null };
};
