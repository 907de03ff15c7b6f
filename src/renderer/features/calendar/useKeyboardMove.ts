import { useEffect, useRef, useState } from 'react';
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { cellId, cellOf, dropInstant, moveCell, type DropCell } from '../../model/calendar/calendarDrag';
import type { CalendarView } from '../../model/calendar/calendarGrid';

export interface KeyboardMove {
  item: CalendarItem;
  cell: DropCell;
}

interface Options {
  view: CalendarView;
  zone: string;
  slotMinutes: number;
  /** The target left the page: show the page that holds it. */
  reveal(cell: DropCell): void;
  announce(message: { kind: 'picked' | 'over' | 'dropped' | 'cancelled'; item: CalendarItem; cell: DropCell }): void;
  onDrop(item: CalendarItem, atMs: number): void;
}

/**
 * The keyboard's way of dragging: Space or Enter on a post's handle picks it up, arrows move the
 * target a day or a slot (a week on the month view), Enter or Space drops it, Escape cancels.
 * Keys are read at the window while a post is held, so changing page keeps the move going.
 */
export function useKeyboardMove({ view, zone, slotMinutes, reveal, announce, onDrop }: Options) {
  const [move, setMove] = useState<KeyboardMove | null>(null);
  // The post dropped from the keyboard is drawn again in its new cell, and the focus it had went
  // with its old one: its handle takes the focus back once drawn, unless the focus went elsewhere.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const id = refocus.current;
    if (!id || move) return;
    if (document.activeElement && document.activeElement !== document.body) {
      refocus.current = null;
      return;
    }
    const handle = document.querySelector<HTMLElement>(`.cal-item[data-draft-id="${CSS.escape(id)}"] .cal-item-handle`);
    if (!handle) return;
    refocus.current = null;
    handle.focus();
  });

  useEffect(() => {
    if (!move) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape') {
        setMove(null);
        announce({ kind: 'cancelled', ...move });
      } else if (event.key === 'Enter' || event.key === ' ') {
        setMove(null);
        announce({ kind: 'dropped', ...move });
        const at = dropInstant(move.item.at, move.cell, zone);
        if (at !== Date.parse(move.item.at)) {
          refocus.current = move.item.draftId;
          onDrop(move.item, at);
        }
      } else {
        const next = moveCell(move.cell, event.key, view, slotMinutes);
        if (!next) return;
        setMove({ item: move.item, cell: next });
        reveal(next);
        announce({ kind: 'over', item: move.item, cell: next });
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [move, view, zone, slotMinutes, reveal, announce, onDrop]);

  useEffect(() => {
    if (!move) return;
    document.querySelector(`[data-cell="${cellId(move.cell)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [move]);

  return {
    move,
    pickUp(item: CalendarItem) {
      const cell = cellOf(item.at, view, zone, slotMinutes);
      setMove({ item, cell });
      announce({ kind: 'picked', item, cell });
    },
  };
}
