/**
 * A workspace's plan as an iCalendar file (RFC 5545): one VEVENT per post with its stable UID,
 * DTSTART in its zone (with a matching VTIMEZONE), SUMMARY, DESCRIPTION, CATEGORIES, STATUS,
 * SEQUENCE, LAST-MODIFIED, and X-TRIBUNE-* properties carrying the whole post. Pure.
 */
import type { PostSnapshot } from './snapshot';
import { contentLine, escapeText, foldLine } from './ics-text';
import { steadyOffset, vtimezoneLines, wallTime, zoneSpan, type ZoneSpan } from './vtimezone';
import { wallClockToInstant, zoneOffsetMinutes } from '../schedule/zoned-time';

export const PRODID = '-//Tribune//Tribune calendar 1.0//EN';
export const TRIBUNE_FORMAT = '1';
const DURATION = 'PT15M';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** 2027-01-01T09:30:00.000Z -> 20270101T093000Z (sliced when it has that exact shape). */
const utcStamp = (iso: string) =>
  ISO_MS.test(iso)
    ? `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
    : iso.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');

/** STATUS for other calendars: planned items are tentative, approved and later are confirmed. */
export function icalStatus(s: PostSnapshot): 'TENTATIVE' | 'CONFIRMED' {
  return s.status === 'approved' || s.status === 'scheduled' || s.status === 'published' ? 'CONFIRMED' : 'TENTATIVE';
}

/** The first line of the text, cut at 80 characters. */
export function summaryOf(text: string): string {
  let nl = text.indexOf('\n');
  let first = (nl < 0 ? text : text.slice(0, nl)).trim();
  while (first.length === 0 && nl >= 0) {
    const from = nl + 1;
    nl = text.indexOf('\n', from);
    first = (nl < 0 ? text.slice(from) : text.slice(from, nl)).trim();
  }
  // Code points never outnumber code units: 80 units or fewer need no counting.
  if (first.length <= 80) return first;
  const chars = Array.from(first);
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : first;
}

/** A zone's offsets over the file's span with its DTSTART head, so that most DTSTARTs need no probing. */
type ZoneSpans = Map<string, ZoneSpan & { head: string }>;

function zoneSpans(zones: Iterable<string>, from: number, to: number): ZoneSpans {
  const spans: ZoneSpans = new Map();
  for (const zone of zones) spans.set(zone, { ...zoneSpan(zone, from - 3 * DAY, to + 3 * DAY), head: contentLine('DTSTART', '', { TZID: zone }) });
  return spans;
}

/**
 * DTSTART in the post's zone; a local time the zone shows twice (the fall-back hour) or never
 * (the spring-forward gap) goes in UTC instead, which every reader takes the same way.
 */
function dtstart(at: number, zone: string, spans?: ZoneSpans): string {
  const span = spans?.get(zone);
  const steady = steadyOffset(span, at);
  if (steady !== null) return span!.head + wallTime(at, steady);
  const offset = zoneOffsetMinutes(at, zone);
  const minute = at - (at % MINUTE);
  const wall = minute + offset * MINUTE;
  // wallClockToInstant gives `minute` back whenever the offsets it reads around `wall` are all `offset` (its only candidate): skip its work then.
  const steadyAround = zoneOffsetMinutes(wall - DAY, zone) === offset && zoneOffsetMinutes(wall, zone) === offset && zoneOffsetMinutes(wall + DAY, zone) === offset;
  const roundTrips = steadyAround || wallClockToInstant(wall, zone) === minute;
  // The same wall minute an hour later or earlier: the fall-back hour.
  const ambiguous = zoneOffsetMinutes(at + HOUR, zone) === offset - 60 || zoneOffsetMinutes(at - HOUR, zone) === offset + 60;
  if (roundTrips && !ambiguous) return contentLine('DTSTART', wallTime(at, offset), { TZID: zone });
  return `DTSTART:${utcStamp(new Date(at - (at % 1000)).toISOString())}`;
}

/** The JSON text of a post's content, when the caller has it already (as stored). */
export type ContentJson = (content: object) => string | undefined;

/** Where an event's content lines go: unfolded, values escaped; the sink folds them and ends each with CRLF. */
export type LineSink = (line: string) => void;

/** One VEVENT as content lines (BEGIN:VEVENT to END:VEVENT). */
function eventLines(s: PostSnapshot, fallbackZone: string, stamp: string, line: LineSink, spans?: ZoneSpans, contentJson?: ContentJson): void {
  const zone = s.timeZone ?? fallbackZone;
  const at = Date.parse(s.at!);
  const summary = summaryOf(s.text) || (s.kind === 'idea' ? 'Idea' : 'Post');
  const text = escapeText(s.text);
  line('BEGIN:VEVENT');
  line(`UID:${escapeText(s.uid)}`);
  line(`DTSTAMP:${stamp}`);
  line(dtstart(at, zone, spans));
  line(`DURATION:${DURATION}`);
  line(`SUMMARY:${escapeText(summary)}`);
  line(`DESCRIPTION:${text}`);
  if (s.campaign || s.labels.length > 0) {
    let categories = s.campaign ? escapeText(s.campaign.name) : '';
    let first = !s.campaign;
    for (const l of s.labels) {
      categories += (first ? '' : ',') + escapeText(l.name);
      first = false;
    }
    line(`CATEGORIES:${categories}`);
  }
  line(`STATUS:${icalStatus(s)}`);
  line(`SEQUENCE:${s.sequence}`);
  line(`CREATED:${utcStamp(s.createdAt)}`);
  line(`LAST-MODIFIED:${utcStamp(s.lastModified)}`);
  line(`X-TRIBUNE-ID:${s.id}`);
  line(`X-TRIBUNE-KIND:${s.kind}`);
  line(`X-TRIBUNE-STATUS:${s.status}`);
  line(`X-TRIBUNE-REVIEW:${s.reviewState}`);
  line(`X-TRIBUNE-AT:${s.at!}`);
  line(`X-TRIBUNE-TEXT:${text}`);
  if (s.timeZone) line(`X-TRIBUNE-ZONE:${s.timeZone}`);
  if (s.content) line(`X-TRIBUNE-CONTENT:${escapeText(contentJson?.(s.content) ?? JSON.stringify(s.content))}`);
  if (s.campaign) line(`X-TRIBUNE-CAMPAIGN:${escapeText(JSON.stringify(s.campaign))}`);
  for (const label of s.labels) line(`X-TRIBUNE-LABEL:${escapeText(JSON.stringify(label))}`);
  for (const target of s.targets) line(`X-TRIBUNE-TARGET:${escapeText(JSON.stringify(target))}`);
  for (const media of s.media) line(`X-TRIBUNE-MEDIA:${escapeText(JSON.stringify(media))}`);
  for (const comment of s.comments) line(`X-TRIBUNE-COMMENT:${escapeText(JSON.stringify(comment))}`);
  line('END:VEVENT');
}

/** One VEVENT as text, folded, each line ending in CRLF. */
function eventText(s: PostSnapshot, fallbackZone: string, stamp: string): string {
  let out = '';
  eventLines(s, fallbackZone, stamp, (l) => {
    out += `${foldLine(l)}\r\n`;
  });
  return out;
}

export interface CalendarHeader {
  workspaceId: string;
  workspaceName: string;
  timeZone: string;
  /** The exported range: a post of the base inside it but missing from the file was deleted. */
  from: string;
  to: string;
  /** DTSTAMP: when the file was made. */
  now: string;
}

/**
 * Writes the whole file as content lines (unfolded, values escaped) to `line`, which folds
 * them at 75 octets and ends each with CRLF. Snapshots without a date are left out.
 */
export function writeCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], line: LineSink, contentJson?: ContentJson): void {
  const dated = snapshots.filter((s) => s.at !== null);
  const zones = new Set<string>([header.timeZone]);
  let from = Date.parse(header.from);
  let to = Date.parse(header.to);
  for (const s of dated) {
    zones.add(s.timeZone ?? header.timeZone);
    const at = Date.parse(s.at!);
    if (at < from) from = at;
    if (at > to) to = at;
  }
  const stamp = utcStamp(header.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', PRODID),
    'CALSCALE:GREGORIAN',
    contentLine('X-WR-CALNAME', escapeText(header.workspaceName)),
    contentLine('X-WR-TIMEZONE', header.timeZone),
    contentLine('X-TRIBUNE-FORMAT', TRIBUNE_FORMAT),
    contentLine('X-TRIBUNE-WORKSPACE', header.workspaceId),
    contentLine('X-TRIBUNE-RANGE', `${header.from}/${header.to}`),
  ];
  for (const zone of [...zones].sort()) lines.push(...vtimezoneLines(zone, from, to));
  for (const l of lines) line(l);
  const spans = zoneSpans(zones, from, to);
  for (const s of dated) eventLines(s, header.timeZone, stamp, line, spans, contentJson);
  line('END:VCALENDAR');
}

/** The whole file as text. */
export function exportCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], contentJson?: ContentJson): string {
  const pieces: string[] = [];
  writeCalendar(header, snapshots, (l) => pieces.push(foldLine(l)), contentJson);
  pieces.push('');
  return pieces.join('\r\n');
}

/** One post as a calendar object of its own (CalDAV stores one event per resource). */
export function exportEvent(header: Omit<CalendarHeader, 'from' | 'to'>, s: PostSnapshot): string {
  const at = Date.parse(s.at!);
  const zone = s.timeZone ?? header.timeZone;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    contentLine('PRODID', PRODID),
    contentLine('X-TRIBUNE-FORMAT', TRIBUNE_FORMAT),
    contentLine('X-TRIBUNE-WORKSPACE', header.workspaceId),
    ...vtimezoneLines(zone, at, at),
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n${eventText(s, header.timeZone, utcStamp(header.now))}END:VCALENDAR\r\n`;
}
