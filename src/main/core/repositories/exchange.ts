import { createHash, hash as oneShotHash } from 'node:crypto';
import type { Db } from '../store/database';
import { fieldValue, snapshotKey, type PostSnapshot } from '../../../shared/calendar/snapshot';
import { jsonList, jsonMemo } from '../../../shared/calendar/line-sink';
import { readBase, SnapshotReader, type LocalPost } from './exchange-snapshots';
import { SnapshotWriter, type NewPost } from './exchange-writer';

export { defaultUid, type LocalPost } from './exchange-snapshots';
export type { NewPost } from './exchange-writer';

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
  /** Snapshots read for an export whose base row already holds them (not written again). */
  private readonly currentBases = new WeakSet<PostSnapshot>();
  /** The merge digest of snapshots this repository digested (read for an export, or written), so a base is digested once. */
  private readonly hashes = new WeakMap<PostSnapshot, string>();
  /** The JSON each content read for an export, or written, was stored as (the file and the base carry it as it is). */
  private readonly contents = new WeakMap<object, string>();

  private readonly reader: SnapshotReader;
  private readonly writer: SnapshotWriter;

  constructor(private readonly db: Db) {
    this.reader = new SnapshotReader(db);
    // What a post is written with, its base reuses: the digest and the content's JSON.
    this.writer = new SnapshotWriter(db, (s, content, json) => {
      const hash = snapshotHash(s, content, json);
      this.hashes.set(s, hash);
      if (s.content !== null && content !== null) this.contents.set(s.content, content);
      return hash;
    });
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
      // Each id looked up in the primary key (an IN list would first copy the 10,000 ids of a big import into a temporary index).
      takenIds: db.prepare<[string], { id: string }>('SELECT d.id FROM json_each(?) j JOIN drafts d ON d.id = j.value'),
      softDelete: db.prepare('UPDATE drafts SET deleted_at = ?, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NULL'),
      hardDelete: db.prepare('DELETE FROM drafts WHERE id = ?'),
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

  /** The posts an export carries (dated, not in the bin, in time order), SEQUENCE bumped for those that changed since their last export. */
  forExport(workspaceId: string, fromMs: number, toMs: number): PostSnapshot[] {
    const out: PostSnapshot[] = [];
    this.eachForExport(workspaceId, fromMs, toMs, (s, contentJson, current) => {
      if (contentJson !== undefined) this.contents.set(s.content!, contentJson);
      // A putBase of it rewrites nothing.
      if (current) this.currentBases.add(s);
      out.push(s);
    });
    return out;
  }

  /**
   * The same, handed to `visit` one by one as they are read (a page at a time, so that an
   * export need not hold them all): each with its content's JSON as stored (the digest, the
   * file and the base carry it as it is), and whether its base row already holds it (then
   * the caller has no base to write).
   */
  eachForExport(
    workspaceId: string,
    fromMs: number,
    toMs: number,
    visit: (s: PostSnapshot, contentJson: string | undefined, current: boolean) => void,
    count?: (posts: number) => void,
  ): void {
    // The posts' campaign, labels and accounts are shared objects: their JSON is made once.
    const json = jsonMemo();
    this.db.transaction(() =>
      this.reader.each(workspaceId, { fromMs, toMs }, (r, local) => {
        // The content as stored is the JSON its digest was made from (an unreadable one reads as none).
        const contentJson = local.snapshot.content === null || r.content === null ? undefined : r.content;
        const hash = snapshotHash(local.snapshot, contentJson ?? null, json);
        let out = local.snapshot;
        if (local.hash !== hash) {
          const same = sameHash(local.hash, local.snapshot, hash);
          // A digest of the first version is replaced by this one, without a new SEQUENCE.
          const sequence = local.hash === null || same ? local.snapshot.sequence : local.snapshot.sequence + 1;
          this.s.setSequence.run(sequence, hash, r.id);
          if (sequence !== local.snapshot.sequence) out = { ...local.snapshot, sequence };
        }
        const current = r.base_digest !== null && r.base_digest === baseDigest(out, hash, json);
        if (!current) {
          // What putBase reads back.
          this.hashes.set(out, hash);
          if (contentJson !== undefined) this.contents.set(out.content!, contentJson);
        }
        visit(out, contentJson, current);
      }, count),
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
    // Exporting again what was last exchanged rewrites nothing.
    if (!this.currentBases.has(s)) this.s.putBase.run(this.baseRow(workspaceId, s, JSON.stringify));
  }

  /** putBase for many snapshots, in this order: their rows are made first, then written in a row. */
  putBases(workspaceId: string, snapshots: readonly PostSnapshot[]): void {
    // Campaigns and labels shared by many snapshots: their JSON is made once.
    const json = jsonMemo();
    const rows = [];
    for (const s of snapshots) {
      // Exporting again what was last exchanged rewrites nothing.
      if (!this.currentBases.has(s)) rows.push(this.baseRow(workspaceId, s, json));
    }
    for (const row of rows) this.s.putBase.run(row);
  }

  /** The values of a base row holding `s`. */
  private baseRow(workspaceId: string, s: PostSnapshot, json: Json): unknown[] {
    const content = s.content === null ? 'null' : (this.contents.get(s.content) ?? JSON.stringify(s.content));
    const digest = baseDigest(s, this.hashes.get(s) ?? snapshotHash(s, s.content === null ? null : content, json), json);
    const media = jsonList(s.media, json);
    const targets = jsonList(s.targets, json);
    // The snapshot's JSON (PostSnapshot's keys, media and targets last), with the content as already written.
    // Ids, instants, numbers and enum values need no escaping: they are written between quotes as they are.
    const snapshot =
      `{"uid":${j(s.uid)},"id":"${s.id}","kind":"${s.kind}","text":${j(s.text)},"content":${content},` +
      `"at":${s.at === null ? 'null' : `"${s.at}"`},"timeZone":${j(s.timeZone)},"status":"${s.status}","reviewState":"${s.reviewState}",` +
      `"campaign":${s.campaign === null ? 'null' : json(s.campaign)},"labels":${jsonList(s.labels, json)},"comments":${j(s.comments)},"sequence":${s.sequence},` +
      `"lastModified":"${s.lastModified}","createdAt":"${s.createdAt}","media":${media},"targets":${targets}}`;
    return [workspaceId, s.uid, s.sequence, Date.parse(s.lastModified), snapshot, digest, `{"media":${media},"targets":${targets}}`];
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
    this.writer.write(workspaceId, draftId, s, now, create);
  }

  /** write(…, true) for many new posts, in this order (each table's rows written in a row). */
  createMany(workspaceId: string, posts: readonly NewPost[], now: number): void {
    this.writer.createMany(workspaceId, posts, now);
  }

  /** Campaigns and labels written during one import are looked up once (call at the start of each transaction). */
  startBatch(): void {
    this.writer.startBatch();
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
