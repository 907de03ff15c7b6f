/**
 * What the person does with a post: publish now, schedule, queue, cancel, retry, decide on a
 * missed one, and edit a planned one (re-planning). Each command is one transaction over the
 * post's targets and its column.
 */
import { randomUUID } from 'node:crypto';
import type { Account } from '../../../shared/domain';
import type { DraftContent, PostView, ReplanReport, TargetProblem } from '../../../shared/publishing';
import { MISSED_GRACE_MS } from '../../../shared/schedule/missed';
import { nextFreeSlot, validateScheduleTime } from '../../../shared/schedule/slots';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import type { SaveOutcome } from '../repositories/drafts';
import type { PostTargetRepository, TargetRow } from '../repositories/post-targets';
import type { PlanRule } from '../repositories/post-states';
import type { Db } from '../store/database';
import { notFound, planDraft, readContent, type PlanDeps, type PlannedTarget } from './plan';

export interface CommandDeps extends PlanDeps {
  db: Db;
  clock: Clock;
  targets: PostTargetRepository;
  /** "Publish now" waits this long, so it can be undone. */
  undoDelayMs: () => number;
  view: (draftId: string) => PostView;
  /** Columns to refresh (and the Drafts column when a post leaves or rejoins it); the scheduler to look again. */
  changed: (workspaceId: string, draftsToo?: boolean) => void;
  replanned: (report: ReplanReport) => void;
}

type Rule = { kind: 'at'; atMs: number; timeZone: string | null } | { kind: 'queue' };

const isOut = (t: TargetRow) => t.status === 'sent' || t.status === 'claimed';
/** A target that already stands for its account (a cancelled one does not). */
const stands = (t: TargetRow) => t.status !== 'cancelled';

export class PublishingCommands {
  constructor(private readonly d: CommandDeps) {}

  publishNow(draftId: string) {
    return this.enqueue(draftId, { kind: 'at', atMs: this.d.clock.now() + Math.max(0, this.d.undoDelayMs()), timeZone: null });
  }

  schedule(draftId: string, atMs: number, timeZone: string) {
    const check = validateScheduleTime(atMs, this.d.clock.now());
    if (!check.ok) throw check.code === 'schedule_time_in_past' ? new AppFailure('schedule_time_in_past', 'This time is already past.') : new AppFailure('schedule_time_invalid', 'This time is not valid.');
    return this.enqueue(draftId, { kind: 'at', atMs, timeZone });
  }

  addToQueue(draftId: string) {
    return this.enqueue(draftId, { kind: 'queue' });
  }

  /** When an account's copy goes under a rule; null when a queued account has no free slot. */
  private dueFor(rule: Rule, account: Account, workspaceZone: string): number | null {
    const now = this.d.clock.now();
    if (rule.kind === 'at') return Math.max(rule.atMs, now);
    const { slots, timeZone } = this.d.accounts.slots(account.id, workspaceZone);
    return nextFreeSlot(slots, timeZone, now, this.d.targets.takenInstants(account.id, now));
  }

  private newTarget(draftId: string, t: PlannedTarget, dueAt: number) {
    return {
      id: randomUUID(),
      draftId,
      accountId: t.account.id,
      network: t.account.network,
      dueAt,
      idempotencyKey: randomUUID(),
      partKeys: this.d.connectors.partKeys(t.account.network, t.post.parts.length),
      ...(t.blocked ? { blocked: t.problems } : {}),
    };
  }

  /** Plans (or re-plans) every target; what went or is going stays, a blocked target is held with its problems. */
  private enqueue(draftId: string, rule: Rule): { post: PostView; blocked: TargetProblem[] } {
    const { workspaceId, blocking } = this.planTargets(draftId, rule);
    this.d.changed(workspaceId, true);
    // Warnings (an image without alt text) do not hold a target back; only blocking problems are reported.
    return { post: this.d.view(draftId), blocked: blocking };
  }

  /** enqueue's transaction, without telling anyone (the caller does, once its own writes are done). */
  private planTargets(draftId: string, rule: Rule): { workspaceId: string; blocking: TargetProblem[] } {
    const { draft, targets, blocking, zone } = planDraft(this.d, draftId);
    if (!targets.some((t) => !t.blocked)) {
      throw blocking.length > 0 ? new AppFailure('no_target_can_go', 'No target can take this post as it is.') : new AppFailure('no_target', 'Choose at least one account to publish to.');
    }
    this.d.db.transaction(() => {
      const previous = this.d.targets.byDraft(draftId);
      this.d.targets.cancelDraft(draftId);
      // Sent, or being sent right now (a claim is never cancelled): a new target would publish twice.
      const out = new Set(previous.filter(isOut).map((t) => t.account_id));
      const fresh = targets.filter((t) => !out.has(t.account.id));
      this.d.targets.states.plan(draftId, rule.kind, rule.kind === 'at' ? rule.atMs : null, rule.kind === 'at' ? (rule.timeZone ?? zone) : zone);
      this.d.targets.insert(
        fresh.map((t) => {
          const due = this.dueFor(rule, t.account, zone);
          if (due === null) throw new AppFailure('no_free_slot', `${t.account.handle} has no free posting slot in the next 60 days.`, { handle: t.account.handle });
          return this.newTarget(draftId, t, due);
        }),
      );
      this.d.targets.states.settle(draftId);
    })();
    return { workspaceId: draft.workspaceId, blocking };
  }

  /**
   * Saves a draft and, when it is a planned post, re-plans it in the same transaction: an account
   * taken out is cancelled (unless its copy is out or going out: the person is told), an account
   * added is planned by the post's rule, and every waiting target is checked again (a target a rule
   * now blocks is held with its problems; one no longer blocked goes back to the queue).
   */
  saveAndReplan(draftId: string, save: () => SaveOutcome): SaveOutcome {
    let report: ReplanReport | null = null;
    const outcome = this.d.db.transaction(() => {
      // A plain draft (the autosave's usual case) costs one read more than the save itself.
      const planned = this.d.targets.states.get(draftId)?.state === 'scheduled';
      const before = planned ? readContent(this.d.drafts.publishing(draftId)?.content ?? null) : null;
      const saved = save();
      if (before && 'draft' in saved) report = this.replan(draftId, before);
      return saved;
    })();
    const done = report as ReplanReport | null;
    if (done) {
      this.d.changed(done.workspaceId, done.backToDraft);
      if (done.notWithdrawn.length + done.blocked.length + done.added.length > 0 || done.backToDraft) this.d.replanned(done);
    }
    return outcome;
  }

  private replan(draftId: string, before: DraftContent): ReplanReport {
    const { draft, targets, zone } = planDraft(this.d, draftId);
    const st = this.d.targets.states.get(draftId)!;
    const rule: Rule = st.rule === 'at' && st.scheduledAt !== null ? { kind: 'at', atMs: st.scheduledAt, timeZone: st.timeZone } : { kind: 'queue' };
    const report: ReplanReport = { workspaceId: draft.workspaceId, draftId, notWithdrawn: [], blocked: [], added: [], backToDraft: false };
    const rows = this.d.targets.byDraft(draftId);
    const wanted = new Set(targets.map((t) => t.account.id));
    const wasTarget = new Set(before.targets.map((t) => t.accountId));
    const now = this.d.clock.now();

    for (const row of rows) {
      if (wanted.has(row.account_id) || !stands(row)) continue;
      if (isOut(row)) {
        if (wasTarget.has(row.account_id)) report.notWithdrawn.push({ accountId: row.account_id, why: row.status === 'sent' ? 'sent' : 'in_flight' });
      } else if (row.status === 'pending' || row.status === 'held') {
        this.d.targets.cancel(row.id);
      }
    }
    for (const t of targets) {
      const row = rows.find((r) => r.account_id === t.account.id && stands(r));
      const blocked = t.blocked;
      if (!row) {
        // A queued post whose new account has no free slot in 60 days goes at once rather than never.
        const due = this.dueFor(rule, t.account, zone) ?? now;
        this.d.targets.insert([this.newTarget(draftId, t, due)]);
        report.added.push(t.account.id);
        if (blocked) report.blocked.push({ accountId: t.account.id, problems: t.problems });
      } else if (row.status === 'pending' && blocked) {
        this.d.targets.hold(row.id, { reason: 'invalid', problems: t.problems });
        report.blocked.push({ accountId: t.account.id, problems: t.problems });
      } else if (row.status === 'held' && row.hold_reason === 'invalid') {
        if (blocked) this.d.targets.hold(row.id, { reason: 'invalid', problems: t.problems });
        else {
          this.d.targets.release(row.id, 'invalid');
          // Unblocked after its time: a late post is the person's decision, as for a missed one.
          if ((row.due_at ?? now) < now - MISSED_GRACE_MS) this.d.targets.hold(row.id, { reason: 'missed' });
        }
      }
    }
    this.d.targets.states.settle(draftId);
    report.backToDraft = this.d.targets.states.get(draftId)?.state === 'draft';
    return report;
  }

  /**
   * A planned post an import (file or CalDAV) just rewrote, in the import's transaction: moved,
   * its targets follow the new time (as a drag does; a time already long past is held as missed,
   * for the person to decide); otherwise its targets are re-planned for the new content.
   */
  replanImported(draftId: string, change: { before: DraftContent; movedTo: number | null; timeZone: string | null }): void {
    if (this.d.targets.states.get(draftId)?.state !== 'scheduled') return;
    if (change.movedTo === null) {
      const report = this.replan(draftId, change.before);
      this.d.changed(report.workspaceId, report.backToDraft);
      return;
    }
    const { workspaceId } = this.planTargets(draftId, { kind: 'at', atMs: change.movedTo, timeZone: change.timeZone });
    // Held before the scheduler hears of it: nothing goes out in between.
    if (change.movedTo < this.d.clock.now() - MISSED_GRACE_MS) {
      for (const t of this.d.targets.byDraft(draftId)) if (t.status === 'pending') this.d.targets.hold(t.id, { reason: 'missed' });
    }
    this.d.changed(workspaceId, true);
  }

  /** Takes back what has not gone; the post is a draft again (or Sent when something went). */
  cancel(draftId: string): PostView {
    const draft = this.d.drafts.get(draftId);
    if (!draft || draft.deleted) throw notFound('post');
    this.d.db.transaction(() => {
      this.d.targets.cancelDraft(draftId);
      this.d.targets.states.settle(draftId);
    })();
    this.d.changed(draft.workspaceId, true);
    return this.d.view(draftId);
  }

  retryTarget(targetId: string): PostView {
    const target = this.d.targets.get(targetId);
    if (!target) throw notFound('publication');
    if (target.status !== 'failed' && target.status !== 'held' && target.status !== 'skipped') {
      throw new AppFailure('retry_not_allowed', 'Only a failed, held or skipped publication can be retried.');
    }
    this.d.targets.requeue(targetId, this.d.clock.now());
    this.d.changed(this.d.drafts.get(target.draft_id)!.workspaceId);
    return this.d.view(target.draft_id);
  }

  resolveMissed(targetIds: string[], decision: 'publish_now' | 'skip'): void {
    const workspaces = new Set<string>();
    this.d.db.transaction(() => {
      for (const id of targetIds) {
        const target = this.d.targets.get(id);
        if (!target || target.status !== 'held') continue;
        if (decision === 'publish_now') this.d.targets.requeue(id, this.d.clock.now());
        else this.d.targets.markSkipped([id]);
        workspaces.add(this.d.drafts.get(target.draft_id)!.workspaceId);
      }
    })();
    for (const ws of workspaces) this.d.changed(ws);
  }
}

export type { PlanRule };
