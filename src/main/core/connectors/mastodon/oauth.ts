/**
 * Connecting a Mastodon account: app registration (cached per instance and redirect URI), OAuth 2
 * authorization code with PKCE S256 through the system browser and a loopback listener on
 * 127.0.0.1 and a random port (RFC 8252 §7.3), or the out-of-band fallback where the person pastes
 * the code, then verify_credentials. masto.js does the JSON calls here (apps, token, revoke,
 * verify_credentials); its failures are turned into PublishError by fromMastoError.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { readInstance } from './capabilities';
import { DEFAULT_TIMEOUT_MS, fromMastoError } from './http';
import { normalizeInstanceUrl } from './instance-url';

export const SCOPES = 'read write';
export const CLIENT_NAME = 'Tribune';
export const WEBSITE = 'https://tribune.invalid';
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';
export const LOOPBACK_CALLBACK_PATH = '/callback';
const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 10 * 60_000;

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

/** Where registered apps are kept between connections (the lead stores them encrypted in the vault). */
export interface AppCachePort {
  get(instanceUrl: string, redirectUri: string): Promise<RegisteredApp | null>;
  put(instanceUrl: string, redirectUri: string, app: RegisteredApp): Promise<void>;
}

/** What a successful authorization yields. clientId/clientSecret are returned so revoke() can use them later. */
export interface AuthorizationResult {
  accessToken: string;
  scope: string;
  clientId: string;
  clientSecret: string;
}

export type AuthorizationFailureReason = 'denied' | 'timeout' | 'cancelled' | 'invalid_callback';

/** An authorization that ended without a token for a reason other than an HTTP failure (those are PublishError). */
export class MastodonAuthorizationError extends Error {
  constructor(
    readonly reason: AuthorizationFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'MastodonAuthorizationError';
  }
}

/** POST /api/v1/apps once per instance and redirect URI; later calls read the cache. */
export async function registerApp(instanceUrl: string, opts: { redirectUri: string; cache: AppCachePort; timeoutMs?: number }): Promise<RegisteredApp> {
  const base = normalizeInstanceUrl(instanceUrl);
  const cached = await opts.cache.get(base, opts.redirectUri);
  if (cached?.clientId && cached.clientSecret) return cached;
  let created;
  try {
    created = await createRestAPIClient({ url: base, timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS }).v1.apps.create({
      clientName: CLIENT_NAME,
      redirectUris: [opts.redirectUri],
      scopes: SCOPES,
      website: WEBSITE,
    });
  } catch (error) {
    throw fromMastoError(base, error);
  }
  if (!created.clientId || !created.clientSecret) {
    throw new Error(`${new URL(base).host} registered the app but did not return its client credentials.`);
  }
  const app = { clientId: created.clientId, clientSecret: created.clientSecret };
  await opts.cache.put(base, opts.redirectUri, app);
  return app;
}

interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636: 32 random bytes as base64url (43 characters), challenge = BASE64URL(SHA256(verifier)). */
function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(base: string, app: RegisteredApp, redirectUri: string, pkce: Pkce, state?: string): string {
  const url = new URL('/oauth/authorize', base);
  const params: Record<string, string> = {
    client_id: app.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SCOPES,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  };
  if (state !== undefined) params.state = state;
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

async function exchangeCode(base: string, app: RegisteredApp, redirectUri: string, code: string, verifier: string, timeoutMs: number): Promise<AuthorizationResult> {
  // masto's CreateTokenParams lacks codeVerifier, but its serializer sends it as code_verifier.
  const params = {
    grantType: 'authorization_code' as const,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri,
    code,
    codeVerifier: verifier,
    scope: SCOPES,
  };
  try {
    const token = await createOAuthAPIClient({ url: base, timeout: timeoutMs }).token.create(params);
    return { accessToken: token.accessToken, scope: token.scope ?? SCOPES, clientId: app.clientId, clientSecret: app.clientSecret };
  } catch (error) {
    throw fromMastoError(base, error);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, text: string) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(body);
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const isLoopbackAddress = (address: string | undefined) => address === '127.0.0.1' || address === '::ffff:127.0.0.1';

export interface LoopbackAuthorization {
  authorizeUrl: string;
  /** Settles once: the token, or a MastodonAuthorizationError / PublishError. */
  result: Promise<AuthorizationResult>;
  cancel(): void;
}

/**
 * Opens a listener on 127.0.0.1 and a random port, registers (or reuses) the app for
 * http://127.0.0.1:PORT/callback and opens the authorize page in the browser. The listener
 * closes after one valid callback, on timeout or on cancel; callbacks with a wrong state, or from
 * another address than 127.0.0.1, are refused and do not end the wait.
 */
export async function startLoopbackAuthorization(
  instanceUrl: string,
  opts: { cache: AppCachePort; openBrowser: (url: string) => void | Promise<void>; timeoutMs?: number; requestTimeoutMs?: number },
): Promise<LoopbackAuthorization> {
  const base = normalizeInstanceUrl(instanceUrl);
  const requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pkce = pkcePair();
  const state = randomBytes(24).toString('base64url');

  let settled = false;
  let resolveResult!: (value: AuthorizationResult) => void;
  let rejectResult!: (reason: unknown) => void;
  const result = new Promise<AuthorizationResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // The caller may cancel before awaiting `result`: never an unhandled rejection.
  result.catch(() => {});

  let app: RegisteredApp | undefined;
  let redirectUri = '';

  const server = http.createServer();
  const close = () => {
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
  };
  const finish = (outcome: { ok: AuthorizationResult } | { error: unknown }) => {
    if (settled) return;
    settled = true;
    close();
    if ('ok' in outcome) resolveResult(outcome.ok);
    else rejectResult(outcome.error);
  };
  // The whole flow (registration included) is bounded.
  const timer = setTimeout(
    () => finish({ error: new MastodonAuthorizationError('timeout', 'The authorization was not completed in time. Start again from Tribune.') }),
    opts.timeoutMs ?? DEFAULT_AUTHORIZATION_TIMEOUT_MS,
  );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!isLoopbackAddress(req.socket.remoteAddress)) {
      page(res, 403, 'Not allowed', 'This address only answers this computer.');
      return;
    }
    const url = new URL(req.url ?? '/', redirectUri || 'http://127.0.0.1');
    if (url.pathname !== LOOPBACK_CALLBACK_PATH) {
      page(res, 404, 'Not found', 'Nothing here.');
      return;
    }
    if (req.method !== 'GET') {
      page(res, 405, 'Not allowed', 'Only the sign-in redirect is accepted here.');
      return;
    }
    if (settled || !app) {
      page(res, 410, 'Sign-in finished', 'This sign-in has already ended. You can close this window.');
      return;
    }
    const returnedState = url.searchParams.get('state');
    // Some servers send a refusal back without the state: it cannot be a forged code (there is
    // none), and waiting out the timeout would leave the person stuck, so the attempt ends here.
    if (returnedState === null && url.searchParams.get('error') === 'access_denied' && !url.searchParams.has('code')) {
      finish({ error: new MastodonAuthorizationError('denied', url.searchParams.get('error_description') ?? 'The server refused the authorization.') });
      page(res, 200, 'Not connected', 'The authorization was not granted. You can close this window and return to Tribune.');
      return;
    }
    if (!returnedState || !sameSecret(returnedState, state)) {
      page(res, 400, 'Sign-in not recognised', 'This answer does not belong to the sign-in Tribune started. Start again from Tribune.');
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description');
      finish({
        error: new MastodonAuthorizationError(error === 'access_denied' ? 'denied' : 'invalid_callback', description ?? `The server refused the authorization (${error}).`),
      });
      page(res, 200, 'Not connected', 'The authorization was not granted. You can close this window and return to Tribune.');
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      page(res, 400, 'Sign-in not recognised', 'The answer carries no authorization code. Start again from Tribune.');
      return;
    }
    // One valid callback ends the wait, whatever the exchange gives: no second code is accepted.
    settled = true;
    clearTimeout(timer);
    try {
      const token = await exchangeCode(base, app, redirectUri, code, pkce.verifier, requestTimeoutMs);
      page(res, 200, 'Tribune is connected', 'You can close this window and return to Tribune.');
      close();
      resolveResult(token);
    } catch (e) {
      page(res, 502, 'Not connected', 'Tribune could not finish the sign-in. You can close this window and try again from Tribune.');
      close();
      rejectResult(e);
    }
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) page(res, 500, 'Error', 'Something went wrong.');
      finish({ error: e });
    });
  });

  let url: string;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${LOOPBACK_CALLBACK_PATH}`;
    app = await registerApp(base, { redirectUri, cache: opts.cache, timeoutMs: requestTimeoutMs });
    url = authorizeUrl(base, app, redirectUri, pkce, state);
    // The wait may already be over (timeout or cancel during registration): no browser then.
    if (!settled) await opts.openBrowser(url);
  } catch (error) {
    finish({ error });
    throw error;
  }
  return {
    authorizeUrl: url,
    result,
    cancel: () => finish({ error: new MastodonAuthorizationError('cancelled', 'The authorization was cancelled.') }),
  };
}

export interface OutOfBandAuthorization {
  authorizeUrl: string;
  /** Exchanges the code the person pasted (PKCE verifier included). */
  complete(code: string): Promise<AuthorizationResult>;
}

/** The fallback when no loopback listener can be used: the server shows the code and the person pastes it. */
export async function startOutOfBandAuthorization(instanceUrl: string, opts: { cache: AppCachePort; timeoutMs?: number }): Promise<OutOfBandAuthorization> {
  const base = normalizeInstanceUrl(instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const app = await registerApp(base, { redirectUri: OOB_REDIRECT_URI, cache: opts.cache, timeoutMs });
  const pkce = pkcePair();
  return {
    authorizeUrl: authorizeUrl(base, app, OOB_REDIRECT_URI, pkce),
    complete: (code: string) => {
      const trimmed = code.trim();
      if (!trimmed || /\s/.test(trimmed)) {
        return Promise.reject(new MastodonAuthorizationError('invalid_callback', 'Paste the authorization code shown by your server.'));
      }
      return exchangeCode(base, app, OOB_REDIRECT_URI, trimmed, pkce.verifier, timeoutMs);
    },
  };
}

export interface VerifiedAccount {
  remoteId: string;
  /** user@handle-domain: the instance's own domain (v2 `domain`, v1 `uri`), else the API host. */
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

async function credentials(base: string, accessToken: string, timeoutMs: number) {
  try {
    return await createRestAPIClient({ url: base, accessToken, timeout: timeoutMs }).v1.accounts.verifyCredentials();
  } catch (error) {
    throw fromMastoError(base, error);
  }
}

/** GET /api/v1/accounts/verify_credentials: whether the token still works. Throws PublishError (401: reconnectNeeded). */
export async function checkToken(instanceUrl: string, accessToken: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  await credentials(normalizeInstanceUrl(instanceUrl), accessToken, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/**
 * Who the token belongs to, named as other servers name them: the handle domain comes from the
 * instance document, because a server's handles may live on another domain than its API
 * (Mastodon's LOCAL_DOMAIN vs WEB_DOMAIN). Throws PublishError (401: reconnectNeeded).
 */
export async function verifyAccount(instanceUrl: string, accessToken: string, opts: { timeoutMs?: number } = {}): Promise<VerifiedAccount> {
  const base = normalizeInstanceUrl(instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [me, instance] = await Promise.all([credentials(base, accessToken, timeoutMs), readInstance(base, { timeoutMs })]);
  const domain = instance.domain ?? new URL(base).host;
  return {
    remoteId: me.id,
    handle: me.acct.includes('@') ? me.acct : `${me.username}@${domain}`,
    displayName: me.displayName || me.username,
    avatarUrl: me.avatar || null,
  };
}

/** POST /oauth/revoke. */
export async function revokeToken(instanceUrl: string, opts: { clientId: string; clientSecret: string; token: string; timeoutMs?: number }): Promise<void> {
  const base = normalizeInstanceUrl(instanceUrl);
  try {
    await createOAuthAPIClient({ url: base, timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS }).revoke({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      token: opts.token,
    });
  } catch (error) {
    throw fromMastoError(base, error);
  }
}
