/**
 * The local Bluesky network harness, exercised end to end against the real reference
 * servers (PLC, PDS, AppView, Ozone from @atproto/dev-env, PostgreSQL 15). Nothing mocked;
 * everything listens on 127.0.0.1.
 *
 * Measured on the shared 2-core dev machine (Node 24, PostgreSQL 15), several runs:
 * - importing @atproto/dev-env: 6-9 s and ~350 MiB RSS, once per test file (it loads the
 *   PDS, AppView, Ozone and bsync code);
 * - startBlueskyNetwork(): 5-5.6 s (initdb + PostgreSQL start ~1 s of it); the test process
 *   grows by ~100-120 MiB to ~600 MiB RSS; PostgreSQL adds ~70 MiB PSS over ~28 processes
 *   (their RSS sum, ~470 MiB, counts shared buffers and libraries many times);
 * - close(): ~0.3 s. The whole file: ~16 s.
 */
import fs from 'node:fs';
import net from 'node:net';
import { AppBskyFeedDefs, AppBskyFeedPost, AppBskyRichtextFacet, AtpAgent, RichText, XRPCError } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';
import { childProcesses, isPortListening, isProcessAlive, listeningSocketsOf } from '../helpers/bluesky/procfs';

const START_TIMEOUT = 180_000;

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function jwtPayload(jwt: string): Record<string, unknown> {
  const [, payload = ''] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function sliceBytes(text: string, index: { byteStart: number; byteEnd: number }): string {
  return Buffer.from(text, 'utf8').subarray(index.byteStart, index.byteEnd).toString('utf8');
}

describe('local Bluesky network (real PLC + PDS + AppView + PostgreSQL)', () => {
  const tmpdirBefore = process.env.TMPDIR;
  const socketsBefore = new Set(listeningSocketsOf().map((s) => s.inode));
  const childrenBefore = new Set(childProcesses().map((p) => p.pid));
  let bsky: BlueskyNetwork;
  let brand: BlueskyAccount;
  let alice: BlueskyAccount;

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    [brand, alice] = await Promise.all([bsky.createAccount('brand.test'), bsky.createAccount('alice.test')]);
  }, START_TIMEOUT);

  afterAll(async () => {
    await bsky?.close(); // idempotent: the last test already closed it
  }, START_TIMEOUT);

  it('listens on 127.0.0.1 only', () => {
    const ours = listeningSocketsOf().filter((s) => !socketsBefore.has(s.inode));
    // PLC, PDS, AppView, its data plane, bsync, Ozone (+ its daemon server).
    expect(ours.length).toBeGreaterThanOrEqual(5);
    expect(ours.filter((s) => s.address !== '127.0.0.1')).toEqual([]);
    for (const socket of ours) expect(bsky.ports).toContain(socket.port);
    for (const url of [bsky.pdsUrl, bsky.appviewUrl, bsky.plcUrl]) expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(new URL(bsky.postgresUrl).hostname).toBe('127.0.0.1');
  });

  it('publishes a post with a mention, a link and a hashtag through an app password, and the AppView indexes its facets', async () => {
    const appPassword = await bsky.createAppPassword(brand, 'Tribune');
    expect(appPassword).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);

    const agent = new AtpAgent({ service: bsky.pdsUrl });
    await agent.login({ identifier: 'brand.test', password: appPassword });
    expect(agent.session?.did).toBe(brand.did);
    expect(agent.session?.handle).toBe('brand.test');
    // The session really comes from the app password, not the main password.
    expect(jwtPayload(agent.session!.accessJwt).scope).toBe('com.atproto.appPass');

    const text = 'Launch day — thanks @alice.test! Details: https://example.com/launch?ref=tribune #launch';
    const rt = new RichText({ text });
    await rt.detectFacets(agent); // resolves @alice.test to its DID through the PDS
    const { uri, cid } = await agent.post({ text: rt.text, facets: rt.facets, createdAt: new Date().toISOString() });
    expect(uri).toMatch(new RegExp(`^at://${brand.did}/app\\.bsky\\.feed\\.post/`));

    await bsky.processAll();

    // Straight from the AppView, unauthenticated.
    const appview = new AtpAgent({ service: bsky.appviewUrl });
    const { data } = await appview.app.bsky.feed.getPostThread({ uri, depth: 0 });
    const thread = data.thread;
    if (!AppBskyFeedDefs.isThreadViewPost(thread)) throw new Error(`not a thread view: ${JSON.stringify(thread)}`);
    expect(thread.post.cid).toBe(cid);
    expect(thread.post.author.did).toBe(brand.did);
    expect(thread.post.author.handle).toBe('brand.test');
    const validation = AppBskyFeedPost.validateRecord(thread.post.record);
    if (!validation.success) throw validation.error;
    const record = validation.value;
    expect(record.text).toBe(text);

    const features = (record.facets ?? []).flatMap((facet) =>
      facet.features.map((feature) => ({ feature, slice: sliceBytes(record.text, facet.index) })),
    );
    const mentions = features.filter((f) => AppBskyRichtextFacet.isMention(f.feature));
    const links = features.filter((f) => AppBskyRichtextFacet.isLink(f.feature));
    const tags = features.filter((f) => AppBskyRichtextFacet.isTag(f.feature));
    expect(features).toHaveLength(3);
    expect(mentions).toEqual([{ feature: { $type: 'app.bsky.richtext.facet#mention', did: alice.did }, slice: '@alice.test' }]);
    expect(links).toEqual([
      {
        feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/launch?ref=tribune' },
        slice: 'https://example.com/launch?ref=tribune',
      },
    ]);
    expect(tags).toEqual([{ feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'launch' }, slice: '#launch' }]);

    // The path the app uses: the PDS proxies app.bsky.* reads to the AppView.
    const viaPds = await agent.getPostThread({ uri, depth: 0 });
    expect(AppBskyFeedDefs.isThreadViewPost(viaPds.data.thread) && viaPds.data.thread.post.cid).toBe(cid);
  });

  it('rejects a wrong password with a clear error', async () => {
    const agent = new AtpAgent({ service: bsky.pdsUrl });
    const error: unknown = await agent.login({ identifier: 'brand.test', password: 'not-the-password' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(XRPCError);
    expect(error).toMatchObject({ status: 401, error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
    expect(agent.hasSession).toBe(false);
  });

  it('close() stops every server and process and removes its folders', async () => {
    const ports = [...bsky.ports];
    const pids = [...bsky.pids];
    const dirs = [...bsky.tempDirs];
    expect(pids.length).toBe(1); // the PostgreSQL postmaster
    for (const pid of pids) expect(isProcessAlive(pid)).toBe(true);
    for (const dir of dirs) expect(fs.existsSync(dir)).toBe(true);
    expect(await canConnect(ports[0]!)).toBe(true);

    await bsky.close();

    for (const port of ports) {
      expect(isPortListening(port), `port ${port} still listening`).toBe(false);
      expect(await canConnect(port), `port ${port} still accepts connections`).toBe(false);
    }
    expect(listeningSocketsOf().filter((s) => !socketsBefore.has(s.inode))).toEqual([]);
    for (const pid of pids) expect(isProcessAlive(pid), `process ${pid} still alive`).toBe(false);
    expect(childProcesses().filter((p) => !childrenBefore.has(p.pid))).toEqual([]);
    for (const dir of dirs) expect(fs.existsSync(dir), `${dir} still exists`).toBe(false);
    expect(process.env.TMPDIR).toBe(tmpdirBefore);
  });
});
