/** What a reply or a quote from the board refers to, for the publishing account (from the board's cache). */
import type { PostContext } from '../connectors/types';
import type { Db } from '../store/database';
import type { StoredBody } from './cache';

export function postContextOf(db: Db, itemId: string, accountId: string): PostContext | null {
  const row = db
    .prepare<[string, string], { uri: string; body: string; remote_id: string | null; cid: string | null }>(
      `SELECT i.uri, i.body, nullif(v.remote_id, '') AS remote_id,
              coalesce(v.cid, (SELECT w.cid FROM item_views w WHERE w.item_id = i.id AND w.cid IS NOT NULL LIMIT 1)) AS cid
       FROM items i LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = ? WHERE i.id = ?`,
    )
    .get(accountId, itemId);
  if (!row) return null;
  let root: PostContext['root'];
  try {
    root = (JSON.parse(row.body) as StoredBody).replyRoot ?? null;
  } catch {
    root = null;
  }
  return { uri: row.uri, cid: row.cid, remoteId: row.remote_id, root };
}
