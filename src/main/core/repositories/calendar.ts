import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { Network } from '../../../shared/domain';
import { DEFAULT_SLOTS, PostingSlots, type PostingSlot } from '../../../shared/schedule/slots';
import type { CalendarItem, CalendarStatus, PostKind, ReviewState } from '../../../shared/calendar/schemas';

interface Row {
  id: string;
  text: string;
  kind: PostKind;
  state: string;
  review_state: ReviewState;
  campaign_id: string | null;
  updated_at: number;
  at: number;
  targets: string;
  planned_targets: string;
  labels: string;
  comments: number;
}

interface TargetCell {
  accountId: string;
  network: Network;
  status: string;
}

/**
 * The calendar's read model: one query for every item of a range. A post's instant is its
 * scheduled time, else its targets' earliest due time (queue, publish now), else its planned date.
 * Targets, labels and comment counts come as JSON columns of the same query (no N+1).
 */
export const CALENDAR_RANGE_SQL = `
WITH items AS (
  SELECT d.*,
    coalesce(d.scheduled_at, (SELECT min(t.due_at) FROM post_targets t WHERE t.draft_id = d.id AND t.status <> 'cancelled'), d.planned_at) AS at
  FROM drafts d
  WHERE d.workspace_id = ? AND d.deleted_at IS NULL
)
SELECT i.id, i.text, i.kind, i.state, i.review_state, i.campaign_id, i.updated_at, i.at,
  (SELECT json_group_array(json_object('accountId', t.account_id, 'network', t.network, 'status', t.status))
     FROM post_targets t WHERE t.draft_id = i.id AND t.status <> 'cancelled') AS targets,
  (SELECT json_group_array(json_object('accountId', a.id, 'network', a.network, 'status', ''))
     FROM json_each(CASE WHEN json_valid(i.content) THEN i.content END, '$.targets') j
     JOIN accounts a ON a.id = json_extract(j.value, '$.accountId')) AS planned_targets,
  (SELECT json_group_array(pl.label_id) FROM post_labels pl WHERE pl.draft_id = i.id) AS labels,
  (SELECT count(*) FROM post_comments c WHERE c.draft_id = i.id) AS comments
FROM items i
WHERE i.at >= ? AND i.at < ?
ORDER BY i.at, i.id`;

const EXCERPT = 140;

/** What the calendar shows: derived from the targets once the post is planned, from the review state before. */
export function calendarStatus(kind: PostKind, state: string, review: ReviewState, targetStatuses: readonly string[]): CalendarStatus {
  if (targetStatuses.length > 0) {
    if (targetStatuses.includes('failed')) return 'failed';
    if (targetStatuses.some((s) => s === 'pending' || s === 'claimed' || s === 'held')) return 'scheduled';
    if (targetStatuses.includes('sent')) return 'published';
  }
  if (state === 'done') return 'published';
  if (state === 'scheduled') return 'scheduled';
  if (kind === 'idea') return 'idea';
  return review;
}

export const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT) return flat;
  const cut = Array.from(flat).slice(0, EXCERPT - 1).join('');
  return `${cut}…`;
};

export class CalendarRepository {
  private readonly range;
  private readonly slotsStmt;

  constructor(db: Db) {
    this.range = db.prepare<[string, number, number], Row>(CALENDAR_RANGE_SQL);
    this.slotsStmt = db.prepare<[string], { id: string; posting_slots: string | null; time_zone: string | null }>(
      'SELECT id, posting_slots, time_zone FROM accounts WHERE workspace_id = ? AND removed_at IS NULL ORDER BY created_at',
    );
  }

  /** Every active account's posting slots in one query (DEFAULT_SLOTS when never set). */
  accountSlots(workspaceId: string, fallbackZone: string): { accountId: string; slots: PostingSlot[]; timeZone: string }[] {
    return this.slotsStmt.all(workspaceId).map((r) => {
      const parsed = r.posting_slots ? PostingSlots.safeParse(JSON.parse(r.posting_slots)) : null;
      return { accountId: r.id, slots: parsed?.success ? parsed.data : [...DEFAULT_SLOTS], timeZone: r.time_zone ?? fallbackZone };
    });
  }

  items(workspaceId: string, fromMs: number, toMs: number): CalendarItem[] {
    return this.range.all(workspaceId, fromMs, toMs).map((r) => {
      const live = JSON.parse(r.targets) as TargetCell[];
      const planned = JSON.parse(r.planned_targets) as TargetCell[];
      const status = calendarStatus(r.kind, r.state, r.review_state, live.map((t) => t.status));
      const targets = (live.length > 0 ? live : planned).map((t) => ({ accountId: t.accountId, network: t.network }));
      return {
        draftId: r.id,
        excerpt: excerpt(r.text),
        kind: r.kind,
        at: toIso(r.at),
        status,
        reviewState: r.review_state,
        targets: dedupe(targets),
        campaignId: r.campaign_id,
        labelIds: (JSON.parse(r.labels) as string[]).sort(),
        commentCount: r.comments,
        movable: status !== 'published' && !live.some((t) => t.status === 'sent' || t.status === 'claimed'),
        updatedAt: toIso(r.updated_at),
      };
    });
  }
}

function dedupe<T extends { accountId: string }>(targets: T[]): T[] {
  const seen = new Set<string>();
  return targets.filter((t) => (seen.has(t.accountId) ? false : (seen.add(t.accountId), true)));
}
