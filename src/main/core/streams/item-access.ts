/**
 * What the board asks of one item or one column on a person's behalf, outside the polling
 * engine: a column's preview (its first posts, cached, before it is added) and an action on an
 * item (checked here: the account's network, a chat message, who may delete, no Bluesky
 * bookmarks; then queued and sent by actions.ts).
 */
import type { ColumnEntry, ColumnQuery, ColumnType, ItemAction } from '../../../shared/board/schemas';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { ReadError, type Reader } from '../connectors/reader';
import type { AccountRepository } from '../repositories/accounts';
import type { Db } from '../store/database';
import type { ActionQueue } from './actions';
import type { StreamCache } from './cache';
import type { BoardReadModel } from './read-model';

export interface ItemDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  readerFor(accountId: string): Reader | null;
  cache: StreamCache;
  readModel: BoardReadModel;
}

export interface ActDeps {
  actions: ActionQueue;
  emitItems(workspaceId: string, itemIds: string[]): void;
}

/** The first posts a column would show, cached so the cards can open; nothing is stored for the column itself. */
export async function previewColumn(d: ItemDeps, accountId: string, type: ColumnType, query: ColumnQuery, workspaceId: string): Promise<ColumnEntry[]> {
  const account = d.accounts.get(accountId);
  const reader = d.readerFor(accountId);
  if (!account || !reader) throw new AppFailure('account_not_found', 'This account is no longer connected.');
  if (!reader.supports(type)) throw new AppFailure('column_unsupported', `${account.network} cannot show this column.`, { network: account.network, type });
  try {
    const page = await reader.read({ type, query }, null, 20);
    const ids = d.cache.putItems(page.entries.flatMap((e) => (e.item ? [e.item] : [])), accountId, account.network, d.clock.now());
    const items = d.readModel.items([...ids.values()], accountId, workspaceId);
    return page.entries.flatMap((e): ColumnEntry[] => {
      const item = e.item ? (items.get(ids.get(e.item.uri)!) ?? null) : null;
      // A preview shows the posts (a notification's post too); actors of notifications wait for the column.
      return item ? [{ kind: 'item', key: e.key, cursor: e.key, item, repostedBy: null }] : [];
    });
  } catch (err) {
    if (err instanceof ReadError) throw new AppFailure(err.kind === 'unreachable' ? 'network_unreachable' : 'network_refused', err.message);
    throw err;
  }
}

/** Queues the action (the item's view changes at once), sends it now if it can, and answers the item as it is then. */
export async function actOnItem(d: ItemDeps & ActDeps, itemId: string, asAccountId: string, action: ItemAction, workspaceId: string) {
  const account = d.accounts.get(asAccountId)!;
  const own = d.db
    .prepare<[string], { network: string; remote_id: string; uri: string }>('SELECT i.network, i.uri, a.remote_id FROM items i JOIN actors a ON a.id = i.author_id WHERE i.id = ?')
    .get(itemId);
  if (!own) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  if (own.network !== account.network) throw new AppFailure('action_unsupported', 'This account is on another network.', { action, network: account.network });
  if (own.uri.startsWith('chat:')) throw new AppFailure('action_unsupported', 'A direct message is answered in its conversation.', { action, network: account.network });
  if (action === 'delete' && own.remote_id !== account.remoteId && !own.remote_id.toLowerCase().startsWith(account.handle.toLowerCase())) {
    throw new AppFailure('action_not_allowed', 'Only the author can delete a post.', { action });
  }
  if ((action === 'bookmark' || action === 'unbookmark') && account.network === 'bluesky') {
    throw new AppFailure('action_unsupported', 'Bluesky has no bookmarks here.', { action, network: account.network });
  }
  const { actionId, cancelled } = d.actions.enqueue(itemId, asAccountId, action);
  d.emitItems(workspaceId, [itemId]);
  if (!cancelled) await d.actions.drain();
  const state = cancelled ? { state: 'done', error_code: null, error_message: null } : d.actions.state(actionId);
  if (state?.state === 'failed') throw new AppFailure('action_refused', state.error_message ?? 'The network refused this action.', { action });
  const item = d.readModel.items([itemId], asAccountId, workspaceId).get(itemId);
  if (!item) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  return { actionId, state: state?.state === 'done' ? ('done' as const) : ('queued' as const), item };
}
