/**
 * "View the post" on a Sent card, against a real local Bluesky network: a post Tribune
 * published becomes a board item read as the account that published it, and its thread shows
 * the community's reply with the like and repost counts, as the AppView has them.
 */
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { ThreadView } from '../../src/shared/board/schemas';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';
import { blueskyCore } from '../helpers/bluesky-core';
import { value } from '../helpers/core';

describe('View the post: a sent post in the thread panel', () => {
  let bsky: BlueskyNetwork;
  let mairie: BlueskyAccount;
  let alice: BlueskyAccount;
  let core: Core;
  let accountId: string;
  let workspaceId: string;

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    [mairie, alice] = await Promise.all([bsky.createAccount('mairie.test'), bsky.createAccount('alice.test')]);
    ({ core, workspaceId, accountId } = await blueskyCore(bsky, mairie));
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    await bsky?.close();
  }, 120_000);

  it('opens what Tribune published with its reply, likes and reposts', async () => {
    const draftId = crypto.randomUUID();
    const content = { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };
    await value(core, 'draft.save', { id: draftId, workspaceId, text: 'Fermeture du quai des Brumes jeudi', content });
    await value(core, 'post.publishNow', { draftId });
    await expect
      .poll(async () => (await value<{ post: { targets: { status: string }[] } }>(core, 'draft.content', { id: draftId })).post.targets[0]?.status, { timeout: 60_000 })
      .toBe('sent');
    const target = (await value<{ post: { targets: { id: string }[] } }>(core, 'draft.content', { id: draftId })).post.targets[0]!;

    // The community answers, likes and reposts it.
    const agent = new AtpAgent({ service: bsky.pdsUrl });
    await agent.login({ identifier: 'alice.test', password: alice.password });
    await bsky.processAll();
    const mine = (await agent.getAuthorFeed({ actor: mairie.did })).data.feed[0]!.post;
    await agent.post({ text: 'Par où passer alors ?', reply: { root: { uri: mine.uri, cid: mine.cid }, parent: { uri: mine.uri, cid: mine.cid } }, createdAt: new Date().toISOString() });
    await agent.like(mine.uri, mine.cid);
    await agent.repost(mine.uri, mine.cid);
    await bsky.processAll();

    const opened = await value<{ itemId: string; asAccountId: string }>(core, 'item.ofSentPost', { targetId: target.id });
    expect(opened.asAccountId).toBe(accountId);
    const thread = await value<ThreadView>(core, 'item.thread', opened);
    expect(thread.focus).toMatchObject({ uri: mine.uri, text: 'Fermeture du quai des Brumes jeudi', own: true, counts: { replies: 1, likes: 1, reposts: 1 } });
    expect(thread.replies.map((r) => [r.depth, r.item.author.handle, r.item.text])).toEqual([[1, 'alice.test', 'Par où passer alors ?']]);
    expect(thread.fromCache).toBe(false);
    // Asked again, the same board item (one row per post).
    expect((await value<{ itemId: string }>(core, 'item.ofSentPost', { targetId: target.id })).itemId).toBe(opened.itemId);
    expect(await core.handle('item.ofSentPost', { targetId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'publication_not_found' } });
  }, 180_000);
});
