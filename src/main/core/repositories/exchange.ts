import { createHash } from 'node:crypto';
import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { DraftContent } from '../../../shared/publishing';
import { canonical, snapshotKey, type PostSnapshot, type SnapshotMedia } from '../../../shared/calendar/snapshot';
import type { PostKind, ReviewState } from '../../../shared/calendar/schemas';
import { calendarStatus } from './calendar';

interface SnapshotRow {
  id: string;
  text: string;
  content: string | null;
  kind: PostKind;
  state: string;
  review_state: ReviewState;
  time_zone: string | null;
  created_at: number;
  updated_at: number;
  ical_uid: string | null;
  ical_sequence: number;
  ical_hash: string | null;
  deleted_at: number | null;
  at: number | null;
  c_name: string | null;
  c_color: string | null;
  c_starts: string | null;
  c_ends: string | null;
  c_goal: string | null;
  labels: string;
  comments: string;
  statuses: string;
  targets: string;
  media: string;
  base: string | null;
}

function readContent(json: string): DraftContent | null {
  try {
    const value = JSON.parse(json) as DraftContent | null;
    return value && typeof value === 'object' && Array.isArray(value.targets) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A base row: written by putBase from a snapshot that was validated when it arrived (or read
 * from our own posts), so it is not validated again; a damaged row reads as no base.
 */
function readBase(json: string): PostSnapshot | null {
  try {
    const value = JSON.parse(json) as PostSnapshot | null;
    return value && typeof value === 'object' && typeof value.uid === 'string' && Array.isArray(value.labels) && Array.isArray(value.media) && Array.isArray(value.targets) ? value : null;
  } catch {
    return null;
  }
}

/** The accounts and media a post's content refers to (targets, images of the post and of each version). */
function referencedIds(content: DraftContent | null): Set<string> {
  const ids = new Set<string>();
  if (!content) return ids;
  const parts = (media: readonly { mediaId: string }[] | undefined) => {
    for (const m of media ?? []) ids.add(m.mediaId);
  };
  parts(content.media);
  for (const t of content.targets) {
    ids.add(t.accountId);
    for (const p of t.variant?.parts ?? []) parts(p.media);
  }
  return ids;
}

/** The UID of a post that never had one from elsewhere. */
export const defaultUid = (draftId: string) => `${draftId}@tribune`;
export const snapshotHash = (s: PostSnapshot) => createHash('sha256').update(snapshotKey(s)).digest('hex');

const SNAPSHOTS_SQL = `
SELECT d.id, d.text, d.content, d.kind, d.state, d.review_state, d.time_zone, d.created_at, d.updated_at,
  d.ical_uid, d.ical_sequence, d.ical_hash, d.deleted_at,
  coalesce(d.scheduled_at, (SELECT min(t.due_at) FROM post_targets t WHERE t.draft_id = d.id AND t.status <> 'cancelled'), d.planned_at) AS at,
  c.name AS c_name, c.color AS c_color, c.starts_on AS c_starts, c.ends_on AS c_ends, c.goal AS c_goal,
  (SELECT json_group_array(json_object('name', l.name, 'color', l.color)) FROM post_labels pl JOIN labels l ON l.id = pl.label_id WHERE pl.draft_id = d.id) AS labels,
  (SELECT json_group_array(json_object('id', pc.id, 'author', pc.author, 'text', pc.text, 'createdAt', pc.created_at))
     FROM (SELECT * FROM post_comments WHERE draft_id = d.id ORDER BY created_at, rowid) pc) AS comments,
  (SELECT json_group_array(t.status) FROM post_targets t WHERE t.draft_id = d.id AND t.status <> 'cancelled') AS statuses,
  (SELECT json_group_array(json_object('accountId', a.id, 'network', a.network, 'handle', a.handle))
     FROM json_each(CASE WHEN json_valid(d.content) THEN d.content END, '$.targets') j JOIN accounts a ON a.id = json_extract(j.value, '$.accountId')) AS targets,
  (SELECT json_group_array(json_object('id', m.id, 'fileName', m.file_name, 'mime', m.mime, 'bytes', m.bytes, 'width', m.width, 'height', m.height, 'sha256', m.sha256))
     FROM media m WHERE m.id IN (SELECT jt.value FROM json_tree(CASE WHEN json_valid(d.content) THEN d.content END) jt WHERE jt.key = 'mediaId')) AS media,
  b.snapshot AS base
FROM drafts d
LEFT JOIN campaigns c ON c.id = d.campaign_id
LEFT JOIN exchange_base b ON b.workspace_id = d.workspace_id AND b.uid = coalesce(d.ical_uid, d.id || '@tribune')
WHERE d.workspace_id = ?`;

export interface LocalPost {
  snapshot: PostSnapshot;
  deleted: boolean;
  hash: string | null;
}

/** Posts as exchange snapshots (one query), writing snapshots back, and the last exchanged version per UID. */
export class ExchangeRepository {
  private readonly s;
  private readonly written = new Map<string, string>();
  /** The base row each snapshot read for an export had (so an unchanged base is not written again). */
  private readonly readBases = new WeakMap<PostSnapshot, string>();

  constructor(private readonly db: Db) {
    this.s = {
      all: db.prepare<[string], SnapshotRow>(SNAPSHOTS_SQL),
      range: db.prepare<[string, number, number], SnapshotRow>(`SELECT * FROM (${SNAPSHOTS_SQL}) WHERE deleted_at IS NULL AND at >= ? AND at < ? ORDER BY at, id`),
      setSequence: db.prepare('UPDATE drafts SET ical_sequence = ?, ical_hash = ? WHERE id = ?'),
      base: db.prepare<[string], { uid: string; snapshot: string }>('SELECT uid, snapshot FROM exchange_base WHERE workspace_id = ?'),
      putBase: db.prepare(
        `INSERT INTO exchange_base (workspace_id, uid, sequence, last_modified, snapshot) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, uid) DO UPDATE SET sequence = excluded.sequence, last_modified = excluded.last_modified, snapshot = excluded.snapshot`,
      ),
      deleteBase: db.prepare('DELETE FROM exchange_base WHERE workspace_id = ? AND uid = ?'),
      draftWorkspace: db.prepare<[string], { workspace_id: string }>('SELECT workspace_id FROM drafts WHERE id = ?'),
      insertDraft: db.prepare(
        `INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, deleted_at, content, kind, planned_at, time_zone, review_state, ical_uid, ical_sequence, ical_hash, campaign_id)
         VALUES (?, ?, ?, ?, ?, 1, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateDraft: db.prepare(
        `UPDATE drafts SET text = ?, content = ?, kind = ?, planned_at = ?, time_zone = coalesce(?, time_zone), review_state = ?, ical_uid = ?,
           ical_sequence = max(ical_sequence, ?), ical_hash = ?, campaign_id = ?, deleted_at = NULL, updated_at = max(updated_at, ?), revision = revision + 1 WHERE id = ?`,
      ),
      softDelete: db.prepare('UPDATE drafts SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL'),
      hardDelete: db.prepare('DELETE FROM drafts WHERE id = ?'),
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
      mediaExists: db.prepare<[string], { id: string }>('SELECT id FROM media WHERE id = ?'),
    };
  }

  private toLocal(r: SnapshotRow): LocalPost {
    // The content was validated by the contract when it was saved; a damaged one reads as none.
    const content = r.content ? readContent(r.content) : null;
    const baseSnap = r.base ? readBase(r.base) : null;
    // Media and targets this installation does not have keep the description they arrived with.
    const media = JSON.parse(r.media) as SnapshotMedia[];
    const known = new Set(media.map((m) => m.id));
    for (const m of baseSnap?.media ?? []) if (!known.has(m.id)) media.push(m);
    const targets = JSON.parse(r.targets) as PostSnapshot['targets'];
    const knownTargets = new Set(targets.map((t) => t.accountId));
    for (const t of baseSnap?.targets ?? []) if (!knownTargets.has(t.accountId)) targets.push(t);
    const referenced = referencedIds(content);
    const snapshot: PostSnapshot = {
      uid: r.ical_uid ?? defaultUid(r.id),
      id: r.id,
      kind: r.kind,
      text: r.text,
      content,
      at: r.at === null ? null : toIso(r.at),
      timeZone: r.time_zone,
      status: calendarStatus(r.kind, r.state, r.review_state, JSON.parse(r.statuses) as string[]),
      reviewState: r.review_state,
      campaign: r.c_name === null ? null : { name: r.c_name, color: r.c_color!, startsOn: r.c_starts, endsOn: r.c_ends, goal: r.c_goal ?? '' },
      labels: (JSON.parse(r.labels) as { name: string; color: string }[]).sort((a, b) => a.name.localeCompare(b.name)),
      comments: (JSON.parse(r.comments) as { id: string; author: string; text: string; createdAt: number }[]).map((c) => ({ ...c, createdAt: toIso(c.createdAt) })),
      media: media.filter((m) => referenced.has(m.id)).sort((a, b) => a.id.localeCompare(b.id)),
      targets: targets.filter((t) => referenced.has(t.accountId)).sort((a, b) => a.accountId.localeCompare(b.accountId)),
      sequence: r.ical_sequence,
      lastModified: toIso(r.updated_at),
      createdAt: toIso(r.created_at),
    };
    return { snapshot, deleted: r.deleted_at !== null, hash: r.ical_hash };
  }

  /** Every post of the workspace, including those in the bin, by UID. */
  allByUid(workspaceId: string): Map<string, LocalPost> {
    const out = new Map<string, LocalPost>();
    for (const r of this.s.all.all(workspaceId)) {
      const local = this.toLocal(r);
      const existing = out.get(local.snapshot.uid);
      if (!existing || (existing.deleted && !local.deleted)) out.set(local.snapshot.uid, local);
    }
    return out;
  }

  /** The posts an export carries (dated, not in the bin), SEQUENCE bumped for those that changed since their last export. */
  forExport(workspaceId: string, fromMs: number, toMs: number): PostSnapshot[] {
    return this.db.transaction(() =>
      this.s.range.all(workspaceId, fromMs, toMs).map((r) => {
        const local = this.toLocal(r);
        const hash = snapshotHash(local.snapshot);
        let out = local.snapshot;
        if (local.hash !== hash) {
          const sequence = local.hash === null ? local.snapshot.sequence : local.snapshot.sequence + 1;
          this.s.setSequence.run(sequence, hash, r.id);
          out = { ...local.snapshot, sequence };
        }
        if (r.base !== null) this.readBases.set(out, r.base);
        return out;
      }),
    )();
  }

  bases(workspaceId: string): Map<string, PostSnapshot> {
    const out = new Map<string, PostSnapshot>();
    for (const r of this.s.base.all(workspaceId)) {
      const base = readBase(r.snapshot);
      if (base) out.set(r.uid, base);
    }
    return out;
  }

  putBase(workspaceId: string, s: PostSnapshot): void {
    const json = JSON.stringify(s);
    // Exporting again what was last exchanged rewrites nothing.
    if (this.readBases.get(s) === json) return;
    this.s.putBase.run(workspaceId, s.uid, s.sequence, Date.parse(s.lastModified), json);
  }

  deleteBase(workspaceId: string, uid: string): void {
    this.s.deleteBase.run(workspaceId, uid);
  }

  /** Whether an id is free to give a new post (not used in any workspace). */
  idFree(id: string): boolean {
    return this.s.draftWorkspace.get(id) === undefined;
  }

  /** Writes a snapshot as post `draftId` (created when `create`), with its campaign, labels and comments. Caller's transaction. */
  write(workspaceId: string, draftId: string, s: PostSnapshot, now: number, create: boolean): void {
    const campaignId = s.campaign ? this.campaignId(workspaceId, s.campaign, now) : null;
    const at = s.at === null ? null : Date.parse(s.at);
    const content = s.content ? JSON.stringify(s.content) : null;
    const hash = snapshotHash(s);
    if (create) {
      this.s.insertDraft.run(draftId, workspaceId, s.text, Date.parse(s.createdAt), now, content, s.kind, at, s.timeZone, s.reviewState, s.uid, s.sequence, hash, campaignId);
    } else {
      this.s.updateDraft.run(s.text, content, s.kind, at, s.timeZone, s.reviewState, s.uid, s.sequence, hash, campaignId, now, draftId);
    }
    if (!create) this.s.clearLabels.run(draftId);
    for (const label of s.labels) this.s.addLabel.run(draftId, this.labelId(workspaceId, label, now));
    if (!create) this.s.clearComments.run(draftId);
    for (const c of s.comments) this.s.addComment.run(c.id, draftId, c.author, c.text, Date.parse(c.createdAt));
  }

  private campaignId(workspaceId: string, c: NonNullable<PostSnapshot['campaign']>, now: number): string {
    const cacheKey = `${workspaceId}\u0000${canonical(c)}`;
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
  }

  softDelete(draftId: string, now: number): void {
    this.s.softDelete.run(now, now, draftId);
  }

  hardDelete(draftId: string): void {
    this.s.hardDelete.run(draftId);
  }

  mediaExists(id: string): boolean {
    return this.s.mediaExists.get(id) !== undefined;
  }
}
