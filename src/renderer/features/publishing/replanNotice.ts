/** What the person is told after editing a planned post, from the core's re-planning report. Pure but for the listener. */
import type { ReplanReport } from '../../../shared/publishing';
import { getClient } from '../../client';
import { problemMessage } from '../../i18n/problems';
import { useComposer } from '../../stores/composer';
import { useToasts } from '../../stores/toasts';
import type { OutcomeContext } from './outcome';
import { outcomeContext } from './publishActions';

/** One sentence per thing to know: accounts that keep the post, targets now blocked, a post back in the drafts. */
export function describeReplan(report: ReplanReport, ctx: Pick<OutcomeContext, 't' | 'handleOf'>): string[] {
  const lines = report.notWithdrawn.map((n) => ctx.t(`planning.replanned.${n.why}`, { handle: ctx.handleOf(n.accountId) }));
  for (const b of report.blocked) {
    const reasons = b.problems.filter((p) => p.severity === 'block').map((p) => problemMessage(p, ctx.t));
    lines.push(ctx.t('planning.replanned.blocked', { handle: ctx.handleOf(b.accountId), reasons: reasons.join(' ; ') }));
  }
  if (report.backToDraft) lines.push(ctx.t('planning.replanned.backToDraft'));
  return lines;
}

/** Listens for posts.replanned for as long as the app runs; returns the unsubscribe function. */
export function listenForReplans(): () => void {
  return getClient().on('posts.replanned', (report) => {
    // Every account taken out: the post open in the composer is a draft again (Schedule, not Reschedule).
    const composer = useComposer.getState();
    if (report.backToDraft && composer.open && composer.draftId === report.draftId) composer.setPost(null);
    const lines = describeReplan(report, outcomeContext(report.workspaceId));
    if (lines.length === 0) return;
    const tone = report.notWithdrawn.length > 0 || report.blocked.length > 0 ? 'error' : 'info';
    useToasts.getState().show({ tone, message: lines.join(' '), durationMs: 12_000 });
  });
}
