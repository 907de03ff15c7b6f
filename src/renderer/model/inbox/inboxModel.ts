/**
 * Pure helpers of the inbox view: how late an item is against the workspace's response target
 * (the ageing colour) and keyboard moves in the list. Saved replies' variables: shared/inbox/saved-replies.
 */

export type Ageing = 'fresh' | 'ageing' | 'late';

/** fresh under half the target, ageing until it, late past it. */
export function ageing(arrivedAt: string, now: number, targetMinutes: number): Ageing {
  const minutes = (now - Date.parse(arrivedAt)) / 60_000;
  if (minutes >= targetMinutes) return 'late';
  return minutes >= targetMinutes / 2 ? 'ageing' : 'fresh';
}

/** The next focused row for a key (j/k, arrows, Home/End), or null when the key is not a move. */
export function moveFocus(index: number, count: number, key: string): number | null {
  if (count === 0) return null;
  const at = Math.min(Math.max(index, 0), count - 1);
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return Math.min(at + 1, count - 1);
    case 'k':
    case 'ArrowUp':
      return Math.max(at - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** When a snooze from now ends: in 3 hours, or tomorrow at 9:00 local time. */
export function snoozeUntil(choice: 'hours' | 'tomorrow', now: Date): Date {
  if (choice === 'hours') return new Date(now.getTime() + 3 * 60 * 60_000);
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(9, 0, 0, 0);
  return next;
}
