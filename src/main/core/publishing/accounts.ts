/**
 * Connecting and removing accounts. Secrets go straight into the vault; the renderer only
 * ever gets the shared Account entity.
 */
import { randomUUID } from 'node:crypto';
import type { Account, Network } from '../../../shared/domain';
import type { Capabilities } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
import { failures } from '../failures';
import type { Clock } from '../clock';
import type { AuthorizationLink, LinkedAccount, PasswordLink, PendingAuthorization } from '../connectors/types';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import type { Vault } from '../vault/vault';
import { accountSecretId, type ConnectorRegistry } from './registry';
import type { PublishingService } from './service';

export interface AccountDeps {
  clock: Clock;
  log: Logger;
  accounts: AccountRepository;
  vault: Vault;
  connectors: ConnectorRegistry;
  publishing: PublishingService;
  /** The desktop shell opens the system browser; the web host lets the page open the link. */
  openBrowser: (url: string) => void;
  emit: (workspaceId: string) => void;
}

/** A failure of the network's sign-in: its own code when it has one, else its sentence. */
const linkFailure = (error: unknown, fallback: string): AppFailure =>
  error instanceof AppFailure ? error : new AppFailure('account_link_failed', error instanceof Error ? error.message : fallback, { detail: error instanceof Error ? error.message : fallback });

const ATTEMPT_TTL_MS = 15 * 60_000;

export class AccountService {
  private readonly attempts = new Map<string, { workspaceId: string; network: Network; auth: PendingAuthorization; expires: number }>();

  constructor(private readonly d: AccountDeps) {}

  /** Networks whose accounts sign in with an identifier and an app password (Bluesky). */
  async connectWithPassword(network: Network, input: { workspaceId: string; identifier: string; password: string; serviceUrl?: string }): Promise<Account> {
    this.requireVault();
    const link = this.link(network, 'password') as PasswordLink;
    let linked: LinkedAccount;
    try {
      linked = await link.login({ identifier: input.identifier, password: input.password, ...(input.serviceUrl ? { serviceUrl: input.serviceUrl } : {}) });
    } catch (error) {
      throw linkFailure(error, 'The network refused this identifier and app password.');
    }
    return this.save(input.workspaceId, network, linked);
  }

  /** Networks that authorize Tribune in the browser (Mastodon): registers the app if needed and opens the page. */
  async beginAuthorization(network: Network, input: { workspaceId: string; server: string }): Promise<{ attemptId: string; authorizeUrl: string; outOfBandUrl: string }> {
    this.requireVault();
    this.expireAttempts();
    const link = this.link(network, 'authorization') as AuthorizationLink;
    let auth: PendingAuthorization;
    try {
      auth = await link.begin(input.server, this.d.openBrowser);
    } catch (error) {
      throw linkFailure(error, `Tribune could not reach ${input.server}.`);
    }
    const attemptId = randomUUID();
    this.attempts.set(attemptId, { workspaceId: input.workspaceId, network, auth, expires: this.d.clock.now() + ATTEMPT_TTL_MS });
    // A browser that never comes back must not leave an unhandled rejection behind.
    auth.viaBrowser.catch(() => undefined);
    return { attemptId, authorizeUrl: auth.authorizeUrl, outOfBandUrl: auth.outOfBandUrl };
  }

  /** Waits for the browser to come back, or takes the code the person pasted. */
  async completeAuthorization(input: { attemptId: string; code?: string }): Promise<Account> {
    const attempt = this.attempts.get(input.attemptId);
    if (!attempt) throw new AppFailure('connection_attempt_expired', 'This connection attempt expired; start again.');
    let linked: LinkedAccount;
    try {
      linked = input.code ? await attempt.auth.withCode(input.code) : await attempt.auth.viaBrowser;
    } catch (error) {
      // A mistyped code can be pasted again; a browser flow that failed is over.
      if (!input.code) this.attempts.delete(input.attemptId);
      throw linkFailure(error, 'The server did not authorize Tribune.');
    }
    this.attempts.delete(input.attemptId);
    attempt.auth.cancel();
    return this.save(attempt.workspaceId, attempt.network, linked);
  }

  cancelAuthorization(attemptId: string): void {
    this.attempts.get(attemptId)?.auth.cancel();
    this.attempts.delete(attemptId);
  }

  /** Revokes where the network allows it, deletes the secrets; history stays unless asked. */
  async remove(id: string, deleteHistory: boolean): Promise<void> {
    const account = this.d.accounts.get(id);
    if (!account || account.removed) throw failures.accountNotFound();
    try {
      await this.d.connectors.forAccount(account, () => undefined).revoke();
    } catch (error) {
      // Offline or already revoked: the local secrets go anyway.
      this.d.log.info(`could not revoke the token of ${account.network} account ${account.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.d.connectors.forget(id);
    this.d.vault.deleteAccountSecrets(id);
    this.d.publishing.removeAccountTargets(id, deleteHistory);
    this.d.accounts.remove(id, this.d.clock.now());
    if (deleteHistory) this.d.accounts.purge(id);
    this.d.emit(account.workspaceId);
  }

  /** The account's limits, read from the network when online and cached for offline composing. */
  async capabilities(id: string): Promise<Capabilities> {
    const account = this.d.accounts.get(id);
    if (!account || account.removed) throw failures.accountNotFound();
    try {
      const fresh = await this.d.connectors.forAccount(account, () => this.reconnectNeeded(account)).capabilities();
      this.d.accounts.cacheCapabilities(id, fresh);
      return fresh;
    } catch {
      return this.d.publishing.capabilities(account);
    }
  }

  /** The network refused the account's session: it shows "reconnect needed" (its posts wait for it). */
  private reconnectNeeded(account: Pick<Account, 'id' | 'workspaceId'>): void {
    if (this.d.accounts.setHealth(account.id, 'reconnect_needed')) this.d.emit(account.workspaceId);
  }

  private link(network: Network, kind: 'password' | 'authorization') {
    const link = this.d.connectors.link(network);
    if (link.kind !== kind) throw new AppFailure('account_link_mismatch', `${network} accounts are not connected this way.`, { network });
    return link;
  }

  private save(workspaceId: string, network: Network, linked: LinkedAccount): Account {
    const { secret, ...who } = linked;
    const account = this.d.accounts.upsert({ id: randomUUID(), workspaceId, network, ...who, createdAt: this.d.clock.now() });
    this.d.vault.storeSecret(accountSecretId(account.id), account.id, secret);
    this.d.connectors.forget(account.id);
    this.d.publishing.accountReconnected(account.id, workspaceId);
    this.d.emit(workspaceId);
    return account;
  }

  private requireVault(): void {
    const status = this.d.vault.status();
    if (status.state !== 'ready') {
      throw new AppFailure(status.state === 'needs_setup' ? 'vault_unavailable' : 'vault_locked', 'Unlock or set up the vault before connecting an account: its tokens are kept there.');
    }
  }

  private expireAttempts(): void {
    const now = this.d.clock.now();
    for (const [id, attempt] of this.attempts) {
      if (attempt.expires < now) {
        attempt.auth.cancel();
        this.attempts.delete(id);
      }
    }
  }
}
