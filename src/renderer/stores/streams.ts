import { create } from 'zustand';
import { pagesAgain } from '../../shared/board/retry';
import type { BoardItem, ColumnEntry, ColumnStatus, ItemAction } from '../../shared/board/schemas';
import { getClient, type ClientError } from '../client';
import { errorText, t } from '../i18n';
import { appendPage, mergeFirstPage, optimistic, patchItem } from '../model/board/entries';
import { useToasts } from './toasts';

export interface ColumnFeed {
  entries: ColumnEntry[];
  nextCursor: string | null;
  readCursor: string | null;
  unread: number;
  status: ColumnStatus | null;
  loading: boolean;
  loadingMore: boolean;
  error: ClientError | null;
}

const EMPTY: ColumnFeed = { entries: [], nextCursor: null, readCursor: null, unread: 0, status: null, loading: false, loadingMore: false, error: null };
const PAGE = 40;
/** How many pages a refresh reads on to reach the cards already shown (1000 entries). */
const CATCH_UP_PAGES = 25;

/** The fresh first pages reach down to the shown list's newest entry (nothing shown: they do). */
function reaches(fresh: readonly ColumnEntry[], shown: readonly ColumnEntry[]): boolean {
  const newestShown = shown[0];
  const oldestFresh = fresh.at(-1);
  return !newestShown || !oldestFresh || oldestFresh.cursor <= newestShown.cursor;
}

interface StreamStore {
  feeds: Record<string, ColumnFeed>;
  /** A card to focus once its column shows it (a notification was clicked). */
  focusRequest: { columnId: string; key: string } | null;
  requestFocus(request: { columnId: string; key: string } | null): void;
  /** Paints a column from the cache (first page), keeping older entries already read. */
  load(columnId: string): Promise<void>;
  loadMore(columnId: string): Promise<void>;
  refresh(columnId: string): Promise<void>;
  fillGap(columnId: string, gapId: string): Promise<void>;
  markRead(columnId: string, cursor?: string): Promise<void>;
  /** Acts on an item as an account: the card changes at once, and goes back with a message if refused. */
  act(item: BoardItem, asAccountId: string, action: ItemAction): Promise<boolean>;
  /** Reloads the loaded columns that show one of these items. */
  itemsChanged(itemIds: readonly string[]): void;
}

/** Columns whose next page was asked for while one was coming. */
const askedWhileLoading = new Set<string>();
/** How many times each column's first page was read (a reload during a next page's request). */
const reloads = new Map<string, number>();

const feedOf = (s: { feeds: Record<string, ColumnFeed> }, id: string) => s.feeds[id] ?? EMPTY;

export const useStreams = create<StreamStore>((set, get) => {
  const patch = (columnId: string, change: Partial<ColumnFeed>) => set((s) => ({ feeds: { ...s.feeds, [columnId]: { ...feedOf(s, columnId), ...change } } }));
  const patchEverywhere = (item: BoardItem) =>
    set((s) => {
      const feeds: Record<string, ColumnFeed> = {};
      for (const [id, feed] of Object.entries(s.feeds)) feeds[id] = { ...feed, entries: patchItem(feed.entries, item) };
      return { feeds };
    });
  return {
    feeds: {},
    focusRequest: null,
    requestFocus: (focusRequest) => set({ focusRequest }),
    async load(columnId) {
      patch(columnId, { loading: true });
      const current = feedOf(get(), columnId);
      const limit = Math.min(200, Math.max(PAGE, current.entries.length));
      const result = await getClient().invoke('column.page', { columnId, limit });
      if (!result.ok) {
        patch(columnId, { loading: false, error: result.error });
        return;
      }
      const { readCursor, unread, status } = result.value;
      let { entries, nextCursor } = result.value;
      // More came in than a page since the last load (a burst, a night away): the pages go on down
      // to the cards shown, so the person keeps their place instead of a list cut at the newest page.
      for (let pages = 0; nextCursor && pages < CATCH_UP_PAGES && !reaches(entries, feedOf(get(), columnId).entries); pages++) {
        const more = await getClient().invoke('column.page', { columnId, before: nextCursor, limit: PAGE });
        if (!more.ok) break;
        entries = appendPage(entries, more.value.entries);
        nextCursor = more.value.nextCursor;
      }
      const shown = feedOf(get(), columnId);
      const merged = mergeFirstPage(shown.entries, entries);
      reloads.set(columnId, (reloads.get(columnId) ?? 0) + 1);
      // Older entries shown below the fresh pages keep their own next cursor. One that had reached the
      // end of the cache asks again (older posts may have come from the network since), unless the
      // column is failing or waiting: it asks again once the core says it reads again.
      const below = shown.nextCursor ?? (pagesAgain(status.state) ? (merged.at(-1)?.cursor ?? null) : null);
      patch(columnId, { entries: merged, nextCursor: merged.length > entries.length ? below : nextCursor, readCursor, unread, status, loading: false, error: null });
    },
    async loadMore(columnId) {
      const feed = feedOf(get(), columnId);
      if (feed.loadingMore) {
        // Asked again while a page comes (the list reloaded meanwhile, older posts came from the
        // network): asked once more after it, or the column would stop at an empty answer.
        askedWhileLoading.add(columnId);
        return;
      }
      if (!feed.nextCursor) return;
      const loads = reloads.get(columnId) ?? 0;
      patch(columnId, { loadingMore: true });
      const result = await getClient().invoke('column.page', { columnId, before: feed.nextCursor, limit: PAGE });
      if (!result.ok) {
        askedWhileLoading.delete(columnId);
        patch(columnId, { loadingMore: false, error: result.error });
        return;
      }
      // Reloaded meanwhile (the core read older posts from the network after the cache ran out): a
      // short answer may be stale, the cache may hold the next page now.
      const reloaded = (reloads.get(columnId) ?? 0) !== loads;
      // Not while the column waits for its retry (throttled, failing): it asks again once the core reads again.
      const again = (askedWhileLoading.delete(columnId) || reloaded) && result.value.nextCursor === null && pagesAgain(result.value.status.state);
      const entries = appendPage(feedOf(get(), columnId).entries, result.value.entries);
      patch(columnId, { entries, nextCursor: result.value.nextCursor ?? (again ? (entries.at(-1)?.cursor ?? null) : null), loadingMore: false });
      if (again) await get().loadMore(columnId);
    },
    async refresh(columnId) {
      const result = await getClient().invoke('column.refresh', { columnId });
      if (result.ok) patch(columnId, { status: result.value });
      await get().load(columnId);
    },
    async fillGap(columnId, gapId) {
      const result = await getClient().invoke('column.fillGap', { columnId, gapId });
      if (!result.ok) useToasts.getState().show({ tone: 'error', message: t('board.gapFailed', { reason: errorText(result.error) }) });
      else patch(columnId, { status: result.value });
      await get().load(columnId);
    },
    async markRead(columnId, cursor) {
      const result = await getClient().invoke('column.markRead', cursor ? { columnId, cursor } : { columnId });
      if (result.ok) patch(columnId, { unread: result.value.unread, ...(cursor ? { readCursor: cursor } : {}) });
    },
    async act(item, asAccountId, action) {
      // Another account's action changes the counts, not the column account's own state.
      const asViewer = item.viewer.accountId === null || item.viewer.accountId === asAccountId;
      patchEverywhere(asViewer ? optimistic(item, action) : { ...item, counts: optimistic(item, action).counts });
      const result = await getClient().invoke('item.act', { itemId: item.id, asAccountId, action });
      if (!result.ok) {
        patchEverywhere(item);
        useToasts.getState().show({ tone: 'error', message: t('board.actionFailed', { action: t(`board.actions.${action}`), reason: errorText(result.error) }) });
        return false;
      }
      patchEverywhere(result.value.item);
      if (!asViewer) useToasts.getState().show({ message: t('board.actedAs', { action: t(`board.actions.${action}`) }) });
      if (result.value.state === 'queued') useToasts.getState().show({ message: t('board.actionQueued', { action: t(`board.actions.${action}`) }) });
      return true;
    },
    itemsChanged(itemIds) {
      const wanted = new Set(itemIds);
      for (const [columnId, feed] of Object.entries(get().feeds)) {
        if (feed.entries.some((e) => e.kind !== 'gap' && e.item && wanted.has(e.item.id))) void get().load(columnId);
      }
    },
  };
});
