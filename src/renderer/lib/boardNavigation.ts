/** Which card has the keyboard focus on the board: column index and row index. */
export interface BoardFocus {
  column: number;
  row: number;
}

const UP = new Set(['ArrowUp', 'k']);
const DOWN = new Set(['ArrowDown', 'j']);
const LEFT = new Set(['ArrowLeft', 'h']);
const RIGHT = new Set(['ArrowRight', 'l']);

/** Keeps a focus inside the board after cards came or went; null when the board is empty. */
export function clampFocus(focus: BoardFocus, rows: readonly number[]): BoardFocus | null {
  if (rows.length === 0) return null;
  let column = Math.min(Math.max(focus.column, 0), rows.length - 1);
  if ((rows[column] ?? 0) === 0) {
    const nearest = rows.findIndex((count) => count > 0);
    if (nearest === -1) return null;
    column = nearest;
  }
  const count = rows[column] ?? 0;
  return { column, row: Math.min(Math.max(focus.row, 0), count - 1) };
}

/**
 * The board's roving focus: ↑/k and ↓/j move within a column, ←/h and →/l jump to the
 * nearest column that has cards, Home/End go to the first/last card. `rows` holds the
 * number of cards of each column. Returns null for keys it does not handle.
 */
export function navigateBoard(focus: BoardFocus, key: string, rows: readonly number[]): BoardFocus | null {
  const start = clampFocus(focus, rows);
  if (!start) return null;
  const count = rows[start.column] ?? 0;
  if (UP.has(key)) return { ...start, row: Math.max(start.row - 1, 0) };
  if (DOWN.has(key)) return { ...start, row: Math.min(start.row + 1, count - 1) };
  if (key === 'Home') return { ...start, row: 0 };
  if (key === 'End') return { ...start, row: count - 1 };
  if (LEFT.has(key) || RIGHT.has(key)) {
    const step = LEFT.has(key) ? -1 : 1;
    for (let c = start.column + step; c >= 0 && c < rows.length; c += step) {
      const cards = rows[c] ?? 0;
      if (cards > 0) return { column: c, row: Math.min(start.row, cards - 1) };
    }
    return start;
  }
  return null;
}
