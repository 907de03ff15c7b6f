/**
 * Approval gating. When a workspace requires approval, the job runner asks `mustWait` before
 * publishing: a post that is not approved is held (hold reason awaiting_approval) instead of going.
 * Once approved, its held targets follow the missed-post policy: still ahead or barely late, they
 * go at their time; later than that, the workspace's policy decides (publish now, ask, skip).
 */
import { decideMissed, type MissedPolicy } from '../../../shared/schedule/missed';
import type { Db } from '../store/database';
import type { PostTargetRepository } from '../repositories/post-targets';

/** What the job runner consults (publishing/runner.ts); nothing else of the calendar. */
export interface PublishGate {
  mustWait(draftId: string): boolean;
}

export interface ReleasePorts {
  /** Back to the queue, due `at` (null: its own time). */
  release(targetId: string, at: number | null): void;
  /** Held again, for the person's decision (missed). */
  holdMissed(targetIds: string[]): void;
  skip(targetIds: string[]): void;
}

export interface ReleaseReport {
  workspaceId: string;
  published: string[];
  awaitingDecision: string[];
  skipped: string[];
}

export class ApprovalGate implements PublishGate {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      state: db.prepare<[string], { require_approval: number; review_state: string; workspace_id: string; missed_policy: string }>(
        'SELECT w.require_approval, d.review_state, d.workspace_id, w.missed_policy FROM drafts d JOIN workspaces w ON w.id = d.workspace_id WHERE d.id = ?',
      ),
      held: db.prepare<[string], { id: string; due_at: number | null }>(
        "SELECT id, due_at FROM post_targets WHERE draft_id = ? AND status = 'held' AND hold_reason = 'awaiting_approval' ORDER BY due_at, id",
      ),
      heldInWorkspace: db.prepare<[string], { draft_id: string }>(
        "SELECT DISTINCT t.draft_id FROM post_targets t JOIN drafts d ON d.id = t.draft_id WHERE d.workspace_id = ? AND t.status = 'held' AND t.hold_reason = 'awaiting_approval'",
      ),
    };
  }

  mustWait(draftId: string): boolean {
    const row = this.s.state.get(draftId);
    return row !== undefined && row.require_approval === 1 && row.review_state !== 'approved';
  }

  /** After an approval (or approval switched off): releases what was held for it. */
  release(draftId: string, nowMs: number, ports: ReleasePorts): ReleaseReport | null {
    const state = this.s.state.get(draftId);
    if (!state || this.mustWait(draftId)) return null;
    const held = this.s.held.all(draftId);
    if (held.length === 0) return null;
    const report: ReleaseReport = { workspaceId: state.workspace_id, published: [], awaitingDecision: [], skipped: [] };
    const ahead = held.filter((t) => (t.due_at ?? nowMs) > nowMs);
    for (const t of ahead) ports.release(t.id, null);
    const decision = decideMissed(
      held.filter((t) => (t.due_at ?? nowMs) <= nowMs).map((t) => ({ id: t.id, dueAt: t.due_at ?? nowMs })),
      nowMs,
      state.missed_policy as MissedPolicy,
    );
    for (const id of decision.publish) ports.release(id, nowMs);
    if (decision.ask.length) ports.holdMissed(decision.ask);
    if (decision.skip.length) ports.skip(decision.skip);
    report.published = decision.publish;
    report.awaitingDecision = decision.ask;
    report.skipped = decision.skip;
    return report;
  }

  /** Posts of a workspace holding targets for approval (when the switch is turned off). */
  heldPosts(workspaceId: string): string[] {
    return this.s.heldInWorkspace.all(workspaceId).map((r) => r.draft_id);
  }
}

/** The release ports over the publishing queue's repository. */
export function queuePorts(targets: PostTargetRepository): ReleasePorts {
  return {
    release: (id, at) => void targets.release(id, 'awaiting_approval', at),
    holdMissed: (ids) => {
      for (const id of ids) {
        targets.release(id, 'awaiting_approval');
        targets.hold(id, { reason: 'missed' });
      }
    },
    skip: (ids) => {
      for (const id of ids) targets.release(id, 'awaiting_approval');
      targets.markSkipped(ids);
    },
  };
}
