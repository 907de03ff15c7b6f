/** The real networks, as the core uses them: drivers for publishing, logins for connecting accounts. */
import type { Account } from '../../../shared/domain';
import type { BlueskyLogin, MastodonLogin } from '../publishing/accounts';
import type { NetworkDriver } from '../publishing/registry';
import type { Vault } from '../vault/vault';
import { BLUESKY_CAPABILITIES, createBlueskyConnector, fetchLinkCard, loginBluesky, newRecordKey } from './bluesky';
import {
  createMastodonConnector,
  MASTODON_DEFAULT_CAPABILITIES,
  normalizeInstanceUrl,
  startLoopbackAuthorization,
  startOutOfBandAuthorization,
  verifyAccount,
  type AppCachePort,
} from './mastodon';
import { randomUUID } from 'node:crypto';

export interface NetworkOptions {
  /** The PLC directory used to find a Bluesky handle's PDS (tests and the sandbox pass their own). */
  plcUrl?: string;
  /** An AppView for reads (the sandbox's). */
  appviewUrl?: string;
  /** Link cards are fetched from the open web; off in tests. */
  linkCards?: boolean;
}


/** Registered Mastodon apps, kept encrypted in the vault (their client secret is a secret too). */
function vaultAppCache(vault: Vault): AppCachePort {
  const id = (instanceUrl: string, redirectUri: string) => `mastodon-app:${instanceUrl} ${redirectUri}`;
  return {
    get: async (instanceUrl, redirectUri) => {
      const raw = vault.readSecret(id(instanceUrl, redirectUri));
      return raw ? (JSON.parse(raw) as { clientId: string; clientSecret: string }) : null;
    },
    put: async (instanceUrl, redirectUri, app) => vault.storeSecret(id(instanceUrl, redirectUri), null, JSON.stringify(app)),
  };
}

export function realNetworks(vault: Vault, options: NetworkOptions = {}): {
  drivers: Record<'bluesky' | 'mastodon', NetworkDriver>;
  bluesky: BlueskyLogin;
  mastodon: MastodonLogin;
} {
  const appCache = vaultAppCache(vault);
  return {
    drivers: {
      bluesky: {
        network: 'bluesky',
        defaultCapabilities: BLUESKY_CAPABILITIES,
        createConnector: (account: Account, secrets, onReconnectNeeded) =>
          createBlueskyConnector({
            accountId: account.id,
            serviceUrl: account.serviceUrl,
            secrets,
            onReconnectNeeded,
            ...(options.appviewUrl ? { appviewUrl: options.appviewUrl } : {}),
            ...(options.linkCards === false ? {} : { fetchLinkCard }),
          }),
        partKeys: (count) => Array.from({ length: count }, () => newRecordKey()),
      },
      mastodon: {
        network: 'mastodon',
        defaultCapabilities: MASTODON_DEFAULT_CAPABILITIES,
        createConnector: (account: Account, secrets, onReconnectNeeded) =>
          createMastodonConnector({ accountId: account.id, instanceUrl: account.serviceUrl, secrets, onReconnectNeeded }),
        partKeys: (count) => Array.from({ length: count }, () => randomUUID()),
      },
    },
    bluesky: {
      login: (opts) => loginBluesky({ ...opts, ...(options.plcUrl ? { plcUrl: options.plcUrl } : {}) }),
    },
    mastodon: {
      begin: async (instance, openBrowser) => {
        const instanceUrl = normalizeInstanceUrl(instance);
        const outOfBand = await startOutOfBandAuthorization(instanceUrl, { cache: appCache });
        const loopback = await startLoopbackAuthorization(instanceUrl, { cache: appCache, openBrowser });
        // The vault keeps the client id and secret with the token: revoking needs them.
        const keep = (r: { accessToken: string; clientId: string; clientSecret: string }) => ({
          secret: JSON.stringify({ accessToken: r.accessToken, clientId: r.clientId, clientSecret: r.clientSecret }),
        });
        return {
          instanceUrl,
          authorizeUrl: loopback.authorizeUrl,
          outOfBandUrl: outOfBand.authorizeUrl,
          viaBrowser: loopback.result.then(keep),
          withCode: (code) => outOfBand.complete(code).then(keep),
          cancel: () => loopback.cancel(),
        };
      },
      verify: (instanceUrl, secret) => {
        const { accessToken } = JSON.parse(secret) as { accessToken: string };
        return verifyAccount(instanceUrl, accessToken);
      },
    },
  };
}
