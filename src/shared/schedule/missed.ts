/** Posts whose time passed while the app was closed or the computer asleep. */
import { z } from 'zod';

/** What a workspace does with them: publish late, ask the person, or leave them unpublished. */
export const MissedPolicy = z.enum(['publish_now', 'ask', 'skip']);
export type MissedPolicy = z.infer<typeof MissedPolicy>;
export const DEFAULT_MISSED_POLICY: MissedPolicy = 'ask';

/** A post this late (or less) is simply on time: the app was starting, not closed. */
export const MISSED_GRACE_MS = 2 * 60_000;

export interface MissedDecision<Id> {
  publish: Id[];
  ask: Id[];
  skip: Id[];
}

/**
 * Sorts due posts by the policy. Posts not yet due are left out; posts late by no more than `graceMs`
 * are published whatever the policy; the others follow it.
 */
export function decideMissed<Id>(posts: readonly { id: Id; dueAt: number }[], nowMs: number, policy: MissedPolicy, graceMs = MISSED_GRACE_MS): MissedDecision<Id> {
  const decision: MissedDecision<Id> = { publish: [], ask: [], skip: [] };
  for (const post of [...posts].sort((a, b) => a.dueAt - b.dueAt)) {
    if (post.dueAt > nowMs) continue;
    if (nowMs - post.dueAt <= graceMs || policy === 'publish_now') decision.publish.push(post.id);
    else if (policy === 'ask') decision.ask.push(post.id);
    else decision.skip.push(post.id);
  }
  return decision;
}
