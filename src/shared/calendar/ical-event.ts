/**
 * One VEVENT of a parsed file as a post: Tribune's own events (X-TRIBUNE-*) come back as the
 * posts they were, other calendars' events become ideas with a date. The event's properties
 * are read in one pass (the first of each name counts, as RFC 5545 readers do). Pure.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../schedule/zoned-time';
import { isoString } from '../schedule/iso-time';
import { CalendarFileError, unescapeText } from './ics-text';
import type { ContentLine } from './ics-lines';
import { PostSnapshot, SnapshotCampaign, SnapshotComment, SnapshotLabel, SnapshotMedia, SnapshotTarget } from './snapshot';
import { DraftContent } from '../publishing';

export interface ParsedEvent {
  line: number;
  snapshot: PostSnapshot;
  /** The event came from Tribune (X-TRIBUNE-ID), not from another calendar. */
  tribune: boolean;
}

export interface ImportContext {
  /** The workspace's zone: floating times and all-day events are read in it. */
  timeZone: string;
  /** Makes ids for foreign events. */
  newId: () => string;
  /** Now, for foreign events' LAST-MODIFIED default. */
  nowIso: string;
}

export interface Comp {
  name: string;
  line: number;
  props: ContentLine[];
  children: Comp[];
}

type Wall = { y: number; mo: number; d: number; h: number; mi: number; s: number };
export type ZoneReader = (tzid: string, wall: Wall, line: number) => number;

/** The properties of a VEVENT Tribune reads, gathered in one pass. */
export interface EventProps {
  uid?: ContentLine;
  start?: ContentLine;
  recurrenceId?: ContentLine;
  sequence?: ContentLine;
  lastModified?: ContentLine;
  stamp?: ContentLine;
  created?: ContentLine;
  summary?: ContentLine;
  description?: ContentLine;
  id?: ContentLine;
  kind?: ContentLine;
  status?: ContentLine;
  review?: ContentLine;
  at?: ContentLine;
  text?: ContentLine;
  zone?: ContentLine;
  content?: ContentLine;
  campaign?: ContentLine;
  labels: ContentLine[];
  comments: ContentLine[];
  media: ContentLine[];
  targets: ContentLine[];
}

export function eventProps(c: Comp): EventProps {
  const e: EventProps = { labels: [], comments: [], media: [], targets: [] };
  for (const p of c.props) {
    switch (p.name) {
      case 'UID': e.uid ??= p; break;
      case 'DTSTART': e.start ??= p; break;
      case 'RECURRENCE-ID': e.recurrenceId ??= p; break;
      case 'SEQUENCE': e.sequence ??= p; break;
      case 'LAST-MODIFIED': e.lastModified ??= p; break;
      case 'DTSTAMP': e.stamp ??= p; break;
      case 'CREATED': e.created ??= p; break;
      case 'SUMMARY': e.summary ??= p; break;
      case 'DESCRIPTION': e.description ??= p; break;
      case 'X-TRIBUNE-ID': e.id ??= p; break;
      case 'X-TRIBUNE-KIND': e.kind ??= p; break;
      case 'X-TRIBUNE-STATUS': e.status ??= p; break;
      case 'X-TRIBUNE-REVIEW': e.review ??= p; break;
      case 'X-TRIBUNE-AT': e.at ??= p; break;
      case 'X-TRIBUNE-TEXT': e.text ??= p; break;
      case 'X-TRIBUNE-ZONE': e.zone ??= p; break;
      case 'X-TRIBUNE-CONTENT': e.content ??= p; break;
      case 'X-TRIBUNE-CAMPAIGN': e.campaign ??= p; break;
      case 'X-TRIBUNE-LABEL': e.labels.push(p); break;
      case 'X-TRIBUNE-COMMENT': e.comments.push(p); break;
      case 'X-TRIBUNE-MEDIA': e.media.push(p); break;
      case 'X-TRIBUNE-TARGET': e.targets.push(p); break;
    }
  }
  return e;
}

const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
const DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** DTSTART as an instant; all-day dates become 09:00 in the workspace's zone. */
function readStart(p: ContentLine, ctx: ImportContext, zones: ZoneReader): { at: number; zone: string } {
  const value = p.value.trim();
  const dt = DATE_TIME.exec(value);
  if (dt) {
    const [y, mo, d, h, mi, s] = dt.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    if (dt[7] === 'Z') return { at: Date.UTC(y, mo - 1, d, h, mi, s), zone: 'UTC' };
    const tzid = p.params.TZID;
    if (tzid) return { at: zones(tzid, { y, mo, d, h, mi, s }, p.line), zone: isValidTimeZone(tzid) ? tzid : ctx.timeZone };
    return { at: zones(ctx.timeZone, { y, mo, d, h, mi, s }, p.line), zone: ctx.timeZone };
  }
  const date = DATE.exec(value);
  if (date) {
    const [y, mo, d] = date.slice(1, 4).map(Number) as [number, number, number];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    return { at: zones(ctx.timeZone, { y, mo, d, h: 9, mi: 0, s: 0 }, p.line), zone: ctx.timeZone };
  }
  throw new CalendarFileError('calendar_bad_date', { line: p.line });
}

function readStamp(p: ContentLine | undefined, fallback: string): string {
  if (!p) return fallback;
  const value = p.value.trim();
  const m = DATE_TIME.exec(value);
  if (!m) throw new CalendarFileError('calendar_bad_date', { line: p.line });
  // A plain UTC stamp reads as its ISO text directly; anything Date.UTC would carry over (day 31 of a short month, second 60) goes through it.
  if (m[7] === 'Z' && m[2]! >= '01' && m[2]! <= '12' && m[3]! >= '01' && m[3]! <= '28' && m[4]! <= '23' && m[5]! <= '59' && m[6]! <= '59' && m[1]! >= '1000') {
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
  return isoString(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
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
function badPropLine(c: Comp, fallback: number): number {
  const schemas: [string, z.ZodType][] = [
    ['X-TRIBUNE-CONTENT', DraftContent],
    ['X-TRIBUNE-CAMPAIGN', SnapshotCampaign],
    ['X-TRIBUNE-LABEL', SnapshotLabel],
    ['X-TRIBUNE-COMMENT', SnapshotComment],
    ['X-TRIBUNE-MEDIA', SnapshotMedia],
    ['X-TRIBUNE-TARGET', SnapshotTarget],
  ];
  for (const p of c.props) {
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

export function readEvent(c: Comp, e: EventProps, ctx: ImportContext, zones: ZoneReader): ParsedEvent {
  const uid = e.uid ? unescapeText(e.uid.value).trim() : '';
  if (!uid) throw new CalendarFileError('calendar_missing_uid', { line: c.line });
  if (!e.start) throw new CalendarFileError('calendar_missing_start', { line: c.line });
  const start = readStart(e.start, ctx, zones);
  const sequenceValue = e.sequence?.value.trim() ?? '0';
  const sequence = /^\d{1,9}$/.test(sequenceValue) ? Number(sequenceValue) : 0;
  const lastModified = readStamp(e.lastModified ?? e.stamp, ctx.nowIso);
  const createdAt = readStamp(e.created, lastModified);
  const summary = unescapeText(e.summary?.value ?? '').trim();
  const description = e.description;

  const idProp = e.id;
  if (!idProp) {
    const body = description ? unescapeText(description.value).trim() : '';
    const text = body && body !== summary ? (summary ? `${summary}\n\n${body}` : body) : summary || uid;
    return {
      line: c.line,
      tribune: false,
      snapshot: {
        uid, id: ctx.newId(), kind: 'idea', text: text.slice(0, 100_000), content: null, at: isoString(start.at), timeZone: start.zone,
        status: 'idea', reviewState: 'draft', campaign: null, labels: [], comments: [], media: [], targets: [],
        sequence, lastModified, createdAt,
      },
    };
  }

  const tribuneAt = e.at;
  // Another client may have moved the event: DTSTART wins when it no longer says the same second.
  let at = isoString(start.at);
  if (tribuneAt) {
    const exact = Date.parse(tribuneAt.value.trim());
    if (!Number.isFinite(exact)) throw new CalendarFileError('calendar_bad_tribune_data', { line: tribuneAt.line });
    if (Math.floor(exact / 1000) === Math.floor(start.at / 1000)) at = isoString(exact);
  }
  const text = description ? unescapeText(description.value) : e.text ? unescapeText(e.text.value) : summary;
  const candidate = {
    uid,
    id: idProp.value.trim(),
    kind: e.kind?.value.trim() ?? 'post',
    text,
    content: e.content ? jsonProp(e.content) : null,
    at,
    // The post's own zone; none: it follows the workspace's.
    timeZone: tribuneZone(e.zone),
    status: e.status?.value.trim() ?? 'draft',
    reviewState: e.review?.value.trim() ?? 'draft',
    campaign: e.campaign ? jsonProp(e.campaign) : null,
    labels: e.labels.map(jsonProp),
    comments: e.comments.map(jsonProp),
    media: e.media.map(jsonProp),
    targets: e.targets.map(jsonProp),
    sequence,
    lastModified,
    createdAt,
  };
  const parsed = PostSnapshot.safeParse(candidate);
  if (!parsed.success) {
    throw new CalendarFileError('calendar_bad_tribune_data', { line: badPropLine(c, idProp.line), field: parsed.error.issues[0]?.path.join('.') ?? '' });
  }
  return { line: c.line, tribune: true, snapshot: parsed.data };
}
