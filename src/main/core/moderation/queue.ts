/**
 * Moderation actions waiting for the network (store v10, `moderation_queue`): taken while the
 * server could not be reached (or was throttling or failing), they are stored with the rule and
 * the report's details and go once, oldest first per account, when the host reports the
 * connection back, on the core's wake, or on a timer; an action taken while others of the same
 * account wait queues behind them, so the order holds. An undo taken before its action went
 * cancels both, as the board's actions do.
 */
import { randomUUID } from 'node:crypto';
import type { ModerationAction, ReportDetails } from '../../../shared/inbox/moderation';
import type { Db } from '../store/database';

export interface QueuedModeration {
  id: string;
  workspaceId: string;
  accountId: string;
  itemId: string;
  action: ModerationAction;
  ruleId: string | null;
  report: ReportDetails | null;
  attempts: number;
}

interface Row {
  id: string;
  workspace_id: string;
  account_id: string;
  item_id: string;
  action: ModerationAction;
  rule_id: string | null;
  report: string | null;
  attempts: number;
}

const toQueued = (r: Row): QueuedModeration => ({
  id: r.id,
  workspaceId: r.workspace_id,
  accountId: r.account_id,
  itemId: r.item_id,
  action: r.action,
  ruleId: r.rule_id,
  report: r.report ? (JSON.parse(r.report) as ReportDetails) : null,
  attempts: r.attempts,
});

export class ModerationQueue {
  private readonly s;

  constructor(db: Db) {
    // After a crash, an action that was being sent goes again (each network's actions are idempotent but reports).
    db.prepare("UPDATE moderation_queue SET state = 'pending' WHERE state = 'sending'").run();
    this.s = {
      insert: db.prepare(
        `INSERT INTO moderation_queue (id, workspace_id, account_id, item_id, action, rule_id, report, state, attempts, next_at, error_message, created_at, updated_at)
         VALUES (@id, @workspaceId, @accountId, @itemId, @action, @ruleId, @report, 'pending', @attempts, @nextAt, @message, @now, @now)`,
      ),
      waiting: db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM moderation_queue WHERE account_id = ? AND state IN ('pending', 'sending')"),
      opposite: db.prepare<[string, string, string], Row>("SELECT * FROM moderation_queue WHERE item_id = ? AND account_id = ? AND action = ? AND state = 'pending' ORDER BY created_at DESC LIMIT 1"),
      pendingRows: db.prepare<[], Row & { next_at: number }>("SELECT * FROM moderation_queue WHERE state = 'pending' ORDER BY created_at, rowid"),
      set: db.prepare<{ id: string; state: string; nextAt: number | null; message: string | null; now: number; tried: number }>(
        `UPDATE moderation_queue SET state = @state, next_at = coalesce(@nextAt, next_at), error_message = @message, attempts = attempts + @tried, updated_at = @now WHERE id = @id`,
      ),
      wakeAll: db.prepare<[number]>("UPDATE moderation_queue SET next_at = ? WHERE state = 'pending'"),
      pending: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM moderation_queue WHERE state IN ('pending', 'sending')"),
    };
  }

  add(a: Omit<QueuedModeration, 'id'>, nextAt: number, now: number, message: string | null): string {
    const id = randomUUID();
    this.s.insert.run({ id, workspaceId: a.workspaceId, accountId: a.accountId, itemId: a.itemId, action: a.action, ruleId: a.ruleId, report: a.report ? JSON.stringify(a.report) : null, attempts: a.attempts, nextAt, message, now });
    return id;
  }

  /** Whether this account has actions still to go (a new one queues behind them). */
  hasWaiting(accountId: string): boolean {
    return this.s.waiting.get(accountId)!.n > 0;
  }

  /** The pending `action` on this item by this account, cancelled (its undo came before it went); null if none. */
  cancelPending(itemId: string, accountId: string, action: ModerationAction, now: number): QueuedModeration | null {
    const row = this.s.opposite.get(itemId, accountId, action);
    if (!row) return null;
    this.s.set.run({ id: row.id, state: 'cancelled', nextAt: null, message: null, now, tried: 0 });
    return toQueued(row);
  }

  /** What waits, oldest first, with when it may go (an account's first action not yet due holds the ones behind it). */
  pending(): (QueuedModeration & { nextAt: number })[] {
    return this.s.pendingRows.all().map((r) => ({ ...toQueued(r), nextAt: r.next_at }));
  }

  sending(id: string, now: number): void {
    this.s.set.run({ id, state: 'sending', nextAt: null, message: null, now, tried: 1 });
  }

  settle(id: string, state: 'done' | 'failed', message: string | null, now: number): void {
    this.s.set.run({ id, state, nextAt: null, message, now, tried: 0 });
  }

  retryAt(id: string, nextAt: number, message: string, now: number): void {
    this.s.set.run({ id, state: 'pending', nextAt, message, now, tried: 0 });
  }

  /** The connection is back: everything pending is due now. */
  wake(now: number): void {
    this.s.wakeAll.run(now);
  }

  pendingCount(): number {
    return this.s.pending.get()!.n;
  }
}
