/**
 * The audit log: every moderation action and inbox state change, with when, which account,
 * what item (its URI kept as text), which rule or by hand, and the network's outcome. Viewable
 * per workspace and exported to CSV (formula-looking cells escaped for spreadsheets).
 */
import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import type { AuditEntry } from '../../../shared/inbox/schemas';
import { toIso } from '../clock';
import type { Db } from '../store/database';

export interface AuditRecord {
  workspaceId: string;
  at: number;
  accountId: string | null;
  itemId: string | null;
  ruleId: string | null;
  action: string;
  outcome: AuditEntry['outcome'];
  message?: string | null;
  /** The person acted on when there is no item (a new follower). */
  actorId?: string | null;
}

interface Row {
  id: string;
  at: number;
  account_id: string | null;
  item_id: string | null;
  item_uri: string | null;
  actor_handle: string | null;
  rule_id: string | null;
  action: string;
  outcome: AuditEntry['outcome'];
  message: string | null;
}

const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: toIso(r.at),
  accountId: r.account_id,
  itemId: r.item_id,
  itemUri: r.item_uri,
  actorHandle: r.actor_handle,
  ruleId: r.rule_id,
  action: r.action,
  outcome: r.outcome,
  message: r.message,
});

export class AuditLog {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO audit_log (id, workspace_id, at, account_id, item_id, actor_id, item_uri, actor_handle, rule_id, action, outcome, message)
         SELECT @id, @workspaceId, @at, @accountId, @itemId, a.id, i.uri, a.handle, @ruleId, @action, @outcome, @message
         FROM (SELECT 1) LEFT JOIN items i ON i.id = @itemId LEFT JOIN actors a ON a.id = coalesce(i.author_id, @actorId)`,
      ),
      page: db.prepare<{ workspaceId: string; before: number | null; limit: number }, Row>(
        `SELECT * FROM audit_log WHERE workspace_id = @workspaceId AND (@before IS NULL OR at < @before) ORDER BY at DESC, rowid DESC LIMIT @limit`,
      ),
      all: db.prepare<[string], Row>('SELECT * FROM audit_log WHERE workspace_id = ? ORDER BY at, rowid'),
    };
  }

  record(r: AuditRecord): void {
    this.s.insert.run({ id: randomUUID(), ...r, message: r.message ?? null, actorId: r.actorId ?? null });
  }

  list(workspaceId: string, before: number | null, limit: number): AuditEntry[] {
    return this.s.page.all({ workspaceId, before, limit }).map(toEntry);
  }

  /** The whole log of a workspace as CSV (UTF-8, one header line). */
  csv(workspaceId: string, accountHandle: (id: string | null) => string): string {
    const rows = this.s.all.all(workspaceId).map((r) => ({
      at: toIso(r.at),
      account: accountHandle(r.account_id),
      action: r.action,
      source: r.rule_id ? `rule:${r.rule_id}` : 'by_hand',
      outcome: r.outcome,
      item: r.item_uri ?? '',
      author: r.actor_handle ?? '',
      message: r.message ?? '',
    }));
    return Papa.unparse(rows, { escapeFormulae: true, columns: ['at', 'account', 'action', 'source', 'outcome', 'item', 'author', 'message'] });
  }
}
