/**
 * Mastodon-API servers that differ from Mastodon, against the stand-in's modes (every request
 * and answer still checked against the OpenAPI description): a handle domain other than the API
 * host, a refusal sent back without its state, blank parts, and 422s that carry a bare code.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MastodonStandIn, MastodonStandInOptions } from '../helpers/mastodon';
import { standIn } from '../helpers/mastodon-core';
import {
  createMastodonConnector,
  MastodonAuthorizationError,
  readInstance,
  startLoopbackAuthorization,
  verifyAccount,
  type AppCachePort,
  type AuthorizationResult,
  type RegisteredApp,
} from '../../src/main/core/connectors/mastodon';
import { PublishError, type PublishInput } from '../../src/main/core/connectors/types';
import { classifyFailure } from '../../src/shared/schedule/retry';

const start = (options: MastodonStandInOptions = {}) => standIn({ mediaProcessingPolls: 0, ...options });

function memoryCache(): AppCachePort {
  const entries = new Map<string, RegisteredApp>();
  return {
    get: async (instanceUrl, redirectUri) => entries.get(`${instanceUrl} ${redirectUri}`) ?? null,
    put: async (instanceUrl, redirectUri, app) => void entries.set(`${instanceUrl} ${redirectUri}`, app),
  };
}

/** What a browser does with the authorize URL: GET it, following the redirect to the loopback listener. */
const pages: string[] = [];
const openBrowser = async (url: string) => {
  pages.push(await (await fetch(url)).text());
};

async function connect(server: MastodonStandIn): Promise<AuthorizationResult> {
  return (await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser })).result;
}

async function connector(server: MastodonStandIn) {
  const auth = await connect(server);
  return createMastodonConnector({
    accountId: randomUUID(),
    instanceUrl: server.url,
    secrets: { load: async () => JSON.stringify({ accessToken: auth.accessToken }), save: async () => {} },
  });
}

function input(parts: { text: string }[], extra: Partial<PublishInput> = {}): PublishInput {
  return {
    parts: parts.map((p) => ({ text: p.text, media: [] })),
    contentWarning: null,
    language: null,
    visibility: null,
    poll: null,
    partKeys: parts.map(() => randomUUID()),
    alreadySent: parts.map(() => null),
    onPartSent: () => {},
    signal: new AbortController().signal,
    ...extra,
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

describe('a server whose handle domain is not its API host ("split domain")', () => {
  it('names the account with the instance’s domain from /api/v2/instance', async () => {
    const server = await start({ handleDomain: 'musee-du-port.example' });
    const auth = await connect(server);
    const who = await verifyAccount(server.url, auth.accessToken);
    expect(who.handle).toBe('tribune@musee-du-port.example');
    expect((await readInstance(server.url)).domain).toBe('musee-du-port.example');
  });

  it('falls back to /api/v1/instance’s uri when there is no v2, and to the API host when neither says', async () => {
    const v1Only = await start({ handleDomain: 'musee-du-port.example', noV2Instance: true });
    const auth = await connect(v1Only);
    expect((await verifyAccount(v1Only.url, auth.accessToken)).handle).toBe('tribune@musee-du-port.example');
    expect(v1Only.requestsFor('GET /api/v1/instance').map((r) => r.status)).toContain(200);

    const silent = await start({
      faults: { 'GET /api/v2/instance': { kind: 'error', status: 503 }, 'GET /api/v1/instance': { kind: 'error', status: 502, html: true } },
    });
    const token = (await connect(silent)).accessToken;
    expect((await verifyAccount(silent.url, token)).handle).toBe(`tribune@${new URL(silent.url).host}`);
  });
});

describe('a refusal sent back without its state', () => {
  it('ends the authorization at once with "denied", not after the timeout', async () => {
    const server = await start({ denyAuthorization: 'withoutState' });
    // The wait outlasts the test: an answer means the refusal ended it (its reason says so too).
    const flow = await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser, timeoutMs: 3_600_000 });
    const error = await flow.result.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MastodonAuthorizationError);
    expect((error as MastodonAuthorizationError).reason).toBe('denied');
    expect(pages.at(-1)).toContain('not granted');
    // The listener is closed: nothing more is accepted.
    await expect(fetch(new URL(flow.authorizeUrl).searchParams.get('redirect_uri')!)).rejects.toThrow();
    expect(server.state.tokens).toHaveLength(0);
  });

  it('a state-less callback that is not a refusal still does not end the wait', async () => {
    const server = await start();
    // The browser is opened by hand below, after the forged callbacks.
    const flow = await startLoopbackAuthorization(server.url, { cache: memoryCache(), openBrowser: () => {}, timeoutMs: 3_600_000 });
    const callback = new URL(new URL(flow.authorizeUrl).searchParams.get('redirect_uri')!);
    callback.searchParams.set('code', 'forged');
    expect((await fetch(callback)).status).toBe(400);
    callback.search = '?error=server_error';
    expect((await fetch(callback)).status).toBe(400);
    // Still waiting: the person's real approval, coming after them, is what the flow ends with.
    await openBrowser(flow.authorizeUrl);
    const auth = await flow.result;
    expect(server.state.tokens.map((t) => t.accessToken)).toEqual([auth.accessToken]);
  });
});

describe('blank parts', () => {
  it('the connector refuses an empty or blank part before calling the server', async () => {
    const server = await start();
    const c = await connector(server);
    const single = await publishError(c.publish(input([{ text: ' \n\t ' }])));
    expect(single.failure).toMatchObject({ kind: 'http', status: 422, message: expect.stringContaining('empty') });
    expect(classifyFailure(single.failure)).toBe('fail');

    // A thread with a blank part: refused as a whole, nothing published.
    const thread = await publishError(c.publish(input([{ text: 'Première partie' }, { text: '' }])));
    expect(thread.failure.message).toContain('Part 2');
    expect(server.requestsFor('POST /api/v1/statuses')).toHaveLength(0);

    // A poll needs no text; a part already sent is not checked again.
    const poll = { options: ['Oui', 'Non'], expiresInSeconds: 3600, multiple: false };
    await expect(c.publish(input([{ text: '' }], { poll }))).resolves.toHaveLength(1);
    const resumed = input([{ text: '' }, { text: 'Suite' }], { alreadySent: [{ remoteId: server.state.statuses[0]!.id, url: null }, null] });
    await expect(c.publish(resumed)).resolves.toHaveLength(2);
    expect(server.requestsFor('POST /api/v1/statuses')).toHaveLength(2);
  });
});

describe('422 answers with a bare code', () => {
  it('shows the server’s details instead of "invalid_request"', async () => {
    const server = await start({
      faults: {
        'POST /api/v1/statuses': [
          { kind: 'refuse', status: 422, body: { error: 'invalid_request', details: { status: [{ error: 'ERR_TOO_LONG', description: 'is too long (maximum is 500 characters)' }] } } },
          { kind: 'refuse', status: 422, body: { error: 'invalid_request', error_description: 'Language is not supported.' } },
        ],
      },
    });
    const c = await connector(server);
    const first = await publishError(c.publish(input([{ text: 'Bonjour' }])));
    expect(first.failure).toMatchObject({ status: 422, message: 'status: is too long (maximum is 500 characters)' });
    const second = await publishError(c.publish(input([{ text: 'Bonjour' }])));
    expect(second.failure.message).toBe('Language is not supported.');
  });
});
