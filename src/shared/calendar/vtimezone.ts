/**
 * VTIMEZONE components generated from the runtime's time zone data (Intl via @date-fns/tz):
 * one observance per offset change found in the range, so any RFC 5545 reader converts the
 * file's local times exactly as Tribune does. Pure.
 */
import { zoneOffsetMinutes } from '../schedule/zoned-time';
import { contentLine } from './ics-text';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ZoneTransition {
  /** The first instant on the new offset. */
  at: number;
  from: number;
  to: number;
}

/** Offset changes of `zone` in [fromMs, toMs], found by a daily scan refined to the minute. */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  let prevAt = fromMs;
  let prev = zoneOffsetMinutes(fromMs, zone);
  for (let t = fromMs + DAY; ; t += DAY) {
    const at = Math.min(t, toMs);
    const offset = zoneOffsetMinutes(at, zone);
    if (offset !== prev) {
      let lo = Math.floor(prevAt / MINUTE);
      let hi = Math.ceil(at / MINUTE);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMinutes(mid * MINUTE, zone) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi * MINUTE, from: prev, to: offset });
      prev = offset;
    }
    prevAt = at;
    if (at >= toMs) break;
  }
  return out;
}

/** A zone's offsets over [from, to], from one scan: most instants then need no probing. */
export interface ZoneSpan {
  from: number;
  to: number;
  /** Instants the offset changes at, and the offset from each on. */
  changes: number[];
  offsets: number[];
  /** The offset at `from`. */
  initial: number;
}

export function zoneSpan(zone: string, from: number, to: number): ZoneSpan {
  const transitions = zoneTransitions(zone, from, to);
  return { from, to, changes: transitions.map((t) => t.at), offsets: transitions.map((t) => t.to), initial: zoneOffsetMinutes(from, zone) };
}

/**
 * The offset at `at` when no change comes within two days of it (its wall time is then unique
 * and exists, and any instant within a day of it has that offset); null otherwise, or outside the span.
 */
export function steadyOffset(span: ZoneSpan | undefined, at: number): number | null {
  if (!span || at - 2 * DAY < span.from || at + 2 * DAY > span.to) return null;
  const { changes } = span;
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]! < at - 2 * DAY) lo = mid + 1;
    else hi = mid;
  }
  if (lo < changes.length && changes[lo]! <= at + 2 * DAY) return null;
  // The last change before the window sets the offset.
  return lo === 0 ? span.initial : span.offsets[lo - 1]!;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "+0100", "-0500", "+0530". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Local wall time at `ms` shifted by `offsetMinutes`, as an iCalendar DATE-TIME without zone. */
export function wallTime(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MINUTE);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** The content lines of a VTIMEZONE valid for every instant in [fromMs, toMs]. */
export function vtimezoneLines(zone: string, fromMs: number, toMs: number): string[] {
  const start = fromMs - DAY;
  const end = toMs + DAY;
  const transitions = zoneTransitions(zone, start, end);
  const first = zoneOffsetMinutes(start, zone);
  const offsets = [first, ...transitions.map((t) => t.to)];
  // Standard time is the smallest offset seen over the range (or over the year around it).
  const yearly = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((m) => zoneOffsetMinutes(start + m * 30 * DAY, zone));
  const standard = Math.min(...offsets, ...yearly);
  const observance = (onset: string, from: number, to: number) => {
    const kind = to > standard ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${formatOffset(from)}`, `TZOFFSETTO:${formatOffset(to)}`, `END:${kind}`];
  };
  return [
    'BEGIN:VTIMEZONE',
    contentLine('TZID', zone),
    ...observance(wallTime(start, first), first, first),
    ...transitions.flatMap((t) => observance(wallTime(t.at, t.from), t.from, t.to)),
    'END:VTIMEZONE',
  ];
}
