/**
 * A workspace's plan as an iCalendar file (RFC 5545): one VEVENT per post with its stable UID,
 * DTSTART in its zone (with a matching VTIMEZONE), SUMMARY, DESCRIPTION, CATEGORIES, STATUS,
 * SEQUENCE, LAST-MODIFIED, and X-TRIBUNE-* properties carrying the whole post. Pure.
 */
import type { PostSnapshot } from './snapshot';
import { contentLine, escapeText, foldLine } from './ics-text';
import { vtimezoneLines, wallTime, zoneTransitions } from './vtimezone';
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
  const first = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  const chars = Array.from(first);
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : first;
}

/** A zone's offset changes over a span, so that most DTSTARTs need no probing. */
interface ZoneSpan {
  from: number;
  to: number;
  changes: number[];
  /** "DTSTART;TZID=<zone>:" */
  head: string;
}
type ZoneSpans = Map<string, ZoneSpan>;

function zoneSpans(zones: Iterable<string>, from: number, to: number): ZoneSpans {
  const spans: ZoneSpans = new Map();
  for (const zone of zones) {
    const span = { from: from - 3 * DAY, to: to + 3 * DAY };
    spans.set(zone, { ...span, changes: zoneTransitions(zone, span.from, span.to).map((t) => t.at), head: contentLine('DTSTART', '', { TZID: zone }) });
  }
  return spans;
}

/** No offset change within two days of `at`: its wall time is unique and exists. */
function steady(span: ZoneSpan | undefined, at: number): span is ZoneSpan {
  if (!span || at - 2 * DAY < span.from || at + 2 * DAY > span.to) return false;
  const { changes } = span;
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]! < at - 2 * DAY) lo = mid + 1;
    else hi = mid;
  }
  return lo === changes.length || changes[lo]! > at + 2 * DAY;
}

/**
 * DTSTART in the post's zone; a local time the zone shows twice (the fall-back hour) or never
 * (the spring-forward gap) goes in UTC instead, which every reader takes the same way.
 */
function dtstart(at: number, zone: string, spans?: ZoneSpans): string {
  const span = spans?.get(zone);
  if (steady(span, at)) return span.head + wallTime(at, zoneOffsetMinutes(at, zone));
  const offset = zoneOffsetMinutes(at, zone);
  const minute = at - (at % MINUTE);
  const wall = minute + offset * MINUTE;
  // wallClockToInstant gives `minute` back whenever the offsets it reads around `wall` are all `offset` (its only candidate): skip its work then.
  const steadyOffset = zoneOffsetMinutes(wall - DAY, zone) === offset && zoneOffsetMinutes(wall, zone) === offset && zoneOffsetMinutes(wall + DAY, zone) === offset;
  const roundTrips = steadyOffset || wallClockToInstant(wall, zone) === minute;
  // The same wall minute an hour later or earlier: the fall-back hour.
  const ambiguous = zoneOffsetMinutes(at + HOUR, zone) === offset - 60 || zoneOffsetMinutes(at - HOUR, zone) === offset + 60;
  if (roundTrips && !ambiguous) return contentLine('DTSTART', wallTime(at, offset), { TZID: zone });
  return `DTSTART:${utcStamp(new Date(at - (at % 1000)).toISOString())}`;
}

const json = (value: unknown) => escapeText(JSON.stringify(value));

function eventLines(s: PostSnapshot, fallbackZone: string, stamp: string, spans?: ZoneSpans): string[] {
  const zone = s.timeZone ?? fallbackZone;
  const at = Date.parse(s.at!);
  const categories = [...(s.campaign ? [s.campaign.name] : []), ...s.labels.map((l) => l.name)];
  const text = escapeText(s.text);
  const lines = [
    'BEGIN:VEVENT',
    contentLine('UID', escapeText(s.uid)),
    `DTSTAMP:${stamp}`,
    dtstart(at, zone, spans),
    `DURATION:${DURATION}`,
    contentLine('SUMMARY', escapeText(summaryOf(s.text) || (s.kind === 'idea' ? 'Idea' : 'Post'))),
    contentLine('DESCRIPTION', text),
  ];
  if (categories.length > 0) lines.push(contentLine('CATEGORIES', categories.map(escapeText).join(',')));
  lines.push(
    `STATUS:${icalStatus(s)}`,
    `SEQUENCE:${s.sequence}`,
    `CREATED:${utcStamp(s.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(s.lastModified)}`,
    contentLine('X-TRIBUNE-ID', s.id),
    contentLine('X-TRIBUNE-KIND', s.kind),
    contentLine('X-TRIBUNE-STATUS', s.status),
    contentLine('X-TRIBUNE-REVIEW', s.reviewState),
    contentLine('X-TRIBUNE-AT', s.at!),
    contentLine('X-TRIBUNE-TEXT', text),
  );
  if (s.timeZone) lines.push(contentLine('X-TRIBUNE-ZONE', s.timeZone));
  if (s.content) lines.push(contentLine('X-TRIBUNE-CONTENT', json(s.content)));
  if (s.campaign) lines.push(contentLine('X-TRIBUNE-CAMPAIGN', json(s.campaign)));
  for (const label of s.labels) lines.push(contentLine('X-TRIBUNE-LABEL', json(label)));
  for (const target of s.targets) lines.push(contentLine('X-TRIBUNE-TARGET', json(target)));
  for (const media of s.media) lines.push(contentLine('X-TRIBUNE-MEDIA', json(media)));
  for (const comment of s.comments) lines.push(contentLine('X-TRIBUNE-COMMENT', json(comment)));
  lines.push('END:VEVENT');
  return lines;
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

/** The whole file, CRLF line ends, every line folded at 75 octets. Snapshots without a date are left out. */
export function exportCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[]): string {
  const dated = snapshots.filter((s) => s.at !== null);
  const zones = new Set<string>([header.timeZone, ...dated.map((s) => s.timeZone ?? header.timeZone)]);
  const times = dated.map((s) => Date.parse(s.at!));
  const from = Math.min(Date.parse(header.from), ...times);
  const to = Math.max(Date.parse(header.to), ...times);
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
  let out = '';
  for (const line of lines) out += `${foldLine(line)}\r\n`;
  const spans = zoneSpans(zones, from, to);
  for (const s of dated) for (const line of eventLines(s, header.timeZone, stamp, spans)) out += `${foldLine(line)}\r\n`;
  return `${out}END:VCALENDAR\r\n`;
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
    ...eventLines(s, header.timeZone, utcStamp(header.now)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
