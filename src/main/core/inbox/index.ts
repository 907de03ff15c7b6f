/**
 * The inbox in the core: the charter and the inbox fed by every page the streams cache stores
 * (`onIngest`), states and their audit, replies sent from Tribune marking items done, and a
 * timer that repaints an inbox when a snooze ends.
 */
import type { EventName } from '../../../shared/contract';
import { CharterStore } from '../charter/store';
import type { Clock } from '../clock';
import type { AccountRepository } from '../repositories/accounts';
import type { WorkspaceRepository } from '../repositories/workspaces';
import type { Db } from '../store/database';
import { BoardReadModel } from '../streams/read-model';
import { AuditLog } from './audit';
import { CharterRuns } from './charter-runs';
import { createCharterEditorHandlers } from '../charter/handlers';
import { joinHandlers } from '../handler-types';
import { createInboxHandlers } from './handlers';
import { IncomingItems } from './incoming';
import { InboxReadModel } from './read-model';
import { InboxSettingsRepository, PeopleRepository, SavedReplyRepository } from './repositories';
import { InboxStates } from './states';

export interface InboxCoreDeps {
  db: Db;
  clock: Clock;
  workspaces: WorkspaceRepository;
  accounts: AccountRepository;
  emit: (event: EventName, payload: unknown) => void;
  /** Acts for a rule whose action is automatic (opt-in per rule); logged like any moderation. */
  moderate?(input: { workspaceId: string; itemId: string; asAccountId: string; action: 'hide_reply' | 'report'; ruleId: string; report?: { reason: 'other' } }): Promise<unknown>;
}

export function createInboxCore(d: InboxCoreDeps) {
  const charters = new CharterStore(d.db);
  const audit = new AuditLog(d.db);
  const readModel = new InboxReadModel(d.db, new BoardReadModel(d.db));
  const states = new InboxStates(d.db, audit);
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  const changed = (workspaceId: string) => {
    d.emit('inbox.changed', { workspaceId, counts: readModel.counts(workspaceId, d.clock.now()) });
    arm();
  };
  /** Sleeps until the next snooze ends, then repaints that inbox (the item is back on top). */
  function arm(): void {
    if (!started) return;
    if (timer) clearTimeout(timer);
    const next = states.nextWake(d.clock.now());
    timer = next ? setTimeout(() => changed(next.workspaceId), Math.min(Math.max(0, next.at - d.clock.now()) + 50, 2 ** 31 - 1)) : null;
    timer?.unref?.();
  }

  // Pages arrive in bursts (a refresh reads several): their inbox.changed go as one, shortly after.
  const pending = new Set<string>();
  let flush: NodeJS.Timeout | null = null;
  const changedSoon = (workspaceId: string) => {
    pending.add(workspaceId);
    if (flush) return;
    flush = setTimeout(() => {
      flush = null;
      const list = [...pending];
      pending.clear();
      try {
        for (const ws of list) changed(ws);
      } catch {
        // The database closed meanwhile (shutting down): nobody is left to tell.
      }
    }, 200);
    flush.unref?.();
  };
  /** Per workspace, the items a reply was on its way to when posts last changed. */
  const waitingReplies = new Map<string, string>();
  const incoming = new IncomingItems({
    db: d.db,
    charters,
    changed: changedSoon,
    // After the page's transaction: the network is asked, and the audit log says what it answered.
    automatic: (workspaceId, asAccountId, itemId, ruleId, action) =>
      void Promise.resolve().then(() =>
        d.moderate?.({ workspaceId, itemId, asAccountId, ruleId, ...(action === 'hide' ? { action: 'hide_reply' as const } : { action: 'report' as const, report: { reason: 'other' as const } }) }).catch(() => undefined),
      ),
  });
  const runs = new CharterRuns(d.db);
  const inboxHandlers = createInboxHandlers({
    db: d.db,
    clock: d.clock,
    workspaces: d.workspaces,
    accounts: d.accounts,
    charters,
    runs,
    readModel,
    states,
    settings: new InboxSettingsRepository(d.db),
    replies: new SavedReplyRepository(d.db),
    people: new PeopleRepository(d.db),
    audit,
    changed,
  });
  const handlers = joinHandlers(inboxHandlers, createCharterEditorHandlers({ clock: d.clock, workspaces: d.workspaces, charters, runs, changed }));
  return {
    handlers,
    charters,
    audit,
    readModel,
    states,
    changed,
    /** The streams cache's hook: runs inside each stored page's transaction. */
    onIngest: incoming.onPage,
    /** Posts of this workspace moved: a reply that went out marks its inbox item done; one queued, undone or held shows on its item. */
    postsChanged(workspaceId: string): void {
      const replied = states.repliedFromTribune(workspaceId, d.clock.now()) > 0;
      const before = waitingReplies.get(workspaceId);
      const waiting = states.waitingReplies(workspaceId);
      waitingReplies.set(workspaceId, waiting);
      if (replied || waiting !== (before ?? '')) changed(workspaceId);
    },
    start(): void {
      started = true;
      arm();
    },
    stop(): void {
      started = false;
      if (timer) clearTimeout(timer);
      if (flush) clearTimeout(flush);
      timer = null;
      flush = null;
    },
  };
}
