import type { Db } from '../store/database';

/**
 * A post's column (drafts.state) is derived from its targets, never kept as a second truth:
 * scheduled while a target is open (pending, claimed, held); done once none is and one went,
 * failed or was skipped; a draft again when every target was cancelled. Every write that
 * changes a target calls settle() in its own transaction; repairAll() runs at start.
 */
const OPEN = "('pending', 'claimed', 'held')";
const DERIVED = `CASE
  WHEN EXISTS (SELECT 1 FROM post_targets t WHERE t.draft_id = drafts.id AND t.status IN ${OPEN}) THEN 'scheduled'
  WHEN EXISTS (SELECT 1 FROM post_targets t WHERE t.draft_id = drafts.id AND t.status IN ('sent', 'failed', 'skipped')) THEN 'done'
  ELSE 'draft' END`;
const SET = `state = ${DERIVED},
  scheduled_at = CASE WHEN ${DERIVED} = 'draft' THEN NULL ELSE scheduled_at END,
  plan_rule = CASE WHEN ${DERIVED} = 'draft' THEN NULL ELSE plan_rule END,
  updated_at = max(updated_at, ?)`;

export type PostState = 'draft' | 'scheduled' | 'done';
export type PlanRule = 'at' | 'queue';

export class PostStates {
  private readonly s;

  constructor(db: Db, private readonly now: () => number) {
    this.s = {
      settle: db.prepare(`UPDATE drafts SET ${SET} WHERE id = ? AND state <> 'draft' AND state <> ${DERIVED}`),
      repair: db.prepare(`UPDATE drafts SET ${SET} WHERE state <> 'draft' AND state <> ${DERIVED}`),
      plan: db.prepare("UPDATE drafts SET state = 'scheduled', scheduled_at = ?, time_zone = ?, plan_rule = ?, updated_at = max(updated_at, ?) WHERE id = ?"),
      get: db.prepare<[string], { state: PostState; scheduled_at: number | null; time_zone: string | null; plan_rule: PlanRule | null }>(
        'SELECT state, scheduled_at, time_zone, plan_rule FROM drafts WHERE id = ?',
      ),
    };
  }

  /** The post's column follows its targets (call inside the transaction that changed them). */
  settle(draftId: string): void {
    this.s.settle.run(this.now(), draftId);
  }

  /** At start: a crash between two writes of an older version cannot leave a post in the wrong column. */
  repairAll(): number {
    return this.s.repair.run(this.now()).changes;
  }

  /** The post is planned (by an instant, or each account's next free slot); its targets follow in the same transaction. */
  plan(draftId: string, rule: PlanRule, atMs: number | null, timeZone: string): void {
    this.s.plan.run(atMs, timeZone, rule, this.now(), draftId);
  }

  get(draftId: string) {
    const row = this.s.get.get(draftId);
    return row ? { state: row.state, scheduledAt: row.scheduled_at, timeZone: row.time_zone, rule: row.plan_rule } : null;
  }
}
