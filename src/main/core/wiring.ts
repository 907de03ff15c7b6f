/**
 * The core's services, wired together (wiring-publishing.ts: planning and publishing;
 * wiring-reading.ts: board, inbox, moderation), their handlers joined, and what starts, wakes
 * and stops them. openCore (app.ts) opens the store and the vault first, and closes them last.
 */
import { createHandlers, type Handlers, type Services } from './handlers';
import { createNetworkHandlers } from './handlers-network';
import { joinHandlers } from './handler-types';
import { createPublishingHandlers } from './handlers-publishing';
import type { MediaImporter } from './media/import';
import { AccountRepository } from './repositories/accounts';
import { DraftRepository } from './repositories/drafts';
import { SettingsRepository } from './repositories/settings';
import { WorkspaceRepository } from './repositories/workspaces';
import type { Core } from './types';
import type { WiringContext } from './wiring-context';
import { wirePublishing } from './wiring-publishing';
import { wireReading } from './wiring-reading';

const DAY_MS = 24 * 60 * 60 * 1000;
const BIN_RETENTION_MS = 30 * DAY_MS;

export interface Wired {
  handlers: Handlers;
  mediaImporter: MediaImporter;
  /** The computer woke up or the connection came back: due and parked posts go, sessions are checked. */
  wake: Core['wake'];
  /** Publishing, session checks, syncs and the board's loops; they need the accounts' tokens (the vault ready). */
  start(): void;
  /** Stops them all, waiting for publications and moderation actions in flight. */
  stop(): Promise<void>;
  remoteImage: Core['remoteImage'];
}

export function wireCore(ctx: WiringContext): Wired {
  const { db, clock, vault, emit, options } = ctx;
  // Set once publishing exists below; saves before that cannot happen (no handler runs yet).
  let saveDraft: Services['saveDraft'] = (_id, save) => save();
  const services: Services = {
    clock,
    saveDraft: (id, save) => saveDraft(id, save),
    workspaces: new WorkspaceRepository(db),
    drafts: new DraftRepository(db),
    accounts: new AccountRepository(db),
    settings: new SettingsRepository(db),
    vault,
    emit,
    info: {
      version: options.version ?? '0.0.0',
      dataDir: options.dataDir,
      host: options.host,
      systemLanguage: options.systemLocale?.toLowerCase().startsWith('fr') ? 'fr' : 'en',
      notices: ctx.notices,
      sandbox: options.sandbox ?? false,
      sandboxPdsUrl: options.sandbox ? (options.sandboxPdsUrl ?? null) : null,
    },
  };
  services.drafts.purgeDeleted(clock.now() - BIN_RETENTION_MS);

  const pub = wirePublishing(ctx, services);
  saveDraft = pub.saveDraft;
  const { publishing, health, caldavAuto } = pub;
  const { board, inbox, moderation } = wireReading(ctx, services, pub.connectors);

  const wake = (reason: 'resume' | 'online') => {
    publishing.wake(reason);
    void health.check(reason);
    caldavAuto.wake();
    board.wake();
    moderation.service.wake();
  };
  // Each domain declares its own handlers; together they must cover the contract exactly once.
  const handlers: Handlers = joinHandlers(
    createHandlers(services),
    createNetworkHandlers({ online: () => wake('online'), deleteRemote: (targetId) => pub.remoteDeletion.deleteTarget(targetId) }),
    createPublishingHandlers({
      clock,
      publishing,
      accountService: pub.accountService,
      accounts: services.accounts,
      media: pub.media,
      mediaImporter: pub.mediaImporter,
      workspaces: services.workspaces,
      workspaceSettings: pub.workspaceSettings,
    }),
    pub.calendar.handlers,
    board.handlers,
    inbox.handlers,
    moderation.handlers,
  );
  return {
    handlers,
    mediaImporter: pub.mediaImporter,
    wake,
    start() {
      publishing.start();
      void health.start();
      caldavAuto.start();
      board.start();
      inbox.start();
      moderation.service.start();
    },
    async stop() {
      health.stop();
      caldavAuto.stop();
      board.stop();
      inbox.stop();
      await moderation.service.stop();
      await publishing.stop();
    },
    remoteImage: (key) => board.image(key),
  };
}
