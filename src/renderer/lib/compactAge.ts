/**
 * A card's age the way board clients write it, short enough to leave room for the author's name:
 * "à l'instant" / "now", "5 min", "3 h" / "3h", "2 j" / "2d" (the words: `timeAgo.*` in the
 * language files), then the day ("12 nov." / "12 Nov"), with the year when it is not this one.
 * A time in the future (a server's clock ahead) is "now".
 */
import { format, type Locale } from 'date-fns';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type AgeUnit = 'now' | 'minutes' | 'hours' | 'days';
/** The words for an age in the reader's language ("5 min", "3 h"). */
export type SayAge = (unit: AgeUnit, n: number) => string;

export function compactAge(atMs: number, nowMs: number, locale: Locale, say: SayAge): string {
  const age = nowMs - atMs;
  if (!Number.isFinite(age)) return '';
  if (age < MINUTE) return say('now', 0);
  if (age < HOUR) return say('minutes', Math.floor(age / MINUTE));
  if (age < DAY) return say('hours', Math.floor(age / HOUR));
  if (age < 7 * DAY) return say('days', Math.floor(age / DAY));
  const sameYear = new Date(atMs).getFullYear() === new Date(nowMs).getFullYear();
  return format(atMs, sameYear ? 'd MMM' : 'd MMM yyyy', { locale });
}
