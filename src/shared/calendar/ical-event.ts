/**
 * One VEVENT of a parsed file as a post: Tribune's own events (X-TRIBUNE-*) come back as the
 * posts they were, other calendars' events become ideas with a date. The event's properties
 * are read in one pass (the first of each name counts, as RFC 5545 readers do). Pure.
 */
import { isValidTimeZone } from '../schedule/zoned-time';
import { isoString } from '../schedule/iso-time';
import { CalendarFileError, unescapeText } from './ics-text';
import type { ContentLine } from './ics-lines';
import type { PostSnapshot } from './snapshot';
import { tribuneSnapshot, type TribuneParts, type TribuneProps } from './ical-tribune';

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
}

type Wall = { y: number; mo: number; d: number; h: number; mi: number; s: number };
export type ZoneReader = (tzid: string, wall: Wall, line: number) => number;

/** The properties of a VEVENT Tribune reads, gathered in one pass. */
export interface EventProps extends TribuneProps {
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
  at?: ContentLine;
  text?: ContentLine;
}

/** The lists an event does not have share this empty one (most events have no media or targets). */
const NONE: ContentLine[] = Object.freeze([]) as unknown as ContentLine[];
const add = (list: ContentLine[], p: ContentLine): ContentLine[] => {
  if (list === NONE) return [p];
  list.push(p);
  return list;
};

export function eventProps(c: Comp): EventProps {
  // Every field from the start: one object of a fixed shape, not one that grows property by property.
  const e: EventProps = {
    uid: undefined, start: undefined, recurrenceId: undefined, sequence: undefined, lastModified: undefined, stamp: undefined, created: undefined,
    summary: undefined, description: undefined, id: undefined, kind: undefined, status: undefined, review: undefined, at: undefined, text: undefined,
    zone: undefined, content: undefined, campaign: undefined, labels: NONE, comments: NONE, media: NONE, targets: NONE,
  };
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
      case 'X-TRIBUNE-LABEL': e.labels = add(e.labels, p); break;
      case 'X-TRIBUNE-COMMENT': e.comments = add(e.comments, p); break;
      case 'X-TRIBUNE-MEDIA': e.media = add(e.media, p); break;
      case 'X-TRIBUNE-TARGET': e.targets = add(e.targets, p); break;
    }
  }
  return e;
}

/** The digits value[from, from + n) as a number, or -1 when one of them is not a digit 0-9. */
function digits(value: string, from: number, n: number): number {
  let out = 0;
  for (let i = from; i < from + n; i++) {
    const c = value.charCodeAt(i) - 0x30;
    if (!(c >= 0 && c <= 9)) return -1;
    out = out * 10 + c;
  }
  return out;
}

/** A DATE-TIME (YYYYMMDDTHHMMSS, then Z for UTC) read without a regular expression; null when it is not one. */
function dateTime(value: string): (Wall & { utc: boolean }) | null {
  const utc = value.length === 16 && value.charCodeAt(15) === 0x5a;
  if ((value.length !== 15 && !utc) || value.charCodeAt(8) !== 0x54) return null;
  const y = digits(value, 0, 4);
  const mo = digits(value, 4, 2);
  const d = digits(value, 6, 2);
  const h = digits(value, 9, 2);
  const mi = digits(value, 11, 2);
  const s = digits(value, 13, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return null;
  return { y, mo, d, h, mi, s, utc };
}

/** DTSTART as an instant; all-day dates become 09:00 in the workspace's zone. */
function readStart(p: ContentLine, ctx: ImportContext, zones: ZoneReader): { at: number; zone: string } {
  const value = p.value.trim();
  const dt = dateTime(value);
  if (dt) {
    const { y, mo, d, h, mi, s } = dt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    if (dt.utc) return { at: Date.UTC(y, mo - 1, d, h, mi, s), zone: 'UTC' };
    const tzid = p.params.TZID;
    if (tzid) return { at: zones(tzid, dt, p.line), zone: isValidTimeZone(tzid) ? tzid : ctx.timeZone };
    return { at: zones(ctx.timeZone, dt, p.line), zone: ctx.timeZone };
  }
  // A DATE (YYYYMMDD).
  const y = value.length === 8 ? digits(value, 0, 4) : -1;
  const mo = y < 0 ? -1 : digits(value, 4, 2);
  const d = mo < 0 ? -1 : digits(value, 6, 2);
  if (d >= 0) {
    if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new CalendarFileError('calendar_bad_date', { line: p.line });
    return { at: zones(ctx.timeZone, { y, mo, d, h: 9, mi: 0, s: 0 }, p.line), zone: ctx.timeZone };
  }
  throw new CalendarFileError('calendar_bad_date', { line: p.line });
}

function readStamp(p: ContentLine | undefined, fallback: string): string {
  if (!p) return fallback;
  const value = p.value.trim();
  const m = dateTime(value);
  if (!m) throw new CalendarFileError('calendar_bad_date', { line: p.line });
  return isoString(Date.UTC(m.y, m.mo - 1, m.d, m.h, m.mi, m.s));
}

export function readEvent(c: Comp, e: EventProps, ctx: ImportContext, zones: ZoneReader, parts: TribuneParts): ParsedEvent {
  const uid = e.uid ? unescapeText(e.uid.value).trim() : '';
  if (!uid) throw new CalendarFileError('calendar_missing_uid', { line: c.line });
  if (!e.start) throw new CalendarFileError('calendar_missing_start', { line: c.line });
  const start = readStart(e.start, ctx, zones);
  const sequenceValue = e.sequence?.value.trim() ?? '0';
  const sequence = /^\d{1,9}$/.test(sequenceValue) ? Number(sequenceValue) : 0;
  const lastModified = readStamp(e.lastModified ?? e.stamp, ctx.nowIso);
  const createdAt = readStamp(e.created, lastModified);
  const description = e.description;
  const idProp = e.id;
  // A Tribune event's text is its DESCRIPTION (or X-TRIBUNE-TEXT): its SUMMARY is read only when it has neither.
  const summary = idProp && (description || e.text) ? '' : unescapeText(e.summary?.value ?? '').trim();
  if (!idProp) {
    // Another calendar's event: an instant given in UTC (Thunderbird, Google) is planned in the workspace's zone.
    const body = description ? unescapeText(description.value).trim() : '';
    const text = body && body !== summary ? (summary ? `${summary}\n\n${body}` : body) : summary || uid;
    return {
      line: c.line,
      tribune: false,
      snapshot: {
        uid, id: ctx.newId(), kind: 'idea', text: text.slice(0, 100_000), content: null, at: isoString(start.at), timeZone: start.zone === 'UTC' ? ctx.timeZone : start.zone,
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
  return { line: c.line, tribune: true, snapshot: tribuneSnapshot(c.props, e, idProp, { uid, text, at, sequence, lastModified, createdAt }, parts) };
}
