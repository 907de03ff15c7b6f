/**
 * The one rule of a column waiting for its retry time, called by the core (`column.page` asks the
 * network for older posts only when the column does not wait) and by the renderer (a list at the
 * end of the cache asks again only in a state that does not wait).
 */
import { describe, expect, it } from 'vitest';
import { columnWaits, pagesAgain } from '../../src/shared/board/retry';
import { COLUMN_STATES, type ColumnState } from '../../src/shared/board/schemas';

const NOW = Date.parse('2026-12-01T08:00:00Z');
const WAITING: ColumnState[] = ['throttled', 'offline', 'failing', 'reconnect_needed', 'unsupported'];
const READING: ColumnState[] = ['local', 'idle', 'loading', 'ok', 'stale'];

describe('a column waiting for its retry', () => {
  it('waits in a failed state until its retry time, then no longer', () => {
    for (const state of WAITING) {
      expect(columnWaits(state, NOW + 60_000, NOW), state).toBe(true);
      expect(columnWaits(state, NOW, NOW), state).toBe(false);
      expect(columnWaits(state, NOW - 1, NOW), state).toBe(false);
      // No retry time: nothing to wait for.
      expect(columnWaits(state, null, NOW), state).toBe(false);
    }
  });

  it('never waits in a state that reads, whatever its next time', () => {
    for (const state of READING) expect(columnWaits(state, NOW + 60_000, NOW), state).toBe(false);
  });

  it('a list pages again exactly in the states in which the column does not wait', () => {
    expect([...WAITING, ...READING].sort()).toEqual([...COLUMN_STATES].sort());
    for (const state of COLUMN_STATES) expect(pagesAgain(state), state).toBe(!columnWaits(state, NOW + 60_000, NOW));
    // Past its retry time a failed column still does not page again: the core reads then, and the new status reloads the list.
    for (const state of WAITING) expect(pagesAgain(state), state).toBe(false);
  });
});
