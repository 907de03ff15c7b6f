import { describe, expect, it } from 'vitest';
import { gridSlots, itemsByDate, listRows, timeGridBlocks } from '../../src/renderer/model/calendar/calendarLayout';

const item = (draftId: string, instant: string) => ({ draftId, at: instant });

describe('posts by day', () => {
  it('puts each post on the date of the workspace zone, in time order', () => {
    const items = [item('b', '2026-12-03T10:00:00.000Z'), item('a', '2026-12-03T23:30:00.000Z'), item('c', '2026-12-03T08:00:00.000Z')];
    const paris = itemsByDate(items, 'Europe/Paris');
    expect(paris.get('2026-12-03')!.map((i) => i.draftId)).toEqual(['c', 'b']);
    expect(paris.get('2026-12-04')!.map((i) => i.draftId)).toEqual(['a']);
    const newYork = itemsByDate(items, 'America/New_York');
    expect(newYork.get('2026-12-03')!.map((i) => i.draftId)).toEqual(['c', 'b', 'a']);
  });
});

describe('the time grid', () => {
  it('places posts by their wall-clock minutes, overlapping ones side by side', () => {
    const blocks = timeGridBlocks(
      [item('a', '2026-12-03T08:00:00.000Z'), item('b', '2026-12-03T08:15:00.000Z'), item('c', '2026-12-03T09:00:00.000Z'), item('d', '2026-12-03T12:00:00.000Z')],
      'UTC',
      60,
    );
    expect(blocks.map((b) => [b.item.draftId, b.start, b.lane, b.lanes])).toEqual([
      ['a', 480, 0, 2],
      ['b', 495, 1, 2],
      ['c', 540, 0, 2],
      ['d', 720, 0, 1],
    ]);
  });

  it('has a row per slot from midnight', () => {
    expect(gridSlots(30)).toHaveLength(48);
    expect(gridSlots(60).at(-1)).toBe(23 * 60);
  });
});

describe('the list view', () => {
  it('gives every day a heading and says when nothing is planned', () => {
    const rows = listRows([item('a', '2026-12-03T09:00:00.000Z'), item('b', '2026-12-03T08:00:00.000Z')], ['2026-12-02', '2026-12-03'], 'UTC');
    expect(rows.map((r) => (r.kind === 'item' ? `item:${r.item.draftId}` : `${r.kind}:${r.date}`))).toEqual([
      'day:2026-12-02',
      'empty:2026-12-02',
      'day:2026-12-03',
      'item:b',
      'item:a',
    ]);
    expect(rows[2]).toMatchObject({ kind: 'day', count: 2 });
  });

  it('builds a year of posts in n log n work, not n²', () => {
    const dates = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    // Each post counts how often its instant is read: the work, whatever the machine's speed.
    let reads = 0;
    const counted = (draftId: string, at: string) => ({
      draftId,
      get at() {
        reads++;
        return at;
      },
    });
    const items = Array.from({ length: 5000 }, (_, i) => counted(`p${i}`, new Date(Date.UTC(2026, 0, 1) + i * 6_300_000).toISOString()));
    const rows = listRows(items, dates, 'Europe/Paris');
    expect(reads).toBeLessThanOrEqual(4 * items.length * Math.ceil(Math.log2(items.length)));
    expect(rows.filter((r) => r.kind === 'item')).toHaveLength(items.filter((i) => i.at < '2026-12-31T23:00:00.000Z').length);
  });
});
