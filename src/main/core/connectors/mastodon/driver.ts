/**
 * Mastodon (and servers implementing its client API) as the core sees it: app registration and
 * OAuth with PKCE (loopback listener, or a pasted code), a connector per account, UUIDs as
 * Idempotency-Keys.
 */
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../../shared/result';
import type { DriverContext, LinkedAccount, NetworkDriver } from '../types';
import { MASTODON_DEFAULT_CAPABILITIES } from './capabilities';
import { createMastodonConnector } from './connector';
import { normalizeInstanceUrl } from './instance-url';
import { MastodonAuthorizationError, startOutOfBandAuthorization, type AppCachePort, type AuthorizationResult } from './oauth';
import { startLoopbackAuthorization } from './oauth-loopback';
import { verifyAccount } from './tokens';

/** Registered apps are app-wide secrets (their client secret is one): one entry per instance and redirect URI. */
function appCache(appSecrets: DriverContext['appSecrets']): AppCachePort {
  const id = (instanceUrl: string, redirectUri: string) => `mastodon-app:${instanceUrl} ${redirectUri}`;
  return {
    get: async (instanceUrl, redirectUri) => {
      const raw = await appSecrets.read(id(instanceUrl, redirectUri));
      return raw ? (JSON.parse(raw) as { clientId: string; clientSecret: string }) : null;
    },
    put: (instanceUrl, redirectUri, app) => appSecrets.write(id(instanceUrl, redirectUri), JSON.stringify(app)),
  };
}

/** A refusal is the person's (or the server's) answer, with a code the renderer translates. */
function refusalAsFailure(error: unknown): never {
  if (error instanceof MastodonAuthorizationError && error.reason === 'denied') throw new AppFailure('authorization_refused', error.message);
  throw error;
}

export function mastodonDriver({ appSecrets }: DriverContext): NetworkDriver {
  const cache = appCache(appSecrets);
  return {
    network: 'mastodon',
    defaultCapabilities: MASTODON_DEFAULT_CAPABILITIES,
    link: {
      kind: 'authorization',
      begin: async (server, openBrowser) => {
        const instanceUrl = normalizeInstanceUrl(server);
        const outOfBand = await startOutOfBandAuthorization(instanceUrl, { cache });
        const loopback = await startLoopbackAuthorization(instanceUrl, { cache, openBrowser });
        // The vault keeps the client id and secret with the token: revoking needs them.
        const linked = async (token: AuthorizationResult): Promise<LinkedAccount> => {
          const who = await verifyAccount(instanceUrl, token.accessToken);
          const secret = JSON.stringify({ accessToken: token.accessToken, clientId: token.clientId, clientSecret: token.clientSecret });
          return { ...who, serviceUrl: instanceUrl, secret };
        };
        return {
          authorizeUrl: loopback.authorizeUrl,
          outOfBandUrl: outOfBand.authorizeUrl,
          viaBrowser: loopback.result.then(linked, refusalAsFailure),
          withCode: (code) => outOfBand.complete(code).then(linked, refusalAsFailure),
          cancel: () => loopback.cancel(),
        };
      },
    },
    createConnector: (account, secrets, onReconnectNeeded) => createMastodonConnector({ accountId: account.id, instanceUrl: account.serviceUrl, secrets, onReconnectNeeded }),
    partKeys: (count) => Array.from({ length: count }, () => randomUUID()),
  };
}
