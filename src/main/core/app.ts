import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Id } from '../../shared/domain';
import { commands, isCommandName, type EventName } from '../../shared/contract';
import { fail, ok, AppFailure, type Result } from '../../shared/result';
import { systemClock } from './clock';
import { createHandlers, type Handlers, type Services } from './handlers';
import { createNetworkHandlers } from './handlers-network';
import { joinHandlers } from './handler-types';
import { createPublishingHandlers } from './handlers-publishing';
import { ReviewOnEdit } from './calendar/review-on-edit';
import { CalDavAutoSync } from './calendar/caldav-auto';
import { createCalendarCore } from './calendar';
import { ApprovalGate, queuePorts } from './calendar/approval-gate';
import { createBoardCore } from './board';
import { createInboxCore } from './inbox';
import { createModerationCore } from './moderation';
import { postContextOf } from './streams/post-context';
import { networkDrivers } from './connectors';
import { AccountService } from './publishing/accounts';
import { AccountHealthMonitor } from './publishing/health';
import { RemoteDeletion } from './publishing/remote-delete';
import { RemoteDeletionRepository } from './repositories/remote-deletions';
import { ConnectorRegistry, vaultDriverContext } from './publishing/registry';
import { PublishingService } from './publishing/service';
import { MediaRepository } from './repositories/media';
import { MediaImporter } from './media/import';
import { PostTargetRepository } from './repositories/post-targets';
import { WorkspaceSettingsRepository } from './repositories/workspace-settings';
import { createLogger } from './log';
import { AccountRepository } from './repositories/accounts';
import { DraftRepository } from './repositories/drafts';
import { SettingsRepository } from './repositories/settings';
import { WorkspaceRepository } from './repositories/workspaces';
import { maybeDailyBackup, openStore } from './store/database';
import type { Core, CoreEventListener, CoreOptions } from './types';
import { loadSystemKeychain } from './vault/keychain';
import { Vault } from './vault/vault';

const MediaUploadInput = z.object({ workspaceId: Id, fileName: z.string().min(1).max(255) });

export const DATABASE_FILE = 'tribune.sqlite3';
export const BACKUP_DIR = 'backups';
const DAY_MS = 24 * 60 * 60 * 1000;
const BIN_RETENTION_MS = 30 * DAY_MS;
/** The daily backup is looked at this long after start (then hourly), not during it. */
export const DAILY_BACKUP_AFTER_START_MS = 30_000;

/** SQLite errors that mean "the disk said no", as opposed to a bug. */
const storageMessage = (error: unknown): string | null => {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL')) return 'The disk is full: your last change could not be saved. Free some space; what you typed is kept in the window.';
  if (code.startsWith('SQLITE_READONLY')) return 'The data folder is read-only: your last change could not be saved.';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'The disk reported an error: your last change could not be saved. Try again.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'The database is busy (is Tribune open twice?). Try again in a moment.';
  if (code.startsWith('SQLITE_CORRUPT')) return 'The database is damaged. Close Tribune and restore a backup from the data folder.';
  return null;
};

/** Opens the database, the vault and the handlers; throws StoreOpenError when the database must not be touched. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  fs.mkdirSync(options.dataDir, { recursive: true });
  const backupDir = path.join(options.dataDir, BACKUP_DIR);
  const store = await openStore({ file: path.join(options.dataDir, DATABASE_FILE), backupDir, clock });
  const { db } = store;
  if (options.maxDatabasePages) db.pragma(`max_page_count = ${Math.floor(options.maxDatabasePages)}`);

  const keychainResult = options.keychain ? { keychain: options.keychain, problem: null } : await loadSystemKeychain();
  const vault = await Vault.open({ db, dataDir: options.dataDir, keychain: keychainResult.keychain, keychainProblem: keychainResult.problem, clock });
  const log = createLogger((text) => vault.scrubber.scrub(text));

  const listeners = new Set<CoreEventListener>();
  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.error(`event listener failed for ${event}`, error);
      }
    }
  };
  vault.onChange((status) => emit('vault.changed', status));

  const notices: string[] = [];
  if (store.backupsTaken.length > 0) notices.push(`The database was upgraded to version ${store.version}; a backup of the previous version was kept.`);

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
      notices,
      sandbox: options.sandbox ?? false,
      sandboxPdsUrl: options.sandbox ? (options.sandboxPdsUrl ?? null) : null,
    },
  };
  services.drafts.purgeDeleted(clock.now() - BIN_RETENTION_MS);

  const connectors = new ConnectorRegistry(networkDrivers(vaultDriverContext(vault, options.network)), vault);
  const media = new MediaRepository(db, path.join(options.dataDir, 'media'));
  media.clearIncoming();
  const mediaImporter = new MediaImporter({ media, workspaces: services.workspaces, clock });
  const workspaceSettings = new WorkspaceSettingsRepository(db);
  const approvalGate = new ApprovalGate(db);
  const targets = new PostTargetRepository(db, () => clock.now());
  const publishing = new PublishingService({
    db,
    clock,
    gate: approvalGate,
    accounts: services.accounts,
    drafts: services.drafts,
    targets,
    media,
    workspaceSettings,
    connectors,
    log,
    emit: (event, payload) => emit(event, payload),
    emitMissed: (payload) => emit('posts.missed', payload),
    emitReplanned: (report) => emit('posts.replanned', report),
    undoDelayMs: () => services.settings.get().publishUndoSeconds * 1000,
    postContext: (itemId, accountId) => postContextOf(db, itemId, accountId),
    ...options.publishing,
  });
  // An approved post edited where approval is required goes back to review, in the save's transaction.
  const reviewOnEdit = new ReviewOnEdit(db);
  saveDraft = (id, save) => {
    const done = { reopened: null as string | null };
    const outcome = publishing.saveDraft(id, () => {
      const r = reviewOnEdit.save(id, save);
      done.reopened = r.reopened;
      return r.outcome;
    });
    if (done.reopened) emit('calendar.changed', { workspaceId: done.reopened });
    return outcome;
  };
  const accountService = new AccountService({
    clock,
    log,
    accounts: services.accounts,
    vault,
    connectors,
    publishing,
    openBrowser: options.openBrowser ?? (() => undefined),
    emit: (workspaceId) => emit('accounts.changed', { workspaceId }),
  });
  const calendar = createCalendarCore({
    db,
    clock,
    workspaces: services.workspaces,
    drafts: services.drafts,
    settings: services.settings,
    accounts: services.accounts,
    media,
    vault,
    emit,
    // A scheduled post an import moved or rewrote: its queue jobs follow, in the import's transaction.
    replanImported: (draftId, change) => publishing.replanImported(draftId, change),
    // An approved post's targets held for approval go (or follow the missed-post policy).
    onReviewChanged: (draftId) => releaseApproved(draftId),
    onApprovalSettingChanged: (workspaceId, required) => {
      if (!required) for (const draftId of approvalGate.heldPosts(workspaceId)) releaseApproved(draftId);
    },
  });
  // Linked workspaces sync with their CalDAV collection at start, every five minutes, and when back online.
  const caldavAuto = new CalDavAutoSync({
    caldav: calendar.caldav,
    linked: () => calendar.caldav.linked(),
    workspace: (id) => services.workspaces.get(id),
    emit,
    log: (message) => log.info(message),
    ...(options.caldavTimers ? { timers: options.caldavTimers } : {}),
  });
  function releaseApproved(draftId: string): void {
    const report = db.transaction(() => approvalGate.release(draftId, clock.now(), queuePorts(targets)))();
    if (!report) return;
    if (report.awaitingDecision.length || report.skipped.length) emit('posts.missed', report);
    emit('posts.changed', { workspaceId: report.workspaceId });
    publishing.wake('changed');
  }
  const health = new AccountHealthMonitor({ clock, log, accounts: services.accounts, connectors, emit: (workspaceId) => emit('accounts.changed', { workspaceId }) });
  // A new or moved post may be due before the next check of its account.
  listeners.add((event) => {
    if (event === 'posts.changed') health.postsChanged();
  });
  const remoteDeletion = new RemoteDeletion({
    clock,
    log,
    accounts: services.accounts,
    drafts: services.drafts,
    targets,
    deletions: new RemoteDeletionRepository(db),
    connectors,
    view: (draftId) => publishing.view(draftId),
    postsChanged: (workspaceId) => emit('posts.changed', { workspaceId }),
    reconnectNeeded: (account) => {
      if (services.accounts.get(account.id)?.health !== 'reconnect_needed' && services.accounts.setHealth(account.id, 'reconnect_needed')) {
        emit('accounts.changed', { workspaceId: account.workspaceId });
      }
    },
  });
  /** The computer woke up or the connection came back: due and parked posts go, sessions are checked. */
  const wake = (reason: 'resume' | 'online') => {
    publishing.wake(reason);
    void health.check(reason);
    caldavAuto.wake();
    board.wake();
    moderation.service.wake();
  };
  const inbox = createInboxCore({ db, clock, workspaces: services.workspaces, accounts: services.accounts, emit, moderate: (input) => moderation.service.act(input) });
  const moderation = createModerationCore({
    db,
    clock,
    accounts: services.accounts,
    audit: inbox.audit,
    moderatorFor: (accountId) => {
      const account = services.accounts.get(accountId);
      if (!account || account.removed) return null;
      return (
        connectors.forAccount(account, () => {
          if (services.accounts.setHealth(account.id, 'reconnect_needed')) emit('accounts.changed', { workspaceId: account.workspaceId });
        }).moderator ?? null
      );
    },
    changed: (workspaceId, itemId) => {
      inbox.changed(workspaceId);
      if (itemId) emit('items.changed', { workspaceId, itemIds: [itemId] });
    },
  });
  listeners.add((event, payload) => {
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
      readerFor: (accountId) => {
        const account = services.accounts.get(accountId);
        if (!account || account.removed) return null;
        return connectors.forAccount(account, () => {
          if (services.accounts.setHealth(account.id, 'reconnect_needed')) emit('accounts.changed', { workspaceId: account.workspaceId });
        }).reader ?? null;
      },
      keyFor: (network) => (network === 'bluesky' ? (connectors.partKeys('bluesky', 1)[0] ?? null) : null),
      imageDir: path.join(options.dataDir, 'remote-images'),
      allowPrivateImages: options.network?.allowPrivateImages === true,
      onIngest: inbox.onIngest,
    },
  });
  // Each domain declares its own handlers; together they must cover the contract exactly once.
  const handlers: Handlers = joinHandlers(
    createHandlers(services),
    createNetworkHandlers({ online: () => wake('online'), deleteRemote: (targetId) => remoteDeletion.deleteTarget(targetId) }),
    createPublishingHandlers({ clock, publishing, accountService, accounts: services.accounts, media, mediaImporter, workspaces: services.workspaces, workspaceSettings }),
    calendar.handlers,
    board.handlers,
    inbox.handlers,
    moderation.handlers,
  );
  // Publishing and the session checks need the accounts' tokens: they start once the vault can give them.
  const startPublishing = () => {
    publishing.start();
    void health.start();
    caldavAuto.start();
    board.start();
    inbox.start();
    moderation.service.start();
  };
  if (vault.status().state === 'ready') startPublishing();
  vault.onChange((status) => {
    if (status.state === 'ready') startPublishing();
  });

  // Closing waits for a backup in progress, so it never races the database handle.
  let backupInFlight: Promise<unknown> = Promise.resolve();
  let backupLooked = false;
  const backupNow = () => {
    backupLooked = true;
    backupInFlight = maybeDailyBackup(db, { backupDir, clock }).catch((error: unknown) => log.error('daily backup failed', error));
  };
  // Not while the first screen paints (copying a 90 MB board cache competes with it): a little
  // after start, then hourly; a session closed before that takes the day's backup as it closes.
  const firstBackup = setTimeout(backupNow, DAILY_BACKUP_AFTER_START_MS);
  firstBackup.unref();
  const backupTimer = setInterval(backupNow, 60 * 60 * 1000);
  backupTimer.unref();

  /** Every failure becomes a typed Result: AppFailure keeps its code, disk errors say so, the rest is "internal". */
  const run = async <T>(label: string, body: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.code, vault.scrubber.scrub(error.message), undefined, error.params);
      const storage = storageMessage(error);
      if (storage) {
        log.error(`storage error in ${label}`, error);
        return fail('storage_failed', storage);
      }
      log.error(`handler ${label} threw`, error);
      return fail('internal', 'Tribune hit an internal error; nothing was lost. Please report it.');
    }
  };

  let closed = false;
  return {
    dataDir: options.dataDir,
    async handle(command: string, input: unknown): Promise<Result<unknown>> {
      if (closed) return fail('internal', 'Tribune is shutting down.');
      if (!isCommandName(command)) return fail('unknown_command', `Unknown command "${String(command).slice(0, 64)}".`);
      const spec = commands[command];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail(
          'invalid_input',
          `The request "${command}" was malformed.`,
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      return run(command, async () => {
        const value = await (handlers[command] as (i: unknown) => unknown)(parsed.data);
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          log.error(`handler ${command} returned a value outside the contract: ${checked.error.message}`);
          return fail('internal', 'Tribune hit an internal error; nothing was lost. Please report it.');
        }
        return ok(checked.data);
      });
    },
    mediaUploads: {
      incomingDir: () => mediaImporter.incomingDir(),
      import: (input, file) => {
        if (closed) {
          fs.rmSync(file, { force: true });
          return Promise.resolve(fail('internal', 'Tribune is shutting down.'));
        }
        const parsed = MediaUploadInput.safeParse(input);
        if (!parsed.success) {
          fs.rmSync(file, { force: true });
          return Promise.resolve(fail('invalid_input', 'The upload did not say which workspace and file name it is for.'));
        }
        return run('media upload', async () => ok(await mediaImporter.fromFile(parsed.data, file)));
      },
    },
    wake,
    remoteImage: (key) => (closed ? Promise.resolve(null) : board.image(key)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(firstBackup);
      clearInterval(backupTimer);
      health.stop();
      caldavAuto.stop();
      board.stop();
      inbox.stop();
      await moderation.service.stop();
      await publishing.stop();
      if (!backupLooked) backupNow();
      await backupInFlight;
      listeners.clear();
      store.close();
    },
  };
}
