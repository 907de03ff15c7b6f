/** The conversation panel's command: a direct conversation's messages (Bluesky chat), page by page. */
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../handler-types';
import type { AccountRepository } from '../repositories/accounts';
import type { StreamsPort } from './ports';

export function createConversationHandlers(d: { accounts: AccountRepository; streams: StreamsPort }) {
  return defineHandlers({
    'item.conversation': async ({ itemId, asAccountId, before }) => {
      const account = d.accounts.get(asAccountId);
      if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
      return d.streams.conversation(itemId, asAccountId, account.workspaceId, before ?? null);
    },
  });
}
