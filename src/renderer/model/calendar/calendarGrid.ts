/**
 * The calendar's days: which dates a month, week or day view shows, where weeks start, how
 * "previous / next" moves, and the instants that bound a view in the workspace's zone. Pure.
 * Dates are "YYYY-MM-DD" wall-clock dates of the workspace's zone, never the computer's.
 */
import { addLocalDays, instantToZonedParts, localWeekday, zonedWallTimeToInstant } from '../../../shared/schedule';

export type CalendarView = 'month' | 'week' | 'day' | 'list';
export const CALENDAR_VIEWS: readonly CalendarView[] = ['month', 'week', 'day', 'list'];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * ISO weekday (Monday = 1) on which weeks start for a locale: Monday in France and in most of
 * Europe, Sunday in the United States. Intl's week info when the runtime has it.
 */
export function weekStartFor(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (firstDay && firstDay >= 1 && firstDay <= 7) return firstDay;
  } catch {
    // An unknown locale: the fallbacks below.
  }
  return /^en-(US|CA)|^(ja|ko|zh-TW|he|pt-BR)/i.test(locale) ? 7 : 1;
}

/** The first day of the week holding `date`. */
export function startOfWeek(date: string, weekStart: number): string {
  const back = (localWeekday(date) - weekStart + 7) % 7;
  return addLocalDays(date, -back);
}

export const weekDates = (date: string, weekStart: number): string[] => {
  const first = startOfWeek(date, weekStart);
  return Array.from({ length: 7 }, (_, i) => addLocalDays(first, i));
};

export const monthOf = (date: string): string => date.slice(0, 7);
export const firstOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;

/** "2026-02" + 1 -> "2026-03"; the day is kept when the month has it, else its last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

/** Whole weeks covering the month of `date` (4 to 6 rows), each seven dates long. */
export function monthGrid(date: string, weekStart: number): string[][] {
  const first = firstOfMonth(date);
  const next = addMonths(first, 1);
  const weeks: string[][] = [];
  for (let start = startOfWeek(first, weekStart); start < next; start = addLocalDays(start, 7)) weeks.push(weekDates(start, weekStart));
  return weeks;
}

/** The dates a view shows, first and last included. */
export function viewDates(view: CalendarView, anchor: string, weekStart: number): { first: string; last: string } {
  switch (view) {
    case 'month': {
      const weeks = monthGrid(anchor, weekStart);
      return { first: weeks[0]![0]!, last: weeks.at(-1)!.at(-1)! };
    }
    case 'week': {
      const days = weekDates(anchor, weekStart);
      return { first: days[0]!, last: days[6]! };
    }
    case 'day':
      return { first: anchor, last: anchor };
    case 'list': {
      // A month at a time; the list scrolls (virtualized) within it.
      const first = firstOfMonth(anchor);
      return { first, last: addLocalDays(addMonths(first, 1), -1) };
    }
  }
}

/** Every date from first to last. */
export function datesBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addLocalDays(d, 1)) out.push(d);
  return out;
}

/** "Previous" / "next": a month, a week or a day. */
export function stepAnchor(view: CalendarView, anchor: string, step: -1 | 1): string {
  switch (view) {
    case 'month':
    case 'list':
      return addMonths(anchor, step);
    case 'week':
      return addLocalDays(anchor, 7 * step);
    case 'day':
      return addLocalDays(anchor, step);
  }
}

/** The instants [from, to) that hold the dates first..last in `zone` (23 or 25 hours on change days). */
export function rangeInstants(first: string, last: string, zone: string): { from: string; to: string } {
  return {
    from: new Date(zonedWallTimeToInstant(first, '00:00', zone)).toISOString(),
    to: new Date(zonedWallTimeToInstant(addLocalDays(last, 1), '00:00', zone)).toISOString(),
  };
}

/** Today's date in the zone. */
export const todayIn = (zone: string, nowMs: number): string => instantToZonedParts(nowMs, zone).date;

/** The wall-clock date and minutes after midnight of an instant in the zone. */
export function wallClock(iso: string | number, zone: string): { date: string; minutes: number; time: string } {
  const parts = instantToZonedParts(typeof iso === 'number' ? iso : Date.parse(iso), zone);
  return { date: parts.date, minutes: parts.hour * 60 + parts.minute, time: parts.time };
}

/** "HH:MM" of minutes after midnight. */
export const timeOfMinutes = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
