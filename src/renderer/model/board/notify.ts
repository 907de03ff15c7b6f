/**
 * Which new items raise a notification (pure, no React): only in columns that have them on,
 * never for items already seen (at or before the read marker, or already notified), grouped
 * into one notification when many arrive at once.
 */

export interface NotifyCandidate {
  /** The item's key in its column. */
  key: string;
  /** When it was posted (ISO); compared with the column's read marker. */
  createdAt: string;
}

export interface NotifyPlan {
  /** One notification per item... */
  single: string[];
  /** ...or one grouped notification for that many items (0: none). */
  grouped: number;
  /** The key the notification focuses when clicked (the newest). */
  focusKey: string | null;
}

/** Past this many at once, one grouped notification says how many. */
export const GROUP_AFTER = 3;

export function planNotifications(
  items: readonly NotifyCandidate[],
  options: { enabled: boolean; readUpTo: string | null; alreadyNotified: ReadonlySet<string> },
): NotifyPlan {
  if (!options.enabled) return { single: [], grouped: 0, focusKey: null };
  const readUpTo = options.readUpTo ? Date.parse(options.readUpTo) : Number.NEGATIVE_INFINITY;
  const fresh = items.filter((item) => !options.alreadyNotified.has(item.key) && Date.parse(item.createdAt) > readUpTo);
  if (fresh.length === 0) return { single: [], grouped: 0, focusKey: null };
  const newest = [...fresh].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]!.key;
  if (fresh.length > GROUP_AFTER) return { single: [], grouped: fresh.length, focusKey: newest };
  return { single: fresh.map((item) => item.key), grouped: 0, focusKey: newest };
}

/** Column types that notify unless the person turned it off. */
export function notifiesByDefault(type: string): boolean {
  return type === 'mentions' || type === 'direct';
}
