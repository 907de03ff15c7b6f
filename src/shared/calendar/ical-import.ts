/**
 * Reads an iCalendar file whole, or refuses it with a typed code and the line. Tribune's own
 * events come back as the posts they were (X-TRIBUNE-*); events from other calendars (Google,
 * Outlook, Thunderbird) become ideas with a date. Zones: the file's own VTIMEZONEs (through
 * ical.js), else IANA names, UTC, floating times in the workspace's zone. Pure.
 */
import ICAL from 'ical.js';
import { isValidTimeZone, wallClockToInstant } from '../schedule/zoned-time';
import { CalendarFileError, unescapeText } from './ics-text';
import { tokenize, type ContentLine } from './ics-lines';
import { steadyOffset, zoneSpan, type ZoneSpan } from './vtimezone';
import { eventProps, readEvent, type Comp, type ImportContext, type ParsedEvent, type ZoneReader } from './ical-event';

export type { ImportContext, ParsedEvent } from './ical-event';

export interface ParsedCalendar {
  format: 'tribune_ics' | 'foreign_ics';
  workspaceId: string | null;
  range: { from: number; to: number } | null;
  events: ParsedEvent[];
}

function tree(lines: ContentLine[]): Comp {
  const root: Comp = { name: 'ROOT', line: 0, props: [], children: [] };
  const stack = [root];
  let top = root;
  for (const l of lines) {
    if (l.name === 'BEGIN') {
      const c: Comp = { name: l.value.toUpperCase(), line: l.line, props: [], children: [] };
      top.children.push(c);
      stack.push(c);
      top = c;
    } else if (l.name === 'END') {
      stack.pop();
      top = stack[stack.length - 1]!;
    } else top.props.push(l);
  }
  return root.children[0]!;
}

const DAY = 86_400_000;
/** The stretch of time a zone's offsets are scanned over at once. */
const SPAN_MS = 128 * DAY;

/** The first property of that name (the calendar's own and its zones'). */
const prop = (c: Comp, name: string): ContentLine | undefined => c.props.find((p) => p.name === name);

function zoneReader(text: string, root: Comp): ZoneReader {
  const defined = new Set(root.children.filter((c) => c.name === 'VTIMEZONE').map((c) => unescapeText(prop(c, 'TZID')?.value ?? '')));
  let zones: Map<string, ICAL.Timezone> | null = null;
  // IANA zones: their offsets scanned once per stretch of time, so a wall time far from any change reads without probing.
  const spans = new Map<string, ZoneSpan>();
  const steady = (tzid: string, wall: number): number | null => {
    const bucket = Math.floor(wall / SPAN_MS);
    const key = `${bucket}\u0000${tzid}`;
    let span = spans.get(key);
    if (!span) {
      span = zoneSpan(tzid, bucket * SPAN_MS - 3 * DAY, (bucket + 1) * SPAN_MS + 3 * DAY);
      spans.set(key, span);
    }
    return steadyOffset(span, wall);
  };
  return (tzid, w, line) => {
    if (isValidTimeZone(tzid)) {
      const wall = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi);
      const offset = steady(tzid, wall);
      // The instant wallClockToInstant finds, read directly when no offset change is near.
      return (offset === null ? wallClockToInstant(wall, tzid) : wall - offset * 60_000) + w.s * 1000;
    }
    if (!defined.has(tzid)) throw new CalendarFileError('calendar_unknown_tzid', { tzid, line });
    if (!zones) {
      zones = new Map();
      const vcal = new ICAL.Component(ICAL.parse(text) as unknown[]);
      for (const c of vcal.getAllSubcomponents('vtimezone')) {
        const tz = new ICAL.Timezone(c);
        zones.set(tz.tzid, tz);
      }
    }
    const zone = zones.get(tzid);
    if (!zone) throw new CalendarFileError('calendar_unknown_tzid', { tzid, line });
    const time = new ICAL.Time({ year: w.y, month: w.mo, day: w.d, hour: w.h, minute: w.mi, second: w.s, isDate: false }, zone);
    return time.toUnixTime() * 1000;
  };
}

/** The whole file or a CalendarFileError: nothing half-read. */
export function parseCalendar(text: string, ctx: ImportContext): ParsedCalendar {
  const lines = tokenize(text);
  const root = tree(lines);
  if (root.name !== 'VCALENDAR') throw new CalendarFileError('calendar_not_ical', { line: 1 });
  const zones = zoneReader(text, root);
  const events: ParsedEvent[] = [];
  const seen = new Map<string, number>();
  for (const c of root.children) {
    if (c.name !== 'VEVENT') continue;
    // Overrides of a recurring event share its UID: the master stands for the series.
    const e = eventProps(c);
    if (e.recurrenceId) continue;
    const event = readEvent(c, e, ctx, zones);
    if (seen.has(event.snapshot.uid)) throw new CalendarFileError('calendar_duplicate_uid', { line: c.line, first: seen.get(event.snapshot.uid)! });
    seen.set(event.snapshot.uid, c.line);
    events.push(event);
  }
  const format = prop(root, 'X-TRIBUNE-FORMAT') ? 'tribune_ics' : 'foreign_ics';
  const rangeProp = prop(root, 'X-TRIBUNE-RANGE');
  let range: ParsedCalendar['range'] = null;
  if (rangeProp) {
    const [from, to] = rangeProp.value.split('/').map((v) => Date.parse(v.trim()));
    if (Number.isFinite(from) && Number.isFinite(to)) range = { from: from!, to: to! };
  }
  return { format, workspaceId: prop(root, 'X-TRIBUNE-WORKSPACE')?.value.trim() ?? null, range, events };
}
