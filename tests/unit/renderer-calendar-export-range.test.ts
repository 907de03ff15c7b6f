import { describe, expect, it } from 'vitest';
import { datesInWords, defaultExportChoice, exportDates, PLANNED_YEARS, shownDates } from '../../src/renderer/model/calendar/exportRange';

/** Intl puts thin or narrow spaces around the dash; a person reads a space. */
const spaced = (s: string) => s.replace(/\s+/g, ' ');

describe('the dates an export covers', () => {
  // Wednesday 2 December 2026; the calendar shows the week of 30 November (weeks start on Monday).
  const today = '2026-12-02';
  const week = shownDates('week', today, 1);

  it('is this month and the next two by default: from the 1st of the month to the end of the third, across the year', () => {
    expect(exportDates('quarter', today, week)).toEqual({ first: '2026-12-01', last: '2027-02-28' });
    expect(exportDates('quarter', '2028-01-31', week)).toEqual({ first: '2028-01-01', last: '2028-03-31' });
    expect(defaultExportChoice(today, week)).toBe('quarter');
  });

  it('is this month from its first to its last day', () => {
    expect(exportDates('month', today, week)).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(exportDates('month', '2028-02-10', week)).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });

  it('is what the calendar shows: the month of the month and list views (not the spill-over days of the grid), the week, the day', () => {
    expect(shownDates('month', '2027-03-15', 1)).toEqual({ first: '2027-03-01', last: '2027-03-31' });
    expect(shownDates('list', '2027-03-15', 1)).toEqual({ first: '2027-03-01', last: '2027-03-31' });
    expect(shownDates('week', '2027-03-18', 1)).toEqual({ first: '2027-03-15', last: '2027-03-21' });
    expect(shownDates('week', '2027-03-18', 7)).toEqual({ first: '2027-03-14', last: '2027-03-20' });
    expect(shownDates('day', '2027-03-18', 1)).toEqual({ first: '2027-03-18', last: '2027-03-18' });
    const march = shownDates('month', '2027-03-15', 1);
    expect(exportDates('shown', today, march)).toEqual(march);
  });

  it('opens on what the calendar shows when it was moved away from today, else on the next three months', () => {
    expect(defaultExportChoice(today, shownDates('month', '2027-03-15', 1))).toBe('shown');
    expect(defaultExportChoice(today, shownDates('week', '2026-11-25', 1))).toBe('shown');
    expect(defaultExportChoice(today, shownDates('month', today, 1))).toBe('quarter');
    expect(defaultExportChoice(today, shownDates('day', today, 1))).toBe('quarter');
  });

  it('is everything planned from today, with no end date', () => {
    expect(exportDates('planned', today, week)).toEqual({ first: today, last: `${2026 + PLANNED_YEARS}-12-01` });
  });

  it('is the person\'s own dates for "Autres dates"', () => {
    expect(exportDates('custom', today, week)).toBeNull();
  });
});

describe('the dates in words, in the interface language', () => {
  it('says a range in French and in English', () => {
    expect(spaced(datesInWords('2026-12-01', '2027-02-28', 'fr'))).toBe('1 décembre 2026 – 28 février 2027');
    expect(spaced(datesInWords('2026-12-01', '2027-02-28', 'en'))).toBe('1 December 2026 – 28 February 2027');
    expect(spaced(datesInWords('2026-11-30', '2026-12-06', 'fr'))).toBe('30 novembre – 6 décembre 2026');
  });

  it('says one day as a date, whatever the computer\'s zone', () => {
    expect(datesInWords('2026-12-02', '2026-12-02', 'fr')).toBe('2 décembre 2026');
    expect(datesInWords('2026-12-02', '2026-12-02', 'en')).toBe('2 December 2026');
  });
});
