/**
 * Bluesky's actions on an item (like, repost, follow and their undoing, delete): records written
 * under a key chosen when the person acted, so a retry after a crash finds the record.
 */
import type { Agent } from '@atproto/api';
import { ReadError, type ReadContext, type Reader } from '../reader';

/** One XRPC call with the account's session, reported to the request budget (see read.ts). */
export type BlueskyCall = <T extends { headers?: Record<string, string | undefined> }>(what: string, ctx: ReadContext | undefined, fn: (agent: Agent, did: string) => Promise<T>) => Promise<T>;

export function blueskyAct(call: BlueskyCall): Reader['act'] {
  return async (action, target, key, ctx) => {
    const create = (collection: string, record: Record<string, unknown>) =>
      call(`${action} on Bluesky`, ctx, async (agent, did) => {
        try {
          const res = await agent.com.atproto.repo.createRecord({ repo: did, collection, rkey: key, record: { $type: collection, ...record, createdAt: new Date().toISOString() } });
          return res;
        } catch (err) {
          // A retry after a crash: the record under this key is already there.
          const existing = await agent.com.atproto.repo.getRecord({ repo: did, collection, rkey: key }).catch(() => null);
          if (existing) return { ...existing, data: { uri: existing.data.uri, cid: existing.data.cid ?? '' } };
          throw err;
        }
      });
    const remove = (uri: string | null) =>
      uri
        ? call(`${action} on Bluesky`, ctx, (agent, did) => {
            const [, , repo, collection, rkey] = uri.split('/');
            return agent.com.atproto.repo.deleteRecord({ repo: repo ?? did, collection: collection ?? '', rkey: rkey ?? '' });
          })
        : Promise.resolve(null);
    const subject = { uri: target.uri, cid: target.cid ?? '' };
    switch (action) {
      case 'like':
        return { ref: (await create('app.bsky.feed.like', { subject })).data.uri };
      case 'repost':
        return { ref: (await create('app.bsky.feed.repost', { subject })).data.uri };
      case 'follow':
        return { ref: (await create('app.bsky.graph.follow', { subject: target.authorRemoteId })).data.uri };
      case 'unlike':
        await remove(target.likeRef);
        return { ref: null };
      case 'unrepost':
        await remove(target.repostRef);
        return { ref: null };
      case 'unfollow':
        await remove(target.followRef);
        return { ref: null };
      case 'delete':
        await remove(target.uri);
        return { ref: null };
      default:
        throw new ReadError('unsupported', `Bluesky has no ${action} here.`);
    }
  };
}
