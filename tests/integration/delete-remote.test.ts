/**
 * "Delete from the network" through the core (post.deleteRemote): against the Mastodon stand-in
 * (every request checked against the OpenAPI description) and a real local Bluesky network.
 * Every part of a thread is deleted, last first; the target says it was deleted; a refusal
 * says why, in the network's words, and can be asked again.
 */
import { randomUUID } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/main/core/app';
import type { Core } from '../../src/main/core/types';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import type { PostView } from '../../src/shared/publishing';
import { startBlueskyNetwork, type BlueskyNetwork } from '../helpers/bluesky';
import { value } from '../helpers/core';
import { mastodonCore } from '../helpers/mastodon-core';
import { tempDir } from '../helpers/temp';

const DELETE = 'DELETE /api/v1/statuses/{id}';
let cores: Core[] = [];

afterEach(async () => {
  for (const core of cores) await core.close();
  cores = [];
});

async function newCore(network: Parameters<typeof openCore>[0]['network'] = {}) {
  const core = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false, ...network } });
  cores.push(core);
  // "Publish now" goes at once here (its undo delay is tested in publishing-replan.test.ts).
  await value(core, 'settings.update', { publishUndoSeconds: 0 });
  const ws = await value<{ id: string }>(core, 'workspace.create', { name: 'Théâtre du Port' });
  return { core, ws };
}

/** Publishes now to one account and waits until every part is out. */
async function publish(core: Core, workspaceId: string, accountId: string, text: string, threadParts: string[] | null = null): Promise<PostView> {
  const draftId = randomUUID();
  const content = { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts };
  await value(core, 'draft.save', { id: draftId, workspaceId, text, content });
  await value(core, 'post.publishNow', { draftId });
  await expect.poll(async () => (await value<{ post: PostView }>(core, 'draft.content', { id: draftId })).post.targets[0]?.status, { timeout: 20_000 }).toBe('sent');
  return (await value<{ post: PostView }>(core, 'draft.content', { id: draftId })).post;
}

describe('delete from the network: Mastodon', () => {
  const setup = () => mastodonCore({ workspace: 'Théâtre du Port', publishAtOnce: true });

  it('deletes every part of a thread, last first, and the target says it was deleted', async () => {
    const { core, ws, account, server } = await setup();
    const post = await publish(core, ws.id, account.id, 'Saison 2027', ['Saison 2027 : le programme', 'Abonnements ouverts lundi', 'Billetterie en ligne']);
    const target = post.targets[0]!;
    expect([target.partsSent, target.remoteDeletedAt]).toEqual([3, null]);
    const ids = server.state.statuses.map((s) => s.id);
    const events: string[] = [];
    core.subscribe((event) => events.push(event));

    const after = await value<PostView>(core, 'post.deleteRemote', { targetId: target.id });
    expect(after.targets[0]!.remoteDeletedAt).not.toBeNull();
    expect(after.targets[0]!.status).toBe('sent'); // it went out; it is now deleted from the network
    expect(server.requestsFor(DELETE).map((r) => r.path)).toEqual([...ids].reverse().map((id) => `/api/v1/statuses/${id}`));
    expect(server.state.statuses.every((s) => s.deletedAt !== null)).toBe(true);
    expect(events).toContain('posts.changed');
    // The Sent column shows it too.
    const sent = await value<PostView[]>(core, 'post.list', { workspaceId: ws.id, column: 'sent' });
    expect(sent[0]!.targets[0]!.remoteDeletedAt).toBe(after.targets[0]!.remoteDeletedAt);

    // Asked again: nothing more is sent.
    await value(core, 'post.deleteRemote', { targetId: target.id });
    expect(server.requestsFor(DELETE)).toHaveLength(3);
  });

  it('when the network refuses, says so in its own words, records nothing, and can be asked again', async () => {
    const { core, ws, account, server } = await setup();
    const post = await publish(core, ws.id, account.id, 'Relâche ce soir', ['Relâche ce soir', 'Reprise demain']);
    const targetId = post.targets[0]!.id;
    server.injectFault(DELETE, { kind: 'refuse', status: 403, body: { error: 'This action is not allowed' } });
    expect(await core.handle('post.deleteRemote', { targetId })).toEqual({
      ok: false,
      error: { code: 'network_refused', message: 'This action is not allowed', params: { detail: 'This action is not allowed' } },
    });
    const view = await value<{ post: PostView }>(core, 'draft.content', { id: post.draftId });
    expect(view.post.targets[0]!.remoteDeletedAt).toBeNull();
    expect(server.state.statuses.filter((s) => s.deletedAt === null)).toHaveLength(2);

    // A server that does not answer: another code. Then it works, the part already gone counting as deleted.
    server.injectFault(DELETE, { kind: 'error', status: 503 });
    expect(await core.handle('post.deleteRemote', { targetId })).toMatchObject({ ok: false, error: { code: 'network_unreachable' } });
    server.state.statuses.at(-1)!.deletedAt = new Date().toISOString();
    expect((await value<PostView>(core, 'post.deleteRemote', { targetId })).targets[0]!.remoteDeletedAt).not.toBeNull();
    expect(server.state.statuses.every((s) => s.deletedAt !== null)).toBe(true);
  });

  it('a revoked token asks for a reconnection; only a post that went out can be deleted', async () => {
    const { core, ws, account, server } = await setup();
    const post = await publish(core, ws.id, account.id, 'Dernière');
    server.state.tokens.forEach((t) => (t.revoked = true));
    expect(await core.handle('post.deleteRemote', { targetId: post.targets[0]!.id })).toMatchObject({ ok: false, error: { code: 'account_reconnect_needed' } });
    expect((await value<{ health: string }[]>(core, 'account.list', { workspaceId: ws.id }))[0]!.health).toBe('reconnect_needed');

    const draftId = randomUUID();
    const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts: null };
    await value(core, 'draft.save', { id: draftId, workspaceId: ws.id, text: 'Plus tard', content });
    const planned = await value<{ post: PostView }>(core, 'post.schedule', { draftId, at: new Date(Date.now() + 3_600_000).toISOString(), timeZone: 'Europe/Paris' });
    expect(await core.handle('post.deleteRemote', { targetId: planned.post.targets[0]!.id })).toMatchObject({ ok: false, error: { code: 'delete_remote_not_allowed' } });
    expect(await core.handle('post.deleteRemote', { targetId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'publication_not_found' } });
  });
});

describe('delete from the network: Bluesky (real local network)', () => {
  let bluesky: BlueskyNetwork;
  beforeAll(async () => {
    bluesky = await startBlueskyNetwork();
  }, 300_000);
  afterAll(async () => {
    await bluesky?.close();
  }, 120_000);

  it('deletes every record of a thread from the PDS, last first', async () => {
    const brand = await bluesky.createAccount('theatre.test');
    const appPassword = await bluesky.createAppPassword(brand, 'tribune');
    const { core, ws } = await newCore({ plcUrl: bluesky.plcUrl, appviewUrl: bluesky.appviewUrl });
    const account = await value<{ id: string }>(core, 'account.connectBluesky', { workspaceId: ws.id, identifier: 'theatre.test', appPassword, serviceUrl: bluesky.pdsUrl });
    const pds = new AtpAgent({ service: bluesky.pdsUrl });
    const records = async () => (await pds.com.atproto.repo.listRecords({ repo: brand.did, collection: 'app.bsky.feed.post', limit: 100 })).data.records.map((r) => r.uri);

    const post = await publish(core, ws.id, account.id, 'Générale', ['Générale jeudi', 'Entrée libre', 'Réservez']);
    const thread = await records();
    expect(thread).toHaveLength(3);
    const kept = await publish(core, ws.id, account.id, 'Ce post reste en ligne');
    const keptUri = (await records()).filter((uri) => !thread.includes(uri));
    expect(keptUri).toHaveLength(1);

    const after = await value<PostView>(core, 'post.deleteRemote', { targetId: post.targets[0]!.id });
    expect(after.targets[0]!.remoteDeletedAt).not.toBeNull();
    expect(await records()).toEqual(keptUri);
    expect(kept.targets[0]!.remoteDeletedAt).toBeNull();

    // Asked again (a part already gone counts as deleted): still fine.
    expect((await core.handle('post.deleteRemote', { targetId: post.targets[0]!.id })).ok).toBe(true);
  }, 120_000);
});
