/**
 * Wall-clock time in an IANA zone <-> UTC instants, with explicit daylight-saving rules.
 * Pure (Intl only): runs in the main process and in the renderer.
 */
import { z } from 'zod';
import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "YYYY-MM-DD", a real calendar date. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date_format')
  .refine((s) => parseLocalDate(s) !== null, 'date_invalid');
/** "HH:MM", 24-hour clock. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_format');
/** An IANA zone name the runtime knows ("Europe/Paris", "UTC"). */
export const TimeZone = z.string().min(1).refine(isValidTimeZone, 'time_zone_unknown');

const zoneValidity = new Map<string, boolean>();
export function isValidTimeZone(zone: string): boolean {
  let known = zoneValidity.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = Number.isFinite(tzOffset(zone, new Date(0)));
    } catch {
      known = false;
    }
    zoneValidity.set(zone, known);
  }
  return known;
}

function parseLocalDate(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

function parseLocalTime(time: string): { h: number; min: number } | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? { h: Number(match[1]), min: Number(match[2]) } : null;
}

/** Offset of the zone from UTC at an instant, in minutes (Paris in winter: 60). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  // Offsets change at most once in a quarter of an hour: a quarter whose two ends agree is cached
  // whole (exact, since no zone changes twice within 15 minutes), so bulk work asks Intl rarely.
  const slot = Math.floor(ms / SLOT_MS);
  let cache = offsetCache.get(zone);
  const hit = cache?.get(slot);
  if (hit !== undefined) return hit;
  const offset = rawOffset(ms, zone);
  const start = slot * SLOT_MS;
  if (rawOffset(start, zone) === offset && rawOffset(start + SLOT_MS - 1, zone) === offset) {
    if (!cache) offsetCache.set(zone, (cache = new Map()));
    if (cache.size > 200_000) cache.clear();
    cache.set(slot, offset);
  }
  return offset;
}

const SLOT_MS = 15 * MINUTE;
const offsetCache = new Map<string, Map<number, number>>();

function rawOffset(ms: number, zone: string): number {
  const offset = tzOffset(zone, new Date(ms));
  if (!Number.isFinite(offset)) throw new RangeError(`Unknown time zone: ${zone}`);
  return offset;
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`.
 * - A time skipped by a spring-forward change becomes the first valid minute after the gap
 *   (02:30 on 2027-03-28 in Europe/Paris -> 03:00 local, 01:00Z).
 * - A time shown twice by a fall-back change is its first occurrence (the earlier instant).
 */
export function zonedWallTimeToInstant(date: string, time: string, zone: string): number {
  const d = parseLocalDate(date);
  const t = parseLocalTime(time);
  if (!d) throw new RangeError(`Invalid date: ${date}`);
  if (!t) throw new RangeError(`Invalid time: ${time}`);
  return wallClockToInstant(Date.UTC(d.y, d.m - 1, d.d, t.h, t.min), zone);
}

/** The same for a wall time given as the UTC instant with the same fields (Date.UTC of the local date and time, whole minutes). */
export function wallClockToInstant(wall: number, zone: string): number {
  // Any instant showing this wall time lies within a day of `wall`; the offsets seen around it are the only candidates.
  const steady = zoneOffsetMinutes(wall, zone);
  if (zoneOffsetMinutes(wall - DAY, zone) === steady && zoneOffsetMinutes(wall + DAY, zone) === steady) {
    // One candidate (the common case, read without building the lists below): it matches, or the time is in a gap.
    const ms = wall - steady * MINUTE;
    if (zoneOffsetMinutes(ms, zone) === steady) return ms;
  }
  const candidates = [...new Set([wall - DAY, wall, wall + DAY].map((ms) => zoneOffsetMinutes(ms, zone)))];
  const matches = candidates.map((offset) => wall - offset * MINUTE).filter((ms) => zoneOffsetMinutes(ms, zone) * MINUTE === wall - ms);
  if (matches.length > 0) return Math.min(...matches);

  // In a gap: the clock jumps somewhere between the two readings; the first valid minute is the change itself.
  const maxOffset = Math.max(...candidates);
  const minOffset = Math.min(...candidates);
  let lo = Math.floor((wall - maxOffset * MINUTE) / MINUTE); // minute index still on the old offset
  let hi = Math.ceil((wall - minOffset * MINUTE) / MINUTE); // minute index on the new offset
  const before = zoneOffsetMinutes(lo * MINUTE, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMinutes(mid * MINUTE, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi * MINUTE;
}

export interface ZonedParts {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: Monday = 1 ... Sunday = 7. */
  weekday: number;
  offsetMinutes: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** What the wall clock in `zone` shows at instant `ms`. */
export function instantToZonedParts(ms: number, zone: string): ZonedParts {
  const offsetMinutes = zoneOffsetMinutes(ms, zone);
  const shifted = new Date(ms + offsetMinutes * MINUTE);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  const hour = shifted.getUTCHours();
  const minute = shifted.getUTCMinutes();
  return {
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    year,
    month,
    day,
    hour,
    minute,
    weekday: shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay(),
    offsetMinutes,
  };
}

/** The calendar date `days` after `date` ("2026-10-31" + 1 -> "2026-11-01"). */
export function addLocalDays(date: string, days: number): string {
  const d = parseLocalDate(date);
  if (!d) throw new RangeError(`Invalid date: ${date}`);
  const next = new Date(Date.UTC(d.y, d.m - 1, d.d + days));
  return `${pad(next.getUTCFullYear(), 4)}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** ISO weekday (Monday = 1) of a calendar date. */
export function localWeekday(date: string): number {
  const d = parseLocalDate(date);
  if (!d) throw new RangeError(`Invalid date: ${date}`);
  const day = new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
  return day === 0 ? 7 : day;
}
