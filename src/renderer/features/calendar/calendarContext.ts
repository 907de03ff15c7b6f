import { createContext, useContext } from 'react';
import type { Account, Workspace } from '../../../shared/domain';
import type { CalendarItem, CalendarRange } from '../../../shared/calendar/schemas';
import type { ColorBy } from '../../stores/calendar';
import type { CalendarView } from '../../model/calendar/calendarGrid';
import type { DropCell } from '../../model/calendar/calendarDrag';
import type { KeyboardMove } from './useKeyboardMove';

/** What every view of the calendar reads. */
export interface CalendarContextValue {
  workspace: Workspace;
  zone: string;
  language: string;
  view: CalendarView;
  today: string;
  /** When the calendar was opened (past ghost slots are not offered). */
  nowMs: number;
  slotMinutes: number;
  data: CalendarRange | null;
  accounts: ReadonlyMap<string, Account>;
  colorBy: ColorBy;
  colorOf(item: CalendarItem): string;
  /** The keyboard's place among the cells (one tab stop). */
  cursor: DropCell;
  /** Moves the cursor (and the page if it leaves it); focus follows. */
  moveCursor(cell: DropCell, focus?: boolean): void;
  /** Click or Enter on an empty cell: a new post at that time. */
  activateCell(cell: DropCell): void;
  /** The post being dragged with the mouse, if any. */
  draggingId: string | null;
  /** The post being moved with the keyboard and where it would go. */
  keyboardMove: KeyboardMove | null;
  pickUp(item: CalendarItem): void;
  /** True for a short while after a drop (the click that ends a drag must not open the post). */
  justDropped(): boolean;
}

export const CalendarContext = createContext<CalendarContextValue | null>(null);

export function useCalendarContext(): CalendarContextValue {
  const value = useContext(CalendarContext);
  if (!value) throw new Error('useCalendarContext outside the calendar');
  return value;
}
