/** A post Tribune published, as the board needs it to show it ("View the post" on a Sent card). */
import type { Network } from '../../../shared/domain';
import type { Db } from '../store/database';

export interface SentPost {
  accountId: string;
  network: Network;
  /** Its first part on the network (a thread starts there), or null while nothing went out. */
  remoteId: string | null;
  url: string | null;
  /** Deleted from the network through Tribune. */
  deleted: boolean;
}

export function sentPostLookup(db: Db): (targetId: string) => SentPost | null {
  const stmt = db.prepare<[string], { account_id: string; network: Network; remote_id: string | null; url: string | null; remote_deleted_at: number | null }>(
    `SELECT account_id, network, json_extract(sent_parts, '$[0].remoteId') AS remote_id, json_extract(sent_parts, '$[0].url') AS url, remote_deleted_at
     FROM post_targets WHERE id = ?`,
  );
  return (targetId) => {
    const row = stmt.get(targetId);
    return row ? { accountId: row.account_id, network: row.network, remoteId: row.remote_id, url: row.url, deleted: row.remote_deleted_at !== null } : null;
  };
}
