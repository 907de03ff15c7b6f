/** An in-memory QueuePort: the reference for the SQL queue's behaviour, and the queue used by tests. */
import type { Network } from '../../src/shared/domain';
import type { AttemptRecord, Hold, Job, QueuePort, RemotePost } from '../../src/main/core/scheduler/ports';

export type MemoryJobState = 'pending' | 'claimed' | 'held' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface MemoryJob {
  job: Job;
  state: MemoryJobState;
  attempts: AttemptRecord[];
  /** The server's message when failed. */
  reason: string | null;
  /** Set exactly when held. */
  hold: Hold | null;
  remote: RemotePost | null;
}

export class MemoryQueue implements QueuePort {
  readonly jobs = new Map<string, MemoryJob>();

  /** Adds a pending job (attempt defaults to 0, idempotencyKey to `key-<id>`). */
  add(job: Omit<Job, 'attempt' | 'idempotencyKey'> & Partial<Pick<Job, 'attempt' | 'idempotencyKey'>>): void {
    this.jobs.set(job.id, {
      job: { attempt: 0, idempotencyKey: `key-${job.id}`, ...job },
      state: 'pending',
      attempts: [],
      reason: null,
      hold: null,
      remote: null,
    });
  }

  get(id: string): MemoryJob {
    const entry = this.jobs.get(id);
    if (!entry) throw new Error(`no job ${id}`);
    return entry;
  }

  private pending(networks?: readonly Network[]): Job[] {
    return [...this.jobs.values()]
      .filter((e) => e.state === 'pending' && (!networks || networks.includes(e.job.network)))
      .map((e) => e.job)
      .sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
  }

  nextWakeAt(networks?: readonly Network[]): number | null {
    return this.pending(networks)[0]?.dueAt ?? null;
  }

  claimDue(nowMs: number, limit: number, network?: Network): Job[] {
    const due = this.pending(network ? [network] : undefined)
      .filter((job) => job.dueAt <= nowMs)
      .slice(0, Math.max(0, limit));
    for (const job of due) this.get(job.id).state = 'claimed';
    return due.map((job) => ({ ...job }));
  }

  recordAttempt(jobId: string, attempt: AttemptRecord): void {
    const entry = this.get(jobId);
    entry.attempts.push(attempt);
    entry.job = { ...entry.job, attempt: entry.attempts.length };
  }

  /** Runs a change only from the states the SQL queue accepts it from (the shared suite checks both). */
  private from(jobId: string, states: readonly MemoryJobState[], change: (entry: MemoryJob) => void): void {
    const entry = this.get(jobId);
    if (states.includes(entry.state)) change(entry);
  }

  reschedule(jobId: string, atMs: number): void {
    this.from(jobId, ['claimed', 'pending', 'held'], (entry) => {
      entry.state = 'pending';
      entry.hold = null;
      entry.job = { ...entry.job, dueAt: atMs };
    });
  }

  markFailed(jobId: string, reason: string): void {
    this.from(jobId, ['claimed', 'pending'], (entry) => Object.assign(entry, { state: 'failed', reason }));
  }

  markSent(jobId: string, remote: RemotePost): void {
    this.from(jobId, ['claimed', 'pending'], (entry) => Object.assign(entry, { state: 'sent', remote, reason: null }));
  }

  listOverdue(nowMs: number): Job[] {
    return this.pending().filter((job) => job.dueAt <= nowMs);
  }

  holdForDecision(jobIds: readonly string[]): void {
    for (const id of jobIds) this.hold(id, { reason: 'missed' });
  }

  hold(jobId: string, hold: Hold): void {
    const entry = this.get(jobId);
    if (entry.state === 'pending' || entry.state === 'claimed' || (entry.state === 'held' && entry.hold?.reason === hold.reason)) {
      Object.assign(entry, { state: 'held', hold: { ...hold } });
    }
  }

  cancel(jobId: string): void {
    this.from(jobId, ['pending', 'claimed', 'held'], (entry) => Object.assign(entry, { state: 'cancelled', hold: null }));
  }

  markSkipped(jobIds: readonly string[]): void {
    for (const id of jobIds) this.from(id, ['pending', 'held'], (entry) => Object.assign(entry, { state: 'skipped', hold: null }));
  }
}
