/**
 * Rows of posts (with their exchange base) to exchange snapshots, given the workspace's related
 * rows read once (labels, comments, target statuses, campaigns, accounts). Media are looked up
 * for the ids a batch of rows refers to, once per id. Used by exchange-snapshots.ts.
 */
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

type Extras = Pick<PostSnapshot, 'media' | 'targets'>;
type SnapshotCampaign = NonNullable<PostSnapshot['campaign']>;
export type SnapshotLabel = PostSnapshot['labels'][number];
export type SnapshotComment = PostSnapshot['comments'][number];
type SnapshotTarget = PostSnapshot['targets'][number];

/** The workspace's rows related to posts, by draft id (labels, comments, statuses) or by id. */
export interface RelatedRows {
  labels: Map<string, SnapshotLabel[]>;
  comments: Map<string, SnapshotComment[]>;
  statuses: Map<string, string[]>;
  campaigns: Map<string, SnapshotCampaign>;
  accounts: Map<string, SnapshotTarget>;
}

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
function baseExtras(json: string): Extras | null {
  const at = json.lastIndexOf(',"media":[');
  if (at > 0) {
    try {
      const tail = JSON.parse(`{${json.slice(at + 1)}`) as Partial<PostSnapshot>;
      if (Array.isArray(tail.media) && Array.isArray(tail.targets)) return tail as Extras;
    } catch {
      // read whole below
    }
  }
  return readBase(json);
}

/** A base's media and targets as putBase wrote them (a damaged row reads as none). */
function readExtras(json: string): Extras | null {
  try {
    const value = JSON.parse(json) as Partial<PostSnapshot> | null;
    return value && Array.isArray(value.media) && Array.isArray(value.targets) ? (value as Extras) : null;
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

/** Snapshots of rows, batch after batch; a campaign, a label, an account is one object however many posts carry it (snapshots are never mutated). */
export class SnapshotBuilder {
  /** Media looked up so far (null: no such media here). */
  private readonly media = new Map<string, SnapshotMedia | null>();
  /** Posts exchanged together often carry the same extras (read once). */
  private readonly extrasByJson = new Map<string, Extras | null>();

  constructor(
    private readonly related: RelatedRows,
    private readonly findMedia: (ids: string[]) => SnapshotMedia[],
  ) {}

  build(rows: readonly SnapshotRow[]): { row: SnapshotRow; local: LocalPost }[] {
    const contents = rows.map((r) => (r.content ? readContent(r.content) : null));
    const ids: string[] = [];
    for (const content of contents) mediaIds(content, ids);
    const unknown = [...new Set(ids)].filter((id) => !this.media.has(id));
    if (unknown.length > 0) {
      for (const id of unknown) this.media.set(id, null);
      for (const m of this.findMedia(unknown)) this.media.set(m.id, m);
    }
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
          const m = this.media.get(id);
          if (m) postMedia.push(m);
          else (missing ??= []).push(id);
        }
        for (let k = 0; k < content.targets.length; k++) {
          const id = content.targets[k]!.accountId;
          if (mine.includes(id) || content.targets.findIndex((t) => t.accountId === id) < k) continue;
          const a = this.related.accounts.get(id);
          if (a) postTargets.push(a);
          else (missing ??= []).push(id);
        }
      }
      const extras = missing === null ? null : r.base_extras ? this.extras(r.base_extras) : r.base ? baseExtras(r.base) : null;
      for (const m of extras?.media ?? []) if (missing!.includes(m.id) && !postMedia.some((p) => p.id === m.id)) postMedia.push(m);
      for (const t of extras?.targets ?? []) if (missing!.includes(t.accountId) && !postTargets.some((p) => p.accountId === t.accountId)) postTargets.push(t);
      const labels = this.related.labels.get(r.id) ?? [];
      const snapshot: PostSnapshot = {
        uid: r.ical_uid ?? defaultUid(r.id),
        id: r.id,
        kind: r.kind,
        text: r.text,
        content,
        at: r.at === null ? null : toIso(r.at),
        timeZone: r.time_zone,
        status: calendarStatus(r.kind, r.state, r.review_state, this.related.statuses.get(r.id) ?? []),
        reviewState: r.review_state,
        campaign: (r.campaign_id === null ? undefined : this.related.campaigns.get(r.campaign_id)) ?? null,
        labels: labels.length > 1 ? labels.sort((a, b) => a.name.localeCompare(b.name)) : labels,
        comments: this.related.comments.get(r.id) ?? [],
        media: postMedia.length > 1 ? postMedia.sort((a, b) => a.id.localeCompare(b.id)) : postMedia,
        targets: postTargets.length > 1 ? postTargets.sort((a, b) => a.accountId.localeCompare(b.accountId)) : postTargets,
        sequence: r.ical_sequence,
        lastModified: toIso(r.updated_at),
        createdAt: toIso(r.created_at),
      };
      return { row: r, local: { snapshot, deleted: r.deleted_at !== null, hash: r.ical_hash } };
    });
  }

  private extras(json: string): Extras | null {
    let extras = this.extrasByJson.get(json);
    if (extras === undefined) this.extrasByJson.set(json, (extras = readExtras(json)));
    return extras;
  }
}
