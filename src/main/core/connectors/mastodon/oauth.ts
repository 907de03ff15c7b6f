/**
 * Connecting a Mastodon account: app registration (cached per instance and redirect URI) and
 * OAuth 2 authorization code with PKCE S256, through the system browser and a loopback listener
 * (oauth-loopback.ts) or the out-of-band fallback where the person pastes the code; then the
 * token is checked (tokens.ts). masto.js does the JSON calls (apps, token); its failures are
 * turned into PublishError by fromMastoError.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { DEFAULT_TIMEOUT_MS, fromMastoError } from './http';
import { normalizeInstanceUrl } from './instance-url';

export const SCOPES = 'read write';
export const CLIENT_NAME = 'Tribune';
export const WEBSITE = 'https://tribune.invalid';
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';
export const LOOPBACK_CALLBACK_PATH = '/callback';

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

export interface Pkce {
  verifier: string;
  challenge: string;
}

/** RFC 7636: 32 random bytes as base64url (43 characters), challenge = BASE64URL(SHA256(verifier)). */
export function pkcePair(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(base: string, app: RegisteredApp, redirectUri: string, pkce: Pkce, state?: string): string {
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

export async function exchangeCode(base: string, app: RegisteredApp, redirectUri: string, code: string, verifier: string, timeoutMs: number): Promise<AuthorizationResult> {
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
