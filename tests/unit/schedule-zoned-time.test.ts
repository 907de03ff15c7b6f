import { describe, expect, it } from 'vitest';
import { instantToZonedParts, isValidTimeZone, LocalDate, LocalTime, zonedWallTimeToInstant } from '../../src/shared/schedule';

const utc = (iso: string) => Date.parse(iso);
const at = (date: string, time: string, zone: string) => new Date(zonedWallTimeToInstant(date, time, zone)).toISOString();

describe('a wall-clock time in a zone becomes one UTC instant', () => {
  it('on ordinary days, with the zone offset of the season', () => {
    expect(at('2026-11-23', '08:00', 'Europe/Paris')).toBe('2026-11-23T07:00:00.000Z');
    expect(at('2026-06-15', '08:00', 'Europe/Paris')).toBe('2026-06-15T06:00:00.000Z');
    expect(at('2026-11-23', '08:00', 'America/New_York')).toBe('2026-11-23T13:00:00.000Z');
    expect(at('2026-06-15', '17:30', 'America/New_York')).toBe('2026-06-15T21:30:00.000Z');
    expect(at('2026-06-15', '17:30', 'UTC')).toBe('2026-06-15T17:30:00.000Z');
    expect(at('2026-06-15', '09:15', 'Asia/Kolkata')).toBe('2026-06-15T03:45:00.000Z');
  });

  it('a time skipped by spring-forward in Paris (2027-03-28 02:30) moves to the first valid minute, 03:00', () => {
    expect(at('2027-03-28', '02:30', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(at('2027-03-28', '02:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(at('2027-03-28', '02:59', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(at('2027-03-28', '03:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(at('2027-03-28', '01:59', 'Europe/Paris')).toBe('2027-03-28T00:59:00.000Z');
    expect(instantToZonedParts(zonedWallTimeToInstant('2027-03-28', '02:30', 'Europe/Paris'), 'Europe/Paris').time).toBe('03:00');
  });

  it('a time skipped by spring-forward in New York (2027-03-14 02:30) moves to 03:00 EDT', () => {
    expect(at('2027-03-14', '02:30', 'America/New_York')).toBe('2027-03-14T07:00:00.000Z');
    expect(at('2027-03-14', '01:30', 'America/New_York')).toBe('2027-03-14T06:30:00.000Z');
    expect(at('2027-03-14', '03:30', 'America/New_York')).toBe('2027-03-14T07:30:00.000Z');
  });

  it('a time shown twice on fall-back in Paris (2026-10-25 02:30) is its first occurrence, still in summer time', () => {
    expect(at('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-10-25', '01:30', 'Europe/Paris')).toBe('2026-10-24T23:30:00.000Z');
    expect(at('2026-10-25', '03:00', 'Europe/Paris')).toBe('2026-10-25T02:00:00.000Z');
  });

  it('a time shown twice on fall-back in New York (2026-11-01 01:30) is its first occurrence, in EDT', () => {
    expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-11-01', '02:30', 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
    expect(at('2026-11-01', '00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
  });

  it('works for a zone whose clocks move by half an hour (Lord Howe, 2026-10-04)', () => {
    expect(at('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
    expect(at('2026-10-04', '02:30', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('rejects impossible dates, times and zones', () => {
    expect(() => zonedWallTimeToInstant('2026-02-30', '08:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-01', '24:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-01', '08:00', 'Mars/Olympus')).toThrow(RangeError);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(LocalDate.safeParse('2028-02-29').success).toBe(true);
    expect(LocalDate.safeParse('2027-02-29').success).toBe(false);
    expect(LocalTime.safeParse('7:30').success).toBe(false);
    expect(LocalTime.safeParse('23:59').success).toBe(true);
  });
});

describe('an instant shown on the wall clock of a zone', () => {
  it('gives the local date, time, ISO weekday and offset', () => {
    expect(instantToZonedParts(utc('2026-10-25T00:30:00Z'), 'Europe/Paris')).toMatchObject({ date: '2026-10-25', time: '02:30', weekday: 7, offsetMinutes: 120 });
    expect(instantToZonedParts(utc('2026-10-25T01:30:00Z'), 'Europe/Paris')).toMatchObject({ date: '2026-10-25', time: '02:30', weekday: 7, offsetMinutes: 60 });
    expect(instantToZonedParts(utc('2026-11-24T03:00:00Z'), 'America/New_York')).toMatchObject({ date: '2026-11-23', time: '22:00', weekday: 1, offsetMinutes: -300 });
  });

  it('round-trips every minute of both change days in Paris (first occurrence on fall-back)', () => {
    for (const day of ['2027-03-28', '2026-10-25']) {
      const start = zonedWallTimeToInstant(day, '00:00', 'Europe/Paris');
      for (let ms = start; ms < start + 25 * 3_600_000; ms += 60_000) {
        const parts = instantToZonedParts(ms, 'Europe/Paris');
        if (parts.date !== day) break;
        const back = zonedWallTimeToInstant(parts.date, parts.time, 'Europe/Paris');
        const secondOccurrence = day === '2026-10-25' && parts.time >= '02:00' && parts.time < '03:00' && parts.offsetMinutes === 60;
        expect(back).toBe(secondOccurrence ? ms - 3_600_000 : ms);
      }
    }
  });
});
