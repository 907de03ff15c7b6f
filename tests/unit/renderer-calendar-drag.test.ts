import { describe, expect, it } from 'vitest';
import { cellId, cellOf, dropInstant, moveCell, parseCellId } from '../../src/renderer/model/calendar/calendarDrag';

const iso = (ms: number) => new Date(ms).toISOString();

describe('dropping a post', () => {
  it('on a day keeps its wall-clock time in the workspace zone', () => {
    // Tuesday 09:30 in Paris (winter) to Friday.
    expect(iso(dropInstant('2026-12-01T08:30:00.000Z', { date: '2026-12-04', minutes: null }, 'Europe/Paris'))).toBe('2026-12-04T08:30:00.000Z');
  });

  it('keeps 09:30 across the change to summer time (the UTC hour changes)', () => {
    expect(iso(dropInstant('2027-03-26T08:30:00.000Z', { date: '2027-03-29', minutes: null }, 'Europe/Paris'))).toBe('2027-03-29T07:30:00.000Z');
  });

  it('on a time slot takes that time', () => {
    expect(iso(dropInstant('2026-12-01T08:30:00.000Z', { date: '2026-12-02', minutes: 14 * 60 + 30 }, 'America/New_York'))).toBe('2026-12-02T19:30:00.000Z');
  });

  it('on a time skipped by the spring change goes at the first minute after it', () => {
    // 02:30 does not exist in Paris on 28 March 2027: 03:00 CEST = 01:00Z.
    expect(iso(dropInstant('2027-03-26T08:30:00.000Z', { date: '2027-03-28', minutes: 150 }, 'Europe/Paris'))).toBe('2027-03-28T01:00:00.000Z');
  });

  it('on a time shown twice by the autumn change takes the first one', () => {
    // 02:30 happens twice in Paris on 25 October 2026; the first is still CEST (00:30Z).
    expect(iso(dropInstant('2026-10-20T08:30:00.000Z', { date: '2026-10-25', minutes: 150 }, 'Europe/Paris'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('cells', () => {
  it('round-trip through their ids', () => {
    expect(cellId({ date: '2026-12-03', minutes: 570 })).toBe('2026-12-03T09:30');
    expect(parseCellId('2026-12-03T09:30')).toEqual({ date: '2026-12-03', minutes: 570 });
    expect(parseCellId('2026-12-03')).toEqual({ date: '2026-12-03', minutes: null });
    expect(parseCellId('nope')).toBeNull();
  });

  it('are where a post is in each view', () => {
    expect(cellOf('2026-12-03T08:40:00.000Z', 'week', 'Europe/Paris', 30)).toEqual({ date: '2026-12-03', minutes: 570 });
    expect(cellOf('2026-12-03T08:40:00.000Z', 'month', 'Europe/Paris', 30)).toEqual({ date: '2026-12-03', minutes: null });
  });
});

describe('keyboard moves', () => {
  const at = { date: '2026-12-03', minutes: 540 };
  it('go a day sideways and a slot up or down on the time grid', () => {
    expect(moveCell(at, 'ArrowRight', 'week', 30)).toEqual({ date: '2026-12-04', minutes: 540 });
    expect(moveCell(at, 'ArrowLeft', 'week', 30)).toEqual({ date: '2026-12-02', minutes: 540 });
    expect(moveCell(at, 'ArrowUp', 'week', 30)).toEqual({ date: '2026-12-03', minutes: 510 });
    expect(moveCell(at, 'ArrowDown', 'day', 60)).toEqual({ date: '2026-12-03', minutes: 600 });
    expect(moveCell(at, 'PageDown', 'week', 30)).toBeNull();
  });

  it('stay within the day', () => {
    expect(moveCell({ date: '2026-12-03', minutes: 0 }, 'ArrowUp', 'week', 30)).toBeNull();
    expect(moveCell({ date: '2026-12-03', minutes: 1410 }, 'ArrowDown', 'week', 30)).toBeNull();
  });

  it('go a week up or down on the month view', () => {
    expect(moveCell({ date: '2026-12-03', minutes: null }, 'ArrowDown', 'month', 30)).toEqual({ date: '2026-12-10', minutes: null });
    expect(moveCell({ date: '2026-12-03', minutes: null }, 'ArrowUp', 'month', 30)).toEqual({ date: '2026-11-26', minutes: null });
    expect(moveCell({ date: '2026-12-03', minutes: null }, 'Enter', 'month', 30)).toBeNull();
    expect(moveCell({ date: '2026-12-03', minutes: null }, 'ArrowDown', 'list', 30)).toEqual({ date: '2026-12-04', minutes: null });
  });
});
