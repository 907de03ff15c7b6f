/**
 * The publishing loop (main process only). It sleeps until the next due job, never polls,
 * runs at most N jobs per network at once, retries transient failures and records every attempt.
 */
import type { Clock } from '../clock';
import { Network } from '../../../shared/domain';
import type { PublishFailure } from '../../../shared/schedule/retry';
import { DEFAULT_MISSED_POLICY, MISSED_GRACE_MS, type MissedPolicy } from '../../../shared/schedule/missed';
import { setMissedAside, type MissedReport } from './missed-posts';
import { recordOutcome } from './outcomes';
import type { Job, Outcome, QueuePort, TimerHandle, TimerPort } from './ports';

export type { MissedReport } from './missed-posts';

/** Why the scheduler is asked to look at the queue again. 'start' and 'resume' also handle missed posts. */
export type WakeReason = 'start' | 'resume' | 'online' | 'changed';

export interface SchedulerOptions {
  clock: Clock;
  timers: TimerPort;
  queue: QueuePort;
  /** Publishes one job. Resolve with a failure rather than throw; a throw counts as a network failure. */
  publish: (job: Job, signal: AbortSignal) => Promise<Outcome>;
  concurrencyPerNetwork: number;
  /** Total attempts (first one included) before the target is marked failed. */
  maxAttempts: number;
  retry?: { baseMs: number; maxMs: number };
  random?: () => number;
  /** Longest single sleep; the timer is re-armed after it (guards against clock changes). */
  maxSleepMs?: number;
  /** An attempt still running after this long is aborted and counted as a timeout. */
  publishTimeoutMs?: number;
  /** The workspace's policy for a missed job. */
  missedPolicy?: (job: Job) => MissedPolicy;
  missedGraceMs?: number;
  /** Tells the person which posts were affected (only called when some were). */
  onMissed?: (report: MissedReport) => void;
  /** A port threw: the scheduler keeps going, the host logs it. */
  onError?: (message: string, error: unknown) => void;
  networks?: readonly Network[];
}

const DEFAULT_RETRY = { baseMs: 5_000, maxMs: 15 * 60_000 };
const HOUR = 3_600_000;
/** If the queue says something is due yet hands nothing out, wait this long rather than spin. */
const MIN_RETRY_SLEEP_MS = 1_000;

export class Scheduler {
  private readonly clock: Clock;
  private readonly timers: TimerPort;
  private readonly queue: QueuePort;
  private readonly options: SchedulerOptions;
  private readonly networks: readonly Network[];
  private readonly inFlight = new Map<Network, number>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private timer: { handle: TimerHandle; at: number } | null = null;
  private pumping = false;
  private pumpAgain = false;

  constructor(options: SchedulerOptions) {
    if (!(options.concurrencyPerNetwork >= 1)) throw new RangeError('concurrencyPerNetwork must be at least 1');
    if (!(options.maxAttempts >= 1)) throw new RangeError('maxAttempts must be at least 1');
    this.options = options;
    this.clock = options.clock;
    this.timers = options.timers;
    this.queue = options.queue;
    this.networks = options.networks ?? Network.options;
  }

  /** Starts the loop; missed posts are handled first. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.wake('start');
  }

  /**
   * Re-reads the queue now. Call it on wake from sleep ('resume'), when the connection returns ('online'),
   * and when a post is scheduled, rescheduled or cancelled ('changed').
   */
  wake(reason: WakeReason = 'changed'): void {
    if (!this.started) return;
    if (reason === 'start' || reason === 'resume') this.handleMissed();
    this.pump();
  }

  /** Stops taking jobs and resolves once the attempts in flight are recorded. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Jobs being published right now, per network (for diagnostics and tests). */
  inFlightCount(network?: Network): number {
    if (network) return this.inFlight.get(network) ?? 0;
    let total = 0;
    for (const n of this.inFlight.values()) total += n;
    return total;
  }

  private get missedGraceMs(): number {
    return this.options.missedGraceMs ?? MISSED_GRACE_MS;
  }

  private handleMissed(): void {
    const now = this.clock.now();
    let overdue: Job[];
    try {
      overdue = this.queue.listOverdue(now);
    } catch (error) {
      this.report('could not list missed posts', error);
      return;
    }
    const report = setMissedAside(overdue, now, {
      queue: this.queue,
      policyOf: (job) => this.options.missedPolicy?.(job) ?? DEFAULT_MISSED_POLICY,
      graceMs: this.missedGraceMs,
      report: (message, error) => this.report(message, error),
    });
    if (report.published.length + report.asked.length + report.skipped.length > 0) this.options.onMissed?.(report);
  }

  private pump(): void {
    if (!this.started) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const now = this.clock.now();
        for (const network of this.networks) {
          const free = this.options.concurrencyPerNetwork - (this.inFlight.get(network) ?? 0);
          if (free <= 0) continue;
          for (const job of this.queue.claimDue(now, free, network).slice(0, free)) this.launch(job);
        }
        this.arm(now);
      } while (this.pumpAgain && this.started);
    } catch (error) {
      this.report('the publishing queue could not be read', error);
      this.armAt(this.clock.now() + (this.options.maxSleepMs ?? HOUR));
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps until the next job of a network with a free slot; a busy network is re-read when one of its jobs ends. */
  private arm(claimedAt: number): void {
    const open = this.networks.filter((n) => (this.inFlight.get(n) ?? 0) < this.options.concurrencyPerNetwork);
    const next = open.length > 0 ? this.queue.nextWakeAt(open) : null;
    if (next === null) {
      this.disarm();
      return;
    }
    this.armAt(next <= claimedAt ? Math.max(next, this.clock.now() + MIN_RETRY_SLEEP_MS) : next);
  }

  private armAt(at: number): void {
    this.disarm();
    const now = this.clock.now();
    const delay = Math.min(Math.max(0, at - now), this.options.maxSleepMs ?? HOUR);
    const wakeAt = now + delay;
    const handle = this.timers.setTimeout(() => {
      if (this.timer?.handle !== handle) return;
      this.timer = null;
      // Fired much later than asked: the computer was asleep, so overdue posts are "missed".
      this.wake(this.clock.now() - wakeAt > this.missedGraceMs ? 'resume' : 'changed');
    }, delay);
    this.timer = { handle, at: wakeAt };
  }

  private disarm(): void {
    if (this.timer) this.timers.clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private launch(job: Job): void {
    this.inFlight.set(job.network, (this.inFlight.get(job.network) ?? 0) + 1);
    const run = this.run(job)
      .catch((error: unknown) => this.report(`publishing job ${job.id} could not be recorded`, error))
      .finally(() => {
        this.inFlight.set(job.network, (this.inFlight.get(job.network) ?? 1) - 1);
        this.running.delete(run);
        this.pump();
      });
    this.running.add(run);
  }

  private async run(job: Job): Promise<void> {
    const startedAt = this.clock.now();
    const outcome = await this.attempt(job);
    recordOutcome(this.queue, job, outcome, {
      startedAt,
      finishedAt: this.clock.now(),
      maxAttempts: this.options.maxAttempts,
      retry: this.options.retry ?? DEFAULT_RETRY,
      random: this.options.random ?? Math.random,
    });
  }

  /** One call to the network, bounded in time; never throws. */
  private async attempt(job: Job): Promise<Outcome> {
    const controller = new AbortController();
    const timeoutMs = this.options.publishTimeoutMs ?? 60_000;
    let handle: TimerHandle | undefined;
    const timedOut = new Promise<Outcome>((resolve) => {
      handle = this.timers.setTimeout(() => {
        controller.abort();
        resolve({ kind: 'failed', failure: { kind: 'timeout', message: `No answer from ${job.network} after ${Math.round(timeoutMs / 1000)} s` } });
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.options.publish(job, controller.signal).catch((error: unknown) => thrownToOutcome(error)), timedOut]);
    } catch (error) {
      return thrownToOutcome(error); // publish threw synchronously
    } finally {
      this.timers.clearTimeout(handle);
    }
  }

  private report(message: string, error: unknown): void {
    this.options.onError?.(message, error);
  }
}

function thrownToOutcome(error: unknown): Outcome {
  const failure: PublishFailure = { kind: 'network', message: error instanceof Error ? error.message : String(error) };
  return { kind: 'failed', failure };
}
