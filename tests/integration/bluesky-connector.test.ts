/**
 * The Bluesky connector against a real local network (PLC + PDS + AppView + PostgreSQL from
 * tests/helpers/bluesky): login, facets, images, threads, exactly-once retries, resumed
 * threads, link cards, deletes, session refresh and the reconnect state. Nothing mocked but
 * the outside world: handle resolution (DNS and https://<handle>/) and link pages are served
 * from 127.0.0.1.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppBskyEmbedExternal, AppBskyEmbedImages, AppBskyFeedDefs, AppBskyFeedPost, AppBskyRichtextFacet, AtpAgent, AtUri } from '@atproto/api';
import * as jose from 'jose';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BLUESKY_CAPABILITIES,
  createBlueskyConnector,
  createLinkCardFetcher,
  loginBluesky,
  newRecordKey,
  type BlueskyConnectorOptions,
} from '../../src/main/core/connectors/bluesky';
import { PublishError, type Connector, type MediaFile, type PublishInput, type PublishPartInput, type RemotePart, type SecretsPort } from '../../src/main/core/connectors/types';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';

const START_TIMEOUT = 180_000;
const POSTS = 'app.bsky.feed.post';

class MemorySecrets implements SecretsPort {
  saves: string[] = [];
  constructor(public value: string | null) {}
  load(): Promise<string | null> {
    return Promise.resolve(this.value);
  }
  save(value: string): Promise<void> {
    this.value = value;
    this.saves.push(value);
    return Promise.resolve();
  }
}

interface Stored {
  v: 1;
  service: string;
  pdsUrl: string | null;
  session: { did: string; handle: string; accessJwt: string; refreshJwt: string };
}

const parse = (value: string | null): Stored => JSON.parse(value!) as Stored;

function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function sliceBytes(text: string, index: { byteStart: number; byteEnd: number }): string {
  return Buffer.from(text, 'utf8').subarray(index.byteStart, index.byteEnd).toString('utf8');
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A fetch for the identity resolver: https://<x>.test/... goes to the local PDS with the handle as Host, the rest (PLC) as is. */
function handleFetch(pdsUrl: string): typeof fetch {
  const pds = new URL(pdsUrl);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (!url.hostname.endsWith('.test')) return fetch(input, init);
    return new Promise<Response>((resolve, reject) => {
      const req = http.get(
        { host: pds.hostname, port: pds.port, path: url.pathname + url.search, headers: { host: url.hostname }, signal: init?.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: res.headers as Record<string, string> })));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
  };
}

/** No DNS here: every TXT lookup fails like an unknown name. */
const noDns = (hostname: string) => Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));

interface Sent {
  index: number;
  remote: RemotePart;
}

function input(parts: PublishPartInput[], overrides: Partial<PublishInput> & { sent?: Sent[] } = {}): PublishInput {
  const sent = overrides.sent ?? [];
  return {
    parts,
    contentWarning: null,
    language: null,
    visibility: null,
    poll: null,
    partKeys: parts.map(() => newRecordKey()),
    alreadySent: [],
    onPartSent: (index, remote) => void sent.push({ index, remote }),
    signal: new AbortController().signal,
    ...overrides,
  };
}

const text = (t: string): PublishPartInput => ({ text: t, media: [] });

describe('Bluesky connector (real local PLC + PDS + AppView)', () => {
  let bsky: BlueskyNetwork;
  let brand: BlueskyAccount;
  let alice: BlueskyAccount;
  let appPassword: string;
  let appview: AtpAgent;
  let pds: AtpAgent;
  let dir: string;
  let pages: http.Server;
  let pagesUrl: string;
  const connectors: Connector[] = [];

  /** A fresh login's session, as the vault would keep it. */
  async function freshSession(): Promise<string> {
    return (await loginBluesky({ identifier: brand.handle, appPassword, service: bsky.pdsUrl })).session;
  }

  function connector(secrets: SecretsPort, extra: Partial<BlueskyConnectorOptions> = {}): Connector {
    const c = createBlueskyConnector({ accountId: 'acc-1', serviceUrl: bsky.pdsUrl, appviewUrl: bsky.appviewUrl, secrets, ...extra });
    connectors.push(c);
    return c;
  }

  async function postUris(): Promise<string[]> {
    const uris: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await pds.com.atproto.repo.listRecords({ repo: brand.did, collection: POSTS, limit: 100, cursor });
      uris.push(...data.records.map((r) => r.uri));
      cursor = data.records.length === 100 ? data.cursor : undefined;
    } while (cursor);
    return uris;
  }

  async function record(uri: string): Promise<AppBskyFeedPost.Record> {
    const at = new AtUri(uri);
    const { data } = await pds.com.atproto.repo.getRecord({ repo: at.host, collection: at.collection, rkey: at.rkey });
    const result = AppBskyFeedPost.validateRecord(data.value);
    if (!result.success) throw result.error;
    return result.value;
  }

  async function threadView(uri: string, depth = 0): Promise<AppBskyFeedDefs.ThreadViewPost> {
    await bsky.processAll();
    const { data } = await appview.app.bsky.feed.getPostThread({ uri, depth });
    if (!AppBskyFeedDefs.isThreadViewPost(data.thread)) throw new Error(`not a thread view: ${JSON.stringify(data.thread)}`);
    return data.thread;
  }

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    [brand, alice] = await Promise.all([bsky.createAccount('brand.test'), bsky.createAccount('alice.test')]);
    appPassword = await bsky.createAppPassword(brand, 'Tribune');
    appview = new AtpAgent({ service: bsky.appviewUrl });
    pds = new AtpAgent({ service: bsky.pdsUrl });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bsky-connector-'));

    // Link pages and their preview image, on 127.0.0.1.
    const preview = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#e11d48' } }).png().toBuffer();
    pages = http.createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>Ignored title</title>
          <meta property="og:title" content="Spring &amp; launch notes">
          <meta property="og:description" content="Everything that ships on launch day.">
          <meta property="og:image" content="/preview.png"></head><body>…</body></html>`);
      } else if (req.url === '/preview.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(preview.byteLength) });
        res.end(preview);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pagesUrl = `http://127.0.0.1:${(pages.address() as net.AddressInfo).port}`;
  }, START_TIMEOUT);

  afterAll(async () => {
    pages?.closeAllConnections();
    await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await bsky?.close();
  }, START_TIMEOUT);

  describe('login', () => {
    it('signs in with a handle and an app password on a given PDS', async () => {
      const { profile, session } = await loginBluesky({ identifier: '@Brand.test', appPassword, service: bsky.pdsUrl });
      expect(profile).toMatchObject({ did: brand.did, handle: 'brand.test', serviceUrl: bsky.pdsUrl });
      expect(profile.displayName).toBe('brand.test'); // no display name set: the handle
      expect(profile.avatarUrl).toBeNull();
      const stored = parse(session);
      expect(stored).toMatchObject({ v: 1, service: bsky.pdsUrl, session: { did: brand.did, handle: 'brand.test' } });
      expect(jwtPayload(stored.session.accessJwt).scope).toBe('com.atproto.appPass');

      // The account's email works as the identifier too.
      const byEmail = await loginBluesky({ identifier: brand.email, appPassword, service: bsky.pdsUrl });
      expect(byEmail.profile.did).toBe(brand.did);
    });

    it('finds the PDS from the handle alone: handle → DID → DID document (PLC) → PDS', async () => {
      const { profile, session } = await loginBluesky({
        identifier: 'brand.test',
        appPassword,
        plcUrl: bsky.plcUrl,
        resolver: { fetch: handleFetch(bsky.pdsUrl), resolveTxt: noDns },
      });
      expect(profile.did).toBe(brand.did);
      // dev-env's DID documents name the PDS as http://localhost:<port> (loopback).
      expect(profile.serviceUrl).toBe(`http://localhost:${new URL(bsky.pdsUrl).port}`);
      expect(parse(session).session.did).toBe(brand.did);

      // A handle nobody answers for gets a sentence, not a stack trace.
      await expect(
        loginBluesky({ identifier: 'nobody-here.test', appPassword, plcUrl: bsky.plcUrl, resolver: { fetch: handleFetch(bsky.pdsUrl), resolveTxt: noDns } }),
      ).rejects.toThrow(/Could not find the Bluesky account @nobody-here\.test/);
    });

    it('refuses a wrong password with a clear message', async () => {
      const error = await loginBluesky({ identifier: brand.handle, appPassword: 'aaaa-bbbb-cccc-dddd', service: bsky.pdsUrl }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^Bluesky refused this handle and app password\./);
      expect((error as Error).message).toMatch(/app password/);
    });
  });

  it('declares what Bluesky takes', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    expect(await c.capabilities()).toEqual(BLUESKY_CAPABILITIES);
    expect(BLUESKY_CAPABILITIES).toMatchObject({
      text: { maxCharacters: 300, maxBytes: 3000 },
      media: { maxCount: 4, maxImageBytes: 1_000_000, maxAltTextLength: 2000 },
      threads: true,
      contentWarning: false,
      poll: null,
      languages: true,
      visibilities: ['public'],
    });
    expect(c.network).toBe('bluesky');
    expect(await c.health()).toBe('ok');
  });

  it('publishes a post with a mention, a link and a hashtag as facets, and its language', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    const body = 'Lancement aujourd’hui, merci @alice.test ! Détails : https://example.com/launch?ref=tribune #lancement (cc @nobody-at-all.test)';
    const sent: Sent[] = [];
    const req = input([text(body)], { language: 'fr', sent });
    const [remote] = await c.publish(req);
    const rkey = req.partKeys[0]!;
    expect(remote).toEqual({ remoteId: `at://${brand.did}/${POSTS}/${rkey}`, cid: expect.any(String), url: `https://bsky.app/profile/brand.test/post/${rkey}` });
    expect(sent).toEqual([{ index: 0, remote }]);

    const thread = await threadView(remote!.remoteId);
    expect(thread.post.cid).toBe(remote!.cid);
    const post = AppBskyFeedPost.validateRecord(thread.post.record);
    if (!post.success) throw post.error;
    expect(post.value.text).toBe(body);
    expect(post.value.langs).toEqual(['fr']);
    expect(post.value.embed).toBeUndefined(); // no link card fetcher given
    const features = (post.value.facets ?? []).flatMap((facet) => facet.features.map((feature) => ({ feature, slice: sliceBytes(body, facet.index) })));
    expect(features.filter((f) => AppBskyRichtextFacet.isMention(f.feature))).toEqual([
      { feature: { $type: 'app.bsky.richtext.facet#mention', did: alice.did }, slice: '@alice.test' },
    ]);
    expect(features.filter((f) => AppBskyRichtextFacet.isLink(f.feature))).toEqual([
      { feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/launch?ref=tribune' }, slice: 'https://example.com/launch?ref=tribune' },
    ]);
    expect(features.filter((f) => AppBskyRichtextFacet.isTag(f.feature))).toEqual([
      { feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'lancement' }, slice: '#lancement' },
    ]);
    expect(features).toHaveLength(3); // @nobody-at-all.test resolves to nobody: left as text
  });

  it('publishes 4 images with alt text, fitting the large one under 1,000,000 bytes and leaving every file untouched', async () => {
    const files: MediaFile[] = [];
    const big = path.join(dir, 'big.png');
    fs.writeFileSync(big, await sharp(randomBytes(1500 * 1000 * 3), { raw: { width: 1500, height: 1000, channels: 3 } }).png().toBuffer());
    expect(fs.statSync(big).size).toBeGreaterThan(1_000_000);
    files.push({ path: big, mime: 'image/png', alt: 'Static, a lot of it', width: 1500, height: 1000 });
    const makers: [string, string, () => Promise<Buffer>, number, number][] = [
      ['photo.jpg', 'image/jpeg', () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#2563eb' } }).jpeg().toBuffer(), 800, 600],
      ['pic.webp', 'image/webp', () => sharp({ create: { width: 640, height: 480, channels: 3, background: '#16a34a' } }).webp().toBuffer(), 640, 480],
      ['tall.png', 'image/png', () => sharp({ create: { width: 300, height: 900, channels: 4, background: '#db277780' } }).png().toBuffer(), 300, 900],
    ];
    for (const [name, mime, make, width, height] of makers) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, await make());
      files.push({ path: file, mime, alt: `Alt text for ${name} — “quoted”, émoji 🎉`, width, height });
    }
    const hashes = files.map((f) => sha256(f.path));

    const c = connector(new MemorySecrets(await freshSession()));
    const [remote] = await c.publish(input([{ text: 'Four pictures', media: files }]));
    expect(files.map((f) => sha256(f.path))).toEqual(hashes);

    const stored = await record(remote!.remoteId);
    if (!AppBskyEmbedImages.isMain(stored.embed)) throw new Error('no images embed');
    const images = stored.embed.images;
    expect(images.map((i) => i.alt)).toEqual(files.map((f) => f.alt));
    for (const image of images) expect(image.image.size).toBeLessThanOrEqual(1_000_000);
    expect(images[0]!.image.mimeType).toBe('image/jpeg'); // re-encoded
    const ratio = images[0]!.aspectRatio!;
    expect(Math.abs(ratio.width / ratio.height - 1.5)).toBeLessThan(0.01); // re-encoded, maybe scaled: same shape
    expect(images.slice(1).map((i) => i.aspectRatio)).toEqual([
      { width: 800, height: 600 },
      { width: 640, height: 480 },
      { width: 300, height: 900 },
    ]);
    // Small images go up byte for byte.
    for (const [i, file] of files.entries()) {
      if (i === 0) continue;
      expect(images[i]!.image.size).toBe(fs.statSync(file.path).size);
      expect(images[i]!.image.mimeType).toBe(file.mime);
      const blob = await pds.com.atproto.sync.getBlob({ did: brand.did, cid: images[i]!.image.ref.toString() });
      expect(Buffer.from(blob.data).equals(fs.readFileSync(file.path))).toBe(true);
    }

    const thread = await threadView(remote!.remoteId);
    if (!AppBskyEmbedImages.isView(thread.post.embed)) throw new Error(`no images view: ${JSON.stringify(thread.post.embed)}`);
    expect(thread.post.embed.images.map((i) => i.alt)).toEqual(files.map((f) => f.alt));
    expect(thread.post.embed.images[3]!.aspectRatio).toEqual({ width: 300, height: 900 });

    // A retry (same key) finds the post before uploading anything again.
    const before = await postUris();
    const again = await c.publish(input([{ text: 'Four pictures', media: files }], { partKeys: [new AtUri(remote!.remoteId).rkey] }));
    expect(again).toEqual([remote]);
    expect(await postUris()).toEqual(before);
  });

  it('sends a phone photo without its EXIF and GPS position, upright, unless the workspace keeps them', async () => {
    const [width, height] = [320, 200];
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([x % 256, y % 256, x < width / 2 ? 40 : 220], (y * width + x) * 3);
    const photo = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2436/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 758/100' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const file = path.join(dir, 'IMG_2041.jpg');
    fs.writeFileSync(file, photo);
    const c = connector(new MemorySecrets(await freshSession()));
    const blobOf = async (remoteId: string) => {
      const stored = await record(remoteId);
      if (!AppBskyEmbedImages.isMain(stored.embed)) throw new Error('no images embed');
      const image = stored.embed.images[0]!;
      const blob = await pds.com.atproto.sync.getBlob({ did: brand.did, cid: image.image.ref.toString() });
      return { bytes: Buffer.from(blob.data), aspectRatio: image.aspectRatio };
    };

    const [stripped] = await c.publish(input([{ text: 'Le port ce matin', media: [{ path: file, mime: 'image/jpeg', alt: 'Le port', width, height }] }]));
    const sent = await blobOf(stripped!.remoteId);
    const meta = await sharp(sent.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(sent.bytes.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([200, 320, 1]);
    expect(sent.aspectRatio).toEqual({ width: 200, height: 320 });

    const [kept] = await c.publish(input([{ text: 'Le port ce soir', media: [{ path: file, mime: 'image/jpeg', alt: 'Le port', width, height, keepMetadata: true }] }]));
    expect((await blobOf(kept!.remoteId)).bytes.equals(photo)).toBe(true);
    expect(fs.readFileSync(file).equals(photo)).toBe(true);
  });

  it('publishes a 3-post thread as a reply chain with the right root and parents', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    const sent: Sent[] = [];
    const remotes = await c.publish(input([text('1/3 A thread'), text('2/3 goes on'), text('3/3 and ends')], { sent, language: 'en' }));
    expect(remotes).toHaveLength(3);
    expect(sent.map((s) => s.index)).toEqual([0, 1, 2]);
    const [r0, r1, r2] = remotes as [RemotePart, RemotePart, RemotePart];
    const strong = (r: RemotePart) => ({ uri: r.remoteId, cid: r.cid });
    expect((await record(r0.remoteId)).reply).toBeUndefined();
    expect((await record(r1.remoteId)).reply).toEqual({ root: strong(r0), parent: strong(r0) });
    expect((await record(r2.remoteId)).reply).toEqual({ root: strong(r0), parent: strong(r1) });

    const thread = await threadView(r0.remoteId, 5);
    const reply1 = thread.replies?.[0];
    if (!AppBskyFeedDefs.isThreadViewPost(reply1)) throw new Error('no first reply');
    expect(reply1.post.uri).toBe(r1.remoteId);
    const reply2 = reply1.replies?.[0];
    if (!AppBskyFeedDefs.isThreadViewPost(reply2)) throw new Error('no second reply');
    expect(reply2.post.uri).toBe(r2.remoteId);
  });

  it('a retry after a crash (the server had committed) creates no second post and returns the same parts', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    const parts = [text('Exactly once 1/3'), text('Exactly once 2/3'), text('Exactly once 3/3')];
    const partKeys = parts.map(() => newRecordKey());
    const first = await c.publish(input(parts, { partKeys }));
    const before = await postUris();

    // The process died before it could store what was sent: the same post again, nothing marked as sent.
    const sent: Sent[] = [];
    const refusedCreates: { status: number; body: string }[] = [];
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes('com.atproto.repo.createRecord') && !res.ok) refusedCreates.push({ status: res.status, body: await res.clone().text() });
      return res;
    };
    const restarted = connector(new MemorySecrets(await freshSession()), { fetch: recording });
    const second = await restarted.publish(input(parts, { partKeys, sent }));
    expect(second).toEqual(first);
    // Each create was tried and refused by the PDS (the key is taken), then confirmed by reading the
    // record. The reference PDS answers a taken key with a bare 500 ("There is already a value at
    // key" stays in its log), so the connector does not rely on the error's name.
    expect(refusedCreates).toHaveLength(3);
    for (const refused of refusedCreates) expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(sent.map((s) => s.remote)).toEqual(first); // confirmed, so the caller can mark them published
    expect(await postUris()).toEqual(before);
  });

  it('an answer lost after the server committed is confirmed in the same attempt, not duplicated', async () => {
    let dropped = 0;
    const losing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes('com.atproto.repo.createRecord') && dropped === 0) {
        dropped++;
        await res.body?.cancel();
        throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
      }
      return res;
    };
    const c = connector(new MemorySecrets(await freshSession()), { fetch: losing });
    const before = (await postUris()).length;
    const req = input([text('Lost answer')]);
    const [remote] = await c.publish(req);
    expect(dropped).toBe(1);
    expect(remote!.remoteId).toBe(`at://${brand.did}/${POSTS}/${req.partKeys[0]}`);
    expect((await postUris()).length).toBe(before + 1);
  });

  it('resumes an interrupted thread after its last published part', async () => {
    // The network fails when part 3 goes out.
    let creates = 0;
    const flaky: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes('com.atproto.repo.createRecord') && ++creates === 3) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
      return fetch(input, init);
    };
    const parts = [text('Resume 1/3'), text('Resume 2/3'), text('Resume 3/3')];
    const partKeys = parts.map(() => newRecordKey());
    const sent: Sent[] = [];
    const c = connector(new MemorySecrets(await freshSession()), { fetch: flaky });
    const error = await c.publish(input(parts, { partKeys, sent })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).failure).toMatchObject({ kind: 'network' });
    expect((error as PublishError).reconnectNeeded).toBe(false);
    expect(sent.map((s) => s.index)).toEqual([0, 1]);
    const before = await postUris();

    // Later: parts 0-1 are known (the CID of part 2 even lost), part 3 goes and replies to part 2.
    const [s0, s1] = sent.map((s) => s.remote) as [RemotePart, RemotePart];
    const resumedSent: Sent[] = [];
    const resumed = await connector(new MemorySecrets(await freshSession())).publish(
      input(parts, { partKeys, alreadySent: [s0, { remoteId: s1.remoteId, url: s1.url }, null], sent: resumedSent }),
    );
    expect(resumed.slice(0, 2)).toEqual([s0, s1]);
    expect(resumedSent.map((s) => s.index)).toEqual([2]);
    expect(await postUris()).toHaveLength(before.length + 1);
    expect((await record(resumed[2]!.remoteId)).reply).toEqual({ root: { uri: s0.remoteId, cid: s0.cid }, parent: { uri: s1.remoteId, cid: s1.cid } });
  });

  it('adds a link card read from the page (served on 127.0.0.1), and skips it when the page cannot be read', async () => {
    const secrets = new MemorySecrets(await freshSession());
    const c = connector(secrets, { fetchLinkCard: createLinkCardFetcher() });
    const [remote] = await c.publish(input([text(`Read the notes: ${pagesUrl}/article`)]));
    const stored = await record(remote!.remoteId);
    if (!AppBskyEmbedExternal.isMain(stored.embed)) throw new Error(`no external embed: ${JSON.stringify(stored.embed)}`);
    expect(stored.embed.external).toMatchObject({ uri: `${pagesUrl}/article`, title: 'Spring & launch notes', description: 'Everything that ships on launch day.' });
    expect(stored.embed.external.thumb?.size).toBeGreaterThan(0);
    expect(stored.embed.external.thumb!.size).toBeLessThanOrEqual(1_000_000);
    const thread = await threadView(remote!.remoteId);
    if (!AppBskyEmbedExternal.isView(thread.post.embed)) throw new Error('no external view');
    expect(thread.post.embed.external.title).toBe('Spring & launch notes');

    // Offline (the fetcher fails), or a page with nothing to show: the post goes without a card.
    const offline = connector(secrets, { fetchLinkCard: () => Promise.reject(new TypeError('fetch failed')) });
    const [plain] = await offline.publish(input([text(`Read the notes: ${pagesUrl}/article`)]));
    expect((await record(plain!.remoteId)).embed).toBeUndefined();
    const [missing] = await c.publish(input([text(`Gone: ${pagesUrl}/nothing-here`)]));
    expect((await record(missing!.remoteId)).embed).toBeUndefined();
  });

  it('deletes a post', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    const [remote] = await c.publish(input([text('Short-lived')]));
    expect(await postUris()).toContain(remote!.remoteId);
    await c.delete(remote!.remoteId);
    expect(await postUris()).not.toContain(remote!.remoteId);
    await expect(c.delete(remote!.remoteId)).resolves.toBeUndefined(); // already gone: nothing to do
  });

  it('refreshes an expired session by itself and keeps the new one in the vault', async () => {
    const secrets = new MemorySecrets(await freshSession());
    const stored = parse(secrets.value);
    // A genuinely expired access token, signed like the PDS signs its own.
    const ctx = bsky.network.pds.ctx;
    const expired = await new jose.SignJWT({ scope: 'com.atproto.appPass' })
      .setProtectedHeader({ typ: 'at+jwt', alg: 'HS256' })
      .setAudience(ctx.cfg.service.did)
      .setSubject(brand.did)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(ctx.accountManager.jwtKey);
    secrets.value = JSON.stringify({ ...stored, session: { ...stored.session, accessJwt: expired } });

    const c = connector(secrets);
    const [remote] = await c.publish(input([text('After a refresh')]));
    expect(remote!.remoteId).toContain(brand.did);
    expect(secrets.saves.length).toBeGreaterThanOrEqual(1);
    const saved = parse(secrets.value);
    expect(saved.session.accessJwt).not.toBe(expired);
    expect(saved.session.refreshJwt).not.toBe(stored.session.refreshJwt);
    expect(await c.health()).toBe('ok');

    // The saved session is the one that works from now on (the old refresh token was used up).
    expect(await connector(new MemorySecrets(secrets.value)).health()).toBe('ok');
  });

  it('a revoked session puts the account in the reconnect state; its posts wait and go out after reconnecting', async () => {
    const secrets = new MemorySecrets(await freshSession());
    const stored = parse(secrets.value);
    // Revoked on the server (signed out elsewhere), and the access token no longer accepted.
    await pds.com.atproto.server.deleteSession(undefined, { headers: { authorization: `Bearer ${stored.session.refreshJwt}` } });
    secrets.value = JSON.stringify({ ...stored, session: { ...stored.session, accessJwt: `${stored.session.accessJwt.slice(0, -4)}AAAA` } });

    let reconnectCalls = 0;
    const c = connector(secrets, { onReconnectNeeded: () => void reconnectCalls++ });
    const before = await postUris();
    const parts = [text('Waiting for a reconnect')];
    const partKeys = [newRecordKey()];
    const error = await c.publish(input(parts, { partKeys })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).reconnectNeeded).toBe(true);
    expect((error as PublishError).failure).toMatchObject({ kind: 'http', status: 401 });
    expect(reconnectCalls).toBe(1);
    expect(await c.health()).toBe('reconnect_needed');
    const again = await c.publish(input(parts, { partKeys })).catch((e: unknown) => e);
    expect((again as PublishError).reconnectNeeded).toBe(true);
    expect(reconnectCalls).toBe(1); // told once
    expect(await postUris()).toEqual(before); // nothing was published
    expect(secrets.value).not.toBeNull(); // the stored session is kept for the person to see, not dropped

    // The person reconnects: the same post, same key, goes out.
    secrets.value = await freshSession();
    expect(await c.health()).toBe('ok');
    const [remote] = await c.publish(input(parts, { partKeys }));
    expect(remote!.remoteId).toBe(`at://${brand.did}/${POSTS}/${partKeys[0]}`);
  });

  it('health() without any stored session, or with an unreadable one, says reconnect_needed', async () => {
    let calls = 0;
    expect(await connector(new MemorySecrets(null), { onReconnectNeeded: () => void calls++ }).health()).toBe('reconnect_needed');
    expect(await connector(new MemorySecrets('{"not":"a session"}')).health()).toBe('reconnect_needed');
    expect(calls).toBe(1);
  });

  it('refuses what Bluesky cannot take before sending anything', async () => {
    const c = connector(new MemorySecrets(await freshSession()));
    const before = await postUris();
    const refusals: Partial<PublishInput>[] = [
      { contentWarning: 'spoilers' },
      { visibility: 'unlisted' },
      { poll: { options: ['a', 'b'], expiresInSeconds: 3600, multiple: false } },
      { partKeys: ['not-a-tid'] },
    ];
    for (const overrides of refusals) {
      const error = await c.publish(input([text('Refused')], overrides)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).failure).toMatchObject({ kind: 'http', status: 422 });
    }
    const tooLong = await c.publish(input([text('ok'), text('x'.repeat(301))])).catch((e: unknown) => e);
    expect((tooLong as PublishError).failure.message).toMatch(/Part 2: the text is too long \(Bluesky: 301\/300 characters\)/);
    expect(await postUris()).toEqual(before); // not even part 1 of the thread
  });

  it('revoke() ends the session on the server', async () => {
    const secrets = new MemorySecrets(await freshSession());
    const refreshJwt = parse(secrets.value).session.refreshJwt;
    const c = connector(secrets);
    expect(await c.health()).toBe('ok');
    await c.revoke();
    await expect(pds.com.atproto.server.refreshSession(undefined, { headers: { authorization: `Bearer ${refreshJwt}` } })).rejects.toMatchObject({
      status: expect.any(Number),
    });
  });
});
