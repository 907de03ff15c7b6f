/** Posting slots ("Add to queue") and "Schedule at..." checks. */
import { z } from 'zod';
import { Instant } from '../domain';
import { addLocalDays, instantToZonedParts, LocalTime, localWeekday, TimeZone, zonedWallTimeToInstant } from './zoned-time';

const DAY = 86_400_000;

/** A weekly posting slot in the account's zone: ISO weekday (Monday = 1) and "HH:MM". */
export const PostingSlot = z.object({
  weekday: z.number().int().min(1).max(7),
  time: LocalTime,
});
export type PostingSlot = z.infer<typeof PostingSlot>;
export const PostingSlots = z.array(PostingSlot).max(7 * 48, 'too_many_slots');

/** Monday to Friday at 08:00, 12:00 and 17:30. */
export const DEFAULT_SLOTS: readonly PostingSlot[] = Object.freeze(
  [1, 2, 3, 4, 5].flatMap((weekday) => ['08:00', '12:00', '17:30'].map((time) => Object.freeze({ weekday, time }))),
);

/** When a post is scheduled: the instant, and the zone the person chose it in (rule 9). */
export const ScheduledTime = z.object({ at: Instant, timeZone: TimeZone });
export type ScheduledTime = z.infer<typeof ScheduledTime>;

/**
 * Instants of the slots in [fromMs, untilMs), ascending. Each wall-clock slot appears at most once per day,
 * even on a fall-back day; two slots landing on the same instant (both in a spring-forward gap) count once.
 */
export function slotInstants(slots: readonly PostingSlot[], zone: string, fromMs: number, untilMs: number): number[] {
  if (slots.length === 0 || !(untilMs > fromMs)) return [];
  const byWeekday = new Map<number, string[]>();
  for (const slot of slots) byWeekday.set(slot.weekday, [...(byWeekday.get(slot.weekday) ?? []), slot.time]);

  const found = new Set<number>();
  // One local day either side: a slot's instant can fall on a neighbouring UTC day.
  const last = addLocalDays(instantToZonedParts(untilMs, zone).date, 1);
  for (let date = addLocalDays(instantToZonedParts(fromMs, zone).date, -1); date <= last; date = addLocalDays(date, 1)) {
    for (const time of byWeekday.get(localWeekday(date)) ?? []) {
      const at = zonedWallTimeToInstant(date, time, zone);
      if (at >= fromMs && at < untilMs) found.add(at);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The first slot strictly after `afterMs` that this account has not used yet, looking `horizonDays` ahead;
 * null when every slot in that window is taken (or there are no slots).
 */
export function nextFreeSlot(slots: readonly PostingSlot[], zone: string, afterMs: number, taken: readonly number[], horizonDays = 60): number | null {
  const used = new Set(taken);
  const until = afterMs + horizonDays * DAY;
  // A week at a time, so a free slot tomorrow does not cost two months of computation.
  for (let from = afterMs + 1; from < until; from += 7 * DAY) {
    const free = slotInstants(slots, zone, from, Math.min(from + 7 * DAY, until + 1)).find((at) => !used.has(at));
    if (free !== undefined) return free;
  }
  return null;
}

/** How far in the past a "Schedule at..." time may be (the time it takes to click "Schedule"). */
export const SCHEDULE_GRACE_MS = 60_000;

export type ScheduleTimeCheck = { ok: true } | { ok: false; code: 'schedule_time_invalid' | 'schedule_time_in_past' };

/** A scheduled time must be a real instant, not in the past beyond a small grace. */
export function validateScheduleTime(ms: number, nowMs: number, graceMs = SCHEDULE_GRACE_MS): ScheduleTimeCheck {
  if (!Number.isFinite(ms)) return { ok: false, code: 'schedule_time_invalid' };
  if (ms < nowMs - graceMs) return { ok: false, code: 'schedule_time_in_past' };
  return { ok: true };
}
