/**
 * Instants as ISO 8601 text (what Date.prototype.toISOString gives), built from a cache of day
 * prefixes: a 10,000-post exchange formats tens of thousands of them, and the native
 * conversion costs microseconds each. Pure.
 */
const DAY = 86_400_000;
/** 9999-12-31T23:59:59.999Z: beyond it (or before 1970, or a fraction) the native conversion answers. */
const LAST = 253_402_300_799_999;
const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/** The same text as new Date(ms).toISOString() (which throws for an invalid time, as this does). */
export function isoString(ms: number): string {
  if (!(ms >= 0 && ms <= LAST) || ms !== Math.floor(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const rest = ms - day * DAY;
  return `${prefix}${pad2[Math.floor(rest / 3_600_000)]!}:${pad2[Math.floor(rest / 60_000) % 60]!}:${pad2[Math.floor(rest / 1000) % 60]!}.${pad3[rest % 1000]!}Z`;
}
