/**
 * Pure helpers of the inbox view: how late an item is against the workspace's response target
 * (the ageing colour), saved replies with their variables filled, and keyboard moves in the list.
 */

export type Ageing = 'fresh' | 'ageing' | 'late';

/** fresh under half the target, ageing until it, late past it. */
export function ageing(arrivedAt: string, now: number, targetMinutes: number): Ageing {
  const minutes = (now - Date.parse(arrivedAt)) / 60_000;
  if (minutes >= targetMinutes) return 'late';
  return minutes >= targetMinutes / 2 ? 'ageing' : 'fresh';
}

/** Variables a saved reply may use: {name}, {handle}, {account}, and custom ones the person fills. */
export function replyVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-zA-Z_][\w-]{0,30})\}/g)].map((m) => m[1]!))];
}

/** The reply with its variables replaced; unknown ones stay as typed so the person sees them. */
export function fillReply(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-zA-Z_][\w-]{0,30})\}/g, (whole, name: string) => values[name] ?? whole);
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
