/**
 * Answering in a direct conversation (a Bluesky chat item: `chat:<convo>:<message>`): the
 * message goes to the conversation through the account's reader, then the account's Direct
 * messages columns refresh so the answer shows. Mastodon direct messages are statuses: they
 * are answered with a post (the composer), not here.
 */
import { AppFailure } from '../../../shared/result';
import { ReadError, type ReadContext, type Reader } from '../connectors/reader';
import type { BoardRepository } from '../repositories/boards';
import type { Db } from '../store/database';

export interface MessageDeps {
  db: Db;
  boards: BoardRepository;
  readerFor(accountId: string): Reader | null;
  ctxFor(accountId: string): ReadContext;
  refresh(columnId: string): Promise<unknown>;
}

export async function sendMessage(d: MessageDeps, itemId: string, accountId: string, text: string): Promise<void> {
  const item = d.db.prepare<[string], { uri: string; network: string }>('SELECT uri, network FROM items WHERE id = ?').get(itemId);
  if (!item) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
  const reader = d.readerFor(accountId);
  if (!reader?.sendMessage || !item.uri.startsWith('chat:')) {
    throw new AppFailure('action_unsupported', 'Only a direct message can be answered this way.', { action: 'message', network: item.network });
  }
  try {
    await reader.sendMessage(item.uri, text, d.ctxFor(accountId));
  } catch (err) {
    if (!(err instanceof ReadError)) throw err;
    if (err.kind === 'chat_not_allowed') throw new AppFailure('chat_not_allowed', err.message);
    if (err.kind === 'unreachable') throw new AppFailure('network_unreachable', err.message);
    throw new AppFailure('message_refused', err.message);
  }
  const columns = d.boards.networkColumns().filter((c) => c.account_id === accountId && c.type === 'direct');
  await Promise.all(columns.map((c) => d.refresh(c.id).catch(() => undefined)));
}
