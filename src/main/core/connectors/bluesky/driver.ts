/** Bluesky as the core sees it: an app-password sign-in, a connector per account, TIDs as record keys. */
import type { DriverContext, NetworkDriver } from '../types';
import { BLUESKY_CAPABILITIES, createBlueskyConnector } from './connector';
import { fetchLinkCard } from './linkcard';
import { loginBluesky } from './login';
import { newRecordKey } from './tid';

export function blueskyDriver({ options }: DriverContext): NetworkDriver {
  return {
    network: 'bluesky',
    defaultCapabilities: BLUESKY_CAPABILITIES,
    link: {
      kind: 'password',
      login: async ({ identifier, password, serviceUrl }) => {
        const { profile, session } = await loginBluesky({
          identifier,
          appPassword: password,
          ...(serviceUrl ? { service: serviceUrl } : {}),
          ...(options.plcUrl ? { plcUrl: options.plcUrl } : {}),
        });
        return { remoteId: profile.did, handle: profile.handle, displayName: profile.displayName, avatarUrl: profile.avatarUrl, serviceUrl: profile.serviceUrl, secret: session };
      },
    },
    createConnector: (account, secrets, onReconnectNeeded) =>
      createBlueskyConnector({
        accountId: account.id,
        serviceUrl: account.serviceUrl,
        secrets,
        onReconnectNeeded,
        ...(options.appviewUrl ? { appviewUrl: options.appviewUrl } : {}),
        ...(options.chatDid ? { chatDid: options.chatDid } : {}),
        ...(options.linkCards === false ? {} : { fetchLinkCard }),
      }),
    partKeys: (count) => Array.from({ length: count }, () => newRecordKey()),
  };
}
