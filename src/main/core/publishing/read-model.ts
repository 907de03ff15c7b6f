/** The Scheduled and Sent / Failed columns: posts with their targets, one joined query per list. */
import { contentForTarget } from '../../../shared/rules';
import { HeldProblems, type DraftContent, type PostView, type TargetView } from '../../../shared/publishing';
import { toIso } from '../clock';
import type { PostTargetRepository, TargetRow } from '../repositories/post-targets';
import type { PostViewQueries, PostWithTargets } from '../repositories/post-views';
import { notFound, readContent } from './plan';

const iso = (ms: number | null) => (ms === null ? null : toIso(ms));

export class PostReadModel {
  constructor(
    private readonly queries: PostViewQueries,
    private readonly targets: Pick<PostTargetRepository, 'sentParts'>,
  ) {}

  list(workspaceId: string, column: 'scheduled' | 'sent'): PostView[] {
    const posts = this.queries.list(workspaceId, column).map((p) => this.toView(p));
    // Sent / Failed: the most recent news first.
    if (column === 'sent') posts.sort((a, b) => (b.sentAt ?? b.updatedAt).localeCompare(a.sentAt ?? a.updatedAt));
    return posts;
  }

  view(draftId: string): PostView {
    const found = this.queries.one(draftId);
    if (!found) throw notFound('post');
    return this.toView(found);
  }

  private toView({ post, targets }: PostWithTargets): PostView {
    const content = readContent(post.content);
    const views = targets.map((t) => this.targetView(t, post.text, content));
    const sent = views.map((t) => t.sentAt).filter((s): s is string => s !== null);
    return {
      draftId: post.id,
      workspaceId: post.workspace_id,
      text: post.text,
      state: post.state,
      scheduledAt: iso(post.scheduled_at),
      timeZone: post.time_zone,
      targets: views,
      updatedAt: toIso(post.updated_at),
      sentAt: sent.length > 0 ? sent.reduce((a, b) => (a > b ? a : b)) : null,
    };
  }

  private targetView(t: TargetRow, text: string, content: DraftContent): TargetView {
    const target = content.targets.find((x) => x.accountId === t.account_id) ?? null;
    const problems = t.hold_problems ? HeldProblems.safeParse(JSON.parse(t.hold_problems)) : null;
    return {
      id: t.id,
      accountId: t.account_id,
      network: t.network,
      status: t.status,
      heldReason: t.status === 'held' ? (t.hold_reason ?? 'missed') : null,
      heldProblems: t.status === 'held' && problems?.success ? problems.data : [],
      dueAt: iso(t.due_at),
      sentAt: t.status === 'sent' ? iso(t.sent_at ?? t.updated_at) : null,
      attempts: t.attempts,
      lastError: t.last_error,
      remoteUrl: t.remote_url,
      remoteDeletedAt: iso(t.remote_deleted_at),
      partsSent: this.targets.sentParts(t).filter((p) => p !== null).length,
      // An account taken out of the post keeps its count from the main version.
      partsTotal: Math.max(1, contentForTarget(text, content, target ?? { accountId: t.account_id, variant: null }).parts.length),
    };
  }
}
