/**
 * Moderation on a real local Bluesky network (PLC + PDS + AppView + Ozone): a rude reply under
 * the town's post is flagged in the inbox; hiding it writes the threadgate and the AppView's
 * thread marks it hidden (and shows it again once unhidden); a quote of the town's post is
 * detached through the postgate; mute and block are seen by the AppView; a report reaches
 * Ozone with its reason; muting the reply's thread (its root) is seen by the AppView, and
 * Bluesky offers no way to remove a follower. Every action is in the audit log.
 */
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { Board, Column } from '../../src/shared/board/schemas';
import type { AuditEntry, InboxEntry, InboxPage } from '../../src/shared/inbox/schemas';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';
import { agentsOf, blueskyCore } from '../helpers/bluesky-core';
import { value } from '../helpers/core';

describe('moderation on a local Bluesky network', () => {
  let bsky: BlueskyNetwork;
  let mairie: BlueskyAccount;
  let bob: BlueskyAccount;
  const agents: Record<string, AtpAgent> = {};
  let core: Core;
  let workspaceId: string;
  let accountId: string;
  let town: { uri: string; cid: string };
  let rude: { uri: string; cid: string };
  let quote: { uri: string; cid: string };
  let inbox: InboxEntry[];

  const act = (entry: InboxEntry, action: string, extra: object = {}) => value<{ undo: string | null; inboxItemId: string | null }>(core, 'moderation.act', { workspaceId, itemId: entry.item!.id, asAccountId: accountId, action, ...extra });
  const hiddenInThread = async () => {
    await bsky.processAll();
    const other = await agents['alice.test']!.app.bsky.unspecced.getPostThreadOtherV2({ anchor: town.uri });
    return other.data.thread.map((t) => [t.uri, (t.value as { hiddenByThreadgate?: boolean }).hiddenByThreadgate]);
  };

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    let alice: BlueskyAccount;
    [mairie, alice, bob] = await Promise.all([bsky.createAccount('mairie.test'), bsky.createAccount('alice.test'), bsky.createAccount('bob.test')]);
    Object.assign(agents, await agentsOf(bsky, [mairie, alice, bob]));
    ({ core, workspaceId, accountId } = await blueskyCore(bsky, mairie));
    await value(core, 'charter.save', {
      workspaceId,
      charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'insultes', name: 'Insultes', severity: 'warning', action: 'hide', match: { kind: 'words', terms: ['incompétents'] } }] },
    });

    town = await agents['mairie.test']!.post({ text: 'Travaux quai des Brumes lundi', createdAt: new Date().toISOString() });
    await bsky.processAll();
    rude = await agents['bob.test']!.post({ text: 'Bande d’incompétents', reply: { root: town, parent: town }, createdAt: new Date().toISOString() });
    quote = await agents['alice.test']!.post({ text: 'Enfin des travaux', embed: { $type: 'app.bsky.embed.record', record: town }, createdAt: new Date().toISOString() });
    await bsky.processAll();

    const board = (await value<Board[]>(core, 'board.list', { workspaceId }))[0]!;
    const column = await value<Column>(core, 'column.add', { boardId: board.id, type: 'notifications', accountId });
    expect(await value(core, 'column.refresh', { columnId: column.id })).toMatchObject({ state: 'ok' });
    inbox = (await value<InboxPage>(core, 'inbox.list', { workspaceId, state: 'to_handle' })).entries;
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    await bsky?.close();
  }, 120_000);

  const byUri = (uri: string) => inbox.find((e) => e.item?.uri === uri)!;

  it('flags the rude reply in the inbox, hides it through the threadgate (the AppView marks it hidden) and shows it again', async () => {
    expect(inbox.map((e) => [e.kind, e.item?.text, e.flags.map((f) => f.ruleName)]).sort()).toEqual([
      ['quote', 'Enfin des travaux', []],
      ['reply', 'Bande d’incompétents', ['Insultes']],
    ]);
    const hidden = await act(byUri(rude.uri), 'hide_reply', { ruleId: 'insultes' });
    expect(hidden).toEqual({ action: 'hide_reply', undo: 'unhide_reply', inboxItemId: byUri(rude.uri).id });
    expect(await hiddenInThread()).toEqual([[rude.uri, true]]);
    // The town's own gate record: the reply hidden, and anyone may still reply (no allow list).
    const gate = async () => (await agents['mairie.test']!.com.atproto.repo.getRecord({ repo: mairie.did, collection: 'app.bsky.feed.threadgate', rkey: town.uri.split('/').pop()! })).data.value;
    expect(await gate()).toMatchObject({ post: town.uri, hiddenReplies: [rude.uri] });
    expect(await gate()).not.toHaveProperty('allow');
    await act(byUri(rude.uri), 'unhide_reply');
    expect(await hiddenInThread()).toEqual([]);
    expect(await gate()).toMatchObject({ hiddenReplies: [] });
    expect((await value<InboxPage>(core, 'inbox.list', { workspaceId, state: 'done' })).entries.map((e) => e.item?.uri)).toEqual([rude.uri]);
  }, 120_000);

  it('detaches a quote of the town\'s post through the postgate', async () => {
    await act(byUri(quote.uri), 'detach_quote');
    await bsky.processAll();
    const [view] = (await agents['bob.test']!.getPosts({ uris: [quote.uri] })).data.posts;
    expect((view!.embed as { record?: { $type?: string } }).record?.$type).toBe('app.bsky.embed.record#viewDetached');
  }, 120_000);

  it('mutes and blocks the author (seen by the AppView), and a report reaches Ozone with its reason', async () => {
    await act(byUri(rude.uri), 'mute');
    await act(byUri(rude.uri), 'block');
    await bsky.processAll();
    const profile = await agents['mairie.test']!.getProfile({ actor: bob.did });
    expect(profile.data.viewer).toMatchObject({ muted: true, blocking: expect.stringContaining(`at://${mairie.did}/app.bsky.graph.block/`) });
    await act(byUri(rude.uri), 'unblock');
    await bsky.processAll();
    expect((await agents['mairie.test']!.getProfile({ actor: bob.did })).data.viewer?.blocking).toBeUndefined();

    await act(byUri(rude.uri), 'report', { report: { reason: 'rude', comment: 'Insultes sous un post de la mairie' } });
    const mod = bsky.network.ozone.getModClient();
    await expect
      .poll(async () => (await mod.queryEvents({ subject: rude.uri, types: ['tools.ozone.moderation.defs#modEventReport'] })).events.map((e) => [(e.event as { reportType?: string }).reportType, (e.event as { comment?: string }).comment, e.createdBy]), { timeout: 30_000 })
      .toEqual([['com.atproto.moderation.defs#reasonRude', 'Insultes sous un post de la mairie', mairie.did]]);

    const audit = await value<AuditEntry[]>(core, 'audit.list', { workspaceId });
    expect(audit.map((a) => `${a.action}:${a.outcome}:${a.ruleId ?? 'by_hand'}`).reverse()).toEqual([
      'hide_reply:done:insultes',
      'unhide_reply:done:by_hand',
      'detach_quote:done:by_hand',
      'mute:done:by_hand',
      'block:done:by_hand',
      'unblock:done:by_hand',
      'report:done:by_hand',
    ]);
  }, 120_000);

  it('mutes the reply\'s thread (the AppView says so on its root) and unmutes it; removing a follower is not Bluesky\'s', async () => {
    const threadMuted = async () => {
      await bsky.processAll();
      const thread = await agents['mairie.test']!.getPostThread({ uri: town.uri, depth: 0 });
      return (thread.data.thread as { post?: { viewer?: { threadMuted?: boolean } } }).post?.viewer?.threadMuted;
    };
    expect(await threadMuted()).toBe(false);
    expect(await act(byUri(rude.uri), 'mute_thread')).toMatchObject({ undo: 'unmute_thread' });
    expect(await threadMuted()).toBe(true);
    await act(byUri(rude.uri), 'unmute_thread');
    expect(await threadMuted()).toBe(false);
    const refused = await core.handle('moderation.act', { workspaceId, itemId: byUri(rude.uri).item!.id, asAccountId: accountId, action: 'remove_follower' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'moderation_unsupported', params: { action: 'remove_follower', network: 'bluesky' } } });
    const audit = await value<AuditEntry[]>(core, 'audit.list', { workspaceId });
    expect(audit.slice(0, 2).map((a) => `${a.action}:${a.outcome}`)).toEqual(['unmute_thread:done', 'mute_thread:done']);
  }, 120_000);
});
