/**
 * The publishing core, assembled: commands (commands.ts), the read model (read-model.ts) and the
 * job runner (runner.ts) over the SQL queue, with the scheduler that calls the runner, and the
 * probe that tries again posts waiting for the connection.
 */
import type { Account } from '../../../shared/domain';
import type { DraftContent, PostView, ReplanReport, TargetProblem } from '../../../shared/publishing';
import type { Clock } from '../clock';
import type { AccountRepository } from '../repositories/accounts';
import type { DraftRepository, SaveOutcome } from '../repositories/drafts';
import type { MediaRepository } from '../repositories/media';
import type { PostTargetRepository } from '../repositories/post-targets';
import { PostViewQueries } from '../repositories/post-views';
import type { WorkspaceSettingsRepository } from '../repositories/workspace-settings';
import { Scheduler } from '../scheduler/scheduler';
import { systemTimers, type TimerPort } from '../scheduler/ports';
import type { Db } from '../store/database';
import type { Logger } from '../log';
import { PublishingCommands } from './commands';
import { capabilitiesOf, notFound, planDraft, readContent } from './plan';
import { PostReadModel } from './read-model';
import type { ConnectorRegistry } from './registry';
import { JobRunner } from './runner';

export interface PublishingDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  drafts: DraftRepository;
  targets: PostTargetRepository;
  media: MediaRepository;
  workspaceSettings: WorkspaceSettingsRepository;
  connectors: ConnectorRegistry;
  log: Logger;
  emit: (event: 'posts.changed' | 'drafts.changed' | 'accounts.changed', payload: { workspaceId: string }) => void;
  emitMissed: (payload: { workspaceId: string; published: string[]; awaitingDecision: string[]; skipped: string[] }) => void;
  /** A planned post was edited and re-planning did something the person must know. */
  emitReplanned?: (report: ReplanReport) => void;
  /** Approval gating, consulted before each publication (calendar/approval-gate.ts). */
  gate?: { mustWait(draftId: string): boolean };
  /** The board's cache: what a reply or a quote refers to, for an account. */
  postContext?: (itemId: string, accountId: string) => import('../connectors/types').PostContext | null;
  /** "Publish now" waits this long (the person can undo meanwhile); 0 by default. */
  undoDelayMs?: () => number;
  timers?: TimerPort;
  /** Tests shorten these. */
  retry?: { baseMs: number; maxMs: number };
  maxAttempts?: number;
  concurrencyPerNetwork?: number;
  publishTimeoutMs?: number;
}

/** How often posts waiting for the connection are tried again. */
export const OFFLINE_PROBE_MS = 60_000;

export class PublishingService {
  readonly scheduler: Scheduler;
  readonly commands: PublishingCommands;
  readonly posts: PostReadModel;
  private readonly runner: JobRunner;
  private started = false;
  private offlineProbe: unknown = null;

  constructor(private readonly d: PublishingDeps) {
    this.posts = new PostReadModel(new PostViewQueries(d.db), d.targets);
    const changed = (workspaceId: string, draftsToo = false) => this.changed(workspaceId, draftsToo);
    this.runner = new JobRunner({ ...d, markReconnect: (account) => this.markReconnect(account), changed });
    this.commands = new PublishingCommands({
      ...d,
      undoDelayMs: d.undoDelayMs ?? (() => 0),
      view: (draftId) => this.posts.view(draftId),
      changed: (workspaceId, draftsToo) => {
        changed(workspaceId, draftsToo);
        this.wake('changed');
      },
      replanned: (report) => d.emitReplanned?.(report),
    });
    const q = d.targets;
    // After a change a person can see, the columns are told (the post's own column is written with the target).
    const after = (jobId: string) => {
      const row = q.get(jobId);
      const draft = row ? d.drafts.get(row.draft_id) : null;
      if (draft) changed(draft.workspaceId);
    };
    this.scheduler = new Scheduler({
      clock: d.clock,
      timers: d.timers ?? systemTimers,
      queue: {
        nextWakeAt: (networks) => q.nextWakeAt(networks),
        claimDue: (now, limit, network) => q.claimDue(now, limit, network),
        recordAttempt: (id, attempt) => q.recordAttempt(id, attempt),
        listOverdue: (now) => q.listOverdue(now),
        reschedule: (id, at) => (q.reschedule(id, at), after(id)),
        markFailed: (id, reason) => (q.markFailed(id, reason), after(id)),
        markSent: (id, remote) => (q.markSent(id, remote), after(id)),
        hold: (id, hold) => (q.hold(id, hold), after(id)),
        cancel: (id) => (q.cancel(id), after(id)),
        holdForDecision: (ids) => q.holdForDecision(ids),
        markSkipped: (ids) => q.markSkipped(ids),
      },
      publish: (job, signal) => this.runner.publish(job, signal),
      concurrencyPerNetwork: d.concurrencyPerNetwork ?? 3,
      maxAttempts: d.maxAttempts ?? 6,
      publishTimeoutMs: d.publishTimeoutMs ?? 120_000,
      ...(d.retry ? { retry: d.retry } : {}),
      missedPolicy: (job) => this.runner.missedPolicyFor(job),
      onMissed: (report) => this.runner.reportMissed(report),
      onError: (message, error) => d.log.error(message, error),
    });
  }

  /** Starts publishing (once the vault can give connectors their tokens). Claims left by a crash go back to the queue; posts' columns are repaired. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const released = this.d.targets.releaseClaims();
    if (released > 0) this.d.log.info(`${released} publication(s) interrupted by the last stop are back in the queue`);
    this.scheduler.start();
    this.armOfflineProbe();
  }

  /** Posts waiting for the connection are tried again regularly (and at once when the host says it is back). */
  private armOfflineProbe(): void {
    const timers = this.d.timers ?? systemTimers;
    this.offlineProbe = timers.setTimeout(() => {
      if (!this.started) return;
      this.connectionMayBeBack();
      this.armOfflineProbe();
    }, OFFLINE_PROBE_MS);
  }

  /** The network may be back (the host saw it, or the periodic probe): posts that waited for it go now. */
  connectionMayBeBack(): void {
    if (this.d.targets.unparkOffline(this.d.clock.now()) > 0) this.wake('online');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    (this.d.timers ?? systemTimers).clearTimeout(this.offlineProbe);
    this.offlineProbe = null;
    await this.scheduler.stop();
  }

  wake(reason: 'resume' | 'online' | 'changed'): void {
    if (!this.started) return;
    if (reason === 'online' || reason === 'resume') this.d.targets.unparkOffline(this.d.clock.now());
    this.scheduler.wake(reason);
  }

  content(draftId: string): DraftContent {
    const row = this.d.drafts.publishing(draftId);
    if (!row) throw notFound('draft');
    return readContent(row.content);
  }

  /** Every target's problems, computed offline from cached capabilities (or the network's defaults). */
  validate(draftId: string): TargetProblem[] {
    return planDraft(this.d, draftId).problems;
  }

  capabilities(account: Pick<Account, 'id' | 'network'>) {
    return capabilitiesOf(this.d, account);
  }

  publishNow = (draftId: string) => this.commands.publishNow(draftId);
  schedule = (draftId: string, atMs: number, timeZone: string) => this.commands.schedule(draftId, atMs, timeZone);
  addToQueue = (draftId: string) => this.commands.addToQueue(draftId);
  cancel = (draftId: string) => this.commands.cancel(draftId);
  retryTarget = (targetId: string) => this.commands.retryTarget(targetId);
  resolveMissed = (targetIds: string[], decision: 'publish_now' | 'skip') => this.commands.resolveMissed(targetIds, decision);
  saveDraft = (draftId: string, save: () => SaveOutcome) => this.commands.saveAndReplan(draftId, save);
  replanImported = (draftId: string, change: { before: DraftContent; movedTo: number | null; timeZone: string | null }) => this.commands.replanImported(draftId, change);
  list = (workspaceId: string, column: 'scheduled' | 'sent'): PostView[] => this.posts.list(workspaceId, column);
  view = (draftId: string): PostView => this.posts.view(draftId);

  removeAccountTargets(accountId: string, deleteHistory: boolean): void {
    this.d.targets.removeAccount(accountId, deleteHistory);
  }

  /** The account came back (reconnected): what waited for it goes again. */
  accountReconnected(accountId: string, workspaceId: string): void {
    if (this.d.targets.unparkAccount(accountId) > 0) {
      this.changed(workspaceId);
      this.wake('changed');
    }
  }

  private markReconnect(account: Pick<Account, 'id' | 'workspaceId'>): void {
    if (this.d.accounts.setHealth(account.id, 'reconnect_needed')) this.d.emit('accounts.changed', { workspaceId: account.workspaceId });
  }

  /** The Scheduled and Sent columns follow every change; the Drafts column only when a post leaves or rejoins it. */
  private changed(workspaceId: string, draftsToo = false): void {
    this.d.emit('posts.changed', { workspaceId });
    if (draftsToo) this.d.emit('drafts.changed', { workspaceId });
  }
}
