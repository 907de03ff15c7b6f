/**
 * From a draft to the networks: turns a draft into targets (one per account, keys chosen
 * now), runs the scheduler over the SQL queue, and publishes each due target through its
 * account's connector, recording every part as soon as it is out.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../shared/domain';
import { checkTarget, contentForTarget, isBlocking } from '../../../shared/rules';
import {
  DraftContent,
  EMPTY_DRAFT_CONTENT,
  type Capabilities,
  type PostContent,
  type PostView,
  type TargetProblem,
  type TargetView,
} from '../../../shared/publishing';
import { MissedPolicy } from '../../../shared/schedule/missed';
import { nextFreeSlot, validateScheduleTime } from '../../../shared/schedule/slots';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { toIso } from '../clock';
import { PublishError, type Connector, type MediaFile } from '../connectors/types';
import type { AccountRepository } from '../repositories/accounts';
import type { DraftRepository } from '../repositories/drafts';
import type { MediaRepository } from '../repositories/media';
import type { PostTargetRepository, TargetRow } from '../repositories/post-targets';
import type { WorkspaceSettingsRepository } from '../repositories/workspace-settings';
import { Scheduler, type MissedReport } from '../scheduler/scheduler';
import { systemTimers, type Job, type Outcome, type QueuePort, type TimerPort } from '../scheduler/ports';
import type { Db } from '../store/database';
import type { Logger } from '../log';
import type { ConnectorRegistry } from './registry';

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
  timers?: TimerPort;
  /** Tests shorten these. */
  retry?: { baseMs: number; maxMs: number };
  maxAttempts?: number;
  concurrencyPerNetwork?: number;
  publishTimeoutMs?: number;
}

/** How often posts waiting for the connection are tried again. */
export const OFFLINE_PROBE_MS = 60_000;

const notFound = (what: string) => new AppFailure('not_found', `${what} was not found (it may have been deleted).`);

export class PublishingService {
  readonly scheduler: Scheduler;
  private started = false;
  private offlineProbe: unknown = null;

  constructor(private readonly d: PublishingDeps) {
    this.scheduler = new Scheduler({
      clock: d.clock,
      timers: d.timers ?? systemTimers,
      queue: this.observedQueue(),
      publish: (job, signal) => this.publishJob(job, signal),
      concurrencyPerNetwork: d.concurrencyPerNetwork ?? 3,
      maxAttempts: d.maxAttempts ?? 6,
      publishTimeoutMs: d.publishTimeoutMs ?? 120_000,
      ...(d.retry ? { retry: d.retry } : {}),
      missedPolicy: (job) => this.missedPolicyFor(job),
      onMissed: (report) => this.reportMissed(report),
      onError: (message, error) => d.log.error(message, error),
    });
  }

  /** The SQL queue, plus: after each final or visible change of a target, its post's state and columns follow. */
  private observedQueue(): QueuePort {
    const q = this.d.targets;
    const after = (jobId: string) => this.settle(jobId);
    return {
      nextWakeAt: (networks) => q.nextWakeAt(networks),
      claimDue: (now, limit, network) => q.claimDue(now, limit, network),
      recordAttempt: (id, attempt) => q.recordAttempt(id, attempt),
      listOverdue: (now) => q.listOverdue(now),
      reschedule: (id, at) => (q.reschedule(id, at), after(id)),
      markFailed: (id, reason) => (q.markFailed(id, reason), after(id)),
      markSent: (id, remote) => (q.markSent(id, remote), after(id)),
      park: (id, reason) => (q.park(id, reason), after(id)),
      holdForDecision: (ids) => (q.holdForDecision(ids), ids.forEach(after)),
      markSkipped: (ids, reason) => (q.markSkipped(ids, reason), ids.forEach(after)),
    };
  }

  /** A post is done once none of its targets is still open; the columns are told either way. */
  private settle(targetId: string): void {
    const target = this.d.targets.get(targetId);
    const draft = target ? this.d.drafts.get(target.draft_id) : null;
    if (!target || !draft) return;
    const open = this.d.targets.byDraft(target.draft_id).some((t) => t.status === 'pending' || t.status === 'claimed' || t.status === 'held');
    const row = this.d.drafts.publishing(target.draft_id);
    if (!open && row?.state === 'scheduled') this.d.drafts.setState(target.draft_id, 'done', row.scheduledAt, row.timeZone, this.d.clock.now());
    this.changed(draft.workspaceId);
  }

  /** Starts publishing (once the vault can give connectors their tokens). Claims left by a crash go back to the queue. */
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

  // Drafts' content

  content(draftId: string): DraftContent {
    const row = this.d.drafts.publishing(draftId);
    if (!row) throw notFound('This draft');
    if (!row.content) return EMPTY_DRAFT_CONTENT;
    const parsed = DraftContent.safeParse(JSON.parse(row.content));
    return parsed.success ? parsed.data : EMPTY_DRAFT_CONTENT;
  }

  // Validation

  /** Every target's problems, computed offline from cached capabilities (or the network's defaults). */
  validate(draftId: string): TargetProblem[] {
    const { problems } = this.plan(draftId);
    return problems;
  }

  private plan(draftId: string) {
    const draft = this.d.drafts.get(draftId);
    if (!draft || draft.deleted) throw notFound('This draft');
    const content = this.content(draftId);
    const settings = this.d.workspaceSettings.get(draft.workspaceId);
    const problems: TargetProblem[] = [];
    const ready: { account: Account; post: PostContent }[] = [];
    for (const target of content.targets) {
      const account = this.d.accounts.get(target.accountId);
      if (!account || account.removed || account.workspaceId !== draft.workspaceId) {
        problems.push({ accountId: target.accountId, problems: [{ code: 'account_removed', severity: 'block' }] });
        continue;
      }
      const post = contentForTarget(draft.text, content, target);
      const report = checkTarget(post, this.capabilities(account), {
        requireAltText: settings.requireAltText,
        mediaMime: (id) => this.d.media.get(id)?.mime,
        mediaExists: (id) => this.d.media.get(id) !== null,
      });
      if (report.problems.length > 0) problems.push({ accountId: account.id, problems: report.problems });
      if (!report.blocked) ready.push({ account, post });
    }
    return { draft, content, problems, ready };
  }

  capabilities(account: Pick<Account, 'id' | 'network'>): Capabilities {
    return this.d.accounts.cachedCapabilities(account.id) ?? this.d.connectors.defaultCapabilities(account.network);
  }

  // The three ways out

  publishNow(draftId: string) {
    return this.enqueue(draftId, () => this.d.clock.now(), null);
  }

  schedule(draftId: string, atMs: number, timeZone: string) {
    const check = validateScheduleTime(atMs, this.d.clock.now());
    if (!check.ok) throw new AppFailure('invalid_input', check.code === 'schedule_time_in_past' ? 'This time is already past.' : 'This time is not valid.');
    return this.enqueue(draftId, () => atMs, { atMs, timeZone });
  }

  addToQueue(draftId: string) {
    const now = this.d.clock.now();
    return this.enqueue(
      draftId,
      (account, workspaceZone) => {
        const { slots, timeZone } = this.d.accounts.slots(account.id, workspaceZone);
        const slot = nextFreeSlot(slots, timeZone, now, this.d.targets.takenInstants(account.id, now));
        if (slot === null) throw new AppFailure('conflict', `${account.handle} has no free posting slot in the next 60 days.`);
        return slot;
      },
      null,
    );
  }

  private enqueue(
    draftId: string,
    dueFor: (account: Account, workspaceZone: string) => number,
    scheduled: { atMs: number; timeZone: string } | null,
  ): { post: PostView; blocked: TargetProblem[] } {
    const plan = this.plan(draftId);
    const { draft, ready } = plan;
    // Warnings (an image without alt text) do not hold a target back; only blocking problems are reported.
    const problems = plan.problems.filter((p) => isBlocking(p.problems));
    if (ready.length === 0) {
      throw new AppFailure('invalid_input', problems.length > 0 ? 'No target can take this post as it is.' : 'Choose at least one account to publish to.');
    }
    const zone = this.d.workspaceSettings.get(draft.workspaceId).timeZone;
    const now = this.d.clock.now();
    this.d.db.transaction(() => {
      // Editing a scheduled post re-plans what has not gone yet; what went stays.
      const previous = this.d.targets.byDraft(draftId);
      this.d.targets.cancelDraft(draftId);
      // Sent, or being sent right now (a claim is never cancelled): a new target would publish twice.
      const alreadyOut = new Set(previous.filter((t) => t.status === 'sent' || t.status === 'claimed').map((t) => t.account_id));
      const fresh = ready.filter((r) => !alreadyOut.has(r.account.id));
      this.d.targets.insert(
        fresh.map(({ account, post }) => ({
          id: randomUUID(),
          draftId,
          accountId: account.id,
          network: account.network,
          variant: null,
          dueAt: dueFor(account, zone),
          idempotencyKey: randomUUID(),
          partKeys: this.d.connectors.partKeys(account.network, post.parts.length),
        })),
      );
      this.d.drafts.setState(draftId, 'scheduled', scheduled?.atMs ?? null, scheduled?.timeZone ?? zone, now);
    })();
    this.changed(draft.workspaceId, true);
    this.wake('changed');
    return { post: this.view(draftId), blocked: problems };
  }

  /** Takes back what has not gone; the post is a draft again. */
  cancel(draftId: string): PostView {
    const draft = this.d.drafts.get(draftId);
    if (!draft || draft.deleted) throw notFound('This post');
    this.d.db.transaction(() => {
      this.d.targets.cancelDraft(draftId);
      const anySent = this.d.targets.byDraft(draftId).some((t) => t.status === 'sent');
      this.d.drafts.setState(draftId, anySent ? 'done' : 'draft', null, null, this.d.clock.now());
    })();
    this.changed(draft.workspaceId, true);
    this.wake('changed');
    return this.view(draftId);
  }

  retryTarget(targetId: string): PostView {
    const target = this.d.targets.get(targetId);
    if (!target) throw notFound('This publication');
    if (target.status !== 'failed' && target.status !== 'held' && target.status !== 'skipped') {
      throw new AppFailure('conflict', 'Only a failed, held or skipped publication can be retried.');
    }
    const draft = this.d.drafts.get(target.draft_id)!;
    this.d.db.transaction(() => {
      this.d.targets.requeue(targetId, this.d.clock.now());
      this.d.drafts.setState(target.draft_id, 'scheduled', null, null, this.d.clock.now());
    })();
    this.changed(draft.workspaceId);
    this.wake('changed');
    return this.view(target.draft_id);
  }

  resolveMissed(targetIds: string[], decision: 'publish_now' | 'skip'): void {
    const workspaces = new Set<string>();
    this.d.db.transaction(() => {
      for (const id of targetIds) {
        const target = this.d.targets.get(id);
        if (!target || target.status !== 'held') continue;
        if (decision === 'publish_now') this.d.targets.requeue(id, this.d.clock.now());
        else this.d.targets.skipHeld(id, 'skipped by you');
        workspaces.add(this.d.drafts.get(target.draft_id)!.workspaceId);
      }
    })();
    for (const ws of workspaces) this.changed(ws);
    this.wake('changed');
  }

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

  // Views

  list(workspaceId: string, column: 'scheduled' | 'sent'): PostView[] {
    if (column === 'scheduled') return this.d.drafts.listByState(workspaceId, 'scheduled').map((d) => this.view(d.id));
    // Sent / Failed: finished posts, and scheduled ones with a failure or a part already out.
    const done = this.d.drafts.listByState(workspaceId, 'done').map((d) => this.view(d.id));
    const scheduledWithNews = this.d.drafts
      .listByState(workspaceId, 'scheduled')
      .map((d) => this.view(d.id))
      .filter((p) => p.targets.some((t) => t.status === 'sent' || t.status === 'failed'));
    return [...scheduledWithNews, ...done].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  view(draftId: string): PostView {
    const draft = this.d.drafts.get(draftId);
    const row = this.d.drafts.publishing(draftId);
    if (!draft || !row) throw notFound('This post');
    const content = this.content(draftId);
    return {
      draftId,
      workspaceId: draft.workspaceId,
      text: draft.text,
      state: row.state,
      scheduledAt: row.scheduledAt === null ? null : toIso(row.scheduledAt),
      timeZone: row.timeZone,
      targets: this.d.targets.byDraft(draftId).filter((t) => t.status !== 'cancelled').map((t) => this.targetView(t, draft.text, content)),
      updatedAt: draft.updatedAt,
    };
  }

  private targetView(t: TargetRow, text: string, content: DraftContent): TargetView {
    const sent = this.d.targets.sentParts(t).filter((p) => p !== null).length;
    const target = content.targets.find((x) => x.accountId === t.account_id) ?? { accountId: t.account_id, variant: null };
    return {
      id: t.id,
      accountId: t.account_id,
      network: t.network,
      status: t.status,
      heldReason: t.status === 'held' ? (t.last_error ?? 'missed') : null,
      dueAt: t.due_at === null ? null : toIso(t.due_at),
      attempts: t.attempts,
      lastError: t.status === 'held' ? null : t.last_error,
      remoteUrl: t.remote_url,
      remoteDeletedAt: t.remote_deleted_at === null ? null : toIso(t.remote_deleted_at),
      partsSent: sent,
      partsTotal: Math.max(1, contentForTarget(text, content, target).parts.length),
    };
  }

  // Publishing one target

  private async publishJob(job: Job, signal: AbortSignal): Promise<Outcome> {
    const row = this.d.targets.get(job.id);
    if (!row) return { ok: false, failure: { kind: 'http', status: 410, message: 'This publication was deleted.' } };
    const draft = this.d.drafts.get(row.draft_id);
    const account = this.d.accounts.get(row.account_id);
    if (!draft || !account || account.removed) {
      return { ok: false, failure: { kind: 'http', status: 410, message: 'The post or its account was deleted before it could go.' } };
    }
    const reconnect = { ok: false as const, failure: { kind: 'http' as const, status: 401, message: `${account.handle} needs reconnecting.` }, park: 'reconnect_needed' as const };
    if (account.health === 'reconnect_needed') return reconnect;

    const content = this.content(row.draft_id);
    const target = content.targets.find((t) => t.accountId === account.id) ?? { accountId: account.id, variant: null };
    const post = contentForTarget(draft.text, content, target);
    let connector: Connector;
    try {
      connector = this.d.connectors.forAccount(account, () => this.markReconnect(account));
    } catch (error) {
      this.d.log.error(`no connector for ${account.network}`, error);
      return reconnect;
    }
    const partKeys = this.d.targets.ensurePartKeys(row, post.parts.length, (n) => this.d.connectors.partKeys(account.network, n));
    try {
      const parts = await connector.publish({
        parts: post.parts.map((part) => ({ text: part.text, media: part.media.map((ref) => this.mediaFile(ref.mediaId, ref.alt)) })),
        contentWarning: post.contentWarning,
        language: post.language,
        visibility: post.visibility,
        poll: post.poll,
        partKeys,
        alreadySent: this.d.targets.sentParts(row),
        onPartSent: (index, remote) => this.d.targets.recordPartSent(row.id, index, remote),
        signal,
      });
      const first = parts[0]!;
      return { ok: true, remote: { remoteId: first.remoteId, url: first.url } };
    } catch (error) {
      if (error instanceof PublishError) {
        if (error.reconnectNeeded) {
          this.markReconnect(account);
          return { ok: false, failure: error.failure, park: 'reconnect_needed' };
        }
        // No network at all: the post waits for the connection, it does not use up its attempts.
        if (error.failure.offline) return { ok: false, failure: error.failure, park: 'offline' };
        return { ok: false, failure: error.failure };
      }
      throw error;
    }
  }

  private mediaFile(mediaId: string, alt: string): MediaFile {
    const media = this.d.media.get(mediaId);
    if (!media) throw new PublishError({ kind: 'http', status: 422, message: 'An image of this post is missing from the data folder.' });
    // The workspace's "keep photo metadata" setting; off: the copy sent drops EXIF and GPS.
    const keepMetadata = this.d.workspaceSettings.get(media.workspaceId).keepPhotoMetadata;
    return { path: media.path, mime: media.mime, alt, width: media.width, height: media.height, keepMetadata };
  }

  private markReconnect(account: Pick<Account, 'id' | 'workspaceId'>): void {
    if (this.d.accounts.setHealth(account.id, 'reconnect_needed')) this.d.emit('accounts.changed', { workspaceId: account.workspaceId });
  }

  // Missed posts

  private missedPolicyFor(job: Job): MissedPolicy {
    const row = this.d.targets.get(job.id);
    const draft = row ? this.d.drafts.get(row.draft_id) : null;
    return draft ? this.d.workspaceSettings.get(draft.workspaceId).missedPolicy : 'ask';
  }

  private reportMissed(report: MissedReport): void {
    const byWorkspace = new Map<string, { published: string[]; awaitingDecision: string[]; skipped: string[] }>();
    const add = (jobs: Job[], key: 'published' | 'awaitingDecision' | 'skipped') => {
      for (const job of jobs) {
        const row = this.d.targets.get(job.id);
        const draft = row ? this.d.drafts.get(row.draft_id) : null;
        if (!draft) continue;
        const entry = byWorkspace.get(draft.workspaceId) ?? { published: [], awaitingDecision: [], skipped: [] };
        entry[key].push(job.id);
        byWorkspace.set(draft.workspaceId, entry);
      }
    };
    add(report.published, 'published');
    add(report.asked, 'awaitingDecision');
    add(report.skipped, 'skipped');
    for (const [workspaceId, entry] of byWorkspace) {
      this.d.emitMissed({ workspaceId, ...entry });
      this.changed(workspaceId);
    }
  }

  /** The Scheduled and Sent columns follow every change; the Drafts column only when a post leaves or rejoins it. */
  private changed(workspaceId: string, draftsToo = false): void {
    this.d.emit('posts.changed', { workspaceId });
    if (draftsToo) this.d.emit('drafts.changed', { workspaceId });
  }
}
