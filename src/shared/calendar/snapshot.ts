/**
 * A post as it travels between Tribune installations (files, CalDAV): everything a teammate
 * needs to see and merge it. The merge compares these field by field.
 */
import { z } from 'zod';
import { Id, Instant, Network } from '../domain';
import { DraftContent } from '../publishing';
import { CalendarColor, CalendarStatus, PostKind, ReviewState, type MergeField } from './schemas';

export const SnapshotCampaign = z.object({
  name: z.string().min(1).max(80),
  color: CalendarColor,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  goal: z.string().max(2000),
});
export const SnapshotLabel = z.object({ name: z.string().min(1).max(40), color: CalendarColor });
export const SnapshotComment = z.object({ id: Id, author: z.string().max(200), text: z.string().max(5000), createdAt: Instant });
export const SnapshotMedia = z.object({
  id: Id,
  fileName: z.string().max(255),
  mime: z.string().max(100),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SnapshotMedia = z.infer<typeof SnapshotMedia>;
export const SnapshotTarget = z.object({ accountId: Id, network: Network, handle: z.string().max(300) });

export const PostSnapshot = z.object({
  uid: z.string().min(1).max(1000),
  id: Id,
  kind: PostKind,
  text: z.string().max(100_000),
  content: DraftContent.nullable(),
  /** The calendar instant: scheduled time, else planned date. */
  at: Instant.nullable(),
  /** The zone the time is expressed in (DTSTART's TZID). */
  timeZone: z.string().nullable(),
  /** Informational: what the sender's calendar showed. */
  status: CalendarStatus,
  reviewState: ReviewState,
  campaign: SnapshotCampaign.nullable(),
  labels: z.array(SnapshotLabel),
  comments: z.array(SnapshotComment),
  media: z.array(SnapshotMedia),
  targets: z.array(SnapshotTarget),
  sequence: z.number().int().nonnegative(),
  lastModified: Instant,
  createdAt: Instant,
});
export type PostSnapshot = z.infer<typeof PostSnapshot>;

/** JSON with sorted keys: equal values give equal strings whatever the key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonical(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort: UTF-16 code unit order, as `a < b` compares.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quoted(k)}:${canonical(v)}`;
    first = false;
  }
  return `${out}}`;
}
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

/** The fields a merge compares, in the order a preview lists them ('deleted' is implicit). */
export const SNAPSHOT_FIELDS = ['text', 'content', 'plannedAt', 'timeZone', 'reviewState', 'campaign', 'labels', 'comments', 'kind'] as const satisfies readonly MergeField[];
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** One field's value, normalised so that two equal posts compare equal (read only: it may be the snapshot's own list). */
export function fieldValue(s: PostSnapshot, field: SnapshotField): unknown {
  switch (field) {
    case 'text':
      return s.text;
    case 'content':
      return s.content;
    case 'plannedAt':
      return s.at;
    case 'timeZone':
      return s.timeZone;
    case 'reviewState':
      return s.reviewState;
    case 'campaign':
      return s.campaign;
    case 'labels':
      return s.labels.length < 2 ? s.labels : [...s.labels].sort((a, b) => a.name.localeCompare(b.name));
    case 'comments':
      return s.comments.length < 2 ? s.comments : [...s.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    case 'kind':
      return s.kind;
  }
}

export const fieldKey = (s: PostSnapshot, field: SnapshotField): string => canonical(fieldValue(s, field));

/** A hash-like key of everything a merge compares (equal keys: nothing to merge). */
export function snapshotKey(s: PostSnapshot): string {
  let key = keys.get(s);
  if (key === undefined) {
    key = SNAPSHOT_FIELDS.map((f) => fieldKey(s, f)).join('\u0001');
    keys.set(s, key);
  }
  return key;
}
/** Snapshots are never mutated (merges copy them), so their keys can be remembered. */
const keys = new WeakMap<PostSnapshot, string>();

/** Copies `field` from `from` into `into`. */
export function withField(into: PostSnapshot, from: PostSnapshot, field: SnapshotField): PostSnapshot {
  switch (field) {
    case 'text':
      return { ...into, text: from.text };
    case 'content':
      return { ...into, content: from.content, media: from.media, targets: from.targets };
    case 'plannedAt':
      return { ...into, at: from.at };
    case 'timeZone':
      return { ...into, timeZone: from.timeZone };
    case 'reviewState':
      return { ...into, reviewState: from.reviewState };
    case 'campaign':
      return { ...into, campaign: from.campaign };
    case 'labels':
      return { ...into, labels: from.labels };
    case 'comments':
      return { ...into, comments: from.comments };
    case 'kind':
      return { ...into, kind: from.kind };
  }
}

/** A short rendering for the preview (texts cut at 2,000 characters). */
export function displayField(s: PostSnapshot | null, field: SnapshotField): string | null {
  if (!s) return null;
  const v = fieldValue(s, field);
  if (v === null) return null;
  if (typeof v === 'string') return v.length > 2000 ? `${v.slice(0, 1999)}…` : v;
  if (field === 'labels') return (v as { name: string }[]).map((l) => l.name).join(', ');
  if (field === 'campaign') return (v as { name: string }).name;
  if (field === 'comments') return (v as { author: string; text: string }[]).map((c) => (c.author ? `${c.author}: ${c.text}` : c.text)).join('\n');
  const json = field === 'content' ? contentJson(v as NonNullable<PostSnapshot['content']>) : JSON.stringify(v);
  return json.length > 2000 ? `${json.slice(0, 1999)}…` : json;
}

/**
 * A post content's JSON (JSON.stringify), made once per content object: an import preview shows
 * it and applying the import writes it. Contents are never mutated (merges copy snapshots).
 */
export function contentJson(content: NonNullable<PostSnapshot['content']>): string {
  let json = contentJsons.get(content);
  if (json === undefined) {
    json = JSON.stringify(content);
    contentJsons.set(content, json);
  }
  return json;
}
const contentJsons = new WeakMap<object, string>();
