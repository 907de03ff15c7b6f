import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  closestCenter,
  DndContext,
  DragOverlay,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { dropInstant, parseCellId } from '../../model/calendar/calendarDrag';
import { timeOfMinutes } from '../../model/calendar/calendarGrid';
import { longDay } from '../../model/calendar/calendarFormat';
import type { CalendarView } from '../../model/calendar/calendarGrid';
import { ItemBody } from './ItemChip';
import { useCalendarContext } from './calendarContext';

/** The mouse drops where the pointer is (or, failing that, on the nearest cell). */
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : closestCenter(args);
};

const reducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

interface CalendarDndProps {
  view: CalendarView;
  zone: string;
  language: string;
  children: ReactNode;
  onDraggingChange(id: string | null): void;
  onDrop(item: CalendarItem, atMs: number): void;
}

/**
 * Drag and drop with dnd-kit's pointer sensor, from anywhere on a post; what happens is
 * announced to screen readers in the person's language. The keyboard's way is useKeyboardMove
 * (dnd-kit's keyboard sensor scrolls the time grid instead of moving when the target is in its
 * upper half, which loses keys pressed quickly).
 */
export function CalendarDnd({ view, zone, language, children, onDraggingChange, onDrop }: CalendarDndProps) {
  const { t } = useTranslation();
  const { colorOf } = useCalendarContext();
  const [active, setActive] = useState<CalendarItem | null>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
  );

  const describe = (id: string | number | undefined): string => {
    const cell = id === undefined ? null : parseCellId(String(id));
    if (!cell) return t('calendar.dnd.nowhere');
    const day = longDay(cell.date, language);
    return cell.minutes === null ? day : t('calendar.dnd.dayAt', { day, time: timeOfMinutes(cell.minutes) });
  };
  const titleOf = (id: string | number) => {
    const item = active?.draftId === id ? active : null;
    return item?.excerpt || t('calendar.item.untitled');
  };

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active: a }) => t('calendar.dnd.picked', { text: titleOf(a.id) }),
      onDragOver: ({ active: a, over }) => t('calendar.dnd.over', { text: titleOf(a.id), where: describe(over?.id) }),
      onDragEnd: ({ active: a, over }) => (over ? t('calendar.dnd.dropped', { text: titleOf(a.id), where: describe(over.id) }) : t('calendar.dnd.cancelled')),
      onDragCancel: () => t('calendar.dnd.cancelled'),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active, language, view],
  );

  const end = (event: DragEndEvent) => {
    setActive(null);
    onDraggingChange(null);
    const item = event.active.data.current?.item as CalendarItem | undefined;
    const cell = event.over ? parseCellId(String(event.over.id)) : null;
    if (!item || !cell) return;
    const at = dropInstant(item.at, cell, zone);
    if (at !== Date.parse(item.at)) onDrop(item, at);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('calendar.dnd.instructions') } }}
      autoScroll={!reducedMotion()}
      onDragStart={(event) => {
        const item = (event.active.data.current?.item as CalendarItem | undefined) ?? null;
        setActive(item);
        onDraggingChange(item?.draftId ?? null);
      }}
      onDragEnd={end}
      onDragCancel={() => {
        setActive(null);
        onDraggingChange(null);
      }}
    >
      {children}
      <DragOverlay dropAnimation={reducedMotion() ? null : undefined}>
        {active ? (
          <div className="cal-item is-overlay" aria-hidden style={{ '--item-color': colorOf(active) } as CSSProperties}>
            <span className="cal-item-open">
              <ItemBody item={active} />
            </span>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
