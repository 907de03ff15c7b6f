/**
 * One connector per account, built by its network's driver (connectors/) with the account's
 * secrets from the vault.
 */
import type { Account, Network } from '../../../shared/domain';
import type { Capabilities } from '../../../shared/publishing';
import type { AccountLink, Connector, DriverContext, NetworkDriver, NetworkOptions, SecretsPort } from '../connectors/types';
import type { Vault } from '../vault/vault';

export const accountSecretId = (accountId: string) => `account:${accountId}`;

/** The drivers' context backed by the vault: app-wide secrets are encrypted like the accounts' own. */
export function vaultDriverContext(vault: Vault, options: NetworkOptions = {}): DriverContext {
  return {
    options,
    appSecrets: {
      read: async (id) => vault.readSecret(id),
      write: async (id, value) => vault.storeSecret(id, null, value),
    },
  };
}

export class ConnectorRegistry {
  private readonly cache = new Map<string, Connector>();

  constructor(
    private readonly drivers: Record<Network, NetworkDriver>,
    private readonly vault: Vault,
  ) {}

  /** How an account of this network is linked (a password sign-in, an OAuth authorization). */
  link(network: Network): AccountLink {
    return this.drivers[network].link;
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
