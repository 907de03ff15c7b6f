/**
 * Connecting and removing accounts. Secrets go straight into the vault; the renderer only
 * ever gets the shared Account entity.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../shared/domain';
import type { Capabilities } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import type { Vault } from '../vault/vault';
import { accountSecretId, type ConnectorRegistry } from './registry';
import type { PublishingService } from './service';

export interface BlueskyLogin {
  login(opts: { identifier: string; appPassword: string; service?: string }): Promise<{
    profile: { did: string; handle: string; displayName: string; avatarUrl: string | null; serviceUrl: string };
    session: string;
  }>;
}

export interface MastodonAuthorization {
  instanceUrl: string;
  authorizeUrl: string;
  /** The page that shows a code to paste, for when the browser cannot come back to Tribune. */
  outOfBandUrl: string;
  /** Resolves when the browser comes back to the loopback listener; `secret` is what the vault keeps. */
  viaBrowser: Promise<{ secret: string }>;
  /** The out-of-band path: the person pasted the code the instance showed. */
  withCode(code: string): Promise<{ secret: string }>;
  cancel(): void;
}

export interface MastodonLogin {
  begin(instance: string, openBrowser: (url: string) => void): Promise<MastodonAuthorization>;
  verify(instanceUrl: string, secret: string): Promise<{ remoteId: string; handle: string; displayName: string; avatarUrl: string | null }>;
}

export interface AccountDeps {
  clock: Clock;
  log: Logger;
  accounts: AccountRepository;
  vault: Vault;
  connectors: ConnectorRegistry;
  publishing: PublishingService;
  bluesky: BlueskyLogin;
  mastodon: MastodonLogin;
  /** The desktop shell opens the system browser; the web host lets the page open the link. */
  openBrowser: (url: string) => void;
  emit: (workspaceId: string) => void;
}

const ATTEMPT_TTL_MS = 15 * 60_000;

export class AccountService {
  private readonly attempts = new Map<string, { workspaceId: string; auth: MastodonAuthorization; expires: number }>();

  constructor(private readonly d: AccountDeps) {}

  async connectBluesky(input: { workspaceId: string; identifier: string; appPassword: string; serviceUrl?: string }): Promise<Account> {
    this.requireVault();
    let result;
    try {
      result = await this.d.bluesky.login({ identifier: input.identifier, appPassword: input.appPassword, ...(input.serviceUrl ? { service: input.serviceUrl } : {}) });
    } catch (error) {
      throw new AppFailure('conflict', error instanceof Error ? error.message : 'Bluesky refused this handle and app password.');
    }
    const { profile, session } = result;
    return this.save(input.workspaceId, 'bluesky', { remoteId: profile.did, handle: profile.handle, displayName: profile.displayName, avatarUrl: profile.avatarUrl, serviceUrl: profile.serviceUrl }, session);
  }

  async beginMastodon(input: { workspaceId: string; instance: string }): Promise<{ attemptId: string; authorizeUrl: string; outOfBandUrl: string }> {
    this.requireVault();
    this.expireAttempts();
    let auth: MastodonAuthorization;
    try {
      auth = await this.d.mastodon.begin(input.instance, this.d.openBrowser);
    } catch (error) {
      throw new AppFailure('conflict', error instanceof Error ? error.message : `Tribune could not reach ${input.instance}.`);
    }
    const attemptId = randomUUID();
    this.attempts.set(attemptId, { workspaceId: input.workspaceId, auth, expires: this.d.clock.now() + ATTEMPT_TTL_MS });
    // A browser that never comes back must not leave an unhandled rejection behind.
    auth.viaBrowser.catch(() => undefined);
    return { attemptId, authorizeUrl: auth.authorizeUrl, outOfBandUrl: auth.outOfBandUrl };
  }

  async completeMastodon(input: { attemptId: string; code?: string }): Promise<Account> {
    const attempt = this.attempts.get(input.attemptId);
    if (!attempt) throw new AppFailure('not_found', 'This connection attempt expired; start again.');
    let token: { secret: string };
    try {
      token = input.code ? await attempt.auth.withCode(input.code) : await attempt.auth.viaBrowser;
    } catch (error) {
      // A mistyped code can be pasted again; a browser flow that failed is over.
      if (!input.code) this.attempts.delete(input.attemptId);
      throw new AppFailure('conflict', error instanceof Error ? error.message : 'The instance did not authorize Tribune.');
    }
    this.attempts.delete(input.attemptId);
    attempt.auth.cancel();
    const who = await this.d.mastodon.verify(attempt.auth.instanceUrl, token.secret).catch((error: unknown) => {
      throw new AppFailure('conflict', error instanceof Error ? error.message : 'The instance did not accept the new token.');
    });
    return this.save(attempt.workspaceId, 'mastodon', { ...who, serviceUrl: attempt.auth.instanceUrl }, token.secret);
  }

  cancelMastodon(attemptId: string): void {
    this.attempts.get(attemptId)?.auth.cancel();
    this.attempts.delete(attemptId);
  }

  /** Revokes where the network allows it, deletes the secrets; history stays unless asked. */
  async remove(id: string, deleteHistory: boolean): Promise<void> {
    const account = this.d.accounts.get(id);
    if (!account || account.removed) throw new AppFailure('not_found', 'This account was not found (it may have been removed).');
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
    if (!account || account.removed) throw new AppFailure('not_found', 'This account was not found.');
    try {
      const fresh = await this.d.connectors.forAccount(account, () => undefined).capabilities();
      this.d.accounts.cacheCapabilities(id, fresh);
      return fresh;
    } catch {
      return this.d.publishing.capabilities(account);
    }
  }

  private save(
    workspaceId: string,
    network: 'bluesky' | 'mastodon',
    who: { remoteId: string; handle: string; displayName: string; avatarUrl: string | null; serviceUrl: string },
    secret: string,
  ): Account {
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
