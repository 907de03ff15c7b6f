import { create } from 'zustand';
import type { CalendarFilters, CalendarRange } from '../../shared/calendar/schemas';
import { getClient, type ClientError } from '../client';
import type { CalendarView } from '../model/calendar/calendarGrid';

export type ColorBy = 'account' | 'campaign';

/** What the calendar shows: view, date, colouring, second zone and filters. */
interface CalendarPrefs {
  view: CalendarView;
  /** A date ("YYYY-MM-DD") in the view; null: today. */
  anchor: string | null;
  colorBy: ColorBy;
  /** A second zone shown beside the workspace's on the week and day views. */
  secondZone: string | null;
  filters: CalendarFilters;
}

interface Page {
  data: CalendarRange | null;
  error: ClientError | null;
  loading: boolean;
  /** Something changed since it was read: read again when shown. */
  stale: boolean;
}

interface CalendarStore extends CalendarPrefs {
  /** Pages by "workspace|from|to|filters": a view shows one, its neighbours are fetched ahead. */
  pages: Record<string, Page>;
  /** Bumped per workspace when its posts change: the page shown reads again. */
  revision: Record<string, number>;
  set(patch: Partial<CalendarPrefs>): void;
  load(workspaceId: string, from: string, to: string, options?: { force?: boolean }): Promise<void>;
  /** Something changed in the workspace: the pages shown are read again, the others forgotten. */
  invalidate(workspaceId: string): void;
}

export const pageKey = (workspaceId: string, from: string, to: string, filters: CalendarFilters): string =>
  `${workspaceId}|${from}|${to}|${JSON.stringify(filters)}`;

const MAX_PAGES = 24;
const PREFS_KEY = 'tribune.calendar';

function readPrefs(): Partial<CalendarPrefs> {
  try {
    const stored = JSON.parse(window.localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<CalendarPrefs>;
    return { view: stored.view, colorBy: stored.colorBy, secondZone: stored.secondZone ?? null };
  } catch {
    return {};
  }
}

function writePrefs(prefs: CalendarPrefs): void {
  try {
    window.localStorage.setItem(PREFS_KEY, JSON.stringify({ view: prefs.view, colorBy: prefs.colorBy, secondZone: prefs.secondZone }));
  } catch {
    // Private mode: the choice lasts the session.
  }
}

const stored = typeof window === 'undefined' ? {} : readPrefs();

export const useCalendar = create<CalendarStore>((set, get) => ({
  view: stored.view ?? 'week',
  anchor: null,
  colorBy: stored.colorBy ?? 'account',
  secondZone: stored.secondZone ?? null,
  filters: {},
  pages: {},
  revision: {},
  set(patch) {
    set(patch);
    writePrefs(get());
  },
  async load(workspaceId, from, to, options = {}) {
    const filters = get().filters;
    const key = pageKey(workspaceId, from, to, filters);
    const existing = get().pages[key];
    if (existing && (existing.loading || (existing.data && !existing.stale && !options.force))) return;
    set((s) => ({ pages: { ...s.pages, [key]: { data: existing?.data ?? null, error: null, loading: true, stale: false } } }));
    const hasFilters = Object.values(filters).some((v) => Array.isArray(v) && v.length > 0);
    const result = await getClient().invoke('calendar.range', { workspaceId, from, to, ...(hasFilters ? { filters } : {}) });
    set((s) => {
      const page: Page = result.ok
        ? { data: result.value, error: null, loading: false, stale: false }
        : { data: existing?.data ?? null, error: result.error, loading: false, stale: false };
      const { [key]: _previous, ...others } = s.pages;
      const pages: Record<string, Page> = { ...others, [key]: page };
      // Keep memory bounded: the oldest pages go first.
      const keys = Object.keys(pages);
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) delete pages[old];
      return { pages };
    });
  },
  invalidate(workspaceId) {
    set((s) => ({
      pages: Object.fromEntries(Object.entries(s.pages).map(([key, page]) => [key, key.startsWith(`${workspaceId}|`) ? { ...page, stale: true } : page])),
      revision: { ...s.revision, [workspaceId]: (s.revision[workspaceId] ?? 0) + 1 },
    }));
  },
}));
