/**
 * Times as the person reads and types them: in the workspace's zone, whatever the computer's.
 * Pure (Intl + the shared zoned-time rules), so the "Programmer…" dialog and the cards agree.
 */
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { enUS, fr } from 'date-fns/locale';
import { instantToZonedParts, isValidTimeZone, validateScheduleTime, zonedWallTimeToInstant } from '../../../shared/schedule';

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

export interface WallTime {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:MM" */
  time: string;
}

const localeFor = (language: string) => (language.startsWith('fr') ? fr : enUS);

/** A sensible default for "Programmer…": about an hour from now, on a quarter hour, in the zone. */
export function suggestScheduleTime(nowMs: number, zone: string): WallTime {
  const at = Math.ceil((nowMs + 60 * MINUTE) / QUARTER) * QUARTER;
  const parts = instantToZonedParts(at, zone);
  return { date: parts.date, time: parts.time };
}

/** What the dialog shows for an instant already chosen (rescheduling). */
export function wallTimeOf(iso: string, zone: string): WallTime {
  const parts = instantToZonedParts(Date.parse(iso), zone);
  return { date: parts.date, time: parts.time };
}

export type ScheduleInputError = 'date_missing' | 'time_missing' | 'schedule_time_invalid' | 'schedule_time_in_past';
export type ScheduleInput = { ok: true; at: string; ms: number } | { ok: false; error: ScheduleInputError };

/**
 * The instant the person means by a date and a time in `zone` (a time skipped by a change to
 * summer time becomes the first minute after it), refused when it is already past.
 */
export function readScheduleInput(value: Partial<WallTime>, zone: string, nowMs: number): ScheduleInput {
  if (!value.date) return { ok: false, error: 'date_missing' };
  if (!value.time) return { ok: false, error: 'time_missing' };
  let ms: number;
  try {
    ms = zonedWallTimeToInstant(value.date, value.time, zone);
  } catch {
    return { ok: false, error: 'schedule_time_invalid' };
  }
  const check = validateScheduleTime(ms, nowMs);
  if (!check.ok) return { ok: false, error: check.code };
  return { ok: true, at: new Date(ms).toISOString(), ms };
}

/** "UTC+1", "UTC−3:30", "UTC" */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '−';
  const abs = Math.abs(offsetMinutes);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return `UTC${sign}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** "Europe/Paris (UTC+1)" at that instant; an unknown zone is shown as it is. */
export function describeZone(zone: string, atMs: number): string {
  if (!isValidTimeZone(zone)) return zone;
  return `${zone.replaceAll('_', ' ')} (${formatOffset(instantToZonedParts(atMs, zone).offsetMinutes)})`;
}

/**
 * An instant as the wall clock of `zone` shows it: "lun. 24 nov., 08:00" (the year only when it
 * is not the current one), or with `long` "lundi 24 novembre 2026 à 08:00".
 */
export function formatInZone(iso: string | number, zone: string, language: string, options: { long?: boolean; nowMs?: number } = {}): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const safeZone = isValidTimeZone(zone) ? zone : 'UTC';
  const date = new TZDate(ms, safeZone);
  const locale = localeFor(language);
  const french = language.startsWith('fr');
  if (options.long) return format(date, french ? "EEEE d MMMM yyyy 'à' HH:mm" : "EEEE d MMMM yyyy 'at' HH:mm", { locale });
  const sameYear = instantToZonedParts(ms, safeZone).year === instantToZonedParts(options.nowMs ?? Date.now(), safeZone).year;
  const pattern = french ? (sameYear ? 'EEE d MMM, HH:mm' : 'EEE d MMM yyyy, HH:mm') : sameYear ? 'EEE d MMM, HH:mm' : 'EEE d MMM yyyy, HH:mm';
  return format(date, pattern, { locale });
}

function supportedZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/** Every zone the runtime knows, with the current one and UTC always present. */
export function timeZoneOptions(current?: string | null): string[] {
  const all = new Set(supportedZones());
  all.add('UTC');
  if (current && isValidTimeZone(current)) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}
