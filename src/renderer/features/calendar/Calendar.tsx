import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Workspace } from '../../../shared/domain';
import type { CalendarItem, CalendarRange } from '../../../shared/calendar/schemas';
import { zonedWallTimeToInstant } from '../../../shared/schedule';
import { isTextEntryTarget } from '../../lib/keys';
import { errorText } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { pageKey, useCalendar } from '../../stores/calendar';
import { selectCurrentWorkspace, useWorkspaces } from '../../stores/workspaces';
import { NoWorkspace } from '../workspaces/NoWorkspace';
import { cellId, type DropCell } from '../../model/calendar/calendarDrag';
import { cellInRange } from '../../model/calendar/calendarDrag';
import { datesBetween, rangeInstants, stepAnchor, timeOfMinutes, todayIn, viewDates, weekStartFor, type CalendarView } from '../../model/calendar/calendarGrid';
import { itemColor } from '../../model/calendar/calendarColors';
import { CalendarContext, type CalendarContextValue } from './calendarContext';
import { longDay, monthTitle } from '../../model/calendar/calendarFormat';
import { moveItem, newPostAt } from './calendarActions';
import { CalendarDnd } from './CalendarDnd';
import { CalendarToolbar } from './CalendarToolbar';
import { ListView } from './ListView';
import { MonthView } from './MonthView';
import { TimeGridView } from './TimeGridView';
import { useKeyboardMove } from './useKeyboardMove';
import { useFocusBack } from './useFocusBack';
import { FormError } from '../../components/FormError';

const SLOT_MINUTES = 30;
const EMPTY_ACCOUNTS: Account[] = [];
const VIEW_KEYS: Record<string, CalendarView> = { '1': 'month', '2': 'week', '3': 'day', '4': 'list' };

/** The editorial calendar: every post of the workspace by month, week, day or as a list. */
export function Calendar() {
  const { t } = useTranslation();
  const workspace = useWorkspaces(selectCurrentWorkspace);
  const loaded = useWorkspaces((s) => s.loaded);
  return (
    <main id="board" tabIndex={-1} className="calendar" aria-label={t('calendar.title')}>
      {!loaded ? <p className="board-loading">{t('common.loading')}</p> : null}
      {loaded && !workspace ? <NoWorkspace /> : null}
      {workspace ? <CalendarScreen key={workspace.id} workspace={workspace} /> : null}
    </main>
  );
}

function useRangePage(workspace: Workspace, from: string, to: string) {
  const filters = useCalendar((s) => s.filters);
  const key = pageKey(workspace.id, from, to, filters);
  const page = useCalendar((s) => s.pages[key]);
  const revision = useCalendar((s) => s.revision[workspace.id] ?? 0);
  const load = useCalendar((s) => s.load);
  useEffect(() => {
    void load(workspace.id, from, to);
  }, [load, workspace.id, from, to, filters, revision]);
  // While the next page loads, the last one stays on screen (no flash of emptiness).
  const [shown, setShown] = useState<CalendarRange | null>(null);
  if (page?.data && page.data !== shown) setShown(page.data);
  return { data: page?.data ?? shown, error: page?.error ?? null, loading: !page || page.loading };
}

function CalendarScreen({ workspace }: { workspace: Workspace }) {
  const { t, i18n } = useTranslation();
  const zone = workspace.timeZone;
  const language = i18n.language;
  const view = useCalendar((s) => s.view);
  const anchorPref = useCalendar((s) => s.anchor);
  const colorBy = useCalendar((s) => s.colorBy);
  const secondZone = useCalendar((s) => s.secondZone);
  const setPrefs = useCalendar((s) => s.set);
  const accountList = useAccounts((s) => s.byWorkspace[workspace.id] ?? EMPTY_ACCOUNTS);
  const [now] = useState(() => Date.now());
  const today = todayIn(zone, now);
  const anchor = anchorPref ?? today;
  const weekStart = weekStartFor(language.startsWith('fr') ? 'fr-FR' : 'en-GB');
  const { first, last } = viewDates(view, anchor, weekStart);
  const { from, to } = rangeInstants(first, last, zone);
  const page = useRangePage(workspace, from, to);
  const { error, loading } = page;
  const load = useCalendar((s) => s.load);
  // Posts moved here and not read back yet are shown where they were dropped (until the page is read again).
  const [drops, setDrops] = useState<{ page: CalendarRange | null; moved: Record<string, string> }>({ page: null, moved: {} });
  const moved = drops.page === page.data ? drops.moved : null;
  const data = useMemo(
    () => (page.data && moved ? { ...page.data, items: page.data.items.map((i) => (moved[i.draftId] ? { ...i, at: moved[i.draftId]! } : i)) } : page.data),
    [page.data, moved],
  );
  useEffect(() => {
    // The neighbouring pages are read ahead: previous / next opens at once.
    if (loading) return;
    for (const direction of [-1, 1] as const) {
      const next = viewDates(view, stepAnchor(view, anchor, direction), weekStart);
      const range = rangeInstants(next.first, next.last, zone);
      void load(workspace.id, range.from, range.to);
    }
  }, [loading, view, anchor, weekStart, zone, load, workspace.id]);

  const [cursor, setCursor] = useState<DropCell>({ date: anchor, minutes: null });
  const [focusRequest, setFocusRequest] = useState(0);
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const dropped = useRef(0);
  const timed = view === 'week' || view === 'day';
  // The cursor's shape follows the view: a time on the grid, a day elsewhere; always on the page.
  const inPage = cellInRange(cursor, first, last) ? cursor.date : anchor >= first && anchor <= last ? anchor : first;
  const effectiveCursor: DropCell = { date: inPage, minutes: timed ? (cursor.minutes ?? 9 * 60) : null };

  const screen = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened with "c" (or the skip link, or a rail button gone with the place): the focus was left on
    // nothing or on the page itself, so the calendar's keys (1-4, PageUp/PageDown, t, arrows) would do
    // nothing. It goes to the cursor's cell (or the screen, in the list view).
    const active = document.activeElement;
    if (active && active !== document.body && active.id !== 'board') return;
    const cell = screen.current?.querySelector<HTMLElement>('[data-cell][tabindex="0"]');
    (cell ?? screen.current)?.focus({ preventScroll: !cell });
  }, []);

  useEffect(() => {
    if (focusRequest === 0) return;
    // The list view has no cells: the screen keeps the keys.
    (document.querySelector<HTMLElement>(`[data-cell="${cellId(effectiveCursor)}"]`) ?? screen.current)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const focusCursor = useCallback(() => setFocusRequest((n) => n + 1), []);
  useFocusBack(screen, !loading, focusCursor);

  const campaignColors = useMemo(() => new Map((data?.campaigns ?? []).map((c) => [c.id, c.color])), [data]);
  const accounts = useMemo(() => new Map(accountList.map((a) => [a.id, a])), [accountList]);

  const drop = useCallback(
    (item: CalendarItem, at: number) => {
      const shownPage = page.data;
      setDrops((d) => ({ page: shownPage, moved: { ...(d.page === shownPage ? d.moved : {}), [item.draftId]: new Date(at).toISOString() } }));
      void moveItem(item, workspace.id, at, zone).then((ok) => {
        if (!ok) setDrops((d) => ({ page: d.page, moved: Object.fromEntries(Object.entries(d.moved).filter(([id]) => id !== item.draftId)) }));
      });
    },
    [page.data, workspace.id, zone],
  );
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback(
    ({ kind, item, cell }: { kind: 'picked' | 'over' | 'dropped' | 'cancelled'; item: CalendarItem; cell: DropCell }) => {
      const text = item.excerpt || t('calendar.item.untitled');
      const day = longDay(cell.date, language);
      const where = cell.minutes === null ? day : t('calendar.dnd.dayAt', { day, time: timeOfMinutes(cell.minutes) });
      setAnnouncement(kind === 'cancelled' ? t('calendar.dnd.cancelled') : t(`calendar.dnd.${kind}`, { text, where }));
    },
    [t, language],
  );
  const reveal = useCallback(
    (cell: DropCell) => {
      if (!cellInRange(cell, first, last)) setPrefs({ anchor: cell.date });
    },
    [first, last, setPrefs],
  );
  const keyboard = useKeyboardMove({ view, zone, slotMinutes: SLOT_MINUTES, reveal, announce, onDrop: drop });

  const moveCursor = useCallback(
    (cell: DropCell, focus = true) => {
      setCursor(cell);
      if (!cellInRange(cell, first, last)) setPrefs({ anchor: cell.date });
      if (focus) setFocusRequest((n) => n + 1);
    },
    [first, last, setPrefs],
  );

  const value: CalendarContextValue = {
    workspace,
    zone,
    language,
    view,
    today,
    nowMs: now,
    slotMinutes: SLOT_MINUTES,
    data,
    accounts,
    colorBy,
    colorOf: (item: CalendarItem) => itemColor(item, colorBy, campaignColors),
    cursor: effectiveCursor,
    moveCursor,
    activateCell: (cell) => {
      const time = cell.minutes === null ? '09:00' : timeOfMinutes(cell.minutes);
      void newPostAt(workspace.id, zonedWallTimeToInstant(cell.date, time, zone));
    },
    draggingId,
    keyboardMove: keyboard.move,
    pickUp: keyboard.pickUp,
    justDropped: () => Date.now() - dropped.current < 400,
  };

  const step = (direction: -1 | 1) => setPrefs({ anchor: stepAnchor(view, anchor, direction) });
  const goToday = () => {
    setPrefs({ anchor: null });
    setCursor({ date: today, minutes: cursor.minutes });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTextEntryTarget(event.target) || draggingId || keyboard.move) return;
    if (event.key === 'PageUp' || event.key === 'PageDown') step(event.key === 'PageUp' ? -1 : 1);
    else if (event.key === 't' || event.key === 'T') goToday();
    else if (VIEW_KEYS[event.key]) setPrefs({ view: VIEW_KEYS[event.key] });
    else return;
    event.preventDefault();
    // The cell that had the focus is gone with the page or the view: the cursor's new cell takes it.
    if (event.target instanceof HTMLElement && (event.target.dataset.cell || event.target === screen.current)) setFocusRequest((n) => n + 1);
  };

  const title =
    view === 'day'
      ? longDay(anchor, language)
      : view === 'week'
        ? t('calendar.weekTitle', { first: longDay(first, language), last: longDay(last, language) })
        : monthTitle(anchor, language);

  return (
    <CalendarContext.Provider value={value}>
      <div ref={screen} tabIndex={-1} className="cal-screen" onKeyDown={onKeyDown} data-view={view} aria-busy={loading ? true : undefined}>
        <CalendarToolbar workspace={workspace} title={title} onStep={step} onToday={goToday} />
        <FormError message={error ? t('calendar.loadFailed', { reason: errorText(error) }) : null} />
        {data && data.items.length === 0 && !loading ? <p className="cal-empty-range">{t(`calendar.emptyRange.${view}`)}</p> : null}
        <CalendarDnd
          view={view}
          zone={zone}
          language={language}
          onDraggingChange={(id) => {
            setDraggingId(id);
            if (!id) dropped.current = Date.now();
          }}
          onDrop={drop}
        >
          {view === 'month' ? <MonthView anchor={anchor} weekStart={weekStart} /> : null}
          {timed ? <TimeGridView dates={datesBetween(first, last)} secondZone={secondZone} /> : null}
          {view === 'list' ? <ListView first={first} last={last} /> : null}
        </CalendarDnd>
        <p id="cal-move-help" className="sr-only">
          {t('calendar.dnd.instructions')}
        </p>
        <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="calendar-announcer">
          {announcement}
        </div>
      </div>
    </CalendarContext.Provider>
  );
}
