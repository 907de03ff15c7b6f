/**
 * A workspace's plan as an iCalendar file (RFC 5545): one VEVENT per post with its stable UID,
 * DTSTART in its zone (with a matching VTIMEZONE), SUMMARY, DESCRIPTION, CATEGORIES, STATUS,
 * SEQUENCE, LAST-MODIFIED, and X-TRIBUNE-* properties carrying the whole post. Pure.
 */
import type { PostSnapshot } from './snapshot';
import { contentLine, escapeText, foldLine } from './ics-text';
import { foldedLines, jsonMemo, type LineSink } from './line-sink';
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

/** An object's JSON escaped as TEXT. */
const jsonEscaped = (value: object): string => escapeText(JSON.stringify(value));

/** One VEVENT as content lines (BEGIN:VEVENT to END:VEVENT). */
function eventLines(s: PostSnapshot, at: number, fallbackZone: string, stampLine: string, out: LineSink, spans?: ZoneSpans, contentJson?: string, escapedJson = jsonEscaped): void {
  const zone = s.timeZone ?? fallbackZone;
  const text = escapeText(s.text);
  const summary = summaryOf(s.text) || (s.kind === 'idea' ? 'Idea' : 'Post');
  out.line('BEGIN:VEVENT');
  out.text('UID:', s.uid);
  out.line(stampLine);
  out.line(dtstart(at, zone, spans));
  out.line('DURATION:', DURATION);
  out.text('SUMMARY:', summary);
  out.line('DESCRIPTION:', text);
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
  out.line('X-TRIBUNE-TEXT:', text);
  if (s.timeZone) out.line('X-TRIBUNE-ZONE:', s.timeZone);
  if (s.content) out.text('X-TRIBUNE-CONTENT:', contentJson ?? JSON.stringify(s.content));
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
    Date.parse(s.at!),
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

/** The file's lines before its events: the calendar's own properties, then a VTIMEZONE per zone over [from, to]. */
function headLines(header: CalendarHeader, zones: ReadonlySet<string>, from: number, to: number): string[] {
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
  return lines;
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
  for (const l of headLines(header, zones, from, to)) out.line(l);
  const spans = zoneSpans(zones, from, to);
  const escapedJson = jsonMemo(jsonEscaped);
  const stampLine = `DTSTAMP:${utcStamp(header.now)}`;
  for (const s of dated) eventLines(s, Date.parse(s.at!), header.timeZone, stampLine, out, spans, s.content ? contentJson?.(s.content) : undefined, escapedJson);
  out.line('END:VCALENDAR');
}

/**
 * A file whose events are written as the posts come (each post can be dropped once written):
 * `event` writes a VEVENT to `out`; `head` gives the lines that go before the events, for the
 * zones and times seen (the same file as writeCalendar with every post at once).
 */
export class CalendarEvents {
  private readonly zones: Set<string>;
  private from: number;
  private to: number;
  private readonly spans: ZoneSpans = new Map();
  private readonly escapedJson = jsonMemo(jsonEscaped);
  private readonly stampLine: string;

  constructor(
    private readonly header: CalendarHeader,
    private readonly out: LineSink,
  ) {
    this.zones = new Set([header.timeZone]);
    this.from = Date.parse(header.from);
    this.to = Date.parse(header.to);
    this.stampLine = `DTSTAMP:${utcStamp(header.now)}`;
  }

  /** One post's VEVENT (none for a post without a date); `contentJson` is its content as stored, if known. */
  event(s: PostSnapshot, contentJson?: string): void {
    if (s.at === null) return;
    const zone = s.timeZone ?? this.header.timeZone;
    this.zones.add(zone);
    // Offsets over the header's range: a DTSTART outside it is worked out without them (the same text).
    if (!this.spans.has(zone)) for (const [z, span] of zoneSpans([zone], Date.parse(this.header.from), Date.parse(this.header.to))) this.spans.set(z, span);
    const at = Date.parse(s.at);
    if (at < this.from) this.from = at;
    if (at > this.to) this.to = at;
    eventLines(s, at, this.header.timeZone, this.stampLine, this.out, this.spans, contentJson, this.escapedJson);
  }

  /** The lines that go before the events (the calendar, then a VTIMEZONE per zone seen). */
  head(): string[] {
    return headLines(this.header, this.zones, this.from, this.to);
  }
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
