/**
 * A column's entries in the renderer (pure, no React): merging a fresh first page with what
 * was already read further down, patching one item everywhere it shows, and the optimistic
 * state of an action before the network answers.
 */
import type { BoardItem, ColumnEntry, ItemAction } from '../../../shared/board/schemas';

/** The newest page first, then the older entries already loaded that it does not repeat. */
export function mergeFirstPage(current: readonly ColumnEntry[], fresh: readonly ColumnEntry[]): ColumnEntry[] {
  if (current.length === 0) return [...fresh];
  const keys = new Set(fresh.map((e) => e.key));
  const last = fresh.at(-1);
  // Keep the older tail only when the fresh page reaches into it (otherwise a gap row says so).
  const start = last ? current.findIndex((e) => e.key === last.key) : -1;
  const tail = start === -1 ? [] : current.slice(start + 1).filter((e) => !keys.has(e.key));
  return [...fresh, ...tail];
}

/** Older entries appended after the current ones, without duplicates. */
export function appendPage(current: readonly ColumnEntry[], older: readonly ColumnEntry[]): ColumnEntry[] {
  // A set of the page's keys, not of the thousands already loaded (a page comes in while scrolling).
  const incoming = new Set(older.map((e) => e.key));
  const known = new Set<string>();
  for (const e of current) if (incoming.has(e.key)) known.add(e.key);
  return [...current, ...older.filter((e) => !known.has(e.key))];
}

export function entryItem(entry: ColumnEntry): BoardItem | null {
  return entry.kind === 'gap' ? null : entry.item;
}

/** Every entry showing that item gets the new version (a repost and a mention of the same post too). */
export function patchItem(entries: readonly ColumnEntry[], item: BoardItem): ColumnEntry[] {
  let changed = false;
  const next = entries.map((e) => {
    if (e.kind === 'gap' || !e.item || e.item.id !== item.id) return e;
    changed = true;
    return { ...e, item } as ColumnEntry;
  });
  return changed ? next : (entries as ColumnEntry[]);
}

/** The action that undoes a toggle, or that the button sends given the item's state. */
export function toggleFor(item: BoardItem, action: 'like' | 'repost' | 'bookmark' | 'follow'): ItemAction {
  switch (action) {
    case 'like':
      return item.viewer.liked ? 'unlike' : 'like';
    case 'repost':
      return item.viewer.reposted ? 'unrepost' : 'repost';
    case 'bookmark':
      return item.viewer.bookmarked ? 'unbookmark' : 'bookmark';
    case 'follow':
      return item.viewer.followingAuthor ? 'unfollow' : 'follow';
  }
}

/** How the card looks right after the action, before the network answers. */
export function optimistic(item: BoardItem, action: ItemAction): BoardItem {
  const viewer = { ...item.viewer, pending: [...item.viewer.pending, action] };
  const counts = { ...item.counts };
  switch (action) {
    case 'like':
      if (!viewer.liked) counts.likes += 1;
      viewer.liked = true;
      break;
    case 'unlike':
      if (viewer.liked) counts.likes = Math.max(0, counts.likes - 1);
      viewer.liked = false;
      break;
    case 'repost':
      if (!viewer.reposted) counts.reposts += 1;
      viewer.reposted = true;
      break;
    case 'unrepost':
      if (viewer.reposted) counts.reposts = Math.max(0, counts.reposts - 1);
      viewer.reposted = false;
      break;
    case 'bookmark':
      viewer.bookmarked = true;
      break;
    case 'unbookmark':
      viewer.bookmarked = false;
      break;
    case 'follow':
      viewer.followingAuthor = true;
      break;
    case 'unfollow':
      viewer.followingAuthor = false;
      break;
    case 'delete':
      return { ...item, deleted: true, viewer };
  }
  return { ...item, counts, viewer };
}

/** The item a column shows for the acting account: the viewer state only matches when it is that account's. */
export function actsAsColumnAccount(item: BoardItem, asAccountId: string): boolean {
  return item.viewer.accountId === null || item.viewer.accountId === asAccountId;
}
