/**
 * The planning and publishing side of the core, wired: connectors, media, the publishing
 * service (queue, scheduler, offline probe), accounts and their session checks, deleting from
 * the network, the calendar and its CalDAV sync, approval.
 */
import path from 'node:path';
import { ReviewOnEdit } from './calendar/review-on-edit';
import { CalDavAutoSync } from './calendar/caldav-auto';
import { createCalendarCore } from './calendar';
import { ApprovalGate, queuePorts } from './calendar/approval-gate';
import { networkDrivers } from './connectors';
import type { Services } from './handlers';
import { MediaImporter } from './media/import';
import { AccountService } from './publishing/accounts';
import { AccountHealthMonitor } from './publishing/health';
import { ConnectorRegistry, vaultDriverContext } from './publishing/registry';
import { RemoteDeletion } from './publishing/remote-delete';
import { PublishingService } from './publishing/service';
import { MediaRepository } from './repositories/media';
import { PostTargetRepository } from './repositories/post-targets';
import { RemoteDeletionRepository } from './repositories/remote-deletions';
import { WorkspaceSettingsRepository } from './repositories/workspace-settings';
import { postContextOf } from './streams/post-context';
import type { WiringContext } from './wiring-context';

export function wirePublishing(ctx: WiringContext, services: Services) {
  const { db, clock, vault, log, emit, options } = ctx;
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
  const saveDraft: Services['saveDraft'] = (id, save) => {
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
    ...(options.caldavFetch ? { caldavFetch: options.caldavFetch } : {}),
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
  ctx.on((event) => {
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
  return { connectors, media, mediaImporter, workspaceSettings, publishing, saveDraft, accountService, calendar, caldavAuto, health, remoteDeletion };
}
