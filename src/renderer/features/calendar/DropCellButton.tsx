import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useDroppable } from '@dnd-kit/core';
import { cellId, moveCell, type DropCell } from '../../model/calendar/calendarDrag';
import { useCalendarContext } from './calendarContext';

/**
 * A place a post can be dropped on (setNodeRef on the area), and the button that starts a new
 * post there: click or Enter. One tab stop for all the cells (the cursor); arrows move it a day
 * sideways, a slot (a week on the month view) up and down.
 */
export function useDropCell(cell: DropCell) {
  const { cursor, moveCursor, activateCell, view, slotMinutes, keyboardMove } = useCalendarContext();
  const id = cellId(cell);
  const { setNodeRef, isOver: pointerOver } = useDroppable({ id, data: { cell } });
  const isOver = pointerOver || (keyboardMove !== null && cellId(keyboardMove.cell) === id);
  const current = cellId(cursor) === id;
  const buttonProps = {
    type: 'button' as const,
    'data-cell': id,
    tabIndex: current ? 0 : -1,
    onFocus: () => {
      if (!current) moveCursor(cell, false);
    },
    onClick: () => activateCell(cell),
    onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const next = moveCell(cell, event.key, view, slotMinutes);
      if (!next) return;
      event.preventDefault();
      moveCursor(next);
    },
  };
  return { setNodeRef, isOver, buttonProps, current };
}

interface DropCellButtonProps {
  cell: DropCell;
  label: string;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
}

/** A cell that is both the drop area and the button (a slot of the time grid). */
export function DropCellButton({ cell, label, className, style, children }: DropCellButtonProps) {
  const { setNodeRef, isOver, buttonProps } = useDropCell(cell);
  return (
    <button ref={setNodeRef} className={`cal-cell ${isOver ? 'is-over' : ''} ${className ?? ''}`} style={style} aria-label={label} {...buttonProps}>
      {children}
    </button>
  );
}
