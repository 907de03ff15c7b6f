/**
 * Moving a column's cache along its network with the network's own cursors: refresh from the
 * newest (catching up a few pages, then leaving a gap row), loading the items missing at a
 * gap, and reading older pages when the person scrolls past the cache.
 */
import type { Network } from '../../../shared/domain';
import type { ReadContext, Reader } from '../connectors/reader';
import { parseQuery, type BoardRepository, type ColumnRow } from '../repositories/boards';
import type { Db } from '../store/database';
import type { StreamCache } from './cache';
import type { BoardReadModel } from './read-model';

export const PAGE_SIZE = 40;
/** Pages a refresh reads to reach the newest known entry before it leaves a gap instead. */
export const MAX_CATCHUP_PAGES = 3;
/** older_cursor when the network has nothing older. */
export const END = 'end';

export interface SyncDeps {
  db: Db;
  cache: StreamCache;
  boards: BoardRepository;
  readModel: BoardReadModel;
  now: () => number;
}

export interface SyncTarget {
  column: ColumnRow;
  accountId: string;
  network: Network;
  reader: Reader;
  ctx: ReadContext;
}

const source = (c: ColumnRow) => ({ type: c.type, query: parseQuery(c.query) });

/**
 * Reads from the newest entry until it meets the newest one read without a hole before
 * (`continuous_key`): an entry a stream delivered after a reconnect is known but not proof that
 * nothing is missing below it, so it does not stop the refresh. Past MAX_CATCHUP_PAGES, a gap
 * row. Returns how many entries are new.
 */
export async function refreshColumn(d: SyncDeps, t: SyncTarget): Promise<{ added: number; firstFill: boolean }> {
  // The first fill ever (older_cursor is set by it): what it finds was there before the column.
  // A column that found nothing then counts what comes later as new (unread).
  const firstFill = t.column.older_cursor === null && d.readModel.newestKey(t.column.id) === null;
  const anchor = t.column.continuous_key;
  let cursor: string | null = null;
  let added = 0;
  let newest: string | null = null;
  for (let pages = 1; ; pages++) {
    const page = await t.reader.read(source(t.column), cursor, PAGE_SIZE, t.ctx);
    const result = d.cache.ingest(t.column.id, t.accountId, t.network, page.entries, d.now());
    added += result.added;
    newest ??= result.newestKey;
    if (firstFill || t.column.older_cursor === null) {
      d.boards.setOlderCursor(t.column.id, page.olderCursor ?? END);
      if (firstFill) break;
    }
    const reached = anchor === null ? result.known > 0 : result.knownKeys.some((k) => k <= anchor);
    if (reached || page.entries.length === 0 || !page.olderCursor) break;
    if (pages >= MAX_CATCHUP_PAGES) {
      // The newest known entry is further than the pages read: say so instead of skipping posts.
      const oldest = Math.min(...page.entries.map((e) => e.at));
      d.cache.addGap(t.column.id, oldest, page.olderCursor);
      break;
    }
    cursor = page.olderCursor;
  }
  // Everything down to the old anchor (or the gap row) is now read: the anchor moves up.
  d.boards.advanceContinuous(t.column.id, newest ?? '');
  return { added, firstFill };
}

/** Loads one page at a gap; the gap goes when the page meets known entries, or moves below the page. */
export async function fillGap(d: SyncDeps, t: SyncTarget, gap: { sortKey: string; cursor: string }): Promise<{ added: number }> {
  const page = await t.reader.read(source(t.column), gap.cursor, PAGE_SIZE, t.ctx);
  return d.db.transaction(() => {
    const result = d.cache.ingest(t.column.id, t.accountId, t.network, page.entries, d.now());
    d.db.prepare('DELETE FROM column_entries WHERE column_id = ? AND sort_key = ?').run(t.column.id, gap.sortKey);
    if (result.known === 0 && page.entries.length > 0 && page.olderCursor) {
      d.cache.addGap(t.column.id, Math.min(...page.entries.map((e) => e.at)), page.olderCursor);
    }
    return { added: result.added };
  })();
}

/** One older page, when the person scrolled past what the cache holds. */
export async function loadOlder(d: SyncDeps, t: SyncTarget): Promise<{ added: number }> {
  const cursor = t.column.older_cursor;
  if (cursor === END) return { added: 0 };
  const page = await t.reader.read(source(t.column), cursor, PAGE_SIZE, t.ctx);
  const result = d.cache.ingest(t.column.id, t.accountId, t.network, page.entries, d.now());
  d.boards.setOlderCursor(t.column.id, page.olderCursor ?? END);
  return { added: result.added };
}

export function gapOf(db: Db, columnId: string, gapId: string): { sortKey: string; cursor: string } | null {
  const row = db.prepare<[string, string], { sort_key: string; gap_cursor: string }>("SELECT sort_key, gap_cursor FROM column_entries WHERE column_id = ? AND gap_id = ? AND kind = 'gap'").get(columnId, gapId);
  return row ? { sortKey: row.sort_key, cursor: row.gap_cursor } : null;
}
