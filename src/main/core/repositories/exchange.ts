import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Db } from '../store/database';
import { fieldValue, snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import { jsonList, jsonMemo } from '../../../shared/calendar/ical-export';
import { readBase, SnapshotReader, type LocalPost } from './exchange-snapshots';

export { defaultUid, type LocalPost } from './exchange-snapshots';

/** The digest rows written before version 2 carry: the merge key (canonical JSON). */
const legacyHash = (s: PostSnapshot) => createHash('sha256').update(snapshotKey(s)).digest('hex');
const HASH_V2 = '2:';
type Json = (value: object) => string;
/**
 * A digest of what a merge compares, stored when a post is exported or imported so that the
 * next export bumps SEQUENCE only when it changed. The post's JSON in its own key order (the
 * content as stored), labels and comments sorted: cheaper than the canonical merge key, and
 * only ever compared with digests made the same way. `json` may remember the JSON of shared
 * objects (jsonMemo).
 */
export function snapshotHash(s: PostSnapshot, contentJson: string | null = s.content === null ? null : JSON.stringify(s.content), json: Json = JSON.stringify): string {
  const labels = s.labels.length < 2 ? s.labels : (fieldValue(s, 'labels') as PostSnapshot['labels']);
  const comments = s.comments.length < 2 ? s.comments : fieldValue(s, 'comments');
  const key = `${JSON.stringify(s.text)}\u0001${contentJson}\u0001${JSON.stringify(s.at)}\u0001${JSON.stringify(s.timeZone)}\u0001${s.reviewState}\u0001${s.campaign === null ? 'null' : json(s.campaign)}\u0001${jsonList(labels, json)}\u0001${JSON.stringify(comments)}\u0001${s.kind}`;
  return HASH_V2 + oneShotHash('sha256', key, 'hex');
}
/**
 * A digest of a whole snapshot as a base row holds it: the merge digest above plus every other
 * field. Equal digests: the row already holds this snapshot (labels and comments compared as
 * sorted lists, as merges read them).
 */
export function baseDigest(s: PostSnapshot, hash: string, json: Json = JSON.stringify): string {
  return `${hash}\u0001${s.sequence}\u0001${s.uid}\u0001${s.id}\u0001${s.status}\u0001${s.lastModified}\u0001${s.createdAt}\u0001${jsonList(s.media, json)}\u0001${jsonList(s.targets, json)}`;
}

/** A value's JSON, null for a value JSON leaves out. */
const j = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** Whether a stored digest (either version) still describes the post. */
function sameHash(stored: string | null, s: PostSnapshot, current: string): boolean {
  if (stored === null) return false;
  return stored.startsWith(HASH_V2) ? stored === current : stored === legacyHash(s);
}

/** Posts as exchange snapshots (one query), writing snapshots back, and the last exchanged version per UID. */
export class ExchangeRepository {
  private readonly s;
  private readonly written = new Map<string, string>();
  /** Snapshots read for an export whose base row already holds them (not written again). */
  private readonly currentBases = new WeakSet<PostSnapshot>();
  /** The merge digest of snapshots this repository digested (read for an export, or written), so a base is digested once. */
  private readonly hashes = new WeakMap<PostSnapshot, string>();
  /** The JSON each content read for an export, or written, was stored as (the file and the base carry it as it is). */
  private readonly contents = new WeakMap<object, string>();

  private readonly reader: SnapshotReader;

  constructor(private readonly db: Db) {
    this.reader = new SnapshotReader(db);
    this.s = {
      setSequence: db.prepare('UPDATE drafts SET ical_sequence = ?, ical_hash = ? WHERE id = ?'),
      base: db.prepare<[string], { uid: string; snapshot: string }>('SELECT uid, snapshot FROM exchange_base WHERE workspace_id = ?'),
      putBase: db.prepare(
        `INSERT INTO exchange_base (workspace_id, uid, sequence, last_modified, snapshot, digest, extras) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, uid) DO UPDATE SET sequence = excluded.sequence, last_modified = excluded.last_modified, snapshot = excluded.snapshot,
           digest = excluded.digest, extras = excluded.extras`,
      ),
      deleteBase: db.prepare('DELETE FROM exchange_base WHERE workspace_id = ? AND uid = ?'),
      draftWorkspace: db.prepare<[string], { workspace_id: string }>('SELECT workspace_id FROM drafts WHERE id = ?'),
      takenIds: db.prepare<[string], { id: string }>('SELECT id FROM drafts WHERE id IN (SELECT value FROM json_each(?))'),
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

  /** Every post of the workspace, including those in the bin, by UID. */
  allByUid(workspaceId: string): Map<string, LocalPost> {
    const out = new Map<string, LocalPost>();
    for (const { local } of this.reader.read(workspaceId)) {
      const existing = out.get(local.snapshot.uid);
      if (!existing || (existing.deleted && !local.deleted)) out.set(local.snapshot.uid, local);
    }
    return out;
  }

  /** The posts an export carries (dated, not in the bin), SEQUENCE bumped for those that changed since their last export. */
  forExport(workspaceId: string, fromMs: number, toMs: number): PostSnapshot[] {
    // The posts' campaign, labels and accounts are shared objects: their JSON is made once.
    const json = jsonMemo();
    return this.db.transaction(() =>
      this.reader.read(workspaceId, { fromMs, toMs }).map(({ row: r, local }) => {
        // The content as stored is the JSON its digest was made from (an unreadable one reads as none).
        const hash = snapshotHash(local.snapshot, local.snapshot.content === null ? null : r.content, json);
        let out = local.snapshot;
        if (local.hash !== hash) {
          const same = sameHash(local.hash, local.snapshot, hash);
          // A digest of the first version is replaced by this one, without a new SEQUENCE.
          const sequence = local.hash === null || same ? local.snapshot.sequence : local.snapshot.sequence + 1;
          this.s.setSequence.run(sequence, hash, r.id);
          if (sequence !== local.snapshot.sequence) out = { ...local.snapshot, sequence };
        }
        this.hashes.set(out, hash);
        if (local.snapshot.content !== null && r.content !== null) this.contents.set(local.snapshot.content, r.content);
        if (r.base_digest !== null && r.base_digest === baseDigest(out, hash, json)) this.currentBases.add(out);
        return out;
      }),
    )();
  }

  /** The stored JSON of a content read by forExport. */
  storedContent(content: object): string | undefined {
    return this.contents.get(content);
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
    // Exporting again what was last exchanged rewrites nothing.
    if (this.currentBases.has(s)) return;
    const content = s.content === null ? 'null' : (this.contents.get(s.content) ?? JSON.stringify(s.content));
    const digest = baseDigest(s, this.hashes.get(s) ?? snapshotHash(s, s.content === null ? null : content));
    const media = JSON.stringify(s.media);
    const targets = JSON.stringify(s.targets);
    // The snapshot's JSON (PostSnapshot's keys, media and targets last), with the content as already written.
    const json =
      `{"uid":${j(s.uid)},"id":${j(s.id)},"kind":${j(s.kind)},"text":${j(s.text)},"content":${content},` +
      `"at":${j(s.at)},"timeZone":${j(s.timeZone)},"status":${j(s.status)},"reviewState":${j(s.reviewState)},` +
      `"campaign":${j(s.campaign)},"labels":${j(s.labels)},"comments":${j(s.comments)},"sequence":${j(s.sequence)},` +
      `"lastModified":${j(s.lastModified)},"createdAt":${j(s.createdAt)},"media":${media},"targets":${targets}}`;
    this.s.putBase.run(workspaceId, s.uid, s.sequence, Date.parse(s.lastModified), json, digest, `{"media":${media},"targets":${targets}}`);
  }

  deleteBase(workspaceId: string, uid: string): void {
    this.s.deleteBase.run(workspaceId, uid);
  }

  /** Whether an id is free to give a new post (not used in any workspace). */
  idFree(id: string): boolean {
    return this.s.draftWorkspace.get(id) === undefined;
  }

  /** The ids among `ids` already used by a post (any workspace), in one query. */
  takenIds(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    return new Set(this.s.takenIds.all(JSON.stringify(ids)).map((r) => r.id));
  }

  /** Writes a snapshot as post `draftId` (created when `create`), with its campaign, labels and comments. Caller's transaction. */
  write(workspaceId: string, draftId: string, s: PostSnapshot, now: number, create: boolean): void {
    const campaignId = s.campaign ? this.campaignId(workspaceId, s.campaign, now) : null;
    const at = s.at === null ? null : Date.parse(s.at);
    const content = s.content ? JSON.stringify(s.content) : null;
    const hash = snapshotHash(s, content);
    this.hashes.set(s, hash);
    if (s.content !== null && content !== null) this.contents.set(s.content, content);
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
