/**
 * Keeping a column still when items arrive above what the person reads (pure, no React).
 * The column remembers the key of the first item it shows (the anchor) and how far it is
 * scrolled into it; after a new list comes, the anchor's new index says where to scroll back to,
 * and the keys that appeared above it make the "12 new" pill.
 */

export interface Anchor {
  key: string;
  /** Pixels of the anchor item already scrolled past (0: its top edge is at the column's top). */
  offset: number;
}

/** Where the anchor is now (null: it is gone, the column keeps its pixel position). */
export function anchorIndex(keys: readonly string[], anchor: Anchor | null): number | null {
  if (!anchor) return null;
  const index = keys.indexOf(anchor.key);
  return index === -1 ? null : index;
}

/**
 * The keys that arrived above the anchor between two lists: new to the list and placed before
 * the anchor. With no anchor (the column is at its top) nothing is "above".
 */
export function arrivedAbove(previous: readonly string[], next: readonly string[], anchor: Anchor | null): string[] {
  const at = anchorIndex(next, anchor);
  if (at === null || at === 0) return [];
  // A page appended below (reading down a column of thousands): the same keys above the anchor,
  // compared in place rather than through a set of every key.
  if (at <= previous.length && sameStart(previous, next, at)) return [];
  const known = new Set(previous);
  return next.slice(0, at).filter((key) => !known.has(key));
}

function sameStart(a: readonly string[], b: readonly string[], length: number): boolean {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The pill's count: the unseen keys still above the first shown item. `unseen` is what arrived
 * above since the person last saw the top; keys scrolled into view (index >= firstShown) are seen.
 */
export function pendingAbove(keys: readonly string[], unseen: ReadonlySet<string>, firstShown: number): number {
  if (unseen.size === 0) return 0;
  let count = 0;
  for (let i = 0; i < Math.min(firstShown, keys.length); i++) if (unseen.has(keys[i]!)) count++;
  return count;
}

/** The keys of `unseen` that are now shown or gone: they leave the pill. */
export function stillUnseen(keys: readonly string[], unseen: ReadonlySet<string>, firstShown: number): Set<string> {
  const kept = new Set<string>();
  for (let i = 0; i < Math.min(firstShown, keys.length); i++) if (unseen.has(keys[i]!)) kept.add(keys[i]!);
  return kept;
}
