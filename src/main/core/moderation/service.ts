/**
 * Moderation from any card or inbox item, as one of the workspace's accounts: the item's
 * context is read from the cache (its thread's root, what it quotes, each account's id for
 * it), the account's connector does it, and every attempt is in the audit log with the
 * network's outcome. A refusal leaves everything as it was and says the server's words; done,
 * a hide, detach, block or report settles the item's inbox entry (done, by the rule that asked
 * or by hand).
 */
import { UNDO_OF, canModerate, type ModerationAction, type ModerationResult, type ReportDetails, type ServerRule } from '../../../shared/inbox/moderation';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { ModerationNotAllowed, type Moderator } from '../connectors/moderation';
import { ReadError } from '../connectors/reader';
import type { AuditLog } from '../inbox/audit';
import type { AccountRepository } from '../repositories/accounts';
import type { Db } from '../store/database';

export interface ModerationDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  audit: AuditLog;
  moderatorFor(accountId: string): Moderator | null;
  changed(workspaceId: string, itemId: string): void;
}

const SETTLES: readonly ModerationAction[] = ['hide_reply', 'detach_quote', 'block', 'report'];

interface TargetRow {
  uri: string;
  network: string;
  body: string;
  author: string;
  remote_id: string | null;
  cid: string | null;
}

export class ModerationService {
  private readonly s;

  constructor(private readonly d: ModerationDeps) {
    this.s = {
      target: d.db.prepare<{ itemId: string; accountId: string }, TargetRow>(
        `SELECT i.uri, i.network, i.body, a.remote_id AS author, v.remote_id, coalesce(v.cid, (SELECT cid FROM item_views w WHERE w.item_id = i.id AND w.cid IS NOT NULL LIMIT 1)) AS cid
         FROM items i JOIN actors a ON a.id = i.author_id LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = @accountId WHERE i.id = @itemId`,
      ),
      settle: d.db.prepare<{ ws: string; itemId: string; now: number; by: string }, { id: string }>(
        `UPDATE inbox_items SET state = 'done', snoozed_until = NULL, done_at = @now, done_by = @by
         WHERE workspace_id = @ws AND item_id = @itemId AND state != 'done' RETURNING id`,
      ),
    };
  }

  /** The server's rules a report can name; none when the network has no list, or it cannot be read now. */
  async rules(accountId: string): Promise<ServerRule[]> {
    const account = this.d.accounts.get(accountId);
    if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is not connected.');
    const moderator = this.d.moderatorFor(account.id);
    if (!moderator?.rules) return [];
    try {
      return await moderator.rules();
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
      if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message, { handle: account.handle });
      throw new AppFailure('network_unreachable', err.message, { detail: err.message });
    }
  }

  async act(input: { workspaceId: string; itemId: string; asAccountId: string; action: ModerationAction; ruleId?: string | undefined; report?: ReportDetails | undefined }): Promise<ModerationResult> {
    const account = this.d.accounts.get(input.asAccountId);
    if (!account || account.removed || account.workspaceId !== input.workspaceId) throw new AppFailure('account_not_found', 'This account is not connected to this workspace.');
    const row = this.s.target.get({ itemId: input.itemId, accountId: account.id });
    if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
    if (row.network !== account.network) throw new AppFailure('moderation_unsupported', 'This account is on another network.', { action: input.action, network: account.network });
    const moderator = this.d.moderatorFor(account.id);
    if (!moderator || !canModerate(account.network, input.action)) throw new AppFailure('moderation_unsupported', 'This network cannot moderate from Tribune.', { action: input.action, network: account.network });
    const body = JSON.parse(row.body) as { replyRoot?: { uri: string } | null; replyTo?: { uri: string } | null; quote?: { uri: string } | null };
    const target = {
      uri: row.uri,
      cid: row.cid,
      remoteId: row.remote_id,
      authorRemoteId: row.author,
      rootUri: body.replyRoot?.uri ?? body.replyTo?.uri ?? null,
      quotedUri: body.quote?.uri ?? null,
    };
    const record = (outcome: 'done' | 'refused' | 'unreachable', message: string | null = null) =>
      this.d.audit.record({ workspaceId: input.workspaceId, at: this.d.clock.now(), accountId: account.id, itemId: input.itemId, ruleId: input.ruleId ?? null, action: input.action, outcome, message });
    try {
      await moderator.moderate(input.action, target, input.report ?? null);
    } catch (err) {
      if (err instanceof ModerationNotAllowed) throw new AppFailure('moderation_not_allowed', err.message, { action: input.action });
      if (!(err instanceof ReadError)) throw err;
      if (err.kind === 'unsupported') throw new AppFailure('moderation_unsupported', err.message, { action: input.action, network: account.network });
      if (err.kind === 'unreachable') {
        record('unreachable', err.message);
        throw new AppFailure('network_unreachable', err.message, { detail: err.message });
      }
      record('refused', err.message);
      if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message, { handle: account.handle });
      throw new AppFailure('moderation_refused', err.message, { action: input.action });
    }
    record('done');
    const settled = SETTLES.includes(input.action) ? this.s.settle.all({ ws: input.workspaceId, itemId: input.itemId, now: this.d.clock.now(), by: input.ruleId ? 'rule' : 'hand' }) : [];
    this.d.changed(input.workspaceId, input.itemId);
    return { action: input.action, undo: UNDO_OF[input.action] ?? null, inboxItemId: settled[0]?.id ?? null };
  }
}
