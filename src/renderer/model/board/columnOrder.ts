/** A board's columns in order: moves by drag, by keyboard and by menu (pure, no React). */

/** The list with the element at `from` moved to `to` (both clamped); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (list.length === 0) return [];
  const start = Math.min(Math.max(from, 0), list.length - 1);
  const end = Math.min(Math.max(to, 0), list.length - 1);
  if (start === end) return [...list];
  const copy = [...list];
  const [moved] = copy.splice(start, 1);
  copy.splice(end, 0, moved as T);
  return copy;
}

/** The list with the element whose key is `key` moved before `overKey`'s place (drag and drop). */
export function moveByKey<T>(list: readonly T[], keyOf: (item: T) => string, key: string, overKey: string): T[] {
  const from = list.findIndex((item) => keyOf(item) === key);
  const to = list.findIndex((item) => keyOf(item) === overKey);
  if (from === -1 || to === -1) return [...list];
  return moveItem(list, from, to);
}

/**
 * Where a keyboard move sends a column: ← / → by one, Home / End to the ends. Null for other
 * keys or when it cannot go further that way.
 */
export function keyboardTarget(index: number, length: number, key: string): number | null {
  const target = key === 'ArrowLeft' ? index - 1 : key === 'ArrowRight' ? index + 1 : key === 'Home' ? 0 : key === 'End' ? length - 1 : null;
  if (target === null || target < 0 || target >= length || target === index) return null;
  return target;
}

export type ColumnWidth = 'narrow' | 'normal' | 'wide';
export const COLUMN_WIDTHS: readonly ColumnWidth[] = ['narrow', 'normal', 'wide'];

/** Pixels of each width (the board's CSS uses the same numbers). */
export const COLUMN_WIDTH_PX: Record<ColumnWidth, number> = { narrow: 280, normal: 340, wide: 440 };
