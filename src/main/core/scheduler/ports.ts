/** What the scheduler needs from the rest of the core; the SQL queue and the connectors implement these. */
import type { Network } from '../../../shared/domain';
import type { HeldProblems, HoldReason } from '../../../shared/publishing';
import type { PublishFailure } from '../../../shared/schedule/retry';

/** One post to publish to one account (one "target"). */
export interface Job {
  id: string;
  network: Network;
  accountId: string;
  /** Epoch ms at which the job is due (first attempt or a retry). */
  dueAt: number;
  /** Attempts already recorded for this job (0 before the first one). */
  attempt: number;
  /** Chosen when the post was scheduled, sent with every attempt, so a retry after a crash cannot publish twice. */
  idempotencyKey: string;
}

/** Where the network put the post. */
export interface RemotePost {
  remoteId: string;
  url?: string | null;
}

/** A held job's reason and, for a blocked one, the rules' problems (see shared HoldReason). */
export interface Hold {
  reason: HoldReason;
  problems?: HeldProblems;
}

/**
 * What one attempt came to, as data:
 * - sent: the network has it;
 * - failed: the network refused or could not be reached; the scheduler retries or gives up
 *   (classifyFailure: only what a server said or a transport error, never a local condition);
 * - held: it cannot go until something changes (the account needs reconnecting, the computer is
 *   offline, a rule blocks it); set aside without using up an attempt, and never dropped;
 * - cancelled: it must not go at all (the account is no longer among the post's targets, or the
 *   post or account was deleted).
 */
export type Outcome =
  | { kind: 'sent'; remote: RemotePost }
  | { kind: 'failed'; failure: PublishFailure }
  | { kind: 'held'; hold: Hold; failure?: PublishFailure }
  | { kind: 'cancelled'; why: 'not_a_target' | 'post_deleted' | 'account_removed' };

/** One publish attempt, kept for the post's history. */
export interface AttemptRecord {
  /** 1-based. */
  number: number;
  startedAt: number;
  finishedAt: number;
  result: 'sent' | 'retry' | 'failed';
  error: PublishFailure | null;
  /** When result is 'retry': when the next attempt is due. */
  retryAt: number | null;
}

/**
 * The persistent queue. States: pending -> claimed (in flight) -> sent | failed | pending again (reschedule);
 * pending -> held (missed, awaiting the person's decision) | skipped; claimed -> held (see Hold) | cancelled.
 * Claims do not survive a restart: on open, a claimed job goes back to pending (its idempotency key makes that safe).
 */
export interface QueuePort {
  /** Earliest dueAt among pending jobs (of these networks when given), or null when none. */
  nextWakeAt(networks?: readonly Network[]): number | null;
  /** Claims up to `limit` pending jobs with dueAt <= nowMs, earliest first, so no one else runs them. */
  claimDue(nowMs: number, limit: number, network?: Network): Job[];
  recordAttempt(jobId: string, attempt: AttemptRecord): void;
  /** Releases the claim (or the hold); the job is pending again, due at `atMs`, its `attempt` = attempts recorded so far. */
  reschedule(jobId: string, atMs: number): void;
  /** Final: `reason` is shown to the person (the server's own message when there was one). */
  markFailed(jobId: string, reason: string): void;
  markSent(jobId: string, remote: RemotePost): void;
  /** Pending (unclaimed) jobs with dueAt <= nowMs. */
  listOverdue(nowMs: number): Job[];
  /** Missed jobs set aside until the person chooses (publish now / reschedule / skip). */
  holdForDecision(jobIds: readonly string[]): void;
  /** Missed jobs left unpublished by the workspace's policy. */
  markSkipped(jobIds: readonly string[]): void;
  /** Sets a job aside (see Outcome 'held'); it is never dropped. Only a pending or claimed job. */
  hold(jobId: string, hold: Hold): void;
  /** Final: the job must not go (see Outcome 'cancelled'). Only an open (pending, claimed, held) job. */
  cancel(jobId: string): void;
}

export type TimerHandle = unknown;
export interface TimerPort {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: TimerPort = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
