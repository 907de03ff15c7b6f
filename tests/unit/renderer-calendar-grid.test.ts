import { describe, expect, it } from 'vitest';
import {
  addMonths,
  datesBetween,
  monthGrid,
  rangeInstants,
  startOfWeek,
  stepAnchor,
  viewDates,
  wallClock,
  weekDates,
  weekStartFor,
} from '../../src/renderer/model/calendar/calendarGrid';

describe('where weeks start', () => {
  it('is Monday in French and British English, Sunday in American English', () => {
    expect(weekStartFor('fr-FR')).toBe(1);
    expect(weekStartFor('fr')).toBe(1);
    expect(weekStartFor('en-GB')).toBe(1);
    expect(weekStartFor('en-US')).toBe(7);
  });

  it('gives the first day of the week of any date', () => {
    // Thursday 3 December 2026.
    expect(startOfWeek('2026-12-03', 1)).toBe('2026-11-30');
    expect(startOfWeek('2026-12-03', 7)).toBe('2026-11-29');
    expect(startOfWeek('2026-11-30', 1)).toBe('2026-11-30');
    expect(weekDates('2026-12-03', 1)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });
});

describe('the month grid', () => {
  it('covers the month in whole weeks starting on Monday (fr)', () => {
    const weeks = monthGrid('2026-12-15', 1);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toBe('2026-11-30');
    expect(weeks.at(-1)!.at(-1)).toBe('2027-01-03');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('starts on Sunday for en-US and can need six rows', () => {
    // August 2026 starts on a Saturday: six rows when weeks start on Sunday.
    const weeks = monthGrid('2026-08-01', 7);
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]).toBe('2026-07-26');
    expect(weeks[0]![6]).toBe('2026-08-01');
  });

  it('is four rows for a February that fits exactly', () => {
    expect(monthGrid('2027-02-10', 1)).toHaveLength(4);
  });
});

describe('moving through time', () => {
  it('moves a month, a week or a day', () => {
    expect(stepAnchor('month', '2026-01-31', 1)).toBe('2026-02-28');
    expect(stepAnchor('month', '2026-01-15', -1)).toBe('2025-12-15');
    expect(stepAnchor('week', '2026-12-28', 1)).toBe('2027-01-04');
    expect(stepAnchor('day', '2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('names the dates each view shows', () => {
    expect(viewDates('day', '2026-12-03', 1)).toEqual({ first: '2026-12-03', last: '2026-12-03' });
    expect(viewDates('week', '2026-12-03', 1)).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(viewDates('list', '2026-12-03', 1)).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(viewDates('month', '2026-12-03', 1)).toEqual({ first: '2026-11-30', last: '2027-01-03' });
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
});

describe('instants of a view in the workspace zone', () => {
  it('bounds the days at local midnight, whatever the computer', () => {
    expect(rangeInstants('2026-12-03', '2026-12-03', 'Europe/Paris')).toEqual({ from: '2026-12-02T23:00:00.000Z', to: '2026-12-03T23:00:00.000Z' });
    expect(rangeInstants('2026-12-03', '2026-12-03', 'America/New_York')).toEqual({ from: '2026-12-03T05:00:00.000Z', to: '2026-12-04T05:00:00.000Z' });
  });

  it('has 23 hours on the spring change day and 25 on the autumn one', () => {
    const spring = rangeInstants('2027-03-28', '2027-03-28', 'Europe/Paris');
    expect(Date.parse(spring.to) - Date.parse(spring.from)).toBe(23 * 3_600_000);
    const autumn = rangeInstants('2026-10-25', '2026-10-25', 'Europe/Paris');
    expect(Date.parse(autumn.to) - Date.parse(autumn.from)).toBe(25 * 3_600_000);
  });

  it('reads an instant as the zone’s wall clock', () => {
    expect(wallClock('2026-12-03T23:30:00.000Z', 'Europe/Paris')).toEqual({ date: '2026-12-04', minutes: 30, time: '00:30' });
    expect(wallClock('2026-12-03T23:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-12-03', minutes: 18 * 60 + 30, time: '18:30' });
  });
});
