/**
 * The posting-slot editor's model: a list of times, each on some weekdays (Monday = 1), as
 * the dialog shows them; account.setSlots takes the flat (weekday, time) list back.
 */
import { DEFAULT_SLOTS, type PostingSlot } from '../../../shared/schedule';

export interface SlotRow {
  /** "HH:MM" */
  time: string;
  /** ISO weekdays, ascending. */
  days: number[];
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Accepts "8:00", "08:00", "8h", "8h30", "0830" and gives "HH:MM"; null when it is no time. */
export function normalizeTime(input: string): string | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  const match = /^(\d{1,2})(?:[:h.]?(\d{2}))?h?$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return TIME.test(time) ? time : null;
}

const sortRows = (rows: SlotRow[]): SlotRow[] => rows.sort((a, b) => a.time.localeCompare(b.time));

export function slotsToRows(slots: readonly PostingSlot[]): SlotRow[] {
  const byTime = new Map<string, Set<number>>();
  for (const slot of slots) {
    const days = byTime.get(slot.time) ?? new Set<number>();
    days.add(slot.weekday);
    byTime.set(slot.time, days);
  }
  return sortRows([...byTime].map(([time, days]) => ({ time, days: [...days].sort((a, b) => a - b) })));
}

/** The flat list for account.setSlots: by weekday then time, without duplicates; rows with no day give nothing. */
export function rowsToSlots(rows: readonly SlotRow[]): PostingSlot[] {
  const seen = new Set<string>();
  const slots: PostingSlot[] = [];
  for (const row of rows) {
    for (const weekday of row.days) {
      const key = `${weekday} ${row.time}`;
      if (seen.has(key)) continue;
      seen.add(key);
      slots.push({ weekday, time: row.time });
    }
  }
  return slots.sort((a, b) => a.weekday - b.weekday || a.time.localeCompare(b.time));
}

export const defaultRows = (): SlotRow[] => slotsToRows(DEFAULT_SLOTS);

export type AddTimeResult = { ok: true; rows: SlotRow[] } | { ok: false; error: 'time_format' | 'time_exists' };

/** A new time, on the weekdays given (by default Monday to Friday). */
export function addTime(rows: readonly SlotRow[], input: string, days: readonly number[] = [1, 2, 3, 4, 5]): AddTimeResult {
  const time = normalizeTime(input);
  if (!time) return { ok: false, error: 'time_format' };
  if (rows.some((r) => r.time === time)) return { ok: false, error: 'time_exists' };
  return { ok: true, rows: sortRows([...rows.map((r) => ({ ...r })), { time, days: [...days].sort((a, b) => a - b) }]) };
}

export function removeTime(rows: readonly SlotRow[], time: string): SlotRow[] {
  return rows.filter((r) => r.time !== time).map((r) => ({ ...r }));
}

export function toggleDay(rows: readonly SlotRow[], time: string, weekday: number): SlotRow[] {
  return rows.map((r) => {
    if (r.time !== time) return { ...r };
    const days = r.days.includes(weekday) ? r.days.filter((d) => d !== weekday) : [...r.days, weekday].sort((a, b) => a - b);
    return { ...r, days };
  });
}

/** How many slots a week this gives. */
export const weeklyCount = (rows: readonly SlotRow[]): number => rowsToSlots(rows).length;

/** Same slots, whatever their order. */
export const sameSlots = (a: readonly PostingSlot[], b: readonly PostingSlot[]): boolean =>
  JSON.stringify(rowsToSlots(slotsToRows(a))) === JSON.stringify(rowsToSlots(slotsToRows(b)));
