/** Posts whose time passed while the app was closed or asleep: each workspace's policy decides, the queue records it. */
import { decideMissed, type MissedPolicy } from '../../../shared/schedule/missed';
import type { Job, QueuePort } from './ports';

/** Posts whose time passed while the app was closed or asleep, and what was done with them. */
export interface MissedReport {
  at: number;
  published: Job[];
  asked: Job[];
  skipped: Job[];
}

/**
 * Sorts the overdue jobs by their workspace's policy: those to publish stay pending (the
 * scheduler claims them next), those to ask about are held for the person's decision, those to
 * skip are marked skipped. The report names only the really late ones among those published.
 */
export function setMissedAside(
  overdue: readonly Job[],
  now: number,
  d: { queue: Pick<QueuePort, 'holdForDecision' | 'markSkipped'>; policyOf(job: Job): MissedPolicy; graceMs: number; report(message: string, error: unknown): void },
): MissedReport {
  const byPolicy = new Map<MissedPolicy, Job[]>();
  for (const job of overdue) {
    const policy = d.policyOf(job);
    byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), job]);
  }
  const report: MissedReport = { at: now, published: [], asked: [], skipped: [] };
  for (const [policy, jobs] of byPolicy) {
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const decision = decideMissed(jobs, now, policy, d.graceMs);
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)!);
    report.published.push(...pick(decision.publish).filter((job) => now - job.dueAt > d.graceMs));
    report.asked.push(...pick(decision.ask));
    report.skipped.push(...pick(decision.skip));
    try {
      if (decision.ask.length) d.queue.holdForDecision(decision.ask);
      if (decision.skip.length) d.queue.markSkipped(decision.skip);
    } catch (error) {
      d.report('could not set missed posts aside', error);
    }
  }
  return report;
}
