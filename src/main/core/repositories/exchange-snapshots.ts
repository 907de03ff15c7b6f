/**
 * Reading a workspace's posts as exchange snapshots: one query for the posts (with their base
 * row), then one query per related table for the whole workspace (labels, comments, target
 * statuses, campaigns, accounts, media), joined here by draft id. Per-row subqueries cost
 * more than the rest of a 10,000-post export together.
 */
import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { DraftContent } from '../../../shared/publishing';
import type { PostSnapshot, SnapshotMedia } from '../../../shared/calendar/snapshot';
import type { PostKind, ReviewState } from '../../../shared/calendar/schemas';
import { calendarStatus } from './calendar';

export interface SnapshotRow {
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
  campaign_id: string | null;
  /** The exchange base's digest and extras (media and targets); `base` is its whole snapshot, read only for rows written before extras existed. */
  base_digest: string | null;
  base_extras: string | null;
  base: string | null;
}

export interface LocalPost {
  snapshot: PostSnapshot;
  deleted: boolean;
  hash: string | null;
}

const POST_COLUMNS = `d.id, d.text, d.content, d.kind, d.state, d.review_state, d.time_zone, d.created_at, d.updated_at,
  d.ical_uid, d.ical_sequence, d.ical_hash, d.deleted_at, d.campaign_id,
  coalesce(d.scheduled_at, (SELECT min(t.due_at) FROM post_targets t WHERE t.draft_id = d.id AND t.status <> 'cancelled'), d.planned_at) AS at`;
/** The post's exchange base: its digest and extras, and its whole snapshot only for a row written before extras existed. */
const BASE_COLUMNS = 'b.digest AS base_digest, b.extras AS base_extras, CASE WHEN b.extras IS NULL THEN b.snapshot END AS base';
const BASE_JOIN = "LEFT JOIN exchange_base b ON b.workspace_id = d.workspace_id AND b.uid = coalesce(d.ical_uid, d.id || '@tribune')";
const ALL_SQL = `SELECT p.*, ${BASE_COLUMNS} FROM (SELECT d.workspace_id, ${POST_COLUMNS} FROM drafts d WHERE d.workspace_id = ?) p
  LEFT JOIN exchange_base b ON b.workspace_id = p.workspace_id AND b.uid = coalesce(p.ical_uid, p.id || '@tribune')`;
// Ordered here rather than by SQLite, whose sort would copy every whole row (text, content) once more.
const RANGE_SQL = `SELECT * FROM (SELECT ${POST_COLUMNS}, ${BASE_COLUMNS} FROM drafts d ${BASE_JOIN} WHERE d.workspace_id = ? AND d.deleted_at IS NULL) WHERE at >= ? AND at < ?`;
const byTime = (a: SnapshotRow, b: SnapshotRow) => a.at! - b.at! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The UID of a post that never had one from elsewhere. */
export const defaultUid = (draftId: string) => `${draftId}@tribune`;

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
export function readBase(json: string): PostSnapshot | null {
  try {
    const value = JSON.parse(json) as PostSnapshot | null;
    return value && typeof value === 'object' && typeof value.uid === 'string' && Array.isArray(value.labels) && Array.isArray(value.media) && Array.isArray(value.targets) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The base's media and targets only. Bases are written with `media` and `targets` as their last
 * arrays, so the tail from the last `,"media":[` is a JSON object of its own; anything else (a
 * row written otherwise) is read whole.
 */
function baseExtras(json: string): Pick<PostSnapshot, 'media' | 'targets'> | null {
  const at = json.lastIndexOf(',"media":[');
  if (at > 0) {
    try {
      const tail = JSON.parse(`{${json.slice(at + 1)}`) as Partial<PostSnapshot>;
      if (Array.isArray(tail.media) && Array.isArray(tail.targets)) return tail as Pick<PostSnapshot, 'media' | 'targets'>;
    } catch {
      // read whole below
    }
  }
  return readBase(json);
}

type Extras = Pick<PostSnapshot, 'media' | 'targets'>;
type SnapshotCampaign = NonNullable<PostSnapshot['campaign']>;
type SnapshotLabel = PostSnapshot['labels'][number];
type SnapshotTarget = PostSnapshot['targets'][number];

/** A base's media and targets as putBase wrote them (a damaged row reads as none). */
function readExtras(json: string): Extras | null {
  try {
    const value = JSON.parse(json) as Partial<PostSnapshot> | null;
    return value && Array.isArray(value.media) && Array.isArray(value.targets) ? (value as Pick<PostSnapshot, 'media' | 'targets'>) : null;
  } catch {
    return null;
  }
}

/** Media ids a post's content refers to (the post's images and each version's). */
function mediaIds(content: DraftContent | null, into: string[]): void {
  if (!content) return;
  for (const m of content.media ?? []) into.push(m.mediaId);
  for (const t of content.targets) for (const p of t.variant?.parts ?? []) for (const m of p.media ?? []) into.push(m.mediaId);
}

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
      range: db.prepare<[string, number, number], SnapshotRow>(RANGE_SQL),
      labels: db.prepare<[string], { draft_id: string; label_id: string; name: string; color: string }>(
        // From the workspace's labels through post_labels' label index (which holds the post): no per-row look-up of the post.
        'SELECT pl.draft_id, l.id AS label_id, l.name, l.color FROM labels l JOIN post_labels pl ON pl.label_id = l.id WHERE l.workspace_id = ?',
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

  /** Every post of the workspace (the bin included), or the dated ones of [fromMs, toMs) not in the bin, ordered by time. */
  read(workspaceId: string, range?: { fromMs: number; toMs: number }): { row: SnapshotRow; local: LocalPost }[] {
    const rows = range ? this.s.range.all(workspaceId, range.fromMs, range.toMs).sort(byTime) : this.s.all.all(workspaceId);
    if (rows.length === 0) return [];
    // A campaign, a label, an account is one object however many posts carry it (snapshots are never mutated).
    const labelById = new Map<string, SnapshotLabel>();
    const labels = group(this.s.labels.all(workspaceId), (r) => {
      let label = labelById.get(r.label_id);
      if (!label) labelById.set(r.label_id, (label = { name: r.name, color: r.color }));
      return label;
    });
    const comments = group(this.s.comments.all(workspaceId), (r) => ({ id: r.id, author: r.author, text: r.text, createdAt: toIso(r.created_at) }));
    const statuses = group(this.s.statuses.all(workspaceId), (r) => r.status);
    const campaigns = new Map<string, SnapshotCampaign>();
    for (const c of this.s.campaigns.all(workspaceId)) campaigns.set(c.id, { name: c.name, color: c.color, startsOn: c.starts_on, endsOn: c.ends_on, goal: c.goal ?? '' });
    const accounts = new Map<string, SnapshotTarget>();
    for (const a of this.s.accounts.all()) accounts.set(a.id, { accountId: a.id, network: a.network as SnapshotTarget['network'], handle: a.handle });
    const contents = rows.map((r) => (r.content ? readContent(r.content) : null));
    const ids: string[] = [];
    for (const content of contents) mediaIds(content, ids);
    const media = new Map<string, SnapshotMedia>();
    if (ids.length > 0) {
      for (const m of this.s.media.all(JSON.stringify([...new Set(ids)]))) {
        media.set(m.id, { id: m.id, fileName: m.file_name, mime: m.mime, bytes: m.bytes, width: m.width, height: m.height, sha256: m.sha256 });
      }
    }
    // Posts exchanged together often carry the same extras (read once).
    const extrasByJson = new Map<string, Extras | null>();
    const extrasOf = (json: string) => {
      let extras = extrasByJson.get(json);
      if (extras === undefined) extrasByJson.set(json, (extras = readExtras(json)));
      return extras;
    };
    const mine: string[] = [];
    return rows.map((r, i) => {
      const content = contents[i]!;
      // Media and targets this installation does not have keep the description they arrived with (the base's).
      const postMedia: SnapshotMedia[] = [];
      const postTargets: SnapshotTarget[] = [];
      let missing: string[] | null = null;
      if (content) {
        mine.length = 0;
        mediaIds(content, mine);
        for (let k = 0; k < mine.length; k++) {
          const id = mine[k]!;
          if (mine.indexOf(id) < k) continue;
          const m = media.get(id);
          if (m) postMedia.push(m);
          else (missing ??= []).push(id);
        }
        for (let k = 0; k < content.targets.length; k++) {
          const id = content.targets[k]!.accountId;
          if (mine.includes(id) || content.targets.findIndex((t) => t.accountId === id) < k) continue;
          const a = accounts.get(id);
          if (a) postTargets.push(a);
          else (missing ??= []).push(id);
        }
      }
      const extras = missing === null ? null : r.base_extras ? extrasOf(r.base_extras) : r.base ? baseExtras(r.base) : null;
      for (const m of extras?.media ?? []) if (missing!.includes(m.id) && !postMedia.some((p) => p.id === m.id)) postMedia.push(m);
      for (const t of extras?.targets ?? []) if (missing!.includes(t.accountId) && !postTargets.some((p) => p.accountId === t.accountId)) postTargets.push(t);
      const postLabels = labels.get(r.id) ?? [];
      const snapshot: PostSnapshot = {
        uid: r.ical_uid ?? defaultUid(r.id),
        id: r.id,
        kind: r.kind,
        text: r.text,
        content,
        at: r.at === null ? null : toIso(r.at),
        timeZone: r.time_zone,
        status: calendarStatus(r.kind, r.state, r.review_state, statuses.get(r.id) ?? []),
        reviewState: r.review_state,
        campaign: (r.campaign_id === null ? undefined : campaigns.get(r.campaign_id)) ?? null,
        labels: postLabels.length > 1 ? postLabels.sort((a, b) => a.name.localeCompare(b.name)) : postLabels,
        comments: comments.get(r.id) ?? [],
        media: postMedia.length > 1 ? postMedia.sort((a, b) => a.id.localeCompare(b.id)) : postMedia,
        targets: postTargets.length > 1 ? postTargets.sort((a, b) => a.accountId.localeCompare(b.accountId)) : postTargets,
        sequence: r.ical_sequence,
        lastModified: toIso(r.updated_at),
        createdAt: toIso(r.created_at),
      };
      return { row: r, local: { snapshot, deleted: r.deleted_at !== null, hash: r.ical_hash } };
    });
  }
}
