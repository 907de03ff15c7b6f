/**
 * A card's age the way board clients write it, short enough to leave room for the author's name:
 * "à l'instant" / "now", "5 min", "3 h" / "3h", "2 j" / "2d", then the day ("12 nov." / "12 Nov"),
 * with the year when it is not this one. A time in the future (a server's clock ahead) is "now".
 */
import { format, type Locale } from 'date-fns';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function compactAge(atMs: number, nowMs: number, language: string, locale: Locale): string {
  const french = language.startsWith('fr');
  const age = nowMs - atMs;
  if (!Number.isFinite(age)) return '';
  if (age < MINUTE) return french ? 'à l’instant' : 'now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  if (age < DAY) return french ? `${Math.floor(age / HOUR)} h` : `${Math.floor(age / HOUR)}h`;
  if (age < 7 * DAY) return french ? `${Math.floor(age / DAY)} j` : `${Math.floor(age / DAY)}d`;
  const sameYear = new Date(atMs).getFullYear() === new Date(nowMs).getFullYear();
  return format(atMs, sameYear ? 'd MMM' : 'd MMM yyyy', { locale });
}
