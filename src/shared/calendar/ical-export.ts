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

/**
 * Where content lines go, unfolded: the sink escapes what it is told is a TEXT value, folds
 * the line at 75 octets and ends it with CRLF. Writing a line as its parts (name, value) spares
 * joining them: a 10,000-post file is some 220,000 lines.
 */
export interface LineSink {
  /** `head` then `value`, as they are (already escaped, or nothing to escape). */
  line(head: string, value?: string): void;
  /** `head` as it is, then `value` escaped as TEXT (RFC 5545 3.3.11). */
  text(head: string, value: string): void;
  /** `head` as it is, then each value escaped as TEXT, separated by commas (a list such as CATEGORIES). */
  list(head: string, values: readonly string[]): void;
}

/** A sink of folded lines as text (each handed to `push` without its CRLF). */
export function foldedLines(push: (folded: string) => void): LineSink {
  return {
    line: (head, value) => push(foldLine(value === undefined ? head : head + value)),
    text: (head, value) => push(foldLine(head + escapeText(value))),
    list: (head, values) => push(foldLine(head + values.map(escapeText).join(','))),
  };
}

/**
 * The JSON of objects many posts share (a campaign, a label, an account), made once per object
 * for one task (a file, an export's digests): snapshots are never mutated.
 */
export function jsonMemo(write: (value: object) => string = JSON.stringify): (value: object) => string {
  const memo = new Map<object, string>();
  return (value) => {
    let json = memo.get(value);
    if (json === undefined) memo.set(value, (json = write(value)));
    return json;
  };
}

/** JSON.stringify of a list of plain objects, each item's JSON from `json`. */
export function jsonList(items: readonly object[], json: (value: object) => string): string {
  if (items.length === 0) return '[]';
  let out = `[${json(items[0]!)}`;
  for (let i = 1; i < items.length; i++) out += `,${json(items[i]!)}`;
  return `${out}]`;
}

/** An object's JSON escaped as TEXT. */
const jsonEscaped = (value: object): string => escapeText(JSON.stringify(value));

/** One VEVENT as content lines (BEGIN:VEVENT to END:VEVENT). */
function eventLines(s: PostSnapshot, fallbackZone: string, stampLine: string, out: LineSink, spans?: ZoneSpans, contentJson?: ContentJson, escapedJson = jsonEscaped): void {
  const zone = s.timeZone ?? fallbackZone;
  const at = Date.parse(s.at!);
  const summary = summaryOf(s.text) || (s.kind === 'idea' ? 'Idea' : 'Post');
  out.line('BEGIN:VEVENT');
  out.text('UID:', s.uid);
  out.line(stampLine);
  out.line(dtstart(at, zone, spans));
  out.line('DURATION:', DURATION);
  out.text('SUMMARY:', summary);
  out.text('DESCRIPTION:', s.text);
  if (s.campaign || s.labels.length > 0) {
    const categories = s.labels.map((l) => l.name);
    if (s.campaign) categories.unshift(s.campaign.name);
    out.list('CATEGORIES:', categories);
  }
  out.line('STATUS:', icalStatus(s));
  out.line('SEQUENCE:', String(s.sequence));
  out.line('CREATED:', utcStamp(s.createdAt));
  out.line('LAST-MODIFIED:', utcStamp(s.lastModified));
  out.line('X-TRIBUNE-ID:', s.id);
  out.line('X-TRIBUNE-KIND:', s.kind);
  out.line('X-TRIBUNE-STATUS:', s.status);
  out.line('X-TRIBUNE-REVIEW:', s.reviewState);
  out.line('X-TRIBUNE-AT:', s.at!);
  out.text('X-TRIBUNE-TEXT:', s.text);
  if (s.timeZone) out.line('X-TRIBUNE-ZONE:', s.timeZone);
  if (s.content) out.text('X-TRIBUNE-CONTENT:', contentJson?.(s.content) ?? JSON.stringify(s.content));
  if (s.campaign) out.line('X-TRIBUNE-CAMPAIGN:', escapedJson(s.campaign));
  for (const label of s.labels) out.line('X-TRIBUNE-LABEL:', escapedJson(label));
  for (const target of s.targets) out.line('X-TRIBUNE-TARGET:', escapedJson(target));
  for (const media of s.media) out.line('X-TRIBUNE-MEDIA:', escapedJson(media));
  for (const comment of s.comments) out.text('X-TRIBUNE-COMMENT:', JSON.stringify(comment));
  out.line('END:VEVENT');
}

/** One VEVENT as text, folded, each line ending in CRLF. */
function eventText(s: PostSnapshot, fallbackZone: string, stamp: string): string {
  let out = '';
  eventLines(
    s,
    fallbackZone,
    `DTSTAMP:${stamp}`,
    foldedLines((l) => {
      out += `${l}\r\n`;
    }),
  );
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

/** Writes the whole file as content lines to `out` (which escapes, folds and ends them). Snapshots without a date are left out. */
export function writeCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], out: LineSink, contentJson?: ContentJson): void {
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
  for (const l of lines) out.line(l);
  const spans = zoneSpans(zones, from, to);
  const escapedJson = jsonMemo(jsonEscaped);
  const stampLine = `DTSTAMP:${stamp}`;
  for (const s of dated) eventLines(s, header.timeZone, stampLine, out, spans, contentJson, escapedJson);
  out.line('END:VCALENDAR');
}

/** The whole file as text. */
export function exportCalendar(header: CalendarHeader, snapshots: readonly PostSnapshot[], contentJson?: ContentJson): string {
  const pieces: string[] = [];
  writeCalendar(header, snapshots, foldedLines((l) => pieces.push(l)), contentJson);
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
