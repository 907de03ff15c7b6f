import { enUS, fr } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../src/renderer/i18n';
import { compactAge, type SayAge } from '../../src/renderer/lib/compactAge';

/** The words from the language files, as the cards say them. */
const sayIn = (lng: string): SayAge => (unit, n) => i18n.t(`timeAgo.${unit}`, { lng, n });

const now = Date.parse('2026-12-02T15:00:00');
const ago = (ms: number) => now - ms;
const MIN = 60_000;

describe('a board card’s age, written short', () => {
  it('in French: now, minutes, hours, days, then the day of the month', () => {
    const f = (at: number) => compactAge(at, now, fr, sayIn('fr'));
    expect([f(ago(20_000)), f(ago(5 * MIN)), f(ago(59 * MIN)), f(ago(3 * 60 * MIN)), f(ago(2 * 24 * 60 * MIN))]).toEqual(['à l’instant', '5 min', '59 min', '3 h', '2 j']);
    expect(f(Date.parse('2026-11-12T10:00:00'))).toBe('12 nov.');
    expect(f(Date.parse('2025-11-12T10:00:00'))).toBe('12 nov. 2025');
  });

  it('in English', () => {
    const e = (at: number) => compactAge(at, now, enUS, sayIn('en'));
    expect([e(ago(20_000)), e(ago(5 * MIN)), e(ago(3 * 60 * MIN)), e(ago(2 * 24 * 60 * MIN)), e(Date.parse('2026-11-12T10:00:00'))]).toEqual(['now', '5 min', '3h', '2d', '12 Nov']);
  });

  it('says "now" for a time ahead of the clock and nothing for an unreadable one', () => {
    expect(compactAge(now + 10 * MIN, now, enUS, sayIn('en'))).toBe('now');
    expect(compactAge(Number.NaN, now, fr, sayIn('fr'))).toBe('');
  });
});
