/**
 * Moving a post on the calendar, with the mouse or the keyboard: which instant a drop means in
 * the workspace's zone (daylight-saving gaps and repeats included), and how arrow keys move the
 * place being aimed at. Pure.
 */
import { addLocalDays, zonedWallTimeToInstant } from '../../../shared/schedule';
import type { CalendarView } from './calendarGrid';
import { timeOfMinutes, wallClock } from './calendarGrid';

/** A place on the calendar: a date, and a time on the week and day views' grid (null on the month and list views). */
export interface DropCell {
  date: string;
  /** Minutes after midnight, or null for "the same time on that day". */
  minutes: number | null;
}

export const cellId = (cell: DropCell): string => (cell.minutes === null ? cell.date : `${cell.date}T${timeOfMinutes(cell.minutes)}`);

export function parseCellId(id: string): DropCell | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(id);
  if (!match) return null;
  return { date: match[1]!, minutes: match[2] === undefined ? null : Number(match[2]) * 60 + Number(match[3]) };
}

/**
 * The instant a post dropped on `cell` goes at. On a day cell it keeps its wall-clock time
 * (09:30 on Tuesday -> 09:30 on Friday, even across a change of hour). A time skipped by the
 * spring change becomes the first minute after it; a time shown twice is its first occurrence.
 */
export function dropInstant(fromIso: string, cell: DropCell, zone: string): number {
  const time = cell.minutes === null ? wallClock(fromIso, zone).time : timeOfMinutes(cell.minutes);
  return zonedWallTimeToInstant(cell.date, time, zone);
}

/** The cell a post currently occupies in a view. */
export function cellOf(iso: string, view: CalendarView, zone: string, slotMinutes: number): DropCell {
  const clock = wallClock(iso, zone);
  if (view === 'month' || view === 'list') return { date: clock.date, minutes: null };
  return { date: clock.date, minutes: Math.floor(clock.minutes / slotMinutes) * slotMinutes };
}

/**
 * Keyboard moves while a post is picked up (or the focus moves between empty cells):
 * ←/→ a day; ↑/↓ a slot on the time grid, a week on the month view, a day on the list.
 * Time stays within the day; null when the key does not move.
 */
export function moveCell(cell: DropCell, key: string, view: CalendarView, slotMinutes: number): DropCell | null {
  switch (key) {
    case 'ArrowLeft':
      return { ...cell, date: addLocalDays(cell.date, -1) };
    case 'ArrowRight':
      return { ...cell, date: addLocalDays(cell.date, 1) };
    case 'ArrowUp':
    case 'ArrowDown': {
      const step = key === 'ArrowUp' ? -1 : 1;
      if (cell.minutes === null) return { ...cell, date: addLocalDays(cell.date, (view === 'month' ? 7 : 1) * step) };
      const minutes = cell.minutes + step * slotMinutes;
      if (minutes < 0 || minutes >= 1440) return null;
      return { ...cell, minutes };
    }
    default:
      return null;
  }
}

/** Whether a cell lies within the dates shown (moving past the edge changes page). */
export const cellInRange = (cell: DropCell, first: string, last: string): boolean => cell.date >= first && cell.date <= last;
