import type { Network } from '../../../shared/domain';
import type { HeldProblems, HoldReason } from '../../../shared/publishing';
import type { AttemptRecord, Hold, Job, QueuePort, RemotePost } from '../scheduler/ports';
import type { RemotePart } from '../connectors/types';
import type { Db } from '../store/database';
import { PostStates } from './post-states';
import { targetStatements } from './post-target-statements';
import type { TargetRow } from './post-target-row';

export type { TargetRow, TargetStatus } from './post-target-row';

export interface NewTarget {
  id: string;
  draftId: string;
  accountId: string;
  network: Network;
  dueAt: number;
  idempotencyKey: string;
  partKeys: string[];
  /** Planned already blocked by a rule (held 'invalid' with these problems). */
  blocked?: HeldProblems;
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
 * Every state change is one transaction that also writes the post's column (PostStates): a crash
 * leaves each target, and its post, either before or after it, never in between.
 */
export class PostTargetRepository implements QueuePort {
  private readonly s;
  readonly states: PostStates;

  constructor(private readonly db: Db, private readonly now: () => number) {
    this.states = new PostStates(db, now);
    this.s = targetStatements(db);
  }

  /** Runs a change of one target and derives its post's column in the same transaction. */
  private change<T>(targetId: string, write: () => T): T {
    return this.db.transaction(() => {
      const result = write();
      const row = this.s.draftOf.get(targetId);
      if (row) this.states.settle(row.draft_id);
      return result;
    })();
  }

  /** Adds one target per account, keys included, in the caller's transaction (which settles the post). */
  insert(targets: NewTarget[]): void {
    const now = this.now();
    for (const t of targets) {
      const held = t.blocked !== undefined;
      this.s.insert.run(
        t.id, t.draftId, t.accountId, t.network, held ? 'held' : 'pending', t.dueAt, t.idempotencyKey, JSON.stringify(t.partKeys), now,
        held ? 'invalid' : null, held ? JSON.stringify(t.blocked) : null,
      );
    }
  }

  /** Claims from a previous run did not finish: they go back to the queue (their keys make a retry safe). Posts' columns are repaired. */
  releaseClaims(): number {
    return this.db.transaction(() => {
      const released = this.s.releaseClaims.run(this.now()).changes;
      this.states.repairAll();
      return released;
    })();
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

  sentParts(row: Pick<TargetRow, 'sent_parts'>): (RemotePart | null)[] {
    return JSON.parse(row.sent_parts) as (RemotePart | null)[];
  }

  /** Puts a failed, held or skipped target back in the queue, due `at`, with a fresh attempt count (same keys). */
  requeue(id: string, at: number): boolean {
    return this.change(id, () => this.s.requeue.run(at, this.now(), id).changes > 0);
  }

  /** A held target goes back to the queue when it was held for `reason` (due `at`, or at its own time). */
  release(id: string, reason: HoldReason, at: number | null = null): boolean {
    return this.change(id, () => this.s.release.run(at, this.now(), id, reason).changes > 0);
  }

  /** The keys of every part; a thread that grew since it was scheduled gets keys for its new parts, stored before they are used. */
  ensurePartKeys(row: TargetRow, count: number, generate: (n: number) => string[]): string[] {
    const keys = JSON.parse(row.part_keys) as string[];
    if (keys.length >= count) return keys;
    const all = [...keys, ...generate(count - keys.length)];
    this.s.setPartKeys.run(JSON.stringify(all), row.id);
    return all;
  }

  /** The account is removed: nothing more goes to it; its history is deleted only when asked. */
  removeAccount(accountId: string, deleteHistory: boolean): void {
    this.db.transaction(() => {
      const rows = deleteHistory ? this.s.deleteAccount.all(accountId) : this.s.cancelAccount.all(this.now(), accountId);
      for (const draftId of new Set(rows.map((r) => r.draft_id))) this.states.settle(draftId);
    })();
  }

  /** Cancels what has not gone yet (never a claim: it is going out right now), in the caller's transaction. */
  cancelDraft(draftId: string): number {
    return this.s.cancelDraft.run(this.now(), draftId).changes;
  }

  /** Held targets that waited for `reason` go back to the queue (due `at` when given); returns how many. */
  releaseAll(reason: HoldReason, at: number | null): number {
    return this.s.releaseAll.run(at, this.now(), reason).changes;
  }

  /** The account was reconnected: what waited for it goes back to the queue. */
  unparkAccount(accountId: string): number {
    return this.s.releaseAccount.run(this.now(), accountId, 'reconnect_needed').changes;
  }

  /** The connection may be back: what waited for it is due now. */
  unparkOffline(now: number): number {
    return this.releaseAll('offline', now);
  }

  /** Instants an account already publishes at (queue slots must not be taken twice). */
  takenInstants(accountId: string, fromMs: number): number[] {
    return this.s.taken.all(accountId, fromMs).map((r) => r.due_at);
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
    this.change(jobId, () => this.s.fail.run(reason, this.now(), jobId));
  }

  markSent(jobId: string, remote: RemotePost): void {
    const now = this.now();
    this.change(jobId, () => this.s.sent.run(remote.url ?? null, now, now, jobId));
  }

  listOverdue(nowMs: number): Job[] {
    return this.s.overdue.all(nowMs).map(toJob);
  }

  holdForDecision(jobIds: readonly string[]): void {
    this.db.transaction(() => jobIds.forEach((id) => this.hold(id, { reason: 'missed' })))();
  }

  hold(jobId: string, hold: Hold): void {
    const problems = hold.problems ? JSON.stringify(hold.problems) : null;
    this.change(jobId, () => this.s.hold.run(hold.reason, problems, this.now(), jobId, hold.reason));
  }

  cancel(jobId: string): void {
    this.change(jobId, () => this.s.cancel.run(this.now(), jobId));
  }

  markSkipped(jobIds: readonly string[]): void {
    const now = this.now();
    this.db.transaction(() => jobIds.forEach((id) => this.change(id, () => this.s.skip.run(now, id))))();
  }
}
