import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { Draft } from '../../../shared/domain';

interface DraftRow {
  id: string;
  workspace_id: string;
  text: string;
  created_at: number;
  updated_at: number;
  revision: number;
}

const toDraft = (r: DraftRow): Draft => ({
  id: r.id,
  workspaceId: r.workspace_id,
  text: r.text,
  createdAt: toIso(r.created_at),
  updatedAt: toIso(r.updated_at),
  revision: r.revision,
});

/**
 * Insert, or update the text when the draft belongs to the same workspace and is not in the bin.
 * Exported so the benchmark measures the repository against this very statement.
 */
export const DRAFT_SAVE_SQL = `INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, deleted_at)
  VALUES (?, ?, ?, ?, ?, 1, NULL)
  ON CONFLICT (id) DO UPDATE SET text = excluded.text, updated_at = max(excluded.updated_at, drafts.updated_at), revision = drafts.revision + 1
  WHERE drafts.workspace_id = excluded.workspace_id AND drafts.deleted_at IS NULL
  RETURNING revision, created_at, updated_at`;

export type SaveOutcome = { draft: Draft } | { conflict: 'other_workspace' | 'deleted' };

/** Drafts: posts without a schedule. Deleting moves a draft to the bin so it can be restored. */
export class DraftRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly softDeleteStmt;
  private readonly contentStmt;
  private readonly setContentStmt;
  private readonly setStateStmt;
  private readonly byStateStmt;
  private readonly restoreStmt;
  private readonly purgeStmt;

  constructor(private readonly db: Db) {
    this.listStmt = db.prepare<[string], DraftRow>(
      "SELECT id, workspace_id, text, created_at, updated_at, revision FROM drafts WHERE workspace_id = ? AND deleted_at IS NULL AND state = 'draft' ORDER BY updated_at DESC, id",
    );
    this.getStmt = db.prepare<[string], DraftRow & { deleted_at: number | null }>('SELECT * FROM drafts WHERE id = ?');
    // One statement: insert, or update the text when it belongs to the same workspace and is not in the bin.
    // Raw rows (arrays) skip building a result object per save: this is the autosave hot path.
    this.upsertStmt = db.prepare<[string, string, string, number, number], [number, number, number]>(
      DRAFT_SAVE_SQL,
    ).raw(true);
    this.contentStmt = db.prepare<[string], { content: string | null; state: string; scheduled_at: number | null; time_zone: string | null }>(
      'SELECT content, state, scheduled_at, time_zone FROM drafts WHERE id = ?',
    );
    this.setContentStmt = db.prepare('UPDATE drafts SET content = ? WHERE id = ?');
    this.setStateStmt = db.prepare('UPDATE drafts SET state = ?, scheduled_at = ?, time_zone = ?, updated_at = max(updated_at, ?) WHERE id = ?');
    this.byStateStmt = db.prepare<[string, string], DraftRow>(
      'SELECT id, workspace_id, text, created_at, updated_at, revision FROM drafts WHERE workspace_id = ? AND state = ? AND deleted_at IS NULL ORDER BY scheduled_at, updated_at DESC',
    );
    this.softDeleteStmt = db.prepare('UPDATE drafts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
    this.restoreStmt = db.prepare('UPDATE drafts SET deleted_at = NULL, updated_at = max(updated_at, ?) WHERE id = ? AND deleted_at IS NOT NULL');
    this.purgeStmt = db.prepare('DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?');
  }

  list(workspaceId: string): Draft[] {
    return this.listStmt.all(workspaceId).map(toDraft);
  }

  /** A draft, including one in the bin (deleted is then true). */
  get(id: string): (Draft & { deleted: boolean }) | null {
    const row = this.getStmt.get(id);
    return row ? { ...toDraft(row), deleted: row.deleted_at !== null } : null;
  }

  /** Creates or updates; `now` orders drafts (a save never moves updated_at backwards). */
  save(d: { id: string; workspaceId: string; text: string; now: number; contentJson?: string }): SaveOutcome {
    if (d.contentJson !== undefined) {
      const contentJson = d.contentJson;
      return this.db.transaction(() => {
        const outcome = this.saveText(d);
        if ('draft' in outcome) this.setContentStmt.run(contentJson, d.id);
        return outcome;
      })();
    }
    return this.saveText(d);
  }

  private saveText(d: { id: string; workspaceId: string; text: string; now: number }): SaveOutcome {
    const row = this.upsertStmt.get(d.id, d.workspaceId, d.text, d.now, d.now);
    if (row) {
      const [revision, createdAt, updatedAt] = row;
      return { draft: { id: d.id, workspaceId: d.workspaceId, text: d.text, revision, createdAt: toIso(createdAt), updatedAt: toIso(updatedAt) } };
    }
    const existing = this.get(d.id);
    return { conflict: existing?.deleted ? 'deleted' : 'other_workspace' };
  }

  /** The composer's content (JSON, validated by the caller) and the post's schedule. */
  publishing(id: string): { content: string | null; state: 'draft' | 'scheduled' | 'done'; scheduledAt: number | null; timeZone: string | null } | null {
    const row = this.contentStmt.get(id);
    return row ? { content: row.content, state: row.state as 'draft' | 'scheduled' | 'done', scheduledAt: row.scheduled_at, timeZone: row.time_zone } : null;
  }

  setContent(id: string, contentJson: string): void {
    this.setContentStmt.run(contentJson, id);
  }

  setState(id: string, state: 'draft' | 'scheduled' | 'done', scheduledAt: number | null, timeZone: string | null, now: number): void {
    this.setStateStmt.run(state, scheduledAt, timeZone, now, id);
  }

  listByState(workspaceId: string, state: 'scheduled' | 'done'): Draft[] {
    return this.byStateStmt.all(workspaceId, state).map(toDraft);
  }

  softDelete(id: string, now: number): boolean {
    return this.softDeleteStmt.run(now, id).changes > 0;
  }

  restore(id: string, now: number): boolean {
    return this.restoreStmt.run(now, id).changes > 0;
  }

  /** Empties the bin of drafts deleted before `before`. */
  purgeDeleted(before: number): number {
    return this.purgeStmt.run(before).changes;
  }
}
