import { useEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { zonedWallTimeToInstant } from '../../../shared/schedule';
import { atHandle } from '../../components/AccountAvatar';
import { timeOfMinutes, wallClock } from '../../model/calendar/calendarGrid';
import { gridSlots, itemsByDate, timeGridBlocks } from '../../model/calendar/calendarLayout';
import { longDay, shortWeekday, weekdayName, dayNumber } from '../../model/calendar/calendarFormat';
import { useCalendarContext } from './calendarContext';
import { DropCellButton } from './DropCellButton';
import { ItemChip } from './ItemChip';

export const SLOT_HEIGHT = 24;

/** The hours of the first day in another zone, beside the workspace's. */
function zoneGutter(date: string, zone: string, other: string, slots: number[]): string[] {
  return slots.map((m) => {
    try {
      return wallClock(zonedWallTimeToInstant(date, timeOfMinutes(m), zone), other).time;
    } catch {
      return '';
    }
  });
}

/** Week and day views: a column per day, a row per slot, posts placed at their time. */
export function TimeGridView({ dates, secondZone }: { dates: string[]; secondZone: string | null }) {
  const { t } = useTranslation();
  const { zone, language, data, slotMinutes, today, cursor, accounts, nowMs } = useCalendarContext();
  const slots = gridSlots(slotMinutes);
  const byDate = itemsByDate(data?.items ?? [], zone);
  const ghostsByCell = new Map<string, string[]>();
  // Only slots still to come are worth offering.
  for (const ghost of (data?.ghostSlots ?? []).filter((g) => Date.parse(g.at) > nowMs)) {
    const clock = wallClock(ghost.at, zone);
    const key = `${clock.date}T${timeOfMinutes(Math.floor(clock.minutes / slotMinutes) * slotMinutes)}`;
    const account = accounts.get(ghost.accountId);
    ghostsByCell.set(key, [...(ghostsByCell.get(key) ?? []), account ? atHandle(account.handle) : '']);
  }
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Open on the working day, not at midnight.
    if (body.current) body.current.scrollTop = (7 * 60 * SLOT_HEIGHT) / slotMinutes;
  }, [slotMinutes]);
  const second = secondZone && secondZone !== zone ? zoneGutter(dates[0]!, zone, secondZone, slots) : null;
  const style = { '--days': dates.length, '--slot-h': `${SLOT_HEIGHT}px`, '--gutters': second ? 2 : 1 } as CSSProperties;

  return (
    <div className="cal-timegrid" style={style}>
      <div className="cal-tg-head">
        <span className="cal-tg-zone" title={zone}>
          {zone.split('/').at(-1)?.replaceAll('_', ' ')}
        </span>
        {second ? (
          <span className="cal-tg-zone" title={secondZone ?? ''}>
            {secondZone?.split('/').at(-1)?.replaceAll('_', ' ')}
          </span>
        ) : null}
        {dates.map((date) => {
          const count = byDate.get(date)?.length ?? 0;
          return (
            <div key={date} className={`cal-tg-dayhead ${date === today ? 'is-today' : ''}`}>
              <span className="cal-tg-weekday">{shortWeekday(date, language)}</span>
              <span className="cal-tg-daynum">{dayNumber(date)}</span>
              {count === 0 ? <span className="cal-empty-day">{t('calendar.nothingPlanned', { day: weekdayName(date, language) })}</span> : null}
            </div>
          );
        })}
      </div>
      <div className="cal-tg-body" ref={body}>
        <div className="cal-tg-gutter" aria-hidden>
          {slots.map((m) => (
            <span key={m}>{m % 60 === 0 ? timeOfMinutes(m) : ''}</span>
          ))}
        </div>
        {second ? (
          <div className="cal-tg-gutter is-second" aria-hidden>
            {slots.map((m, i) => (
              <span key={m}>{m % 60 === 0 ? second[i] : ''}</span>
            ))}
          </div>
        ) : null}
        {dates.map((date) => {
          const name = longDay(date, language);
          const blocks = timeGridBlocks(byDate.get(date) ?? [], zone, slotMinutes);
          return (
            <section key={date} className={`cal-tg-day ${date === today ? 'is-today' : ''}`} aria-label={name}>
              {slots.map((m) => {
                const key = `${date}T${timeOfMinutes(m)}`;
                const ghosts = ghostsByCell.get(key);
                const label = t('calendar.newPostAt', { day: name, time: timeOfMinutes(m) }) + (ghosts ? ` — ${t('calendar.ghost', { accounts: ghosts.join(', ') })}` : '');
                return (
                  <DropCellButton key={m} cell={{ date, minutes: m }} label={label} className={`cal-slot ${m % 60 === 0 ? 'is-hour' : ''}`}>
                    {ghosts ? <span className="cal-ghost" aria-hidden>{ghosts.join(' ')}</span> : null}
                  </DropCellButton>
                );
              })}
              {blocks.length > 0 ? (
                <ul className="cal-tg-items" aria-label={t('calendar.postsOf', { day: name })}>
                  {blocks.map((block) => (
                    <li
                      key={block.item.draftId}
                      className="cal-tg-item"
                      style={{
                        top: (block.start / slotMinutes) * SLOT_HEIGHT,
                        left: `calc(${(100 * block.lane) / block.lanes}% + 2px)`,
                        width: `calc(${100 / block.lanes}% - 4px)`,
                      }}
                    >
                      <ItemChip item={block.item} tabbable={cursor.date === date} className="is-compact" />
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
