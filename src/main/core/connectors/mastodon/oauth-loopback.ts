/**
 * The browser authorization's loopback listener (RFC 8252 §7.3): 127.0.0.1 on a random port, one
 * valid callback (the state checked in constant time, from 127.0.0.1 only), then the code is
 * exchanged with its PKCE verifier; a small page tells the person to go back to Tribune.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TIMEOUT_MS } from './http';
import { normalizeInstanceUrl } from './instance-url';
import {
  authorizeUrl,
  exchangeCode,
  LOOPBACK_CALLBACK_PATH,
  MastodonAuthorizationError,
  pkcePair,
  registerApp,
  type AppCachePort,
  type AuthorizationResult,
  type RegisteredApp,
} from './oauth';

const DEFAULT_AUTHORIZATION_TIMEOUT_MS = 10 * 60_000;

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
