import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { VirtualListHandle } from '../../components/VirtualList';
import { useStreams, type ColumnFeed } from '../../stores/streams';

const MARK_READ_DELAY_MS = 1200;
/** How far down the pages are read at start to find the read position (more came in meanwhile). */
const RESTORE_MAX_ENTRIES = 1000;

/**
 * A column's read position: it opens where the person stopped reading (reading on down the
 * pages above it first), and reading moves it. Returns the list's first-shown callback.
 */
export function useReadPosition(columnId: string, feed: Pick<ColumnFeed, 'entries' | 'readCursor' | 'nextCursor'>, list: RefObject<VirtualListHandle | null>) {
  const restored = useRef(false);
  // Reading moves the read position: the first card shown and everything older is read.
  const readTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onFirstShownChange = useCallback(
    (key: string | null) => {
      if (!restored.current || !key) return;
      const entry = useStreams.getState().feeds[columnId]?.entries.find((e) => e.key === key);
      if (!entry) return;
      if (readTimer.current) clearTimeout(readTimer.current);
      readTimer.current = setTimeout(() => {
        const current = useStreams.getState().feeds[columnId];
        if (current?.readCursor !== entry.cursor && (current?.readCursor ?? '') < entry.cursor) void useStreams.getState().markRead(columnId, entry.cursor);
      }, MARK_READ_DELAY_MS);
    },
    [columnId],
  );
  useEffect(() => () => void (readTimer.current && clearTimeout(readTimer.current)), []);

  // The read position comes back at start: the column opens where the person stopped, the pages
  // above it read first when more came in meanwhile.
  useEffect(() => {
    if (restored.current || feed.entries.length === 0) return;
    const at = feed.readCursor ? feed.entries.find((e) => e.cursor === feed.readCursor) : undefined;
    const below = feed.readCursor !== null && !at && (feed.entries.at(-1)?.cursor ?? '') > feed.readCursor;
    if (below && feed.nextCursor && feed.entries.length < RESTORE_MAX_ENTRIES) {
      void useStreams.getState().loadMore(columnId);
      return;
    }
    restored.current = true;
    if (at) requestAnimationFrame(() => list.current?.scrollToKey(at.key));
  }, [feed.entries, feed.readCursor, feed.nextCursor, columnId, list]);

  return onFirstShownChange;
}
