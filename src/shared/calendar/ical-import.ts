/**
 * Reads an iCalendar file whole, or refuses it with a typed code and the line. Tribune's own
 * events come back as the posts they were (X-TRIBUNE-*); events from other calendars (Google,
 * Outlook, Thunderbird) become ideas with a date. Zones: the file's own VTIMEZONEs (through
 * ical.js), else IANA names, UTC, floating times in the workspace's zone. Pure.
 */
import ICAL from 'ical.js';
import { isValidTimeZone, wallClockToInstant } from '../schedule/zoned-time';
import { CalendarFileError, unescapeText } from './ics-text';
import { scanContentLines, type ContentLine } from './ics-lines';
import { steadyOffset, zoneSpan, type ZoneSpan } from './vtimezone';
import { TribuneParts } from './ical-tribune';
import { eventProps, readEvent, type Comp, type EventProps, type ImportContext, type ParsedEvent, type ZoneReader } from './ical-event';

export type { ImportContext, ParsedEvent } from './ical-event';

export interface ParsedCalendar {
  format: 'tribune_ics' | 'foreign_ics';
  workspaceId: string | null;
  range: { from: number; to: number } | null;
  events: ParsedEvent[];
}

const DAY = 86_400_000;
/** The stretch of time a zone's offsets are scanned over at once. */
const SPAN_MS = 128 * DAY;

/** The first property of that name. */
const prop = (c: Comp, name: string): ContentLine | undefined => c.props.find((p) => p.name === name);

/** `defined`: the TZIDs of the calendar's own VTIMEZONEs (complete by the time a TZID that is not an IANA name is read). */
function zoneReader(text: string, defined: ReadonlySet<string>): ZoneReader {
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

/**
 * The whole file or a CalendarFileError: nothing half-read. One pass: each event is read as
 * soon as its END is (so its lines are done with at once, not kept for the whole file), and
 * the first refusal is thrown once the whole file was checked, so a broken structure further
 * down is reported first, as when the file was split into lines before reading any event.
 * Only the first VCALENDAR counts (its own properties, VTIMEZONEs and VEVENTs).
 */
export function parseCalendar(text: string, ctx: ImportContext): ParsedCalendar {
  const defined = new Set<string>();
  const zones = zoneReader(text, defined);
  const events: ParsedEvent[] = [];
  const parts = new TribuneParts();
  const seen = new Map<string, number>();
  const calendar: Comp = { name: 'VCALENDAR', line: 1, props: [] };
  let failure: unknown = null;
  let failed = false;
  /** Events after one whose zone is the file's own (not an IANA name): read at the end, once every VTIMEZONE is known. */
  let later: { c: Comp; e: EventProps }[] | null = null;
  const read = (c: Comp, e: EventProps) => {
    if (failed) return;
    try {
      const event = readEvent(c, e, ctx, zones, parts);
      if (seen.has(event.snapshot.uid)) throw new CalendarFileError('calendar_duplicate_uid', { line: c.line, first: seen.get(event.snapshot.uid)! });
      seen.set(event.snapshot.uid, c.line);
      events.push(event);
    } catch (error) {
      failure = error;
      failed = true;
    }
  };
  let tops = 0;
  /** The VEVENT or VTIMEZONE of the first VCALENDAR being read, null inside anything else. */
  let open: Comp | null = null;
  scanContentLines(text, (l, depth) => {
    if (depth === 1) {
      if (l.name === 'BEGIN') tops++;
      else if (l.name !== 'END' && tops === 1) calendar.props.push(l);
      return;
    }
    if (tops !== 1) return;
    if (depth === 2) {
      if (l.name === 'BEGIN') {
        const name = l.value.toUpperCase();
        open = name === 'VEVENT' || name === 'VTIMEZONE' ? { name, line: l.line, props: [] } : null;
      } else if (l.name === 'END') {
        const c = open;
        open = null;
        if (!c) return;
        if (c.name === 'VTIMEZONE') {
          defined.add(unescapeText(prop(c, 'TZID')?.value ?? ''));
          return;
        }
        // Overrides of a recurring event share its UID: the master stands for the series.
        const e = eventProps(c);
        if (e.recurrenceId) return;
        const tzid = e.start?.params.TZID;
        if (!later && tzid && !isValidTimeZone(tzid)) later = [];
        if (later) later.push({ c, e });
        else read(c, e);
      } else open?.props.push(l);
    }
  });
  for (const { c, e } of later ?? []) read(c, e);
  if (failed) throw failure;
  const format = prop(calendar, 'X-TRIBUNE-FORMAT') ? 'tribune_ics' : 'foreign_ics';
  const rangeProp = prop(calendar, 'X-TRIBUNE-RANGE');
  let range: ParsedCalendar['range'] = null;
  if (rangeProp) {
    const [from, to] = rangeProp.value.split('/').map((v) => Date.parse(v.trim()));
    if (Number.isFinite(from) && Number.isFinite(to)) range = { from: from!, to: to! };
  }
  return { format, workspaceId: prop(calendar, 'X-TRIBUNE-WORKSPACE')?.value.trim() ?? null, range, events };
}
