import type { Network } from '../../../shared/domain';
import type { AttemptRecord, Job, QueuePort, RemotePost } from '../scheduler/ports';
import type { RemotePart } from '../connectors/types';
import type { Db } from '../store/database';

/** Target states: pending -> claimed -> sent | failed | pending (retry); pending -> held | skipped; any open one -> cancelled. */
export type TargetStatus = 'pending' | 'claimed' | 'held' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface TargetRow {
  id: string;
  draft_id: string;
  account_id: string;
  network: Network;
  variant: string | null;
  status: TargetStatus;
  due_at: number | null;
  attempts: number;
  idempotency_key: string;
  part_keys: string;
  sent_parts: string;
  last_error: string | null;
  remote_url: string | null;
  /** Set once every part was deleted from the network (RemoteDeletionRepository). */
  remote_deleted_at: number | null;
  updated_at: number;
}

export interface NewTarget {
  id: string;
  draftId: string;
  accountId: string;
  network: Network;
  variant: string | null;
  dueAt: number;
  idempotencyKey: string;
  partKeys: string[];
}

const toJob = (r: Pick<TargetRow, 'id' | 'network' | 'account_id' | 'due_at' | 'attempts' | 'idempotency_key'>): Job => ({
  id: r.id,
  network: r.network,
  accountId: r.account_id,
  dueAt: r.due_at ?? 0,
  attempt: r.attempts,
  idempotencyKey: r.idempotency_key,
});

/**
 * The scheduler's persistent queue (one row per post and account) and the history of attempts.
 * Every state change is one statement or one transaction: a crash leaves each target either
 * before or after it, never in between.
 */
export class PostTargetRepository implements QueuePort {
  private readonly s;

  constructor(private readonly db: Db, private readonly now: () => number) {
    const jobColumns = 'id, network, account_id, due_at, attempts, idempotency_key';
    this.s = {
      insert: db.prepare(
        `INSERT INTO post_targets (id, draft_id, account_id, network, variant, status, due_at, attempts, idempotency_key, part_keys, sent_parts, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?, 0, ?, ?, '[]', ?)`,
      ),
      nextWake: db.prepare<[], { due: number | null }>("SELECT min(due_at) AS due FROM post_targets WHERE status = 'pending'"),
      nextWakeFor: db.prepare<[string], { due: number | null }>(
        "SELECT min(due_at) AS due FROM post_targets WHERE status = 'pending' AND network IN (SELECT value FROM json_each(?))",
      ),
      due: db.prepare<[number, number], TargetRow>(
        `SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
      ),
      dueFor: db.prepare<[number, string, number], TargetRow>(
        `SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? AND network = ? ORDER BY due_at, id LIMIT ?`,
      ),
      claim: db.prepare("UPDATE post_targets SET status = 'claimed', updated_at = ? WHERE id = ? AND status = 'pending'"),
      attempt: db.prepare(
        'INSERT INTO publish_attempts (target_id, number, started_at, finished_at, result, error, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      countAttempt: db.prepare('UPDATE post_targets SET attempts = max(attempts, ?), last_error = ?, updated_at = ? WHERE id = ?'),
      reschedule: db.prepare("UPDATE post_targets SET status = 'pending', due_at = ?, updated_at = ? WHERE id = ? AND status IN ('claimed', 'pending', 'held', 'failed')"),
      fail: db.prepare("UPDATE post_targets SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?"),
      sent: db.prepare("UPDATE post_targets SET status = 'sent', remote_url = ?, last_error = NULL, updated_at = ? WHERE id = ?"),
      overdue: db.prepare<[number], TargetRow>(`SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id`),
      hold: db.prepare("UPDATE post_targets SET status = 'held', updated_at = ? WHERE id = ? AND status = 'pending'"),
      skip: db.prepare("UPDATE post_targets SET status = 'skipped', last_error = ?, updated_at = ? WHERE id = ? AND status = 'pending'"),
      park: db.prepare("UPDATE post_targets SET status = 'held', last_error = ?, updated_at = ? WHERE id = ?"),
      unparkOffline: db.prepare("UPDATE post_targets SET status = 'pending', due_at = ?, last_error = NULL, updated_at = ? WHERE status = 'held' AND last_error = 'offline'"),
      unpark: db.prepare("UPDATE post_targets SET status = 'pending', last_error = NULL, updated_at = ? WHERE account_id = ? AND status = 'held' AND last_error = 'reconnect_needed'"),
      taken: db.prepare<[string, number], { due_at: number }>(
        "SELECT due_at FROM post_targets WHERE account_id = ? AND due_at >= ? AND status IN ('pending', 'claimed', 'held', 'sent') ORDER BY due_at",
      ),
      requeue: db.prepare("UPDATE post_targets SET status = 'pending', due_at = ?, attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?"),
      skipHeld: db.prepare("UPDATE post_targets SET status = 'skipped', last_error = ?, updated_at = ? WHERE id = ? AND status = 'held'"),
      setPartKeys: db.prepare('UPDATE post_targets SET part_keys = ? WHERE id = ?'),
      cancelAccount: db.prepare("UPDATE post_targets SET status = 'cancelled', updated_at = ? WHERE account_id = ? AND status IN ('pending', 'claimed', 'held', 'failed')"),
      deleteAccount: db.prepare('DELETE FROM post_targets WHERE account_id = ?'),
      releaseClaims: db.prepare("UPDATE post_targets SET status = 'pending', updated_at = ? WHERE status = 'claimed'"),
      get: db.prepare<[string], TargetRow>('SELECT * FROM post_targets WHERE id = ?'),
      byDraft: db.prepare<[string], TargetRow>('SELECT * FROM post_targets WHERE draft_id = ? ORDER BY rowid'),
      partSent: db.prepare("UPDATE post_targets SET sent_parts = json_set(sent_parts, '$[' || ? || ']', json(?)), updated_at = ? WHERE id = ?"),
      cancel: db.prepare("UPDATE post_targets SET status = 'cancelled', updated_at = ? WHERE draft_id = ? AND status IN ('pending', 'held', 'failed')"),
    };
  }

  /** Adds one target per account, keys included, in the caller's transaction. */
  insert(targets: NewTarget[]): void {
    const now = this.now();
    for (const t of targets) {
      this.s.insert.run(t.id, t.draftId, t.accountId, t.network, t.variant, t.dueAt, t.idempotencyKey, JSON.stringify(t.partKeys), now);
    }
  }

  /** Claims from a previous run did not finish: they go back to the queue (their keys make a retry safe). */
  releaseClaims(): number {
    return this.s.releaseClaims.run(this.now()).changes;
  }

  get(id: string): TargetRow | null {
    return this.s.get.get(id) ?? null;
  }

  byDraft(draftId: string): TargetRow[] {
    return this.s.byDraft.all(draftId);
  }

  /** Records a published part of a thread before the next one goes. */
  recordPartSent(targetId: string, index: number, remote: RemotePart): void {
    this.s.partSent.run(String(Math.trunc(index)), JSON.stringify(remote), this.now(), targetId);
  }

  sentParts(row: TargetRow): (RemotePart | null)[] {
    return JSON.parse(row.sent_parts) as (RemotePart | null)[];
  }

  /** Puts a failed, held or skipped target back in the queue, due now, with a fresh attempt count (same keys). */
  requeue(id: string, now: number): void {
    this.s.requeue.run(now, this.now(), id);
  }

  skipHeld(id: string, reason: string): void {
    this.s.skipHeld.run(reason, this.now(), id);
  }

  /**
   * The keys of every part; a thread that grew since it was scheduled gets keys for its new
   * parts, stored before they are used (the existing ones never change).
   */
  ensurePartKeys(row: TargetRow, count: number, generate: (n: number) => string[]): string[] {
    const keys = JSON.parse(row.part_keys) as string[];
    if (keys.length >= count) return keys;
    const all = [...keys, ...generate(count - keys.length)];
    this.s.setPartKeys.run(JSON.stringify(all), row.id);
    return all;
  }

  /** The account is removed: nothing more goes to it; its history is deleted only when asked. */
  removeAccount(accountId: string, deleteHistory: boolean): void {
    if (deleteHistory) this.s.deleteAccount.run(accountId);
    else this.s.cancelAccount.run(this.now(), accountId);
  }

  /** Cancels what has not gone yet; returns how many targets were cancelled. */
  cancelDraft(draftId: string): number {
    return this.s.cancel.run(this.now(), draftId).changes;
  }

  // QueuePort

  nextWakeAt(networks?: readonly Network[]): number | null {
    const row = networks ? this.s.nextWakeFor.get(JSON.stringify(networks)) : this.s.nextWake.get();
    return row?.due ?? null;
  }

  claimDue(nowMs: number, limit: number, network?: Network): Job[] {
    return this.db.transaction(() => {
      const rows = network ? this.s.dueFor.all(nowMs, network, limit) : this.s.due.all(nowMs, limit);
      const stamp = this.now();
      return rows.filter((r) => this.s.claim.run(stamp, r.id).changes === 1).map(toJob);
    })();
  }

  recordAttempt(jobId: string, attempt: AttemptRecord): void {
    this.db.transaction(() => {
      const error = attempt.error ? JSON.stringify(attempt.error) : null;
      this.s.attempt.run(jobId, attempt.number, attempt.startedAt, attempt.finishedAt, attempt.result, error, attempt.retryAt);
      this.s.countAttempt.run(attempt.number, attempt.error?.message ?? null, this.now(), jobId);
    })();
  }

  reschedule(jobId: string, atMs: number): void {
    this.s.reschedule.run(atMs, this.now(), jobId);
  }

  markFailed(jobId: string, reason: string): void {
    this.s.fail.run(reason, this.now(), jobId);
  }

  markSent(jobId: string, remote: RemotePost): void {
    this.s.sent.run(remote.url ?? null, this.now(), jobId);
  }

  listOverdue(nowMs: number): Job[] {
    return this.s.overdue.all(nowMs).map(toJob);
  }

  holdForDecision(jobIds: readonly string[]): void {
    const now = this.now();
    this.db.transaction(() => jobIds.forEach((id) => this.s.hold.run(now, id)))();
  }

  park(jobId: string, reason: string): void {
    this.s.park.run(reason, this.now(), jobId);
  }

  /** The account was reconnected: what waited for it goes back to the queue. */
  unparkAccount(accountId: string): number {
    return this.s.unpark.run(this.now(), accountId).changes;
  }

  /** The connection may be back: what waited for it is due now. */
  unparkOffline(now: number): number {
    return this.s.unparkOffline.run(now, this.now()).changes;
  }

  /** Instants an account already publishes at (queue slots must not be taken twice). */
  takenInstants(accountId: string, fromMs: number): number[] {
    return this.s.taken.all(accountId, fromMs).map((r) => r.due_at);
  }

  markSkipped(jobIds: readonly string[], reason: string): void {
    const now = this.now();
    this.db.transaction(() => jobIds.forEach((id) => this.s.skip.run(reason, now, id)))();
  }
}
