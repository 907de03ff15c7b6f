import type { Db } from '../store/database';
import type { TargetRow } from './post-target-row';

/**
 * The SQL of the scheduler's queue (PostTargetRepository). Each state change names the states it
 * may start from, so a late write (an attempt ending after a cancel) never resurrects a target.
 */
export function targetStatements(db: Db) {
  const jobColumns = 'id, network, account_id, due_at, attempts, idempotency_key';
  const open = "('pending', 'claimed', 'held')";
  return {
    insert: db.prepare(
      `INSERT INTO post_targets (id, draft_id, account_id, network, status, due_at, attempts, idempotency_key, part_keys, sent_parts, updated_at, hold_reason, hold_problems)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, '[]', ?, ?, ?)`,
    ),
    nextWake: db.prepare<[], { due: number | null }>("SELECT min(due_at) AS due FROM post_targets WHERE status = 'pending'"),
    nextWakeFor: db.prepare<[string], { due: number | null }>(
      "SELECT min(due_at) AS due FROM post_targets WHERE status = 'pending' AND network IN (SELECT value FROM json_each(?))",
    ),
    due: db.prepare<[number, number], TargetRow>(`SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`),
    dueFor: db.prepare<[number, string, number], TargetRow>(
      `SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? AND network = ? ORDER BY due_at, id LIMIT ?`,
    ),
    claim: db.prepare("UPDATE post_targets SET status = 'claimed', updated_at = ? WHERE id = ? AND status = 'pending'"),
    attempt: db.prepare('INSERT INTO publish_attempts (target_id, number, started_at, finished_at, result, error, retry_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    countAttempt: db.prepare('UPDATE post_targets SET attempts = max(attempts, ?), last_error = ?, updated_at = ? WHERE id = ?'),
    reschedule: db.prepare(
      "UPDATE post_targets SET status = 'pending', due_at = ?, hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE id = ? AND status IN ('claimed', 'pending', 'held')",
    ),
    fail: db.prepare("UPDATE post_targets SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ? AND status IN ('claimed', 'pending')"),
    sent: db.prepare("UPDATE post_targets SET status = 'sent', remote_url = ?, last_error = NULL, sent_at = ?, updated_at = ? WHERE id = ? AND status IN ('claimed', 'pending')"),
    overdue: db.prepare<[number], TargetRow>(`SELECT ${jobColumns} FROM post_targets WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id`),
    hold: db.prepare(
      `UPDATE post_targets SET status = 'held', hold_reason = ?, hold_problems = ?, updated_at = ?
       WHERE id = ? AND (status IN ('pending', 'claimed') OR (status = 'held' AND hold_reason = ?))`,
    ),
    skip: db.prepare("UPDATE post_targets SET status = 'skipped', hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE id = ? AND status IN ('pending', 'held')"),
    cancel: db.prepare(`UPDATE post_targets SET status = 'cancelled', hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE id = ? AND status IN ${open}`),
    release: db.prepare(
      "UPDATE post_targets SET status = 'pending', due_at = coalesce(?, due_at), hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE id = ? AND status = 'held' AND hold_reason = ?",
    ),
    // Held and pending are both open: the post's column does not change.
    releaseAll: db.prepare(
      "UPDATE post_targets SET status = 'pending', due_at = coalesce(?, due_at), hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE status = 'held' AND hold_reason = ?",
    ),
    releaseAccount: db.prepare(
      "UPDATE post_targets SET status = 'pending', hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE account_id = ? AND status = 'held' AND hold_reason = ?",
    ),
    taken: db.prepare<[string, number], { due_at: number }>(
      "SELECT due_at FROM post_targets WHERE account_id = ? AND due_at >= ? AND status IN ('pending', 'claimed', 'held', 'sent') ORDER BY due_at",
    ),
    requeue: db.prepare(
      "UPDATE post_targets SET status = 'pending', due_at = ?, attempts = 0, last_error = NULL, hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE id = ? AND status IN ('failed', 'held', 'skipped')",
    ),
    setPartKeys: db.prepare('UPDATE post_targets SET part_keys = ? WHERE id = ?'),
    cancelAccount: db.prepare<[number, string], { draft_id: string }>(
      "UPDATE post_targets SET status = 'cancelled', hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE account_id = ? AND status IN ('pending', 'claimed', 'held', 'failed') RETURNING draft_id",
    ),
    deleteAccount: db.prepare<[string], { draft_id: string }>('DELETE FROM post_targets WHERE account_id = ? RETURNING draft_id'),
    releaseClaims: db.prepare("UPDATE post_targets SET status = 'pending', updated_at = ? WHERE status = 'claimed'"),
    get: db.prepare<[string], TargetRow>('SELECT * FROM post_targets WHERE id = ?'),
    byDraft: db.prepare<[string], TargetRow>('SELECT * FROM post_targets WHERE draft_id = ? ORDER BY rowid'),
    partSent: db.prepare("UPDATE post_targets SET sent_parts = json_set(sent_parts, '$[' || ? || ']', json(?)), updated_at = ? WHERE id = ?"),
    cancelDraft: db.prepare("UPDATE post_targets SET status = 'cancelled', hold_reason = NULL, hold_problems = NULL, updated_at = ? WHERE draft_id = ? AND status IN ('pending', 'held', 'failed')"),
    draftOf: db.prepare<[string], { draft_id: string }>('SELECT draft_id FROM post_targets WHERE id = ?'),
  };
}
