/**
 * Reading a workspace's posts as exchange snapshots: one query for the posts (with their base
 * row), then one query per related table for the whole workspace (labels, comments, target
 * statuses, campaigns, accounts, media), joined by draft id in snapshot-rows.ts. Per-row
 * subqueries cost more than the rest of a 10,000-post export together. An export reads its
 * posts page by page in time order, so that each page's rows and snapshots die young instead of
 * all living (and being copied by the garbage collector) through the whole export.
 */
import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { PostSnapshot, SnapshotMedia } from '../../../shared/calendar/snapshot';
import { SnapshotBuilder, type LocalPost, type RelatedRows, type SnapshotComment, type SnapshotLabel, type SnapshotRow } from './snapshot-rows';

export { defaultUid, readBase, type LocalPost, type SnapshotRow } from './snapshot-rows';

const AT = "coalesce(d.scheduled_at, (SELECT min(t.due_at) FROM post_targets t WHERE t.draft_id = d.id AND t.status <> 'cancelled'), d.planned_at)";
const POST_COLUMNS = `d.id, d.text, d.content, d.kind, d.state, d.review_state, d.time_zone, d.created_at, d.updated_at,
  d.ical_uid, d.ical_sequence, d.ical_hash, d.deleted_at, d.campaign_id`;
/** The post's exchange base: its digest and extras, and its whole snapshot only for a row written before extras existed. */
const BASE_COLUMNS = 'b.digest AS base_digest, b.extras AS base_extras, CASE WHEN b.extras IS NULL THEN b.snapshot END AS base';
const ALL_SQL = `SELECT p.*, ${BASE_COLUMNS} FROM (SELECT d.workspace_id, ${POST_COLUMNS}, ${AT} AS at FROM drafts d WHERE d.workspace_id = ?) p
  LEFT JOIN exchange_base b ON b.workspace_id = p.workspace_id AND b.uid = coalesce(p.ical_uid, p.id || '@tribune')`;
/** The posts of a range, as keys only: ordered here rather than by SQLite, whose sort would copy whole rows. */
const RANGE_KEYS_SQL = `SELECT * FROM (SELECT d.rowid AS rid, d.id, ${AT} AS at FROM drafts d WHERE d.workspace_id = ? AND d.deleted_at IS NULL) WHERE at >= ? AND at < ?`;
/** A page of those posts, by rowid (their time is the key's). */
const PAGE_SQL = `SELECT d.rowid AS rid, ${POST_COLUMNS}, 0 AS at, ${BASE_COLUMNS} FROM drafts d
  LEFT JOIN exchange_base b ON b.workspace_id = d.workspace_id AND b.uid = coalesce(d.ical_uid, d.id || '@tribune')
  WHERE d.rowid IN (SELECT value FROM json_each(?))`;
/** Posts per page of an export: small enough to die young, large enough that pages cost little. */
const PAGE = 500;

interface RangeKey {
  rid: number;
  id: string;
  at: number;
}
const byTime = (a: RangeKey, b: RangeKey) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type Grouped<T> = Map<string, T[]>;
function group<R extends { draft_id: string }, T>(rows: R[], map: (r: R) => T): Grouped<T> {
  const out: Grouped<T> = new Map();
  for (const r of rows) {
    const list = out.get(r.draft_id);
    if (list) list.push(map(r));
    else out.set(r.draft_id, [map(r)]);
  }
  return out;
}

export class SnapshotReader {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      all: db.prepare<[string], SnapshotRow>(ALL_SQL),
      rangeKeys: db.prepare<[string, number, number], RangeKey>(RANGE_KEYS_SQL),
      page: db.prepare<[string], SnapshotRow & { rid: number }>(PAGE_SQL),
      labels: db.prepare<[string], { id: string; name: string; color: string }>('SELECT id, name, color FROM labels WHERE workspace_id = ?'),
      postLabels: db.prepare<[string], { draft_id: string; label_id: string }>(
        // From the workspace's labels through post_labels' label index (which holds the post): no per-row look-up of the post.
        'SELECT pl.draft_id, pl.label_id FROM labels l JOIN post_labels pl ON pl.label_id = l.id WHERE l.workspace_id = ?',
      ),
      comments: db.prepare<[string], { draft_id: string; id: string; author: string; text: string; created_at: number }>(
        'SELECT pc.draft_id, pc.id, pc.author, pc.text, pc.created_at FROM post_comments pc JOIN drafts d ON d.id = pc.draft_id WHERE d.workspace_id = ? ORDER BY pc.created_at, pc.rowid',
      ),
      statuses: db.prepare<[string], { draft_id: string; status: string }>(
        "SELECT t.draft_id, t.status FROM post_targets t JOIN drafts d ON d.id = t.draft_id WHERE d.workspace_id = ? AND t.status <> 'cancelled'",
      ),
      campaigns: db.prepare<[string], { id: string; name: string; color: string; starts_on: string | null; ends_on: string | null; goal: string | null }>(
        'SELECT id, name, color, starts_on, ends_on, goal FROM campaigns WHERE id IN (SELECT campaign_id FROM drafts WHERE workspace_id = ?)',
      ),
      accounts: db.prepare<[], { id: string; network: string; handle: string }>('SELECT id, network, handle FROM accounts'),
      media: db.prepare<[string], { id: string; file_name: string; mime: string; bytes: number; width: number; height: number; sha256: string }>(
        'SELECT id, file_name, mime, bytes, width, height, sha256 FROM media WHERE id IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  /** Every post of the workspace (the bin included). */
  read(workspaceId: string): { row: SnapshotRow; local: LocalPost }[] {
    const rows = this.s.all.all(workspaceId);
    return rows.length === 0 ? [] : this.builder(workspaceId).build(rows);
  }

  /** The dated posts of [fromMs, toMs) not in the bin, in time order (then by id), to `visit` one page at a time (`count` first hears how many). */
  each(workspaceId: string, range: { fromMs: number; toMs: number }, visit: (row: SnapshotRow, local: LocalPost) => void, count?: (posts: number) => void): void {
    const keys = this.s.rangeKeys.all(workspaceId, range.fromMs, range.toMs).sort(byTime);
    count?.(keys.length);
    if (keys.length === 0) return;
    const builder = this.builder(workspaceId);
    for (let from = 0; from < keys.length; from += PAGE) {
      const page = keys.slice(from, from + PAGE);
      const rows = new Map<number, SnapshotRow & { rid: number }>();
      for (const r of this.s.page.all(JSON.stringify(page.map((k) => k.rid)))) rows.set(r.rid, r);
      const ordered: SnapshotRow[] = [];
      for (const k of page) {
        const row = rows.get(k.rid);
        if (row) ordered.push(Object.assign(row, { at: k.at }));
      }
      for (const { row, local } of builder.build(ordered)) visit(row, local);
    }
  }

  /** The workspace's related rows, read once for all its posts. */
  private builder(workspaceId: string): SnapshotBuilder {
    // A campaign, a label, an account is one object however many posts carry it.
    const labelById = new Map<string, SnapshotLabel>();
    for (const l of this.s.labels.all(workspaceId)) labelById.set(l.id, { name: l.name, color: l.color });
    const related: RelatedRows = {
      labels: group(this.s.postLabels.all(workspaceId), (r) => labelById.get(r.label_id)!),
      comments: group(this.s.comments.all(workspaceId), (r): SnapshotComment => ({ id: r.id, author: r.author, text: r.text, createdAt: toIso(r.created_at) })),
      statuses: group(this.s.statuses.all(workspaceId), (r) => r.status),
      campaigns: new Map(),
      accounts: new Map(),
    };
    for (const c of this.s.campaigns.all(workspaceId)) related.campaigns.set(c.id, { name: c.name, color: c.color, startsOn: c.starts_on, endsOn: c.ends_on, goal: c.goal ?? '' });
    for (const a of this.s.accounts.all()) related.accounts.set(a.id, { accountId: a.id, network: a.network as PostSnapshot['targets'][number]['network'], handle: a.handle });
    return new SnapshotBuilder(related, (ids) =>
      this.s.media.all(JSON.stringify(ids)).map((m): SnapshotMedia => ({ id: m.id, fileName: m.file_name, mime: m.mime, bytes: m.bytes, width: m.width, height: m.height, sha256: m.sha256 })),
    );
  }
}
