import { describe, expect, it } from 'vitest';
import { clampFocus, navigateBoard } from '../../src/renderer/lib/boardNavigation';

describe('board keyboard navigation', () => {
  const rows = [3, 0, 5];

  it('↓ and j go to the next card, stopping at the last one', () => {
    expect(navigateBoard({ column: 0, row: 0 }, 'ArrowDown', rows)).toEqual({ column: 0, row: 1 });
    expect(navigateBoard({ column: 0, row: 1 }, 'j', rows)).toEqual({ column: 0, row: 2 });
    expect(navigateBoard({ column: 0, row: 2 }, 'j', rows)).toEqual({ column: 0, row: 2 });
  });

  it('↑ and k go to the previous card, stopping at the first one', () => {
    expect(navigateBoard({ column: 0, row: 2 }, 'ArrowUp', rows)).toEqual({ column: 0, row: 1 });
    expect(navigateBoard({ column: 0, row: 1 }, 'k', rows)).toEqual({ column: 0, row: 0 });
    expect(navigateBoard({ column: 0, row: 0 }, 'k', rows)).toEqual({ column: 0, row: 0 });
  });

  it('Home and End jump to the first and last cards', () => {
    expect(navigateBoard({ column: 2, row: 2 }, 'Home', rows)).toEqual({ column: 2, row: 0 });
    expect(navigateBoard({ column: 2, row: 0 }, 'End', rows)).toEqual({ column: 2, row: 4 });
  });

  it('← and → jump over empty columns and keep the row when they can', () => {
    expect(navigateBoard({ column: 0, row: 2 }, 'ArrowRight', rows)).toEqual({ column: 2, row: 2 });
    expect(navigateBoard({ column: 2, row: 4 }, 'ArrowLeft', rows)).toEqual({ column: 0, row: 2 });
    expect(navigateBoard({ column: 2, row: 4 }, 'ArrowRight', rows)).toEqual({ column: 2, row: 4 });
    expect(navigateBoard({ column: 0, row: 0 }, 'h', rows)).toEqual({ column: 0, row: 0 });
  });

  it('leaves other keys to someone else', () => {
    for (const key of ['Enter', 'n', 'Delete', 'a', ' ']) expect(navigateBoard({ column: 0, row: 0 }, key, rows)).toBeNull();
  });

  it('handles nothing on an empty board', () => {
    expect(navigateBoard({ column: 0, row: 0 }, 'ArrowDown', [0])).toBeNull();
    expect(navigateBoard({ column: 0, row: 0 }, 'ArrowDown', [])).toBeNull();
  });

  it('keeps the focus inside the board when cards go away', () => {
    expect(clampFocus({ column: 0, row: 7 }, [3])).toEqual({ column: 0, row: 2 });
    expect(clampFocus({ column: 1, row: 0 }, rows)).toEqual({ column: 0, row: 0 });
    expect(clampFocus({ column: 5, row: 1 }, rows)).toEqual({ column: 2, row: 1 });
    expect(clampFocus({ column: 0, row: 0 }, [0, 0])).toBeNull();
  });

  it('moves from a stale position as if from the nearest valid one', () => {
    expect(navigateBoard({ column: 0, row: 9 }, 'k', [3])).toEqual({ column: 0, row: 1 });
  });
});
