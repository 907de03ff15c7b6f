import { useTranslation } from 'react-i18next';
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { monthGrid, monthOf } from '../../model/calendar/calendarGrid';
import { itemsByDate } from '../../model/calendar/calendarLayout';
import { dayNumber, longDay, shortWeekday, weekdayName } from '../../model/calendar/calendarFormat';
import { useCalendarContext } from './calendarContext';
import { useCalendar } from '../../stores/calendar';
import { useDropCell } from './DropCellButton';
import { ItemChip } from './ItemChip';

const MAX_SHOWN = 4;

function MonthDay({ date, items, inMonth }: { date: string; items: CalendarItem[]; inMonth: boolean }) {
  const { t } = useTranslation();
  const { language, today } = useCalendarContext();
  const setPrefs = useCalendar((s) => s.set);
  const cell = { date, minutes: null };
  const { setNodeRef, isOver, buttonProps, current } = useDropCell(cell);
  const name = longDay(date, language);
  const headingId = `cal-day-${date}`;
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-labelledby={headingId}
      className={`cal-month-day ${inMonth ? '' : 'is-outside'} ${date === today ? 'is-today' : ''} ${isOver ? 'is-over' : ''}`}
    >
      <span id={headingId} className="sr-only">
        {name}
      </span>
      <button className="cal-month-daynum" aria-label={t('calendar.newPostOn', { day: name })} {...buttonProps}>
        <span aria-hidden>{dayNumber(date)}</span>
      </button>
      {items.length === 0 ? (
        <p className="cal-empty-day">{t('calendar.nothingPlanned', { day: weekdayName(date, language) })}</p>
      ) : (
        <ul className="cal-month-items" aria-label={t('calendar.postsOf', { day: name })}>
          {items.slice(0, MAX_SHOWN).map((item) => (
            <li key={item.draftId}>
              <ItemChip item={item} tabbable={current} className="is-compact" />
            </li>
          ))}
          {items.length > MAX_SHOWN ? (
            <li className="cal-month-more">
              <button type="button" className="btn-link cal-more" tabIndex={current ? 0 : -1} onClick={() => setPrefs({ view: 'day', anchor: date })}>
                {t('calendar.more', { count: items.length - MAX_SHOWN })}
              </button>
            </li>
          ) : null}
        </ul>
      )}
    </div>
  );
}

/** A month in whole weeks; each day lists its posts, or says nothing is planned. */
export function MonthView({ anchor, weekStart }: { anchor: string; weekStart: number }) {
  const { language, zone, data } = useCalendarContext();
  const weeks = monthGrid(anchor, weekStart);
  const byDate = itemsByDate(data?.items ?? [], zone);
  const month = monthOf(anchor);
  return (
    <div className="cal-month">
      <div className="cal-month-head" aria-hidden>
        {weeks[0]!.map((date) => (
          <span key={date}>{shortWeekday(date, language)}</span>
        ))}
      </div>
      <div className="cal-month-grid">
        {weeks.flat().map((date) => (
          <MonthDay key={date} date={date} items={byDate.get(date) ?? []} inMonth={monthOf(date) === month} />
        ))}
      </div>
    </div>
  );
}
