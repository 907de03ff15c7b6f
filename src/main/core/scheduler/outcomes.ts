/** What an attempt's outcome does to its job in the queue: sent, held, cancelled, tried again later, or failed for good. */
import { classifyFailure, retryDelay } from '../../../shared/schedule/retry';
import type { AttemptRecord, Job, Outcome, QueuePort } from './ports';

export interface AttemptFacts {
  startedAt: number;
  finishedAt: number;
  /** Total attempts (first one included) before the target is marked failed. */
  maxAttempts: number;
  retry: { baseMs: number; maxMs: number };
  random: () => number;
}

/** Records the attempt (when it reached for the network) and moves the job on. */
export function recordOutcome(
  queue: Pick<QueuePort, 'recordAttempt' | 'markSent' | 'hold' | 'cancel' | 'reschedule' | 'markFailed'>,
  job: Job,
  outcome: Outcome,
  facts: AttemptFacts,
): void {
  const number = job.attempt + 1;
  const { startedAt, finishedAt } = facts;
  const record = (rest: Pick<AttemptRecord, 'result' | 'error' | 'retryAt'>) => queue.recordAttempt(job.id, { number, startedAt, finishedAt, ...rest });

  switch (outcome.kind) {
    case 'sent':
      record({ result: 'sent', error: null, retryAt: null });
      queue.markSent(job.id, outcome.remote);
      return;
    case 'held':
      // Only an attempt that reached for the network is history; a local hold is a state.
      if (outcome.failure) record({ result: 'retry', error: outcome.failure, retryAt: null });
      queue.hold(job.id, outcome.hold);
      return;
    case 'cancelled':
      queue.cancel(job.id);
      return;
    case 'failed':
      break;
  }
  const failure = outcome.failure;
  if (classifyFailure(failure) === 'retry' && number < facts.maxAttempts) {
    const retryAt =
      finishedAt +
      retryDelay(number, {
        ...facts.retry,
        retryAfter: failure.retryAfter,
        rateLimitReset: failure.rateLimitReset,
        rateLimitRemaining: failure.rateLimitRemaining,
        random: facts.random,
        nowMs: finishedAt,
      });
    record({ result: 'retry', error: failure, retryAt });
    queue.reschedule(job.id, retryAt);
    return;
  }
  record({ result: 'failed', error: failure, retryAt: null });
  queue.markFailed(job.id, failure.message);
}
