import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { ArrowUp } from 'lucide-react';
import { arrivedAbove, pendingAbove, stillUnseen } from '../model/board/scrollAnchor';

export interface VirtualListHandle {
  /** Scrolls the row with that key into view and focuses its roving item once rendered. */
  focusKey(key: string): void;
  /** Scrolls so the row with that key is at the top (read position restored at start); the rows above count as new. */
  scrollToKey(key: string): void;
  /** The key of the first row shown (the read position). */
  firstShownKey(): string | null;
}

interface VirtualListProps<T> {
  items: readonly T[];
  getKey(item: T): string;
  /** A first guess of a row's height before it is measured. */
  estimateSize?: number;
  label: string;
  /** The row holding the column's tab stop: always rendered, even far off screen. */
  activeKey: string | null;
  renderItem(item: T, index: number): ReactNode;
  onKeyDown?(event: KeyboardEvent<HTMLUListElement>): void;
  /** Called when the rows near the end come into view (infinite paging down, asked ahead). */
  onEndReached?(): void;
  /** Called with the first shown row's key after scrolling settles. */
  onFirstShownChange?(key: string | null): void;
  /** "12 new": the pill's text for a count. */
  newLabel?(count: number): string;
  handle?: Ref<VirtualListHandle>;
  testId?: string;
}

/** How many rows before the last one the next page is asked for (a fast scroll shows 2 or 3 a frame). */
const END_AHEAD_ROWS = 20;

const prefersReducedMotion = () => typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * A column's cards, virtualized (@tanstack/react-virtual, variable heights measured): only the
 * rows near the view are in the DOM, plus the one holding the tab stop so the roving focus
 * survives scrolling. Items arriving above keep the view still (the virtualizer anchors on the
 * first shown row) and count in a "N new" pill that scrolls back to the top.
 */
export function VirtualList<T>({
  items,
  getKey,
  estimateSize = 96,
  label,
  activeKey,
  renderItem,
  onKeyDown,
  onEndReached,
  onFirstShownChange,
  newLabel,
  handle,
  testId,
}: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Once per list, not per scroll frame: a column may hold thousands of entries.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- getKey reads a field of the item
  const keys = useMemo(() => items.map(getKey), [items]);
  const activeIndex = activeKey === null ? -1 : keys.indexOf(activeKey);
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;

  const rangeExtractor = useCallback((range: Range) => {
    const indexes = defaultRangeExtractor(range);
    const active = activeRef.current;
    if (active >= 0 && !indexes.includes(active)) return [...indexes, active].sort((a, b) => a - b);
    return indexes;
  }, []);

  // A new getItemKey makes the virtualizer lay out every row again (all the thousands loaded):
  // it changes only when the list does, not at each scrolled frame.
  const getItemKey = useCallback((index: number) => keys[index] ?? index, [keys]);

  // The virtualizer keeps its own mutable state (the React compiler leaves this component alone).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    getItemKey,
    // Rows drawn beyond the view: one each side. Rows are rendered in the scroll event, before the
    // frame is painted, so more only adds cards that every frame of every column paints.
    overscan: 1,
    rangeExtractor,
    // Rows arriving at the top keep the first shown row where it is (no jump).
    anchorTo: 'end',
    // The virtualizer writes the rows' `top` and the list's height itself, in the same frame as it
    // measures them (its ResizeObserver runs before paint): React renders the list again only when
    // the rows shown change, not a second time per scrolled frame to move rows by a measurement.
    // `top`, not a transform: a transform per row is a paint property node per row for the
    // compositor to go through at every frame (and a 3D one a layer per row).
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
  });
  // The list element: ours (focus queries) and the virtualizer's (it writes its height).
  const setListRef = useCallback(
    (node: HTMLUListElement | null) => {
      listRef.current = node;
      virtualizer.containerRef(node);
    },
    [virtualizer],
  );

  // The "N new" pill: keys that arrived above the first shown row and are not yet seen.
  const previousKeys = useRef<readonly string[]>(keys);
  const shownBefore = useRef<string | null>(null);
  const [unseen, setUnseen] = useState<ReadonlySet<string>>(() => new Set());
  const virtualItems = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const firstShown = virtualizer.getVirtualItemForOffset(offset)?.index ?? 0;

  useLayoutEffect(() => {
    const before = previousKeys.current;
    previousKeys.current = keys;
    if (before.length === 0) return;
    // The first row shown before this list came (the offset now may already be the new list's).
    const first = shownBefore.current;
    const arrived = arrivedAbove(before, keys, first ? { key: first, offset: 0 } : null);
    if (arrived.length > 0) setUnseen((current) => new Set([...current, ...arrived]));
  }, [keys]);

  useEffect(() => {
    if (unseen.size === 0) return;
    const kept = stillUnseen(keys, unseen, firstShown);
    if (kept.size !== unseen.size) setUnseen(kept);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [firstShown, keys]);

  const pending = pendingAbove(keys, unseen, firstShown);

  // Infinite paging, asked ahead: the next page comes while the person still has rows to read.
  const lastIndex = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (onEndReached && items.length > 0 && lastIndex >= items.length - END_AHEAD_ROWS) onEndReached();
  }, [lastIndex, items.length, onEndReached]);

  const firstKey = keys[firstShown] ?? null;
  useEffect(() => {
    shownBefore.current = firstKey;
  });
  useEffect(() => {
    if (!onFirstShownChange || virtualizer.isScrolling) return;
    onFirstShownChange(firstKey);
  }, [firstKey, virtualizer.isScrolling, onFirstShownChange]);

  // A focus asked for a row not rendered yet: done once it is.
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const element = listRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"] [data-roving-item]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  useImperativeHandle(
    handle,
    () => ({
      focusKey(key) {
        const index = keys.indexOf(key);
        if (index === -1) return;
        virtualizer.scrollToIndex(index, { align: 'auto' });
        const element = listRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"] [data-roving-item]`);
        if (element) element.focus({ preventScroll: true });
        else pendingFocus.current = key;
      },
      scrollToKey(key) {
        const index = keys.indexOf(key);
        if (index < 0) return;
        virtualizer.scrollToIndex(index, { align: 'start' });
        // What came in above it meanwhile is new: the pill counts it.
        if (index > 0) setUnseen(new Set(keys.slice(0, index)));
      },
      firstShownKey: () => keys[virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0)?.index ?? 0] ?? null,
    }),
    [keys, virtualizer],
  );

  return (
    <div className="virtual-list">
      {pending > 0 && newLabel ? (
        <button
          type="button"
          className="new-pill"
          data-testid="new-items-pill"
          onClick={() => {
            virtualizer.scrollToOffset(0, { behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
            setUnseen(new Set());
          }}
        >
          <ArrowUp size={14} aria-hidden />
          {newLabel(pending)}
        </button>
      ) : null}
      <div ref={scrollRef} className="virtual-scroll" data-testid={testId}>
        <ul
          ref={setListRef}
          className="card-list virtual-rows"
          aria-label={label}
          data-roving-column
          onKeyDown={onKeyDown}
        >
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (item === undefined) return null;
            return (
              <li
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                data-row-key={keys[row.index]}
                className="virtual-row"
                aria-setsize={items.length}
                aria-posinset={row.index + 1}
              >
                {renderItem(item, row.index)}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
