/**
 * Writing exchange snapshots as posts (imports, merges, undo): the post's row, its campaign and
 * labels (created by name when missing, looked up once per import), and its comments.
 */
import type { Db } from '../store/database';
import { contentJson, type PostSnapshot } from '../../../shared/calendar/snapshot';
import { jsonMemo } from '../../../shared/calendar/line-sink';

/** A post an import creates: its id and what it holds. */
export interface NewPost {
  draftId: string;
  snapshot: PostSnapshot;
}

export class SnapshotWriter {
  private readonly s;
  private readonly written = new Map<string, string>();
  /** The same by campaign or label object (what many posts of one file share), for the workspace it was written to. */
  private parts = new WeakMap<object, { workspaceId: string; id: string }>();

  /** `digest` gives a snapshot's merge digest (snapshotHash), given the JSON its content is written as. */
  constructor(
    db: Db,
    private readonly digest: (s: PostSnapshot, contentJson: string | null, json: (value: object) => string) => string,
  ) {
    this.s = {
      insertDraft: db.prepare(
        `INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, deleted_at, content, kind, planned_at, time_zone, review_state, ical_uid, ical_sequence, ical_hash, campaign_id)
         VALUES (?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateDraft: db.prepare(
        `UPDATE drafts SET text = ?, content = ?, kind = ?, planned_at = ?, time_zone = coalesce(?, time_zone), review_state = ?, ical_uid = ?,
           ical_sequence = max(ical_sequence, ?), ical_hash = ?, campaign_id = ?, deleted_at = NULL, updated_at = max(updated_at, ?), revision = revision + 1 WHERE id = ?`,
      ),
      campaignByName: db.prepare<[string, string], { id: string }>('SELECT id FROM campaigns WHERE workspace_id = ? AND name = ? ORDER BY created_at LIMIT 1'),
      insertCampaign: db.prepare('INSERT INTO campaigns (id, workspace_id, name, color, starts_on, ends_on, goal, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      updateCampaign: db.prepare('UPDATE campaigns SET color = ?, starts_on = ?, ends_on = ?, goal = ?, updated_at = ? WHERE id = ?'),
      labelByName: db.prepare<[string, string], { id: string }>('SELECT id FROM labels WHERE workspace_id = ? AND name = ? COLLATE NOCASE'),
      insertLabel: db.prepare('INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES (?, ?, ?, ?, ?)'),
      updateLabel: db.prepare('UPDATE labels SET color = ? WHERE id = ?'),
      clearLabels: db.prepare('DELETE FROM post_labels WHERE draft_id = ?'),
      addLabel: db.prepare('INSERT OR IGNORE INTO post_labels (draft_id, label_id) VALUES (?, ?)'),
      clearComments: db.prepare('DELETE FROM post_comments WHERE draft_id = ?'),
      addComment: db.prepare('INSERT INTO post_comments (id, draft_id, author, text, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET draft_id = excluded.draft_id, author = excluded.author, text = excluded.text, created_at = excluded.created_at'),
    };
  }

  /** Writes a snapshot as post `draftId` (created when `create`), with its campaign, labels and comments. Caller's transaction. */
  write(workspaceId: string, draftId: string, s: PostSnapshot, now: number, create: boolean): void {
    if (create) return this.createMany(workspaceId, [{ draftId, snapshot: s }], now);
    const r = this.draftRow(workspaceId, s, now, JSON.stringify);
    this.s.updateDraft.run(s.text, r.content, s.kind, r.at, s.timeZone, s.reviewState, s.uid, s.sequence, r.hash, r.campaignId, now, draftId);
    this.s.clearLabels.run(draftId);
    for (const labelId of r.labelIds) this.s.addLabel.run(draftId, labelId);
    this.s.clearComments.run(draftId);
    for (const c of s.comments) this.s.addComment.run(c.id, draftId, c.author, c.text, Date.parse(c.createdAt));
  }

  /**
   * write(…, true) for many new posts, in this order: their values are made first (campaigns and
   * labels created as they come), then each table's rows are written in a row, posts first.
   */
  createMany(workspaceId: string, posts: readonly NewPost[], now: number): void {
    // Campaigns and labels shared by many posts: their JSON is made once.
    const json = jsonMemo();
    const rows = posts.map((p) => this.draftRow(workspaceId, p.snapshot, now, json));
    posts.forEach(({ draftId, snapshot: s }, i) => {
      const r = rows[i]!;
      this.s.insertDraft.run(draftId, workspaceId, s.text, Date.parse(s.createdAt), now, r.content, s.kind, r.at, s.timeZone, s.reviewState, s.uid, s.sequence, r.hash, r.campaignId);
    });
    posts.forEach(({ draftId }, i) => {
      for (const labelId of rows[i]!.labelIds) this.s.addLabel.run(draftId, labelId);
    });
    for (const { draftId, snapshot } of posts) {
      for (const c of snapshot.comments) this.s.addComment.run(c.id, draftId, c.author, c.text, Date.parse(c.createdAt));
    }
  }

  /** The values a post's row is written with; its campaign and labels are created when missing. */
  private draftRow(workspaceId: string, s: PostSnapshot, now: number, json: (value: object) => string) {
    const campaignId = s.campaign ? this.campaignId(workspaceId, s.campaign, now) : null;
    const at = s.at === null ? null : Date.parse(s.at);
    const content = s.content ? contentJson(s.content) : null;
    const hash = this.digest(s, content, json);
    const labelIds = s.labels.map((label) => this.labelId(workspaceId, label, now));
    return { campaignId, at, content, hash, labelIds };
  }

  private campaignId(workspaceId: string, c: NonNullable<PostSnapshot['campaign']>, now: number): string {
    const part = this.parts.get(c);
    if (part?.workspaceId === workspaceId) return part.id;
    const id = this.campaignByKey(workspaceId, c, now);
    this.parts.set(c, { workspaceId, id });
    return id;
  }

  private campaignByKey(workspaceId: string, c: NonNullable<PostSnapshot['campaign']>, now: number): string {
    const cacheKey = `${workspaceId}\u0000${JSON.stringify([c.name, c.color, c.startsOn, c.endsOn, c.goal])}`;
    const cached = this.written.get(cacheKey);
    if (cached) return cached;
    let id = this.s.campaignByName.get(workspaceId, c.name)?.id;
    if (id) this.s.updateCampaign.run(c.color, c.startsOn, c.endsOn, c.goal, now, id);
    else {
      id = crypto.randomUUID();
      this.s.insertCampaign.run(id, workspaceId, c.name, c.color, c.startsOn, c.endsOn, c.goal, now, now);
    }
    this.written.set(cacheKey, id);
    return id;
  }

  private labelId(workspaceId: string, label: { name: string; color: string }, now: number): string {
    const part = this.parts.get(label);
    if (part?.workspaceId === workspaceId) return part.id;
    const id = this.labelByKey(workspaceId, label, now);
    this.parts.set(label, { workspaceId, id });
    return id;
  }

  private labelByKey(workspaceId: string, label: { name: string; color: string }, now: number): string {
    const cacheKey = `${workspaceId}\u0001${label.name.toLowerCase()}\u0000${label.color}`;
    const cached = this.written.get(cacheKey);
    if (cached) return cached;
    let id = this.s.labelByName.get(workspaceId, label.name)?.id;
    if (!id) {
      id = crypto.randomUUID();
      this.s.insertLabel.run(id, workspaceId, label.name, label.color, now);
    } else this.s.updateLabel.run(label.color, id);
    this.written.set(cacheKey, id);
    return id;
  }

  /** Campaigns and labels written during one import are looked up once (call at the start of each transaction). */
  startBatch(): void {
    this.written.clear();
    this.parts = new WeakMap();
  }
}
