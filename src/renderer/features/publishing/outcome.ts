/** The sentence a toast says after "Publier maintenant", "Programmer…" or "Ajouter à la file". Pure. */
import type { PostView, TargetProblem } from '../../../shared/publishing';
import { problemMessage } from '../../i18n/problems';

export type PublishWay = 'publishNow' | 'schedule' | 'addToQueue';

export interface OutcomeContext {
  t(key: string, options?: Record<string, unknown>): string;
  /** "@alice.bsky.social" for an account id (the id itself when unknown). */
  handleOf(accountId: string): string;
  /** A time in the workspace's zone ("lun. 24 nov., 08:00"). */
  formatTime(iso: string): string;
}

export interface Outcome {
  /** Something went (or is scheduled): the composer can close. */
  anyGone: boolean;
  message: string;
  tone: 'info' | 'error';
}

/** Why the blocked targets did not go: "@bob : 312/300 caractères ; texte alternatif manquant". */
export function describeBlocked(blocked: readonly TargetProblem[], ctx: OutcomeContext): string {
  return blocked
    .map((b) => {
      const reasons = b.problems.filter((p) => p.severity === 'block').map((p) => problemMessage(p, ctx.t));
      return ctx.t('publish.blockedOne', { handle: ctx.handleOf(b.accountId), reasons: reasons.join(' ; ') || ctx.t('publish.blockedNoReason') });
    })
    .join(' ');
}

export function describeOutcome(way: PublishWay, post: PostView, blocked: readonly TargetProblem[], ctx: OutcomeContext): Outcome {
  const blockedIds = new Set(blocked.map((b) => b.accountId));
  const gone = post.targets.filter((target) => !blockedIds.has(target.accountId) && target.status !== 'cancelled' && target.status !== 'skipped');
  const handles = gone.map((target) => ctx.handleOf(target.accountId)).join(', ');
  let message: string;
  if (gone.length === 0) {
    message = ctx.t('publish.nothingWent');
  } else if (way === 'publishNow') {
    message = ctx.t('publish.publishing', { handles });
  } else if (way === 'schedule') {
    const at = post.scheduledAt ?? gone.find((g) => g.dueAt)?.dueAt ?? null;
    message = at ? ctx.t('publish.scheduled', { time: ctx.formatTime(at), handles }) : ctx.t('publish.scheduledNoTime', { handles });
  } else {
    const slots = gone
      .map((target) => (target.dueAt ? ctx.t('publish.queueSlot', { handle: ctx.handleOf(target.accountId), time: ctx.formatTime(target.dueAt) }) : ctx.t('publish.queueNoSlot', { handle: ctx.handleOf(target.accountId) })))
      .join(' ; ');
    message = ctx.t('publish.queued', { slots });
  }
  if (blocked.length > 0) message = `${message} ${ctx.t('publish.blockedIntro')} ${describeBlocked(blocked, ctx)}`;
  return { anyGone: gone.length > 0, message, tone: gone.length === 0 || blocked.length > 0 ? 'error' : 'info' };
}
