/**
 * Read positions the servers keep: Mastodon's markers (home, notifications) and Bluesky's
 * notifications seen time. Read from the server when a column first fills, sent when the
 * person reads further.
 */
import type { ReadContext, Reader } from '../connectors/reader';
import type { BoardRepository, ColumnRow } from '../repositories/boards';
import type { Db } from '../store/database';
import type { BoardReadModel } from './read-model';

const serverKind = (c: ColumnRow): 'home' | 'notifications' | null => (c.type === 'home' ? 'home' : c.type === 'notifications' ? 'notifications' : null);
const pad = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(13, '0');

interface SeenDeps {
  db: Db;
  clock: { now(): number };
  boards: BoardRepository;
  readModel: BoardReadModel;
}

/** First fill: where the server says the person stopped reading (or, without one, everything shown counts as read). */
export async function syncSeenFromServer(d: SeenDeps, t: { column: ColumnRow; accountId: string; reader: Reader; ctx: ReadContext }): Promise<void> {
  const newest = d.readModel.newestKey(t.column.id);
  d.boards.setRead(t.column.id, newest, d.clock.now());
  const kind = serverKind(t.column);
  if (!kind) return;
  const seen = await t.reader.readSeen(kind, t.ctx);
  if (!seen) return;
  let key: string | null = null;
  if (seen.key) {
    const row = d.db
      .prepare<[string, string, string, string], { sort_key: string }>(
        `SELECT e.sort_key FROM column_entries e LEFT JOIN item_views v ON v.item_id = e.item_id AND v.account_id = ?
         WHERE e.column_id = ? AND (e.remote_key = ? OR v.remote_id = ?) ORDER BY e.sort_key DESC LIMIT 1`,
      )
      .get(t.accountId, t.column.id, seen.key, seen.key);
    key = row?.sort_key ?? null;
  }
  if (key === null && seen.at !== null) key = `${pad(seen.at)}.~`;
  if (key !== null) d.boards.setRead(t.column.id, key, d.clock.now());
}

/** The position to send to the server for a column's read key (its entry's key, item id and time). */
export function seenPosition(db: Db, column: ColumnRow): { kind: 'home' | 'notifications'; key: string; itemRemoteId: string | null; at: number } | null {
  const kind = serverKind(column);
  if (!kind || !column.read_key || !column.account_id) return null;
  const row = db
    .prepare<[string, string, string], { remote_key: string; at: number; remote_id: string | null }>(
      `SELECT e.remote_key, e.at, v.remote_id FROM column_entries e LEFT JOIN item_views v ON v.item_id = e.item_id AND v.account_id = ?
       WHERE e.column_id = ? AND e.kind != 'gap' AND e.sort_key <= ? ORDER BY e.sort_key DESC LIMIT 1`,
    )
    .get(column.account_id, column.id, column.read_key);
  return row ? { kind, key: row.remote_key, itemRemoteId: row.remote_id, at: row.at } : null;
}
