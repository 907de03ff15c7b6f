/** How the Scheduled and Sent / Failed columns read a PostView. Pure. */
import type { PostView, TargetView } from '../../shared/publishing';

/** When a post goes: its chosen time, else the earliest time of its targets (queue slots). */
export function postTime(post: PostView): string | null {
  if (post.scheduledAt) return post.scheduledAt;
  const due = post.targets.map((t) => t.dueAt).filter((d): d is string => !!d);
  return due.length > 0 ? due.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)) : null;
}

const timeValue = (iso: string | null) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/** Scheduled: soonest first; posts without a time (waiting for a decision) at the end. */
export function sortScheduled(posts: readonly PostView[]): PostView[] {
  return [...posts].sort((a, b) => timeValue(postTime(a)) - timeValue(postTime(b)) || a.draftId.localeCompare(b.draftId));
}

/** Sent / Failed: the most recent news first (when it went out, else its last change). */
export function sortSent(posts: readonly PostView[]): PostView[] {
  const news = (p: PostView) => p.sentAt ?? p.updatedAt;
  return [...posts].sort((a, b) => news(b).localeCompare(news(a)) || a.draftId.localeCompare(b.draftId));
}

/**
 * One word for a target's state, as the chips show it:
 * - partial: a thread stopped part way ("2/3 publiés"), whatever its status;
 * - held_missed / held_reconnect: waiting for the person (a missed time, a reconnection).
 * - held_offline: waiting for the connection; it goes by itself.
 * - held_blocked: a publishing rule blocks it until the post is fixed; held_approval: waiting for approval.
 * - deleted: it went out, then was deleted from its network ("Delete from the network").
 */
export type TargetDisplay =
  | 'scheduled'
  | 'sending'
  | 'sent'
  | 'partial'
  | 'failed'
  | 'held_missed'
  | 'held_reconnect'
  | 'held_offline'
  | 'deleted'
  | 'held_blocked'
  | 'held_approval'
  | 'held'
  | 'skipped'
  | 'cancelled';

export function targetDisplay(target: TargetView): TargetDisplay {
  // It went out, and was deleted from its network since.
  if (target.remoteDeletedAt !== null) return 'deleted';
  const partial = target.partsTotal > 1 && target.partsSent > 0 && target.partsSent < target.partsTotal;
  switch (target.status) {
    case 'sent':
      return partial ? 'partial' : 'sent';
    case 'failed':
      return partial ? 'partial' : 'failed';
    case 'claimed':
      return 'sending';
    case 'held':
      if (target.heldReason === 'missed') return 'held_missed';
      if (target.heldReason === 'reconnect_needed') return 'held_reconnect';
      // Written offline: it goes by itself when the connection is back.
      if (target.heldReason === 'offline') return 'held_offline';
      if (target.heldReason === 'invalid') return 'held_blocked';
      if (target.heldReason === 'awaiting_approval') return 'held_approval';
      return 'held';
    case 'skipped':
      return 'skipped';
    case 'cancelled':
      return 'cancelled';
    case 'pending':
      return partial ? 'partial' : 'scheduled';
  }
}

/** The tone of a chip: good news, bad news, waiting, or nothing to say. */
export function displayTone(display: TargetDisplay): 'ok' | 'error' | 'waiting' | 'neutral' {
  if (display === 'sent') return 'ok';
  if (display === 'failed' || display === 'partial' || display === 'held_reconnect' || display === 'held_blocked') return 'error';
  if (display === 'skipped' || display === 'cancelled' || display === 'deleted') return 'neutral';
  return 'waiting';
}

/** A target done publishing with at least one part out, still on its network: post.deleteRemote can take it down. */
export const canDeleteRemote = (target: TargetView): boolean =>
  target.remoteDeletedAt === null && target.partsSent > 0 && ['sent', 'failed', 'skipped', 'cancelled'].includes(target.status);

/** A failed (or stopped) target the person can send again with post.retryTarget. */
export const canRetry = (target: TargetView): boolean => target.status === 'failed';

/** The post has at least one target still waiting to go (so it can be edited, rescheduled, cancelled). */
export const isPending = (post: PostView): boolean => post.targets.some((t) => t.status === 'pending' || t.status === 'held');

/** The targets the missed-posts dialog asks about, with their post. */
export function findTargets(posts: readonly PostView[], targetIds: readonly string[]): { post: PostView; target: TargetView }[] {
  const wanted = new Set(targetIds);
  const found: { post: PostView; target: TargetView }[] = [];
  const seen = new Set<string>();
  for (const post of posts) {
    for (const target of post.targets) {
      if (wanted.has(target.id) && !seen.has(target.id)) {
        seen.add(target.id);
        found.push({ post, target });
      }
    }
  }
  return found.sort((a, b) => timeValue(a.target.dueAt) - timeValue(b.target.dueAt));
}

/** The first characters of a post, on one line, for a card or a list. */
export function postPreview(text: string, max = 140): string {
  const compact = text.replace(/\s+/gu, ' ').trim();
  return compact.length > max ? `${compact.slice(0, max - 1)}…` : compact;
}
