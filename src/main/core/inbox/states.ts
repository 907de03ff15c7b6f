/**
 * Inbox states: to handle, done, snoozed until a time. Every change is one transaction that
 * answers the states it replaced (the renderer's undo gives them back) and writes the audit log.
 * Replying from Tribune marks the item done (`repliedFromTribune`, after a reply went out); until
 * it goes, the item shows its reply waiting (`waitingReplies`).
 */
import type { InboxState, InboxStateSnapshot } from '../../../shared/inbox/schemas';
import { AppFailure } from '../../../shared/result';
import { toIso } from '../clock';
import type { Db } from '../store/database';
import type { AuditLog } from './audit';
import { WAITING_REPLIES } from './read-model';

interface StateRow {
  id: string;
  account_id: string;
  item_id: string | null;
  state: InboxState;
  snoozed_until: number | null;
  done_at: number | null;
}

export class InboxStates {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {
    this.s = {
      rows: db.prepare<[string, string], StateRow>(
        'SELECT id, account_id, item_id, state, snoozed_until, done_at FROM inbox_items WHERE workspace_id = ? AND id IN (SELECT value FROM json_each(?))',
      ),
      set: db.prepare<{ id: string; state: InboxState; until: number | null; doneAt: number | null; doneBy: string | null }>(
        'UPDATE inbox_items SET state = @state, snoozed_until = @until, done_at = @doneAt, done_by = @doneBy WHERE id = @id',
      ),
      nextWake: db.prepare<[number], { workspace_id: string; at: number }>(
        "SELECT workspace_id, snoozed_until AS at FROM inbox_items WHERE state = 'snoozed' AND snoozed_until > ? ORDER BY snoozed_until LIMIT 1",
      ),
      replied: db.prepare<{ workspaceId: string; since: number }, { id: string; account_id: string; item_id: string; sent_at: number }>(
        `SELECT x.id, x.account_id, x.item_id, min(t.sent_at) AS sent_at FROM inbox_items x
         JOIN drafts d ON d.workspace_id = x.workspace_id AND json_extract(d.content, '$.replyTo.itemId') = x.item_id
         JOIN post_targets t ON t.draft_id = d.id AND t.status = 'sent' AND t.sent_at >= @since
         WHERE x.workspace_id = @workspaceId AND x.first_reply_at IS NULL AND d.updated_at >= @since GROUP BY x.id`,
      ),
      waiting: db.prepare<{ workspaceId: string }, { item_id: string }>(`${WAITING_REPLIES} ORDER BY 1`),
      firstReply: db.prepare<{ id: string; at: number }>(
        "UPDATE inbox_items SET first_reply_at = @at, state = 'done', snoozed_until = NULL, done_at = coalesce(done_at, @at), done_by = coalesce(done_by, 'reply') WHERE id = @id",
      ),
    };
  }

  /** Sets the state of these items; answers what they were (for undo). */
  set(workspaceId: string, ids: string[], state: InboxState, until: number | null, now: number, by: 'hand' | 'rule' = 'hand'): InboxStateSnapshot[] {
    if (state === 'snoozed' && (until === null || until <= now)) throw new AppFailure('inbox_snooze_in_past', 'A snooze needs a time in the future.');
    return this.db.transaction(() => {
      const rows = this.s.rows.all(workspaceId, JSON.stringify(ids));
      if (rows.length !== new Set(ids).size) throw new AppFailure('inbox_item_not_found', 'An item of this list is no longer in the inbox.');
      for (const r of rows) {
        this.s.set.run({ id: r.id, state, until: state === 'snoozed' ? until : null, doneAt: state === 'done' ? now : null, doneBy: state === 'done' ? by : null });
        this.audit.record({ workspaceId, at: now, accountId: r.account_id, itemId: r.item_id, ruleId: null, action: `inbox.${state}`, outcome: 'done' });
      }
      return rows.map((r) => ({ id: r.id, state: r.state, snoozedUntil: r.snoozed_until === null ? null : toIso(r.snoozed_until), doneAt: r.done_at === null ? null : toIso(r.done_at) }));
    })();
  }

  /** Gives items back the states a change replaced (undo). */
  restore(workspaceId: string, snapshots: InboxStateSnapshot[], now: number): void {
    this.db.transaction(() => {
      const rows = new Map(this.s.rows.all(workspaceId, JSON.stringify(snapshots.map((s) => s.id))).map((r) => [r.id, r]));
      for (const snap of snapshots) {
        const r = rows.get(snap.id);
        if (!r) continue; // gone meanwhile: nothing to give back
        const doneAt = snap.doneAt === null ? null : Date.parse(snap.doneAt);
        this.s.set.run({ id: snap.id, state: snap.state, until: snap.snoozedUntil === null ? null : Date.parse(snap.snoozedUntil), doneAt, doneBy: snap.state === 'done' ? 'hand' : null });
        this.audit.record({ workspaceId, at: now, accountId: r.account_id, itemId: r.item_id, ruleId: null, action: `inbox.${r.state}`, outcome: 'undone' });
      }
    })();
  }

  /** The next snooze to wake up after `now` (its workspace's inbox changes then). */
  nextWake(now: number): { workspaceId: string; at: number } | null {
    const r = this.s.nextWake.get(now);
    return r ? { workspaceId: r.workspace_id, at: r.at } : null;
  }

  /** The items a reply is on its way to, as one comparable string (the inbox repaints when it changes). */
  waitingReplies(workspaceId: string): string {
    return this.s.waiting.all({ workspaceId }).map((r) => r.item_id).join(' ');
  }

  /** Replies sent from Tribune (a draft whose replyTo is an inbox item): the first one marks the item done. Answers how many. */
  repliedFromTribune(workspaceId: string, now: number): number {
    return this.db.transaction(() => {
      const rows = this.s.replied.all({ workspaceId, since: now - 7 * 24 * 60 * 60_000 });
      for (const r of rows) {
        this.s.firstReply.run({ id: r.id, at: r.sent_at });
        this.audit.record({ workspaceId, at: now, accountId: r.account_id, itemId: r.item_id, ruleId: null, action: 'inbox.replied', outcome: 'done' });
      }
      return rows.length;
    })();
  }
}
