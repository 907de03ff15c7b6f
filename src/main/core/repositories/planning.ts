import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { Comment, PostKind, ReviewState } from '../../../shared/calendar/schemas';

export interface PlanningRow {
  id: string;
  workspace_id: string;
  kind: PostKind;
  campaign_id: string | null;
  planned_at: number | null;
  review_state: ReviewState;
  state: string;
  deleted_at: number | null;
}

/** A post's place in the editorial calendar (kind, campaign, planned date, review state), comments, and the approval switch. */
export class PlanningRepository {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      get: db.prepare<[string], PlanningRow>('SELECT id, workspace_id, kind, campaign_id, planned_at, review_state, state, deleted_at FROM drafts WHERE id = ?'),
      setCampaign: db.prepare('UPDATE drafts SET campaign_id = ?, updated_at = max(updated_at, ?) WHERE id = ?'),
      setPlannedAt: db.prepare('UPDATE drafts SET planned_at = ?, updated_at = max(updated_at, ?) WHERE id = ?'),
      setKind: db.prepare('UPDATE drafts SET kind = ?, updated_at = max(updated_at, ?) WHERE id = ?'),
      setReview: db.prepare('UPDATE drafts SET review_state = ?, updated_at = max(updated_at, ?) WHERE id = ? AND review_state = ?'),
      setZone: db.prepare("UPDATE drafts SET time_zone = ?, updated_at = max(updated_at, ?) WHERE id = ? AND state = 'draft'"),
      touch: db.prepare('UPDATE drafts SET updated_at = max(updated_at, ?) WHERE id = ?'),
      approval: db.prepare<[string], { require_approval: number }>('SELECT require_approval FROM workspaces WHERE id = ?'),
      setApproval: db.prepare('UPDATE workspaces SET require_approval = ? WHERE id = ?'),
      comments: db.prepare<[string], { id: string; draft_id: string; author: string; text: string; created_at: number }>(
        'SELECT * FROM post_comments WHERE draft_id = ? ORDER BY created_at, rowid',
      ),
      addComment: db.prepare('INSERT INTO post_comments (id, draft_id, author, text, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      comment: db.prepare<[string], { id: string; draft_id: string; author: string; text: string; created_at: number }>('SELECT * FROM post_comments WHERE id = ?'),
    };
  }

  get(draftId: string): PlanningRow | null {
    return this.s.get.get(draftId) ?? null;
  }

  setCampaign(draftId: string, campaignId: string | null, now: number): void {
    this.s.setCampaign.run(campaignId, now, draftId);
  }

  setPlannedAt(draftId: string, plannedAt: number | null, now: number): void {
    this.s.setPlannedAt.run(plannedAt, now, draftId);
  }

  setKind(draftId: string, kind: PostKind, now: number): void {
    this.s.setKind.run(kind, now, draftId);
  }

  /** Moves the review state from `from` to `to`; false when the post was not in `from` (someone else moved it). */
  transition(draftId: string, from: ReviewState, to: ReviewState, now: number): boolean {
    return this.s.setReview.run(to, now, draftId, from).changes > 0;
  }

  /** The zone of a draft's planned time (a scheduled post keeps the zone it was scheduled in). */
  setTimeZone(draftId: string, zone: string, now: number): void {
    this.s.setZone.run(zone, now, draftId);
  }

  touch(draftId: string, now: number): void {
    this.s.touch.run(now, draftId);
  }

  requireApproval(workspaceId: string): boolean {
    return this.s.approval.get(workspaceId)?.require_approval === 1;
  }

  setRequireApproval(workspaceId: string, value: boolean): void {
    this.s.setApproval.run(value ? 1 : 0, workspaceId);
  }

  comments(draftId: string): Comment[] {
    return this.s.comments.all(draftId).map((r) => ({ id: r.id, draftId: r.draft_id, author: r.author, text: r.text, createdAt: toIso(r.created_at) }));
  }

  /** Adds a comment (a retried add with the same id is a no-op) and returns it. */
  addComment(c: { id: string; draftId: string; author: string; text: string; createdAt: number }): Comment {
    this.s.addComment.run(c.id, c.draftId, c.author, c.text, c.createdAt);
    const r = this.s.comment.get(c.id)!;
    return { id: r.id, draftId: r.draft_id, author: r.author, text: r.text, createdAt: toIso(r.created_at) };
  }
}
