/** One connector per account, built by its network's driver with the account's secrets from the vault. */
import type { Account, Network } from '../../../shared/domain';
import type { Capabilities } from '../../../shared/publishing';
import type { Connector, SecretsPort } from '../connectors/types';
import type { Vault } from '../vault/vault';

/** What a network folder gives the core (see connectors/bluesky and connectors/mastodon). */
export interface NetworkDriver {
  network: Network;
  /** Used until the account's own limits were read (offline composing works with these). */
  defaultCapabilities: Capabilities;
  createConnector(account: Account, secrets: SecretsPort, onReconnectNeeded: () => void): Connector;
  /** Keys for `count` parts, chosen before anything is sent (Bluesky record keys, Mastodon idempotency keys). */
  partKeys(count: number): string[];
}

export const accountSecretId = (accountId: string) => `account:${accountId}`;

export class ConnectorRegistry {
  private readonly cache = new Map<string, Connector>();

  constructor(
    private readonly drivers: Record<Network, NetworkDriver>,
    private readonly vault: Vault,
  ) {}

  driver(network: Network): NetworkDriver {
    return this.drivers[network];
  }

  secretsFor(account: Pick<Account, 'id'>): SecretsPort {
    const id = accountSecretId(account.id);
    return {
      load: async () => this.vault.readSecret(id),
      save: async (value) => this.vault.storeSecret(id, account.id, value),
    };
  }

  forAccount(account: Account, onReconnectNeeded: () => void): Connector {
    const cached = this.cache.get(account.id);
    if (cached) return cached;
    const connector = this.drivers[account.network].createConnector(account, this.secretsFor(account), onReconnectNeeded);
    this.cache.set(account.id, connector);
    return connector;
  }

  /** Drops the cached connector (after a reconnect or a removal), so the next one reads fresh secrets. */
  forget(accountId: string): void {
    this.cache.delete(accountId);
  }

  partKeys(network: Network, count: number): string[] {
    return this.drivers[network].partKeys(count);
  }

  defaultCapabilities(network: Network): Capabilities {
    return this.drivers[network].defaultCapabilities;
  }
}
