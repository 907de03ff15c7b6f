/**
 * A conversation around an item, read from the network as the acting account and cached
 * (item_threads), so the thread panel still opens offline.
 */
import type { ThreadView } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { ReadError, type ReadContext, type Reader } from '../connectors/reader';
import type { Db } from '../store/database';
import type { StreamCache } from './cache';
import type { BoardReadModel } from './read-model';

interface ThreadBody {
  ancestors: string[];
  replies: [number, string][];
}

export interface ThreadDeps {
  db: Db;
  cache: StreamCache;
  readModel: BoardReadModel;
  now: () => number;
}

export async function loadThread(
  d: ThreadDeps,
  q: { itemId: string; accountId: string; network: Network; workspaceId: string; reader: Reader | null; ctx: ReadContext },
): Promise<ThreadView> {
  const row = d.db
    .prepare<[string, string], { uri: string; network: string; remote_id: string | null }>(
      `SELECT i.uri, i.network, nullif(v.remote_id, '') AS remote_id FROM items i LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = ? WHERE i.id = ?`,
    )
    .get(q.accountId, q.itemId);
  if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  if (row.network !== q.network) throw new AppFailure('action_unsupported', 'This account is on another network.', { action: 'thread', network: q.network });
  let body: ThreadBody;
  let fromCache = false;
  try {
    if (!q.reader) throw new ReadError('unreachable', 'No connection for this account.');
    const remote = await q.reader.thread({ uri: row.uri, remoteId: row.remote_id }, q.ctx);
    const ids = d.cache.putItems([...remote.ancestors, remote.focus, ...remote.replies.map((r) => r.item)], q.accountId, q.network, d.now());
    body = { ancestors: remote.ancestors.map((a) => ids.get(a.uri)!), replies: remote.replies.map((r) => [r.depth, ids.get(r.item.uri)!]) };
    d.db
      .prepare('INSERT INTO item_threads (item_id, account_id, body, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (item_id, account_id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at')
      .run(q.itemId, q.accountId, JSON.stringify(body), d.now());
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    if (err.kind === 'not_found') throw new AppFailure('item_not_found', 'This post is gone from the network.');
    if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message);
    if (err.kind === 'refused') throw new AppFailure('network_refused', err.message);
    // Offline, throttled or failing: the cached thread, or the post alone.
    const cached = d.db.prepare<[string, string], { body: string }>('SELECT body FROM item_threads WHERE item_id = ? AND account_id = ?').get(q.itemId, q.accountId);
    body = cached ? (JSON.parse(cached.body) as ThreadBody) : { ancestors: [], replies: [] };
    fromCache = true;
  }
  const all = [...body.ancestors, q.itemId, ...body.replies.map(([, id]) => id)];
  const items = d.readModel.items(all, q.accountId, q.workspaceId);
  const focus = items.get(q.itemId);
  if (!focus) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  return {
    ancestors: body.ancestors.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])),
    focus,
    replies: body.replies.flatMap(([depth, id]) => (items.has(id) ? [{ depth, item: items.get(id)! }] : [])),
    fromCache,
  };
}

/**
 * A post known by its network id (one Tribune published: "View the post" on a Sent card) as a
 * board item: read with its thread as the publishing account, cached, and its id returned. Offline,
 * the copy already in the cache if there is one.
 */
export async function itemOfRemote(
  d: ThreadDeps,
  q: { accountId: string; network: Network; reader: Reader | null; ctx: ReadContext; uri: string; remoteId: string | null },
): Promise<string> {
  try {
    if (!q.reader) throw new ReadError('unreachable', 'No connection for this account.');
    const remote = await q.reader.thread({ uri: q.uri, remoteId: q.remoteId }, q.ctx);
    const ids = d.cache.putItems([...remote.ancestors, remote.focus, ...remote.replies.map((r) => r.item)], q.accountId, q.network, d.now());
    const id = ids.get(remote.focus.uri)!;
    const body: ThreadBody = { ancestors: remote.ancestors.map((a) => ids.get(a.uri)!), replies: remote.replies.map((r) => [r.depth, ids.get(r.item.uri)!]) };
    d.db
      .prepare('INSERT INTO item_threads (item_id, account_id, body, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT (item_id, account_id) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at')
      .run(id, q.accountId, JSON.stringify(body), d.now());
    return id;
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    if (err.kind === 'not_found') throw new AppFailure('item_not_found', 'This post is gone from the network.');
    if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message);
    const cached = d.db
      .prepare<[string, string, string, string], { id: string }>(
        `SELECT i.id FROM items i LEFT JOIN item_views v ON v.item_id = i.id AND v.account_id = ?
         WHERE i.network = ? AND (i.uri = ? OR v.remote_id = ?) LIMIT 1`,
      )
      .get(q.accountId, q.network, q.uri, q.remoteId ?? q.uri);
    if (cached) return cached.id;
    throw new AppFailure(err.kind === 'unreachable' ? 'network_unreachable' : 'network_refused', err.message);
  }
}
