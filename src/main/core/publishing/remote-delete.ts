/**
 * "Delete from the network": every published part of one target is deleted through its
 * account's connector, the last part of a thread first (so no reply is left pointing at a
 * deleted parent while the rest goes), then the target is marked deleted. Deleting a part
 * that is already gone counts as done, so a deletion stopped half way can simply be asked again.
 */
import type { Account } from '../../../shared/domain';
import type { PostView } from '../../../shared/publishing';
import { AppFailure } from '../../../shared/result';
import { failures } from '../failures';
import type { Clock } from '../clock';
import { PublishError } from '../connectors/types';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import type { DraftRepository } from '../repositories/drafts';
import type { PostTargetRepository } from '../repositories/post-targets';
import type { RemoteDeletionRepository } from '../repositories/remote-deletions';
import type { ConnectorRegistry } from './registry';

export interface RemoteDeleteDeps {
  clock: Clock;
  log: Logger;
  accounts: AccountRepository;
  drafts: DraftRepository;
  targets: PostTargetRepository;
  deletions: RemoteDeletionRepository;
  connectors: ConnectorRegistry;
  /** The post as the columns show it, after the change. */
  view: (draftId: string) => PostView;
  /** posts.changed, and accounts.changed when the account must be reconnected. */
  postsChanged: (workspaceId: string) => void;
  reconnectNeeded: (account: Pick<Account, 'id' | 'workspaceId'>) => void;
}

/** A target that is done with publishing: nothing else will write to it while its parts are deleted. */
const SETTLED = new Set(['sent', 'failed', 'skipped', 'cancelled']);

export class RemoteDeletion {
  private readonly inFlight = new Set<string>();

  constructor(private readonly d: RemoteDeleteDeps) {}

  async deleteTarget(targetId: string): Promise<PostView> {
    const row = this.d.targets.get(targetId);
    const draft = row ? this.d.drafts.get(row.draft_id) : null;
    if (!row || !draft) throw failures.publicationNotFound();
    const parts = this.d.targets.sentParts(row).filter((p) => p !== null);
    if (row.remote_deleted_at !== null) return this.d.view(row.draft_id);
    if (parts.length === 0 || !SETTLED.has(row.status)) {
      throw new AppFailure('delete_remote_not_allowed', 'Only a post that went out (and is not going out right now) can be deleted from its network.');
    }
    const account = this.d.accounts.get(row.account_id);
    if (!account || account.removed) throw new AppFailure('delete_remote_account_removed', 'The account that published this post was removed from Tribune: delete it on the network itself.');
    if (account.health === 'reconnect_needed') {
      throw new AppFailure('account_reconnect_needed', `${account.handle} needs reconnecting before its posts can be deleted.`, { handle: account.handle });
    }
    if (this.inFlight.has(targetId)) throw new AppFailure('delete_remote_in_progress', 'This post is already being deleted.');

    this.inFlight.add(targetId);
    try {
      const connector = this.d.connectors.forAccount(account, () => this.d.reconnectNeeded(account));
      for (const part of [...parts].reverse()) {
        try {
          await connector.delete(part.remoteId);
        } catch (error) {
          throw this.failure(error, account);
        }
      }
      this.d.deletions.markDeleted(targetId, this.d.clock.now());
    } finally {
      this.inFlight.delete(targetId);
    }
    this.d.postsChanged(draft.workspaceId);
    return this.d.view(row.draft_id);
  }

  /** What the person reads when the network did not delete it: a code, and the network's own words. */
  private failure(error: unknown, account: Pick<Account, 'id' | 'workspaceId' | 'handle'>): AppFailure {
    if (!(error instanceof PublishError)) {
      this.d.log.error('deleting from the network failed', error);
      const detail = error instanceof Error ? error.message : String(error);
      return new AppFailure('network_refused', detail, { detail });
    }
    if (error.reconnectNeeded) {
      this.d.reconnectNeeded(account);
      return new AppFailure('account_reconnect_needed', error.failure.message, { handle: account.handle });
    }
    // No answer, or a server that cannot answer now (5xx, rate limit): worth trying again later.
    const status = error.failure.status ?? 0;
    const detail = { detail: error.failure.message };
    if (error.failure.kind !== 'http' || status >= 500 || status === 429) return new AppFailure('network_unreachable', error.failure.message, detail);
    return new AppFailure('network_refused', error.failure.message, detail);
  }
}
