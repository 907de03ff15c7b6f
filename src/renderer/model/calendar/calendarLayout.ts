/**
 * Where posts go on screen: per day (month view), on the time grid (week and day views, with
 * side-by-side lanes for posts at the same time), and as rows of the list view (a heading per
 * day, an explicit "nothing planned" row for empty days). Pure.
 */
import { wallClock } from './calendarGrid';

/** What layout needs of a calendar item. */
export interface Placeable {
  draftId: string;
  /** ISO instant. */
  at: string;
}

/** Items of each date (the zone's wall clock), in time order. */
export function itemsByDate<T extends Placeable>(items: readonly T[], zone: string): Map<string, T[]> {
  const byDate = new Map<string, T[]>();
  for (const item of [...items].sort(byInstant)) {
    const { date } = wallClock(item.at, zone);
    const list = byDate.get(date);
    if (list) list.push(item);
    else byDate.set(date, [item]);
  }
  return byDate;
}

export const byInstant = (a: Placeable, b: Placeable): number => Date.parse(a.at) - Date.parse(b.at) || a.draftId.localeCompare(b.draftId);

export interface TimedBlock<T> {
  item: T;
  /** Minutes after midnight (wall clock). */
  start: number;
  /** Which lane among posts that overlap, and how many lanes the group has. */
  lane: number;
  lanes: number;
}

/**
 * A day's items on the time grid. Each takes `blockMinutes` of height; items that overlap
 * share the width in lanes (first free lane, like a desktop calendar).
 */
export function timeGridBlocks<T extends Placeable>(items: readonly T[], zone: string, blockMinutes: number): TimedBlock<T>[] {
  const blocks = [...items].sort(byInstant).map((item) => ({ item, start: wallClock(item.at, zone).minutes, lane: 0, lanes: 1 }));
  let group: typeof blocks = [];
  let groupEnd = -1;
  const closeGroup = () => {
    const lanes = Math.max(1, ...group.map((b) => b.lane + 1));
    for (const b of group) b.lanes = lanes;
    group = [];
  };
  const laneEnds: number[] = [];
  for (const block of blocks) {
    if (block.start >= groupEnd) {
      closeGroup();
      laneEnds.length = 0;
    }
    let lane = laneEnds.findIndex((end) => end <= block.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = block.start + blockMinutes;
    block.lane = lane;
    group.push(block);
    groupEnd = Math.max(groupEnd, block.start + blockMinutes);
  }
  closeGroup();
  return blocks;
}

export type ListRow<T> =
  | { kind: 'day'; key: string; date: string; count: number }
  | { kind: 'item'; key: string; date: string; item: T }
  | { kind: 'empty'; key: string; date: string };

/**
 * The list view: every date of the range gets a heading; its items follow, or one "nothing
 * planned" row. A year is about 365 headings plus the posts: the view virtualizes the rows.
 */
export function listRows<T extends Placeable>(items: readonly T[], dates: readonly string[], zone: string): ListRow<T>[] {
  const byDate = itemsByDate(items, zone);
  const rows: ListRow<T>[] = [];
  for (const date of dates) {
    const list = byDate.get(date) ?? [];
    rows.push({ kind: 'day', key: `d-${date}`, date, count: list.length });
    if (list.length === 0) rows.push({ kind: 'empty', key: `e-${date}`, date });
    for (const item of list) rows.push({ kind: 'item', key: `i-${item.draftId}`, date, item });
  }
  return rows;
}

/** Time grid rows: every `slotMinutes` from midnight. */
export const gridSlots = (slotMinutes: number): number[] => Array.from({ length: Math.ceil(1440 / slotMinutes) }, (_, i) => i * slotMinutes);
