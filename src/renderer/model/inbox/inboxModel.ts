/**
 * Pure helpers of the inbox view: how late an item is against the workspace's response target
 * (the ageing colour) and keyboard moves in the list. Saved replies' variables: shared/inbox/saved-replies.
 */
import { ageOf, type Ageing } from '../../../shared/inbox/ageing';
import type { TFunction } from 'i18next';
import type { BusinessHours } from '../../../shared/inbox/schemas';

export type { Ageing } from '../../../shared/inbox/ageing';

/** fresh under half the target, ageing until it, late past it (business minutes only when the workspace has business hours). */
export function ageing(arrivedAt: string, now: number, targetMinutes: number, hours: BusinessHours | null = null, zone = 'UTC'): Ageing {
  return ageOf(Date.parse(arrivedAt), now, targetMinutes, hours, zone);
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

/**
 * Which item keeps the keyboard when the list changes under it (new items arriving above, an item
 * done, a reload): the same item while it is still listed; when it left, the first item that
 * followed it and is still there, else the nearest one before it; null when none survived.
 */
export function followFocus(previous: readonly { id: string }[], next: readonly { id: string }[], focusedId: string | null): string | null {
  if (focusedId === null) return null;
  const ids = new Set(next.map((e) => e.id));
  if (ids.has(focusedId)) return focusedId;
  const at = previous.findIndex((e) => e.id === focusedId);
  if (at === -1) return null;
  const after = previous.slice(at + 1).find((e) => ids.has(e.id));
  if (after) return after.id;
  return previous.slice(0, at).reverse().find((e) => ids.has(e.id))?.id ?? null;
}

/** When a snooze from now ends: in 3 hours, or tomorrow at 9:00 local time. */
export function snoozeUntil(choice: 'hours' | 'tomorrow', now: Date): Date {
  if (choice === 'hours') return new Date(now.getTime() + 3 * 60 * 60_000);
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(9, 0, 0, 0);
  return next;
}

/** A response time as people say it: "25 min", "2 h 05", "3 j 4 h" (minutes rounded). */
export function durationText(t: TFunction, minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return t('responseTimes.duration.minutes', { m });
  if (m < 24 * 60) return t('responseTimes.duration.hours', { h: Math.floor(m / 60), m: String(m % 60).padStart(2, '0') });
  return t('responseTimes.duration.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
}

/**
 * The bulk button's words: "all N" only when every item of the tab is shown; when the list shows
 * a part (a page, a filter), it says it marks the ones shown.
 */
export function bulkDoneKey(shown: number, inTab: number | undefined): 'inbox.allDone' | 'inbox.shownDone' {
  return inTab !== undefined && inTab > shown ? 'inbox.shownDone' : 'inbox.allDone';
}
