import { describe, expect, it } from 'vitest';
import {
  describeZone,
  formatInZone,
  formatOffset,
  readScheduleInput,
  suggestScheduleTime,
  timeZoneOptions,
  wallTimeOf,
} from '../../src/renderer/features/publishing/scheduleTime';
import {
  addTime,
  defaultRows,
  normalizeTime,
  removeTime,
  rowsToSlots,
  sameSlots,
  slotsToRows,
  toggleDay,
  weeklyCount,
} from '../../src/renderer/features/accounts/slotModel';
import { DEFAULT_SLOTS } from '../../src/shared/schedule';

const at = (iso: string) => Date.parse(iso);

describe('"Programmer…" in the workspace zone', () => {
  it('suggests about an hour ahead, on a quarter hour, as the zone shows it', () => {
    // 10:07 UTC is 11:07 in Paris (winter): one hour later, rounded up to 12:15.
    expect(suggestScheduleTime(at('2026-01-15T10:07:00Z'), 'Europe/Paris')).toEqual({ date: '2026-01-15', time: '12:15' });
    expect(suggestScheduleTime(at('2026-01-15T10:00:00Z'), 'America/New_York')).toEqual({ date: '2026-01-15', time: '06:00' });
    // Late evening in Tokyo rolls to the next day.
    expect(suggestScheduleTime(at('2026-01-15T14:50:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-01-16', time: '01:00' });
  });

  it('turns the date and time typed into the instant of that wall clock', () => {
    const now = at('2026-06-01T00:00:00Z');
    expect(readScheduleInput({ date: '2026-07-14', time: '09:30' }, 'Europe/Paris', now)).toEqual({
      ok: true,
      at: '2026-07-14T07:30:00.000Z',
      ms: at('2026-07-14T07:30:00Z'),
    });
    expect(readScheduleInput({ date: '2026-07-14', time: '09:30' }, 'America/Montreal', now)).toMatchObject({ at: '2026-07-14T13:30:00.000Z' });
  });

  it('moves a time skipped by summer time to the first minute after the change, and takes the first of a repeated one', () => {
    const now = at('2027-01-01T00:00:00Z');
    expect(readScheduleInput({ date: '2027-03-28', time: '02:30' }, 'Europe/Paris', now)).toMatchObject({ at: '2027-03-28T01:00:00.000Z' });
    expect(readScheduleInput({ date: '2027-10-31', time: '02:30' }, 'Europe/Paris', now)).toMatchObject({ at: '2027-10-31T00:30:00.000Z' });
  });

  it('refuses a missing field, an impossible date and a time already past', () => {
    const now = at('2026-06-01T12:00:00Z');
    expect(readScheduleInput({ date: '', time: '10:00' }, 'UTC', now)).toEqual({ ok: false, error: 'date_missing' });
    expect(readScheduleInput({ date: '2026-06-02', time: '' }, 'UTC', now)).toEqual({ ok: false, error: 'time_missing' });
    expect(readScheduleInput({ date: '2026-02-30', time: '10:00' }, 'UTC', now)).toEqual({ ok: false, error: 'schedule_time_invalid' });
    expect(readScheduleInput({ date: '2026-06-01', time: '11:00' }, 'UTC', now)).toEqual({ ok: false, error: 'schedule_time_in_past' });
    // The minute it takes to click is forgiven.
    expect(readScheduleInput({ date: '2026-06-01', time: '12:00' }, 'UTC', now + 30_000)).toMatchObject({ ok: true });
  });

  it('reads back a scheduled instant for rescheduling', () => {
    expect(wallTimeOf('2026-07-14T07:30:00.000Z', 'Europe/Paris')).toEqual({ date: '2026-07-14', time: '09:30' });
  });

  it('names the zone with its offset at that date', () => {
    expect(formatOffset(60)).toBe('UTC+1');
    expect(formatOffset(-210)).toBe('UTC−3:30');
    expect(formatOffset(0)).toBe('UTC');
    expect(describeZone('Europe/Paris', at('2026-01-15T12:00:00Z'))).toBe('Europe/Paris (UTC+1)');
    expect(describeZone('Europe/Paris', at('2026-07-15T12:00:00Z'))).toBe('Europe/Paris (UTC+2)');
    expect(describeZone('America/Argentina/Buenos_Aires', at('2026-07-15T12:00:00Z'))).toBe('America/Argentina/Buenos Aires (UTC−3)');
    expect(describeZone('Nowhere/Land', 0)).toBe('Nowhere/Land');
  });

  it('formats times in the zone, whatever the computer’s zone, in French and English', () => {
    const now = at('2026-03-01T00:00:00Z');
    expect(formatInZone('2026-11-23T07:00:00Z', 'Europe/Paris', 'fr', { nowMs: now })).toBe('lun. 23 nov., 08:00');
    expect(formatInZone('2026-11-23T07:00:00Z', 'America/New_York', 'en', { nowMs: now })).toBe('Mon 23 Nov, 02:00');
    expect(formatInZone('2027-01-04T07:00:00Z', 'Europe/Paris', 'fr', { nowMs: now })).toBe('lun. 4 janv. 2027, 08:00');
    expect(formatInZone('2026-11-23T07:00:00Z', 'Europe/Paris', 'fr', { long: true })).toBe('lundi 23 novembre 2026 à 08:00');
    expect(formatInZone('not a date', 'UTC', 'fr')).toBe('');
  });

  it('offers every zone the runtime knows, with UTC and the current one', () => {
    const zones = timeZoneOptions('Europe/Paris');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Paris');
    expect(zones).toContain('Pacific/Auckland');
    expect([...zones].sort((a, b) => a.localeCompare(b))).toEqual(zones);
  });
});

describe('posting slot editor', () => {
  it('shows the defaults as three times on weekdays', () => {
    expect(defaultRows()).toEqual([
      { time: '08:00', days: [1, 2, 3, 4, 5] },
      { time: '12:00', days: [1, 2, 3, 4, 5] },
      { time: '17:30', days: [1, 2, 3, 4, 5] },
    ]);
    expect(weeklyCount(defaultRows())).toBe(15);
    expect(sameSlots(rowsToSlots(defaultRows()), DEFAULT_SLOTS)).toBe(true);
  });

  it('groups any slot list by time and gives it back sorted by weekday then time', () => {
    const slots = [
      { weekday: 6, time: '10:00' },
      { weekday: 1, time: '18:00' },
      { weekday: 1, time: '10:00' },
      { weekday: 1, time: '10:00' },
    ];
    const rows = slotsToRows(slots);
    expect(rows).toEqual([
      { time: '10:00', days: [1, 6] },
      { time: '18:00', days: [1] },
    ]);
    expect(rowsToSlots(rows)).toEqual([
      { weekday: 1, time: '10:00' },
      { weekday: 1, time: '18:00' },
      { weekday: 6, time: '10:00' },
    ]);
  });

  it('adds a time on weekdays, refusing a duplicate or a non-time', () => {
    const added = addTime(defaultRows(), '9h30');
    expect(added.ok && added.rows.map((r) => r.time)).toEqual(['08:00', '09:30', '12:00', '17:30']);
    expect(addTime(defaultRows(), '08:00')).toEqual({ ok: false, error: 'time_exists' });
    expect(addTime(defaultRows(), '25:00')).toEqual({ ok: false, error: 'time_format' });
    expect(addTime([], '07:15', [6, 7])).toEqual({ ok: true, rows: [{ time: '07:15', days: [6, 7] }] });
  });

  it('reads times as people type them', () => {
    expect(['8', '8h', '8:00', '08:00', '8h30', '0830', '830', ' 17 h 45 '].map(normalizeTime)).toEqual([
      '08:00',
      '08:00',
      '08:00',
      '08:00',
      '08:30',
      '08:30',
      '08:30',
      '17:45',
    ]);
    expect(['', 'midi', '24:00', '12:60', '123456'].map(normalizeTime)).toEqual([null, null, null, null, null]);
  });

  it('toggles days and removes times; a time with no day gives no slot', () => {
    let rows = toggleDay(defaultRows(), '08:00', 6);
    expect(rows[0]!.days).toEqual([1, 2, 3, 4, 5, 6]);
    rows = [1, 2, 3, 4, 5, 6].reduce((r, d) => toggleDay(r, '08:00', d), rows);
    expect(rows[0]!.days).toEqual([]);
    expect(weeklyCount(rows)).toBe(10);
    expect(removeTime(rows, '12:00').map((r) => r.time)).toEqual(['08:00', '17:30']);
  });
});
