/**
 * Exactly once, through crashes that land while posts are going out: posts to a Bluesky account
 * (a real local network) and a Mastodon account (the stand-in, answering slowly so publications
 * are in flight), the web host killed with SIGKILL at random moments and restarted each time,
 * with new posts published between kills. In the end every post exists exactly once on each
 * server, every post is in Sent (none left in Scheduled), and the database passes integrity_check.
 *
 * The default run is short; TRIBUNE_CRASH_KILLS (and TRIBUNE_CRASH_POSTS_PER_KILL) raise it for a
 * long run. The figures (kills, kills that hit publications in flight) are printed.
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

const KILLS = Number(process.env.TRIBUNE_CRASH_KILLS ?? 12);
const POSTS_PER_KILL = Number(process.env.TRIBUNE_CRASH_POSTS_PER_KILL ?? 4);
/** The stand-in's answer to each new status takes this long: kills land while statuses are in flight. */
const SLOW_MS = 250;

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

/** What the database holds right now (read beside the running host, WAL allows it). */
function snapshot(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      inFlight: count("SELECT count(*) AS n FROM post_targets WHERE status = 'claimed'"),
      waiting: count("SELECT count(*) AS n FROM post_targets WHERE status = 'pending'"),
    };
  } finally {
    db.close();
  }
}

describe('publishing through repeated crashes', () => {
  it('publishes every post exactly once on both networks, and leaves none in Scheduled', async () => {
    const brand = await bluesky.createAccount('brand.test');
    const appPassword = await bluesky.createAppPassword(brand, 'tribune');
    const dataDir = tempDir();
    const file = path.join(dataDir, 'tribune.sqlite3');
    let host: RunningHost = await startHost({ dataDir });
    let rpc = await connectRpc(host);

    const ws = await rpc.value<{ id: string }>('workspace.create', { name: 'Port-Lumière', timeZone: 'Europe/Paris' });
    await rpc.value('workspace.setPublishing', { id: ws.id, missedPolicy: 'publish_now' });
    // "Publish now" goes at once: the undo delay is not what this test is about.
    await rpc.value('settings.update', { publishUndoSeconds: 0 });
    const sky = await rpc.value<{ id: string }>('account.connectBluesky', { workspaceId: ws.id, identifier: 'brand.test', appPassword, serviceUrl: bluesky.pdsUrl });
    const masto = await connectMastodon(rpc, ws.id, mastodon.url);
    mastodon.injectFault('POST /api/v1/statuses', { kind: 'delay', ms: SLOW_MS, times: Number.MAX_SAFE_INTEGER });

    const texts: string[] = [];
    const publish = async (client: RpcClient) => {
      const text = `Annonce n° ${texts.length + 1} de l’Office de Tourisme #PortLumière`;
      texts.push(text);
      const id = randomUUID();
      const content = { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };
      await client.value('draft.save', { id, workspaceId: ws.id, text, content });
      const { blocked } = await client.value<{ blocked: unknown[] }>('post.publishNow', { draftId: id });
      expect(blocked).toEqual([]);
    };

    const figures = { kills: 0, withWorkInFlight: 0, withWorkWaiting: 0, inFlightAtKills: 0 };
    for (let kill = 0; kill < KILLS; kill++) {
      // New posts between kills, so the queue is never idle when the next kill lands.
      for (let i = 0; i < POSTS_PER_KILL; i++) await publish(rpc);
      // A random moment, then (up to a second more) one when a publication is in flight.
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 300)));
      let before = snapshot(file);
      for (let wait = 0; before.inFlight === 0 && wait < 20; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        before = snapshot(file);
      }
      rpc.close();
      await host.kill();
      figures.kills++;
      if (before.inFlight > 0) figures.withWorkInFlight++;
      if (before.inFlight + before.waiting > 0) figures.withWorkWaiting++;
      figures.inFlightAtKills += before.inFlight;
      host = await startHost({ dataDir, port: host.port });
      rpc = await connectRpc(host);
    }
    console.log(`[crash figures] ${JSON.stringify({ posts: texts.length, targets: texts.length * 2, ...figures })}`);
    // Most kills must hit publications in flight, or this test proves little.
    expect(figures.withWorkInFlight).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));

    // Let the last run finish the queue: Scheduled empties, every post is in Sent.
    const deadline = Date.now() + 60_000 + texts.length * 2 * SLOW_MS;
    let open = Infinity;
    while (Date.now() < deadline) {
      open = (await rpc.value<unknown[]>('post.list', { workspaceId: ws.id, column: 'scheduled' })).length;
      if (open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(open).toBe(0);
    const sent = await rpc.value<{ state: string; targets: { status: string; lastError: string | null }[] }[]>('post.list', { workspaceId: ws.id, column: 'sent' });
    expect(sent).toHaveLength(texts.length);
    for (const post of sent) {
      expect(post.state).toBe('done');
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

    // The database: intact, and no post whose targets all went is outside the Sent column.
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) AS n FROM drafts WHERE state <> 'done'").get()).toEqual({ n: 0 });
    db.close();
  }, 3_600_000);
});
