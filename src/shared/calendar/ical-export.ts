/**
 * A workspace's plan as an iCalendar file (RFC 5545): one VEVENT per post with its stable UID,
 * DTSTART in its zone (with a matching VTIMEZONE), SUMMARY, DESCRIPTION, CATEGORIES, STATUS,
 * SEQUENCE, LAST-MODIFIED, and X-TRIBUNE-* properties carrying the whole post. Pure.
 */
import type { PostSnapshot } from './snapshot';
import { contentLine, escapeText, foldedLine, foldLine } from './ics-text';
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

/** One VEVENT, folded, each line ending in CRLF. */
function eventText(s: PostSnapshot, fallbackZone: string, stamp: string, spans?: ZoneSpans, contentJson?: ContentJson): string {
  const zone = s.timeZone ?? fallbackZone;
  const at = Date.parse(s.at!);
  const summary = summaryOf(s.text) || (s.kind === 'idea' ? 'Idea' : 'Post');
  let out = `BEGIN:VEVENT\r\n${foldedLine('UID:', s.uid, true)}\r\nDTSTAMP:${stamp}\r\n${foldLine(dtstart(at, zone, spans))}\r\nDURATION:${DURATION}\r\n`;
  out += `${foldedLine('SUMMARY:', summary, true)}\r\n${foldedLine('DESCRIPTION:', s.text, true)}\r\n`;
  if (s.campaign || s.labels.length > 0) {
    let categories = s.campaign ? escapeText(s.campaign.name) : '';
    let first = !s.campaign;
    for (const l of s.labels) {
      categories += (first ? '' : ',') + escapeText(l.name);
      first = false;
    }
    out += `${foldedLine('CATEGORIES:', categories, false)}\r\n`;
  }
  out += `STATUS:${icalStatus(s)}\r\nSEQUENCE:${s.sequence}\r\nCREATED:${utcStamp(s.createdAt)}\r\nLAST-MODIFIED:${utcStamp(s.lastModified)}\r\n`;
  out += `${foldedLine('X-TRIBUNE-ID:', s.id, false)}\r\n${foldedLine('X-TRIBUNE-KIND:', s.kind, false)}\r\n${foldedLine('X-TRIBUNE-STATUS:', s.status, false)}\r\n`;
  out += `${foldedLine('X-TRIBUNE-REVIEW:', s.reviewState, false)}\r\n${foldedLine('X-TRIBUNE-AT:', s.at!, false)}\r\n${foldedLine('X-TRIBUNE-TEXT:', s.text, true)}\r\n`;
  if (s.timeZone) out += `${foldedLine('X-TRIBUNE-ZONE:', s.timeZone, false)}\r\n`;
  if (s.content) out += `${foldedLine('X-TRIBUNE-CONTENT:', contentJson?.(s.content) ?? JSON.stringify(s.content), true)}\r\n`;
  if (s.campaign) out += `${foldedLine('X-TRIBUNE-CAMPAIGN:', JSON.stringify(s.campaign), true)}\r\n`;
  for (const label of s.labels) out += `${foldedLine('X-TRIBUNE-LABEL:', JSON.stringify(label), true)}\r\n`;
  for (const target of s.targets) out += `${foldedLine('X-TRIBUNE-TARGET:', JSON.stringify(target), true)}\r\n`;
  for (const media of s.media) out += `${foldedLine('X-TRIBUNE-MEDIA:', JSON.stringify(media), true)}\r\n`;
  for (const comment of s.comments) out += `${foldedLine('X-TRIBUNE-COMMENT:', JSON.stringify(comment), true)}\r\n`;
  return `${out}END:VEVENT\r\n`;
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

/** Writes the whole file in pieces (one per event), CRLF line ends, every line folded at 75 octets. Snapshots without a date are left out. */
export function writeCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], write: (piece: string) => void, contentJson?: ContentJson): void {
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
  write(`${lines.map(foldLine).join('\r\n')}\r\n`);
  const spans = zoneSpans(zones, from, to);
  for (const s of dated) write(eventText(s, header.timeZone, stamp, spans, contentJson));
  write('END:VCALENDAR\r\n');
}

/** The whole file as text. */
export function exportCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], contentJson?: ContentJson): string {
  const pieces: string[] = [];
  writeCalendar(header, snapshots, (piece) => pieces.push(piece), contentJson);
  return pieces.join('');
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
