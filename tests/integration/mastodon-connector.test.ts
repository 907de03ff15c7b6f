/**
 * Tribune's Mastodon connector against the Mastodon stand-in (every request and answer checked
 * against the Mastodon OpenAPI description; assertNoViolations after each test).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { MastodonStandIn } from '../helpers/mastodon';
import { standIn } from '../helpers/mastodon-core';
import {
  MastodonAuthorizationError,
  createMastodonConnector,
  readCapabilities,
  registerApp,
  startLoopbackAuthorization,
  startOutOfBandAuthorization,
  verifyAccount,
  type AppCachePort,
  type AuthorizationResult,
  type MastodonConnectorOptions,
  type RegisteredApp,
} from '../../src/main/core/connectors/mastodon';
import { PublishError, type MediaFile, type PublishInput, type RemotePart, type SecretsPort } from '../../src/main/core/connectors/types';
import { classifyFailure } from '../../src/shared/schedule/retry';

const start = standIn;

let dir = '';
let redPng = '';
let bluePng = '';
let noisyPng = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tribune-mastodon-'));
  redPng = join(dir, 'red.png');
  bluePng = join(dir, 'blue.png');
  noisyPng = join(dir, 'noise.png');
  await writeFile(redPng, await sharp({ create: { width: 64, height: 48, channels: 3, background: '#dc2626' } }).png().toBuffer());
  await writeFile(bluePng, await sharp({ create: { width: 40, height: 40, channels: 4, background: '#2563eb' } }).png().toBuffer());
  // Random pixels do not compress: about 360 KB.
  const pixels = Buffer.alloc(400 * 300 * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = Math.floor(Math.random() * 256);
  await writeFile(noisyPng, await sharp(pixels, { raw: { width: 400, height: 300, channels: 3 } }).png().toBuffer());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function memoryCache() {
  const entries = new Map<string, RegisteredApp>();
  const cache: AppCachePort & { puts: string[] } = {
    puts: [],
    get: async (instanceUrl, redirectUri) => entries.get(`${instanceUrl} ${redirectUri}`) ?? null,
    put: async (instanceUrl, redirectUri, app) => {
      cache.puts.push(`${instanceUrl} ${redirectUri}`);
      entries.set(`${instanceUrl} ${redirectUri}`, app);
    },
  };
  return cache;
}

/** What a browser does with the authorize URL: GET it and follow the redirect to the loopback listener. */
function browser() {
  const pages: { status: number; text: string }[] = [];
  return {
    pages,
    open: async (url: string) => {
      const res = await fetch(url);
      pages.push({ status: res.status, text: await res.text() });
    },
  };
}

async function connect(server: MastodonStandIn): Promise<AuthorizationResult> {
  const flow = await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser: browser().open });
  return flow.result;
}

function memorySecrets(value: Record<string, unknown> | null): SecretsPort & { value: string | null } {
  const port = {
    value: value === null ? null : JSON.stringify(value),
    load: async () => port.value,
    save: async (v: string) => {
      port.value = v;
    },
  };
  return port;
}

async function connectorFor(server: MastodonStandIn, extra: Partial<MastodonConnectorOptions> = {}) {
  const auth = await connect(server);
  const reconnects: number[] = [];
  const connector = createMastodonConnector({
    accountId: randomUUID(),
    instanceUrl: server.url,
    secrets: memorySecrets({ accessToken: auth.accessToken, clientId: auth.clientId, clientSecret: auth.clientSecret }),
    onReconnectNeeded: () => reconnects.push(Date.now()),
    mediaPollIntervalMs: 10,
    ...extra,
  });
  return { connector, auth, reconnects };
}

function input(parts: { text: string; media?: MediaFile[] }[], extra: Partial<PublishInput> = {}): PublishInput & { sent: [number, RemotePart][] } {
  const sent: [number, RemotePart][] = [];
  return {
    parts: parts.map((p) => ({ text: p.text, media: p.media ?? [] })),
    contentWarning: null,
    language: null,
    visibility: null,
    poll: null,
    partKeys: parts.map(() => randomUUID()),
    alreadySent: parts.map(() => null),
    onPartSent: (index, remote) => sent.push([index, remote]),
    signal: new AbortController().signal,
    ...extra,
    sent,
  };
}

async function publishError(promise: Promise<unknown>): Promise<PublishError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishError);
  return error as PublishError;
}

const image = (path: string, alt: string, width = 64, height = 48): MediaFile => ({ path, mime: 'image/png', alt, width, height });
const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('Mastodon: connecting an account', () => {
  it('registers the app once per instance and redirect URI (cached), with Tribune, read write and the website', async () => {
    const a = await start();
    const b = await start();
    const cache = memoryCache();
    const redirectUri = 'urn:ietf:wg:oauth:2.0:oob';

    const first = await registerApp(a.url, { redirectUri, cache });
    const again = await registerApp(`${a.url}/`, { redirectUri, cache });
    expect(again).toEqual(first);
    expect(a.requestsFor('POST /api/v1/apps')).toHaveLength(1);
    expect(a.state.apps[0]).toMatchObject({ name: 'Tribune', scopes: ['read', 'write'], redirectUris: [redirectUri], website: 'https://tribune.invalid' });
    expect(first).toEqual({ clientId: a.state.apps[0]!.clientId, clientSecret: a.state.apps[0]!.clientSecret });

    // Another instance is another registration.
    await registerApp(b.url, { redirectUri, cache });
    expect(b.requestsFor('POST /api/v1/apps')).toHaveLength(1);
    expect(cache.puts).toEqual([`${a.url} ${redirectUri}`, `${b.url} ${redirectUri}`]);
  });

  it('runs the loopback flow end to end: PKCE S256, state, 127.0.0.1 on a random port, token, listener closed', async () => {
    const server = await start({ requirePkce: true });
    const cache = memoryCache();
    const b = browser();
    const flow = await startLoopbackAuthorization(server.url, { cache, openBrowser: b.open });
    const auth = await flow.result;

    const authorize = new URL(flow.authorizeUrl);
    const redirectUri = authorize.searchParams.get('redirect_uri')!;
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(Number(new URL(redirectUri).port)).toBeGreaterThan(0);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get('scope')).toBe('read write');

    expect(b.pages).toEqual([{ status: 200, text: expect.stringContaining('You can close this window') }]);
    expect(auth.scope).toBe('read write');
    expect(server.state.tokens.map((t) => t.accessToken)).toEqual([auth.accessToken]);
    expect(server.state.authorizationCodes[0]!.codeChallenge).toBe(authorize.searchParams.get('code_challenge'));
    expect(server.state.apps[0]!.redirectUris).toEqual([redirectUri]);
    expect(cache.puts).toEqual([`${server.url} ${redirectUri}`]);
    expect(auth.clientId).toBe(server.state.apps[0]!.clientId);

    // The listener is closed after one valid callback.
    await expect(fetch(`${redirectUri}?code=x&state=${authorize.searchParams.get('state')}`)).rejects.toThrow();

    const account = await verifyAccount(server.url, auth.accessToken);
    expect(account).toEqual({
      remoteId: '109000',
      handle: `tribune@${new URL(server.url).host}`,
      displayName: 'Tribune Tester',
      avatarUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
    });
  });

  it('refuses a callback with a wrong state (and other paths), and keeps waiting for the right one', async () => {
    const server = await start();
    let location = '';
    const flow = await startLoopbackAuthorization(server.url, {
      cache: memoryCache(),
      openBrowser: async (url) => {
        const res = await fetch(url, { redirect: 'manual' });
        location = res.headers.get('location')!;
      },
    });
    const callback = new URL(location);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const refused = await fetch(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('does not belong');
    const noState = new URL(callback);
    noState.searchParams.delete('state');
    expect((await fetch(noState)).status).toBe(400);
    expect((await fetch(new URL('/favicon.ico', callback))).status).toBe(404);
    expect((await fetch(callback, { method: 'POST' })).status).toBe(405);
    expect(server.requestsFor('POST /oauth/token')).toHaveLength(0);

    const ok = await fetch(callback);
    expect(ok.status).toBe(200);
    const auth = await flow.result;
    expect(server.state.tokens.map((t) => t.accessToken)).toEqual([auth.accessToken]);
  });

  it('ends the loopback wait on timeout, on cancel, and when the person refuses', async () => {
    const server = await start();
    const timedOut = await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser: () => {}, timeoutMs: 100 });
    const e1 = await timedOut.result.then(() => null, (e: unknown) => e);
    expect(e1).toBeInstanceOf(MastodonAuthorizationError);
    expect((e1 as MastodonAuthorizationError).reason).toBe('timeout');
    await expect(fetch(new URL(timedOut.authorizeUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();

    const cancelled = await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser: () => {} });
    cancelled.cancel();
    await expect(cancelled.result).rejects.toMatchObject({ reason: 'cancelled' });
    await expect(fetch(new URL(cancelled.authorizeUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();

    // No browser could be opened: the call fails and the listener is gone.
    let opened = '';
    await expect(
      startLoopbackAuthorization(server.url, {
        cache: memoryCache(),
        openBrowser: (url) => {
          opened = url;
          throw new Error('no browser');
        },
      }),
    ).rejects.toThrow('no browser');
    await expect(fetch(new URL(opened).searchParams.get('redirect_uri')!)).rejects.toThrow();

    const denying = await start({ denyAuthorization: true });
    const b = browser();
    const denied = await startLoopbackAuthorization(denying.url, { cache: memoryCache(), openBrowser: b.open });
    await expect(denied.result).rejects.toMatchObject({ reason: 'denied' });
    expect(b.pages[0]!.text).toContain('not granted');
    expect(denying.state.tokens).toHaveLength(0);
  });

  it('runs the out-of-band flow with a pasted code (PKCE too)', async () => {
    const server = await start({ requirePkce: true });
    const cache = memoryCache();
    const flow = await startOutOfBandAuthorization(server.url, { cache });
    const authorize = new URL(flow.authorizeUrl);
    expect(authorize.searchParams.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    // The server shows the code; the person copies it (with stray spaces).
    const html = await (await fetch(flow.authorizeUrl)).text();
    const code = /<code id="code">([^<]+)<\/code>/.exec(html)![1]!;
    await expect(flow.complete('not the code')).rejects.toBeInstanceOf(MastodonAuthorizationError);
    const wrong = await publishError(flow.complete('wrong-code'));
    expect([wrong.failure.status, wrong.failure.message]).toEqual([400, expect.stringContaining('authorization grant is invalid')]);
    const auth = await flow.complete(`  ${code}\n`);
    expect(server.state.tokens.map((t) => t.accessToken)).toEqual([auth.accessToken]);
    expect((await verifyAccount(server.url, auth.accessToken)).handle).toBe(`tribune@${new URL(server.url).host}`);

    // A second OOB login reuses the registered app.
    await startOutOfBandAuthorization(server.url, { cache });
    expect(server.requestsFor('POST /api/v1/apps')).toHaveLength(1);
  });

  it('verifyAccount with a revoked or unknown token is a PublishError asking to reconnect', async () => {
    const server = await start();
    const error = await publishError(verifyAccount(server.url, 'not-a-token'));
    expect(error.reconnectNeeded).toBe(true);
    expect(error.failure).toMatchObject({ kind: 'http', status: 401, message: 'The access token is invalid' });
  });
});

describe('Mastodon: capabilities', () => {
  it('reads the limits from /api/v2/instance', async () => {
    const server = await start({
      limits: { maxCharacters: 1000, charactersReservedPerUrl: 30, maxMediaAttachments: 6, maxPollOptions: 5, imageSizeLimit: 8_000_000, descriptionLimit: 1000 },
    });
    const caps = await readCapabilities(server.url);
    expect(caps).toEqual({
      network: 'mastodon',
      text: { network: 'mastodon', maxCharacters: 1000, charactersReservedPerUrl: 30 },
      media: { maxCount: 6, maxImageBytes: 8_000_000, acceptedTypes: expect.arrayContaining(['image/png', 'image/jpeg']), maxAltTextLength: 1000 },
      threads: true,
      contentWarning: true,
      poll: { maxOptions: 5, maxOptionCharacters: 50, minExpirationSeconds: 300, maxExpirationSeconds: 2_629_746 },
      languages: true,
      visibilities: ['public', 'unlisted', 'private', 'direct'],
    });
    expect(caps.media.acceptedTypes.every((t) => t.startsWith('image/'))).toBe(true);
    expect(server.requestsFor('GET /api/v1/instance')).toHaveLength(0);
    // Reading the limits costs one request, and needs no token.
    expect(server.state.requests.map((r) => r.route)).toEqual(['GET /api/v2/instance']);
  });

  it('falls back to /api/v1/instance when v2 is a plain-text 404', async () => {
    const server = await start({ noV2Instance: true, noScheduledStatuses: true, limits: { maxCharacters: 777, maxMediaAttachments: 2 } });
    const caps = await readCapabilities(server.url);
    expect(server.requestsFor('GET /api/v2/instance').map((r) => r.status)).toEqual([404]);
    expect(server.requestsFor('GET /api/v1/instance').map((r) => r.status)).toEqual([200]);
    expect(caps.text.maxCharacters).toBe(777);
    expect(caps.media.maxCount).toBe(2);
    expect(caps.media.maxAltTextLength).toBe(1500); // v1 does not say: Mastodon's default
  });

  it('falls back to v1 after an HTML error page, and to Mastodon defaults when both fail', async () => {
    const server = await start({ limits: { maxCharacters: 900 }, faults: { 'GET /api/v2/instance': { kind: 'error', status: 502, html: true } } });
    const v1 = await readCapabilities(server.url);
    expect(v1.text.maxCharacters).toBe(900);
    expect(server.requestsFor('GET /api/v1/instance').map((r) => r.status)).toEqual([200]);

    server.injectFault('GET /api/v2/instance', { kind: 'error', status: 503 });
    server.injectFault('GET /api/v1/instance', { kind: 'error', status: 500, html: true });
    const defaults = await readCapabilities(server.url);
    expect(defaults.text).toEqual({ network: 'mastodon', maxCharacters: 500, charactersReservedPerUrl: 23 });
    expect(defaults.media).toEqual({ maxCount: 4, maxImageBytes: 16_777_216, acceptedTypes: expect.arrayContaining(['image/png']), maxAltTextLength: 1500 });
    expect(defaults.poll).toEqual({ maxOptions: 4, maxOptionCharacters: 50, minExpirationSeconds: 300, maxExpirationSeconds: 2_629_746 });
    expect(server.faultCount()).toBe(3);

    // Nothing listening at all: defaults too.
    await server.close();
    expect((await readCapabilities(server.url, { timeoutMs: 2_000 })).text.maxCharacters).toBe(500);
  });

  it('the connector caches capabilities', async () => {
    const server = await start({ limits: { maxCharacters: 640 } });
    const { connector } = await connectorFor(server);
    expect((await connector.capabilities()).text.maxCharacters).toBe(640);
    expect((await connector.capabilities()).text.maxCharacters).toBe(640);
    expect(server.requestsFor('GET /api/v2/instance')).toHaveLength(1);
  });
});

describe('Mastodon: publishing', () => {
  it('posts 2 images with alt text (waiting for processing), a content warning, a language and a visibility', async () => {
    const server = await start({ mediaProcessingPolls: 2 });
    const { connector } = await connectorFor(server);
    const before = [await sha256(redPng), await sha256(bluePng)];
    const job = input([{ text: 'Our new logo, in two colours', media: [image(redPng, 'A red rectangle'), image(bluePng, 'A blue square', 40, 40)] }], {
      contentWarning: 'Branding',
      language: 'en',
      visibility: 'unlisted',
    });
    const parts = await connector.publish(job);

    expect(server.state.statuses).toHaveLength(1);
    const status = server.state.statuses[0]!;
    expect(parts).toEqual([{ remoteId: status.id, url: expect.stringContaining(status.id) }]);
    expect(job.sent).toEqual([[0, parts[0]]]);
    expect(status).toMatchObject({ text: 'Our new logo, in two colours', spoilerText: 'Branding', sensitive: true, language: 'en', visibility: 'unlisted', inReplyToId: null });
    const media = status.mediaIds.map((id) => server.state.media.find((m) => m.id === id)!);
    expect(media.map((m) => [m.description, m.width, m.height, m.mimeType])).toEqual([
      ['A red rectangle', 64, 48, 'image/png'],
      ['A blue square', 40, 40, 'image/png'],
    ]);
    // Each upload answered 202, then 206 twice, then 200.
    const mediaRoutes = server.state.requests.filter((r) => r.route === 'POST /api/v2/media' || r.route === 'GET /api/v1/media/{id}').map((r) => r.status);
    expect(mediaRoutes).toEqual([202, 206, 206, 200, 202, 206, 206, 200]);
    expect(server.requestsFor('POST /api/v1/statuses').map((r) => r.idempotencyKey)).toEqual(job.partKeys);
    // The originals are untouched.
    expect([await sha256(redPng), await sha256(bluePng)]).toEqual(before);
  });

  it('posts a poll on the first part only', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const job = input([{ text: 'Which day for the community call?' }, { text: 'Details in the wiki.' }], {
      poll: { options: ['Tuesday', 'Thursday', 'Friday'], expiresInSeconds: 86_400, multiple: true },
    });
    await connector.publish(job);
    const [first, second] = server.state.statuses;
    expect(first!.poll).toMatchObject({ options: ['Tuesday', 'Thursday', 'Friday'], expiresIn: 86_400, multiple: true });
    expect(second!.poll).toBeNull();
    expect(second!.inReplyToId).toBe(first!.id);
  });

  it('publishes a 3-part thread chained through in_reply_to_id, reporting each part as it goes', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const job = input([{ text: 'Thread 1/3: release notes' }, { text: 'Thread 2/3' }, { text: 'Thread 3/3', media: [image(redPng, 'Chart')] }], {
      visibility: 'public',
      language: 'fr',
    });
    const parts = await connector.publish(job);
    const ids = server.state.statuses.map((s) => s.id);
    expect(parts.map((p) => p.remoteId)).toEqual(ids);
    expect(server.state.statuses.map((s) => s.inReplyToId)).toEqual([null, ids[0], ids[1]]);
    expect(server.state.statuses.map((s) => s.language)).toEqual(['fr', 'fr', 'fr']);
    expect(job.sent.map(([i, p]) => [i, p.remoteId])).toEqual([
      [0, ids[0]],
      [1, ids[1]],
      [2, ids[2]],
    ]);
    expect(server.requestsFor('POST /api/v1/statuses').map((r) => r.idempotencyKey)).toEqual(job.partKeys);
  });

  it('resumes a thread after the parts already sent', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const first = await connector.publish(input([{ text: 'Part 1' }]));
    const job = input([{ text: 'Part 1' }, { text: 'Part 2' }], { alreadySent: [first[0]!, null] });
    const parts = await connector.publish(job);
    expect(server.state.statuses.map((s) => [s.text, s.inReplyToId])).toEqual([
      ['Part 1', null],
      ['Part 2', first[0]!.remoteId],
    ]);
    expect(parts[0]).toEqual(first[0]);
    expect(job.sent.map(([i]) => i)).toEqual([1]);
  });

  it('shrinks a copy of an image over the instance limit, never the original', async () => {
    const server = await start({ limits: { imageSizeLimit: 60_000 } });
    const { connector } = await connectorFor(server);
    const original = await readFile(noisyPng);
    expect(original.length).toBeGreaterThan(60_000);
    await connector.publish(input([{ text: 'Noise', media: [image(noisyPng, 'Static', 400, 300)] }]));
    const media = server.state.media[0]!;
    expect(media.size).toBeLessThanOrEqual(60_000);
    expect(media.mimeType).toBe('image/png');
    expect(media.width).toBeLessThan(400);
    expect(media.description).toBe('Static');
    expect((await readFile(noisyPng)).equals(original)).toBe(true);
  });

  it('retried with the same partKeys after a lost answer, a part is published once', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const job = input([{ text: 'Crash 1/2' }, { text: 'Crash 2/2' }]);
    // Part 2 is committed by the server, but the connection drops before the answer.
    server.injectFault('POST /api/v1/statuses', { kind: 'delay', ms: 0 });
    server.injectFault('POST /api/v1/statuses', { kind: 'destroySocket', when: 'after' });
    const crash = await publishError(connector.publish(job));
    expect(crash.failure.kind).toBe('network');
    expect(classifyFailure(crash.failure)).toBe('retry');
    expect(server.state.statuses.map((s) => s.text)).toEqual(['Crash 1/2', 'Crash 2/2']);
    expect(job.sent).toHaveLength(1);

    const retry = { ...job, alreadySent: [job.sent[0]![1], null] };
    const parts = await connector.publish(retry);
    expect(server.state.statuses.map((s) => s.text)).toEqual(['Crash 1/2', 'Crash 2/2']);
    expect(parts.map((p) => p.remoteId)).toEqual(server.state.statuses.map((s) => s.id));
    expect(server.requestsFor('POST /api/v1/statuses').map((r) => [r.idempotencyKey, r.status])).toEqual([
      [job.partKeys[0], 200],
      [job.partKeys[1], 0],
      [job.partKeys[1], 200],
    ]);
  });

  it('deletes a status', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const [part] = await connector.publish(input([{ text: 'Oops' }]));
    await connector.delete(part!.remoteId);
    expect(server.state.statuses[0]!.deletedAt).not.toBeNull();
    // Already gone: nothing to do.
    await connector.delete(part!.remoteId);
    expect(server.requestsFor('DELETE /api/v1/statuses/{id}').map((r) => r.status)).toEqual([200, 404]);
  });

  it('works with a server without v2 instance nor scheduled statuses', async () => {
    const server = await start({ noV2Instance: true, noScheduledStatuses: true, limits: { imageSizeLimit: 60_000 } });
    const { connector } = await connectorFor(server);
    const caps = await connector.capabilities();
    expect(caps.media.maxImageBytes).toBe(60_000);
    const parts = await connector.publish(input([{ text: 'Still works', media: [image(noisyPng, 'Static', 400, 300)] }, { text: 'Reply' }]));
    expect(parts).toHaveLength(2);
    expect(server.state.media[0]!.size).toBeLessThanOrEqual(60_000);
    expect(server.state.statuses[1]!.inReplyToId).toBe(server.state.statuses[0]!.id);
    expect(await connector.health()).toBe('ok');
  });
});

describe('Mastodon: failures', () => {
  it('500 -> kind http, status 500, retryable, with the server message', async () => {
    const server = await start({ faults: { 'POST /api/v1/statuses': { kind: 'error', status: 500 } } });
    const { connector } = await connectorFor(server);
    const error = await publishError(connector.publish(input([{ text: 'Hello' }])));
    expect(error.failure).toEqual({ kind: 'http', status: 500, message: 'We\u2019re sorry, but something went wrong on our end.' });
    expect(error.reconnectNeeded).toBe(false);
    expect(classifyFailure(error.failure)).toBe('retry');
  });

  it('a proxy HTML error page -> kind http with its status and a readable message', async () => {
    const server = await start({ faults: { 'POST /api/v1/statuses': { kind: 'error', status: 502, html: true } } });
    const { connector } = await connectorFor(server);
    const error = await publishError(connector.publish(input([{ text: 'Hello' }])));
    expect(error.failure.kind).toBe('http');
    expect(error.failure.status).toBe(502);
    expect(error.failure.message).not.toContain('<');
    expect(error.failure.message).toContain('502');
  });

  it('429 -> Retry-After and X-RateLimit headers passed through', async () => {
    const server = await start({ faults: { 'POST /api/v1/statuses': { kind: 'rateLimit', retryAfterSeconds: 7 } } });
    const { connector } = await connectorFor(server);
    const error = await publishError(connector.publish(input([{ text: 'Hello' }])));
    expect(error.failure).toMatchObject({ kind: 'http', status: 429, message: 'Too many requests', retryAfter: '7', rateLimitRemaining: '0' });
    expect(Date.parse(error.failure.rateLimitReset!)).toBeGreaterThan(Date.now());
    expect(classifyFailure(error.failure)).toBe('retry');
  });

  it('an answer slower than timeoutMs -> kind timeout (and the retry finds the status by its key)', async () => {
    const server = await start();
    const { connector } = await connectorFor(server, { timeoutMs: 200 });
    server.injectFault('POST /api/v1/statuses', { kind: 'delay', ms: 600 });
    const job = input([{ text: 'Slow' }]);
    const error = await publishError(connector.publish(job));
    expect(error.failure.kind).toBe('timeout');
    // The slow answer still lands on the server; the retry comes after it.
    await expect.poll(() => server.state.statuses.length).toBe(1);
    await connector.publish(job);
    expect(server.state.statuses).toHaveLength(1);
  });

  it('connection refused -> kind network', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    await server.close();
    const error = await publishError(connector.publish(input([{ text: 'Nobody home' }])));
    expect(error.failure.kind).toBe('network');
    expect(error.failure.message).toMatch(/^Could not reach 127\.0\.0\.1:\d+/);
    expect(classifyFailure(error.failure)).toBe('retry');

    // A server never contacted before: the connection is refused outright.
    const dead = await start();
    await dead.close();
    const never = createMastodonConnector({ accountId: randomUUID(), instanceUrl: dead.url, secrets: memorySecrets({ accessToken: 'token' }) });
    const refused = await publishError(never.publish(input([{ text: 'Nobody home' }])));
    expect(refused.failure).toEqual({ kind: 'network', message: expect.stringMatching(/^Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/) });
    expect(refused.reconnectNeeded).toBe(false);
  });

  it('422 -> the server message, not retried', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const error = await publishError(connector.publish(input([{ text: 'x'.repeat(501) }])));
    expect(error.failure).toMatchObject({ kind: 'http', status: 422, message: 'Validation failed: Text character limit of 500 exceeded' });
    expect(classifyFailure(error.failure)).toBe('fail');
  });

  it('a reply to a deleted part -> 404 with the server message', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const [first] = await connector.publish(input([{ text: 'Part 1' }]));
    await connector.delete(first!.remoteId);
    const error = await publishError(connector.publish(input([{ text: 'Part 1' }, { text: 'Part 2' }], { alreadySent: [first!, null] })));
    expect(error.failure).toMatchObject({ status: 404, message: 'The post you are trying to reply to does not appear to exist.' });
  });

  it('401 -> reconnectNeeded and onReconnectNeeded; health says reconnect_needed', async () => {
    const server = await start();
    const { connector, auth, reconnects } = await connectorFor(server);
    expect(await connector.health()).toBe('ok');
    server.state.tokens.find((t) => t.accessToken === auth.accessToken)!.revoked = true;
    const error = await publishError(connector.publish(input([{ text: 'Hello' }])));
    expect(error.reconnectNeeded).toBe(true);
    expect(error.failure).toMatchObject({ kind: 'http', status: 401 });
    expect(reconnects).toHaveLength(1);
    expect(await connector.health()).toBe('reconnect_needed');
    expect(reconnects).toHaveLength(2);

    // No secrets at all: reconnect too, without asking the server.
    const orphan = createMastodonConnector({ accountId: randomUUID(), instanceUrl: server.url, secrets: memorySecrets(null) });
    expect((await publishError(orphan.publish(input([{ text: 'x' }])))).reconnectNeeded).toBe(true);
    expect(await orphan.health()).toBe('reconnect_needed');
  });

  it('a media upload failure stops the part before any status is posted', async () => {
    const server = await start({ faults: { 'POST /api/v2/media': { kind: 'error', status: 503 } } });
    const { connector } = await connectorFor(server);
    const error = await publishError(connector.publish(input([{ text: 'With picture', media: [image(redPng, 'Red')] }])));
    expect(error.failure).toMatchObject({ kind: 'http', status: 503, message: 'Service Unavailable' });
    expect(server.requestsFor('POST /api/v1/statuses')).toHaveLength(0);

    const missing = await publishError(connector.publish(input([{ text: 'Gone', media: [image(join(dir, 'missing.png'), 'x')] }])));
    expect(missing.failure.message).toContain('missing.png');
    expect(classifyFailure(missing.failure)).toBe('fail');
  });

  it('media processing that never ends -> kind timeout, bounded', async () => {
    const server = await start({ mediaProcessingPolls: 1_000 });
    const { connector } = await connectorFor(server, { mediaProcessingTimeoutMs: 150 });
    const error = await publishError(connector.publish(input([{ text: 'Slow media', media: [image(redPng, 'Red')] }])));
    expect(error.failure).toEqual({ kind: 'timeout', message: expect.stringContaining('did not finish processing the image red.png') });
    expect(server.requestsFor('GET /api/v1/media/{id}').length).toBeGreaterThan(2);
    expect(server.requestsFor('POST /api/v1/statuses')).toHaveLength(0);
  });

  it('an aborted publish stops before the next part', async () => {
    const server = await start();
    const { connector } = await connectorFor(server);
    const controller = new AbortController();
    const job = input([{ text: 'One' }, { text: 'Two' }], {
      signal: controller.signal,
      onPartSent: () => controller.abort(),
    });
    const error = await publishError(connector.publish(job));
    expect(error.failure.kind).toBe('network');
    expect(server.state.statuses.map((s) => s.text)).toEqual(['One']);
  });
});

describe('Mastodon: removing an account', () => {
  it('revoke() calls /oauth/revoke with the app credentials', async () => {
    const server = await start();
    const { connector, auth } = await connectorFor(server);
    await connector.revoke();
    expect(server.requestsFor('POST /oauth/revoke').map((r) => r.status)).toEqual([200]);
    expect(server.state.tokens.find((t) => t.accessToken === auth.accessToken)!.revoked).toBe(true);
    expect(await connector.health()).toBe('reconnect_needed');

    // Without client credentials there is nothing to call.
    const bare = createMastodonConnector({ accountId: randomUUID(), instanceUrl: server.url, secrets: memorySecrets({ accessToken: auth.accessToken }) });
    await bare.revoke();
    expect(server.requestsFor('POST /oauth/revoke')).toHaveLength(1);
  });
});
