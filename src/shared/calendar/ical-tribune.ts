/**
 * A Tribune event (X-TRIBUNE-*) back to the post it was, checked by PostSnapshot's schemas.
 * What many posts of a file share word for word (their campaign, labels) is parsed and checked
 * once per distinct text; the rest of each post is checked in one parse. Pure.
 */
import type { z } from 'zod';
import { isValidTimeZone } from '../schedule/zoned-time';
import { CalendarFileError, unescapeText } from './ics-text';
import type { ContentLine } from './ics-lines';
import { PostSnapshot, SnapshotCampaign, SnapshotComment, SnapshotLabel, SnapshotMedia, SnapshotTarget } from './snapshot';
import { DraftContent } from '../publishing';

/** The fields of a post that are not shared parts, checked together. */
const PostCore = PostSnapshot.omit({ campaign: true, labels: true, comments: true, media: true, targets: true });

/** The X-TRIBUNE-* properties a post is read from: the first of each name, every one of the lists. */
export interface TribuneProps {
  kind?: ContentLine;
  status?: ContentLine;
  review?: ContentLine;
  zone?: ContentLine;
  content?: ContentLine;
  campaign?: ContentLine;
  labels: ContentLine[];
  comments: ContentLine[];
  media: ContentLine[];
  targets: ContentLine[];
}

/** What a post's own properties say, before its JSON parts are read. */
export interface TribuneFields {
  uid: string;
  text: string;
  at: string;
  sequence: number;
  lastModified: string;
  createdAt: string;
}

/** A JSON part that did not match its schema (the post is then checked whole, to name the first problem as before). */
const INVALID = Symbol('invalid');
type Checked<T> = T | typeof INVALID;

/** The parts of one file read so far, by their text: each distinct one is parsed and checked once. */
export class TribuneParts {
  private readonly known = new Map<z.ZodType, Map<string, unknown>>();

  part<T>(schema: z.ZodType<T>, p: ContentLine): Checked<T> {
    let texts = this.known.get(schema);
    if (!texts) this.known.set(schema, (texts = new Map()));
    let value = texts.get(p.value) as Checked<T> | undefined;
    if (value === undefined) {
      const parsed = schema.safeParse(jsonProp(p));
      value = parsed.success ? parsed.data : INVALID;
      texts.set(p.value, value);
    }
    return value;
  }
}

/** JSON of an X-TRIBUNE-* property; its schema is checked once for the whole post (badPropLine finds the line). */
function jsonProp(p: ContentLine): unknown {
  try {
    return JSON.parse(unescapeText(p.value));
  } catch {
    throw new CalendarFileError('calendar_bad_tribune_data', { line: p.line });
  }
}

/** The first X-TRIBUNE-* property whose JSON does not match its schema: its line. */
function badPropLine(props: readonly ContentLine[], fallback: number): number {
  const schemas: [string, z.ZodType][] = [
    ['X-TRIBUNE-CONTENT', DraftContent],
    ['X-TRIBUNE-CAMPAIGN', SnapshotCampaign],
    ['X-TRIBUNE-LABEL', SnapshotLabel],
    ['X-TRIBUNE-COMMENT', SnapshotComment],
    ['X-TRIBUNE-MEDIA', SnapshotMedia],
    ['X-TRIBUNE-TARGET', SnapshotTarget],
  ];
  for (const p of props) {
    const schema = schemas.find(([name]) => name === p.name)?.[1];
    if (schema && !schema.safeParse(JSON.parse(unescapeText(p.value))).success) return p.line;
  }
  return fallback;
}

function tribuneZone(p: ContentLine | undefined): string | null {
  if (!p) return null;
  const zone = p.value.trim();
  if (!isValidTimeZone(zone)) throw new CalendarFileError('calendar_unknown_tzid', { tzid: zone, line: p.line });
  return zone;
}

const valid = <T>(values: Checked<T>[]): values is T[] => !values.includes(INVALID);

/**
 * The post a Tribune event carries (`props`: all its properties, `idProp`: its X-TRIBUNE-ID), or
 * a refusal naming the first property that does not fit.
 */
export function tribuneSnapshot(props: readonly ContentLine[], e: TribuneProps, idProp: ContentLine, f: TribuneFields, parts: TribuneParts): PostSnapshot {
  // Read in the order the whole post was always read, so the first broken property is the one refused.
  const content = e.content ? jsonProp(e.content) : null;
  const timeZone = tribuneZone(e.zone);
  const campaign = e.campaign ? parts.part(SnapshotCampaign, e.campaign) : null;
  const labels = e.labels.map((p) => parts.part(SnapshotLabel, p));
  const comments = e.comments.map((p) => parts.part(SnapshotComment, p));
  const media = e.media.map((p) => parts.part(SnapshotMedia, p));
  const targets = e.targets.map((p) => parts.part(SnapshotTarget, p));
  const fields = {
    uid: f.uid,
    id: idProp.value.trim(),
    kind: e.kind?.value.trim() ?? 'post',
    text: f.text,
    content,
    at: f.at,
    // The post's own zone; none: it follows the workspace's.
    timeZone,
    status: e.status?.value.trim() ?? 'draft',
    reviewState: e.review?.value.trim() ?? 'draft',
    sequence: f.sequence,
    lastModified: f.lastModified,
    createdAt: f.createdAt,
  };
  const core = PostCore.safeParse(fields);
  if (core.success && campaign !== INVALID && valid(labels) && valid(comments) && valid(media) && valid(targets)) {
    const d = core.data;
    // PostSnapshot's key order.
    return {
      uid: d.uid, id: d.id, kind: d.kind, text: d.text, content: d.content, at: d.at, timeZone: d.timeZone, status: d.status, reviewState: d.reviewState,
      campaign, labels, comments, media, targets, sequence: d.sequence, lastModified: d.lastModified, createdAt: d.createdAt,
    };
  }
  // Something does not fit: the whole post is checked as one, for the first problem's field and line.
  const whole = PostSnapshot.safeParse({
    ...fields,
    campaign: e.campaign ? jsonProp(e.campaign) : null,
    labels: e.labels.map(jsonProp),
    comments: e.comments.map(jsonProp),
    media: e.media.map(jsonProp),
    targets: e.targets.map(jsonProp),
    sequence: f.sequence,
    lastModified: f.lastModified,
    createdAt: f.createdAt,
  });
  if (whole.success) return whole.data;
  throw new CalendarFileError('calendar_bad_tribune_data', { line: badPropLine(props, idProp.line), field: whole.error.issues[0]?.path.join('.') ?? '' });
}
