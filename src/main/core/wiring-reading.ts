/**
 * The reading side of the core, wired: the board (columns from the networks, the cache), the
 * inbox it feeds, and moderation, each reading or acting through the account's connector.
 */
import path from 'node:path';
import { createBoardCore } from './board';
import type { Services } from './handlers';
import { createInboxCore } from './inbox';
import { createModerationCore } from './moderation';
import type { ConnectorRegistry } from './publishing/registry';
import type { WiringContext } from './wiring-context';

export function wireReading(ctx: WiringContext, services: Services, connectors: ConnectorRegistry) {
  const { db, clock, log, emit, options } = ctx;
  /** The account's connector; a session the network refuses marks the account "reconnect needed". */
  const connectorOf = (accountId: string) => {
    const account = services.accounts.get(accountId);
    if (!account || account.removed) return null;
    return connectors.forAccount(account, () => {
      if (services.accounts.setHealth(account.id, 'reconnect_needed')) emit('accounts.changed', { workspaceId: account.workspaceId });
    });
  };
  const inbox = createInboxCore({ db, clock, workspaces: services.workspaces, accounts: services.accounts, emit, moderate: (input) => moderation.service.act(input) });
  const moderation = createModerationCore({
    db,
    clock,
    accounts: services.accounts,
    audit: inbox.audit,
    moderatorFor: (accountId) => connectorOf(accountId)?.moderator ?? null,
    changed: (workspaceId, itemId) => {
      inbox.changed(workspaceId);
      if (itemId) emit('items.changed', { workspaceId, itemIds: [itemId] });
    },
  });
  ctx.on((event, payload) => {
    if (event === 'posts.changed') inbox.postsChanged((payload as { workspaceId: string }).workspaceId);
  });
  const board = createBoardCore({
    db,
    clock,
    accounts: services.accounts,
    workspaces: services.workspaces,
    emit,
    network: {
      log,
      readerFor: (accountId) => connectorOf(accountId)?.reader ?? null,
      keyFor: (network) => (network === 'bluesky' ? (connectors.partKeys('bluesky', 1)[0] ?? null) : null),
      imageDir: path.join(options.dataDir, 'remote-images'),
      allowPrivateImages: options.network?.allowPrivateImages === true,
      onIngest: inbox.onIngest,
    },
  });
  return { board, inbox, moderation };
}
