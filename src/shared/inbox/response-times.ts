/**
 * Response-time figures from inbox rows: arrival to the brand's first reply, per workspace,
 * account and day (of the workspace's zone, by arrival). Items done without a reply are counted
 * apart and never enter the times. With business hours, only the minutes inside them count
 * (a message on Friday evening answered Monday at 9:30 took 30 minutes). Pure; runs anywhere.
 */
import { addLocalDays, instantToZonedParts, zonedWallTimeToInstant } from '../schedule/zoned-time';
import type { BusinessHours, ResponseTimes } from './schemas';

export interface ResponseRow {
  accountId: string;
  arrivedAt: number;
  firstReplyAt: number | null;
  /** Done (by hand or by a rule) without a reply. */
  doneWithoutReply: boolean;
}

const MINUTE = 60_000;
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Minutes between two instants that fall inside business hours (in `zone`). */
export function businessMinutes(from: number, to: number, zone: string, hours: BusinessHours): number {
  if (to <= from) return 0;
  let total = 0;
  let date = instantToZonedParts(from, zone).date;
  const lastDate = instantToZonedParts(to, zone).date;
  for (let guard = 0; guard < 400; guard++) {
    const weekday = instantToZonedParts(zonedWallTimeToInstant(date, '12:00', zone), zone).weekday;
    if (hours.days.includes(weekday)) {
      const open = zonedWallTimeToInstant(date, hhmm(hours.start), zone);
      const close = hours.end === 1440 ? zonedWallTimeToInstant(addLocalDays(date, 1), '00:00', zone) : zonedWallTimeToInstant(date, hhmm(hours.end), zone);
      const overlap = Math.min(to, close) - Math.max(from, open);
      if (overlap > 0) total += overlap;
    }
    if (date === lastDate) break;
    date = addLocalDays(date, 1);
  }
  return total / MINUTE;
}

/** The value below which p% of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Figure = ResponseTimes['workspace'];
function figure(rows: readonly ResponseRow[], minutes: (r: ResponseRow) => number): Figure {
  const times = rows.filter((r) => r.firstReplyAt !== null).map(minutes).sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { answered: times.length, doneWithoutReply: rows.filter((r) => r.firstReplyAt === null && r.doneWithoutReply).length, medianMinutes: round(median(times)), p90Minutes: round(percentile(times, 90)) };
}

export function responseTimes(rows: readonly ResponseRow[], zone: string, hours: BusinessHours | null): ResponseTimes {
  const minutes = (r: ResponseRow) => (hours ? businessMinutes(r.arrivedAt, r.firstReplyAt!, zone, hours) : (r.firstReplyAt! - r.arrivedAt) / MINUTE);
  const group = <K extends string>(key: (r: ResponseRow) => K) => {
    const map = new Map<K, ResponseRow[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  return {
    workspace: figure(rows, minutes),
    byAccount: group((r) => r.accountId).map(([accountId, list]) => ({ accountId, ...figure(list, minutes) })),
    byDay: group((r) => instantToZonedParts(r.arrivedAt, zone).date).map(([day, list]) => ({ day, ...figure(list, minutes) })),
    businessHours: hours !== null,
  };
}
