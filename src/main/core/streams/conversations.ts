/**
 * A direct conversation's messages (Bluesky chat) for the conversation panel: read a page at a
 * time from the network as the account, cached as items (so the panel still opens offline, from
 * what was read before), and marked read on the server when its newest page is shown.
 */
import type { ConversationView } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import { ReadError, type ReadContext, type Reader } from '../connectors/reader';
import type { Logger } from '../log';
import type { ThreadDeps } from './threads';

/** Messages per page. */
export const CONVERSATION_PAGE = 30;

export async function loadConversation(
  d: ThreadDeps & { log: Logger },
  q: { itemId: string; accountId: string; network: Network; workspaceId: string; reader: Reader | null; ctx: ReadContext; before: string | null },
): Promise<ConversationView> {
  const row = d.db.prepare<[string], { uri: string; network: string }>('SELECT uri, network FROM items WHERE id = ?').get(q.itemId);
  if (!row) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  const reader = q.reader;
  if (row.network !== q.network || !row.uri.startsWith('chat:') || (reader && !reader.messages)) {
    throw new AppFailure('action_unsupported', 'Only a direct conversation opens this way.', { action: 'conversation', network: q.network });
  }
  // Every message of the conversation: URIs from `chat:<convo>:` up to `chat:<convo>;` (the next character).
  const convoPrefix = row.uri.slice(0, row.uri.indexOf(':', 'chat:'.length) + 1);
  const convoEnd = `${convoPrefix.slice(0, -1)};`;
  try {
    if (!reader?.messages) throw new ReadError('unreachable', 'No connection for this account.');
    const page = await reader.messages(row.uri, q.before, CONVERSATION_PAGE, q.ctx);
    const ids = d.cache.putItems(page.items, q.accountId, q.network, d.now());
    const newest = page.items[0];
    if (q.before === null && newest && reader.markConversationRead) {
      await reader.markConversationRead(newest.uri, q.ctx).catch((err: unknown) => d.log.info(`conversation not marked read: ${String(err)}`));
    }
    const order = page.items.map((i) => ids.get(i.uri)!).reverse();
    const items = d.readModel.items(order, q.accountId, q.workspaceId);
    return { messages: order.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])), olderCursor: page.olderCursor, fromCache: false };
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    if (err.kind === 'chat_not_allowed') throw new AppFailure('chat_not_allowed', err.message);
    if (err.kind === 'reconnect_needed') throw new AppFailure('account_reconnect_needed', err.message);
    if (err.kind === 'refused' || err.kind === 'not_found') throw new AppFailure('network_refused', err.message);
    if (q.before !== null) throw new AppFailure('network_unreachable', err.message);
    // Offline, throttled or failing: the messages read before, oldest first.
    const cached = d.db
      .prepare<[string, string, string], { id: string }>(
        `SELECT i.id FROM items i JOIN item_views v ON v.item_id = i.id AND v.account_id = ?
         WHERE i.network = 'bluesky' AND i.uri >= ? AND i.uri < ? ORDER BY i.created_at, i.uri`,
      )
      .all(q.accountId, convoPrefix, convoEnd)
      .map((r) => r.id);
    const items = d.readModel.items(cached, q.accountId, q.workspaceId);
    return { messages: cached.flatMap((id) => (items.has(id) ? [items.get(id)!] : [])), olderCursor: null, fromCache: true };
  }
}
