/**
 * Exactly once, through crashes: 200 posts to a Bluesky account (a real local network) and a
 * Mastodon account (the stand-in), with the web host killed with SIGKILL at random moments
 * while they go out and restarted each time. In the end every post exists exactly once on
 * each server, and the database passes integrity_check.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlueskyNetwork, type BlueskyNetwork } from '../helpers/bluesky';
import { ensureBuilt } from '../helpers/build';
import { connectRpc, startHost, type RpcClient, type RunningHost } from '../helpers/host';
import { startMastodonStandIn, type MastodonStandIn } from '../helpers/mastodon';
import { tempDir } from '../helpers/temp';

const POSTS = 200;
const KILLS = 20;

let bluesky: BlueskyNetwork;
let mastodon: MastodonStandIn;

beforeAll(async () => {
  ensureBuilt();
  bluesky = await startBlueskyNetwork();
  mastodon = await startMastodonStandIn({ mediaProcessingPolls: 0 });
}, 300_000);

afterAll(async () => {
  await mastodon?.close();
  await bluesky?.close();
  mastodon?.assertNoViolations();
}, 120_000);

/** Connects a Mastodon account the way a person does: the browser follows the authorization page back to Tribune's loopback listener. */
export async function connectMastodon(rpc: RpcClient, workspaceId: string, instanceUrl: string) {
  const { attemptId, authorizeUrl } = await rpc.value<{ attemptId: string; authorizeUrl: string }>('account.beginMastodon', { workspaceId, instance: instanceUrl });
  const completing = rpc.value<{ id: string }>('account.completeMastodon', { attemptId });
  const page = await fetch(authorizeUrl, { redirect: 'follow' });
  expect(page.status).toBe(200);
  return completing;
}

describe('publishing through repeated crashes', () => {
  it('publishes every post exactly once on both networks', async () => {
    const brand = await bluesky.createAccount('brand.test');
    const appPassword = await bluesky.createAppPassword(brand, 'tribune');
    const dataDir = tempDir();
    let host: RunningHost = await startHost({ dataDir });
    let rpc = await connectRpc(host);

    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Port-Lumière', timeZone: 'Europe/Paris' });
    await rpc.value('workspace.setPublishing', { id: ws.id, missedPolicy: 'publish_now' });
    const sky = await rpc.value<{ id: string }>('account.connectBluesky', { workspaceId: ws.id, identifier: 'brand.test', appPassword, serviceUrl: bluesky.pdsUrl });
    const masto = await connectMastodon(rpc, ws.id, mastodon.url);

    const texts = Array.from({ length: POSTS }, (_, i) => `Annonce n° ${i + 1} de l’Office de Tourisme #PortLumière`);
    for (const text of texts) {
      const id = randomUUID();
      await rpc.value('draft.save', {
        id,
        workspaceId: ws.id,
        text,
        content: {
          targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }],
          media: [],
          contentWarning: null,
          language: 'fr',
          visibility: null,
          poll: null,
          threadParts: null,
        },
      });
      const { blocked } = await rpc.value<{ blocked: unknown[] }>('post.publishNow', { draftId: id });
      expect(blocked).toEqual([]);
    }

    for (let kill = 0; kill < KILLS; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(Math.random() * 500)));
      rpc.close();
      await host.kill();
      host = await startHost({ dataDir, port: host.port });
      rpc = await connectRpc(host);
    }

    // Let the last run finish the queue.
    const deadline = Date.now() + 180_000;
    let open = Infinity;
    while (Date.now() < deadline) {
      const scheduled = await rpc.value<{ targets: { status: string }[] }[]>('post.list', { workspaceId: ws.id, column: 'scheduled' });
      open = scheduled.length;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(open).toBe(0);
    const sent = await rpc.value<{ text: string; targets: { status: string; lastError: string | null; remoteUrl: string | null }[] }[]>('post.list', { workspaceId: ws.id, column: 'sent' });
    expect(sent).toHaveLength(POSTS);
    for (const post of sent) {
      expect(post.targets.map((t) => [t.status, t.lastError])).toEqual([
        ['sent', null],
        ['sent', null],
      ]);
    }
    rpc.close();
    await host.stop();

    // Bluesky: every text exactly once in the brand's repository.
    const agent = new AtpAgent({ service: bluesky.pdsUrl });
    const onBluesky: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await agent.com.atproto.repo.listRecords({ repo: brand.did, collection: 'app.bsky.feed.post', limit: 100, ...(cursor ? { cursor } : {}) });
      onBluesky.push(...page.data.records.map((r) => (r.value as { text: string }).text));
      cursor = page.data.cursor;
    } while (cursor);
    expect(onBluesky.sort()).toEqual([...texts].sort());

    // Mastodon: every text exactly once among the statuses.
    const onMastodon = mastodon.state.statuses.filter((s) => !s.deletedAt).map((s) => s.text);
    expect(onMastodon.sort()).toEqual([...texts].sort());

    const db = new Database(path.join(dataDir, 'tribune.sqlite3'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 600_000);
});
