/**
 * Bluesky's moderation through the account's PDS: hiding a reply is the threadgate of the
 * brand's own thread (`hiddenReplies`, the gate's other rules kept), detaching a quote is the
 * postgate of the brand's quoted post (`detachedEmbeddingUris`), mute and unmute go to the
 * AppView (graph.muteActor), so do a thread's (graph.muteThread on its root), a block is an `app.bsky.graph.block` record (unblock deletes the one
 * the AppView names), a report is com.atproto.moderation.createReport, which the PDS sends to its
 * moderation service (Ozone).
 */
import { AtUri, type Agent } from '@atproto/api';
import type { ReportReason } from '../../../../shared/inbox/moderation';
import { ModerationNotAllowed, type Moderator } from '../moderation';
import { ReadError } from '../reader';
import { toReadError } from '../read-errors';
import type { BlueskyReaderDeps } from './read';

const REASON_TYPES: Record<ReportReason, string> = {
  spam: 'com.atproto.moderation.defs#reasonSpam',
  rude: 'com.atproto.moderation.defs#reasonRude',
  violation: 'com.atproto.moderation.defs#reasonViolation',
  misleading: 'com.atproto.moderation.defs#reasonMisleading',
  sexual: 'com.atproto.moderation.defs#reasonSexual',
  illegal: 'com.atproto.moderation.defs#reasonViolation',
  other: 'com.atproto.moderation.defs#reasonOther',
};

type Gate = Record<string, unknown>;

export function createBlueskyModerator(d: Pick<BlueskyReaderDeps, 'withAgent'>): Moderator {
  const call = async <T>(what: string, fn: (agent: Agent, did: string) => Promise<T>): Promise<T> => {
    try {
      return await d.withAgent(what, fn);
    } catch (err) {
      if (err instanceof ModerationNotAllowed) throw err;
      throw toReadError(err);
    }
  };

  /** Rewrites one of the brand's gate records (threadgate or postgate of `postUri`), keeping its other fields. */
  const editGate = (collection: string, postUri: string, list: string, change: (uris: string[]) => string[]) =>
    call(`editing ${collection}`, async (agent, did) => {
      const post = new AtUri(postUri);
      if (post.host !== did) throw new ModerationNotAllowed('This thread or post is not the account’s own.');
      const existing = await agent.com.atproto.repo.getRecord({ repo: did, collection, rkey: post.rkey }).catch(() => null);
      const before = (existing?.data.value ?? {}) as Gate;
      const uris = change(Array.isArray(before[list]) ? (before[list] as string[]) : []);
      const record: Gate = { ...before, $type: collection, post: postUri, [list]: [...new Set(uris)].slice(0, 300), createdAt: typeof before.createdAt === 'string' ? before.createdAt : new Date().toISOString() };
      await agent.com.atproto.repo.putRecord({ repo: did, collection, rkey: post.rkey, record, swapRecord: existing?.data.cid ?? null });
    });

  return {
    async moderate(action, target, report) {
      switch (action) {
        case 'hide_reply':
        case 'unhide_reply':
          if (!target.rootUri || target.rootUri === target.uri) throw new ModerationNotAllowed('Only a reply can be hidden.');
          return editGate('app.bsky.feed.threadgate', target.rootUri, 'hiddenReplies', (uris) => (action === 'hide_reply' ? [...uris, target.uri] : uris.filter((u) => u !== target.uri)));
        case 'detach_quote':
        case 'reattach_quote':
          if (!target.quotedUri) throw new ModerationNotAllowed('This post quotes nothing.');
          return editGate('app.bsky.feed.postgate', target.quotedUri, 'detachedEmbeddingUris', (uris) => (action === 'detach_quote' ? [...uris, target.uri] : uris.filter((u) => u !== target.uri)));
        case 'mute':
          await call('muting', (agent) => agent.app.bsky.graph.muteActor({ actor: target.authorRemoteId }));
          return;
        case 'unmute':
          await call('unmuting', (agent) => agent.app.bsky.graph.unmuteActor({ actor: target.authorRemoteId }));
          return;
        case 'mute_thread':
        case 'unmute_thread': {
          const root = target.rootUri ?? target.uri;
          await call('muting a thread', (agent) => (action === 'mute_thread' ? agent.app.bsky.graph.muteThread({ root }) : agent.app.bsky.graph.unmuteThread({ root })));
          return;
        }
        case 'block':
          await call('blocking', async (agent, did) => {
            const profile = await agent.app.bsky.actor.getProfile({ actor: target.authorRemoteId });
            if (profile.data.viewer?.blocking) return; // already blocked: once is enough
            await agent.app.bsky.graph.block.create({ repo: did }, { subject: target.authorRemoteId, createdAt: new Date().toISOString() });
          });
          return;
        case 'unblock':
          await call('unblocking', async (agent, did) => {
            const profile = await agent.app.bsky.actor.getProfile({ actor: target.authorRemoteId });
            const uri = profile.data.viewer?.blocking;
            if (!uri) return; // not blocked: nothing to undo
            await agent.app.bsky.graph.block.delete({ repo: did, rkey: new AtUri(uri).rkey });
          });
          return;
        case 'report': {
          const reason = report?.reason ?? 'other';
          await call('reporting', (agent) =>
            agent.com.atproto.moderation.createReport({
              reasonType: REASON_TYPES[reason],
              ...(report?.comment ? { reason: report.comment } : {}),
              subject: target.cid ? { $type: 'com.atproto.repo.strongRef', uri: target.uri, cid: target.cid } : { $type: 'com.atproto.admin.defs#repoRef', did: target.authorRemoteId },
            }),
          );
          return;
        }
        default:
          throw new ReadError('unsupported', `Bluesky cannot ${String(action)}.`);
      }
    },
  };
}
