import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { datesBetween } from '../../model/calendar/calendarGrid';
import { listRows, type ListRow } from '../../model/calendar/calendarLayout';
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { longDay, weekdayName } from '../../model/calendar/calendarFormat';
import { useCalendarContext } from './calendarContext';
import { useDropCell } from './DropCellButton';
import { ItemChip } from './ItemChip';

function DayHeading({ date, count }: { date: string; count: number }) {
  const { t } = useTranslation();
  const { language, today } = useCalendarContext();
  const { setNodeRef, isOver, buttonProps } = useDropCell({ date, minutes: null });
  const name = longDay(date, language);
  return (
    <div ref={setNodeRef} className={`cal-list-day ${date === today ? 'is-today' : ''} ${isOver ? 'is-over' : ''}`}>
      <h3 className="cal-list-dayname">{name}</h3>
      {count > 0 ? <span className="cal-list-count">{t('calendar.postCount', { count })}</span> : null}
      <button className="btn btn-ghost cal-list-new" aria-label={t('calendar.newPostOn', { day: name })} {...buttonProps}>
        {t('calendar.newPost')}
      </button>
    </div>
  );
}

const ROW_HEIGHT: Record<ListRow<unknown>['kind'], number> = { day: 40, item: 64, empty: 32 };

/** Every day of the month, its posts or "nothing planned"; only the rows in sight are drawn. */
export function ListView({ first, last }: { first: string; last: string }) {
  const { t } = useTranslation();
  const { zone, data, language } = useCalendarContext();
  const rows = listRows<CalendarItem>(data?.items ?? [], datesBetween(first, last), zone);
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer measures the scroller itself; this component is simply not memoized by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => ROW_HEIGHT[rows[i]!.kind],
    getItemKey: (i) => rows[i]!.key,
    overscan: 12,
  });
  return (
    <div className="cal-list" ref={scroller} role="region" aria-label={t('calendar.views.list')} tabIndex={-1}>
      <ul className="cal-list-inner" style={{ height: virtual.getTotalSize() }} aria-label={t('calendar.views.list')}>
        {virtual.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <li key={v.key} className={`cal-list-row cal-list-${row.kind}`} style={{ transform: `translateY(${v.start}px)`, height: v.size }} data-index={v.index}>
              {row.kind === 'day' ? <DayHeading date={row.date} count={row.count} /> : null}
              {row.kind === 'empty' ? <p className="cal-empty-day">{t('calendar.nothingPlanned', { day: weekdayName(row.date, language) })}</p> : null}
              {row.kind === 'item' ? <ItemChip item={row.item} tabbable /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
