/**
 * When a board column waits for its retry time: the one rule the core (`column.page` asks the
 * network for older posts only when the column does not wait) and the renderer (a list at the end
 * of the cache asks for older entries again only in a state that does not wait) both call.
 */
import type { ColumnState } from './schemas';

/** States in which a column waits for its retry time (the core's engine tries again then, on its own). */
const WAITING: ReadonlySet<ColumnState> = new Set<ColumnState>(['throttled', 'offline', 'failing', 'reconnect_needed', 'unsupported']);

/**
 * The column waits: what it would ask the network for now waits for its retry time (no request,
 * no new status). `retryAt` and `now` in milliseconds since the epoch.
 */
export const columnWaits = (state: ColumnState, retryAt: number | null, now: number): boolean => WAITING.has(state) && retryAt !== null && retryAt > now;

/**
 * A list in this state that reached the end of the cache may ask for older entries again. Not in a
 * waiting state, even past its retry time: the core reads again then and the column's new status
 * reloads the list, which asks again.
 */
export const pagesAgain = (state: ColumnState): boolean => !WAITING.has(state);
