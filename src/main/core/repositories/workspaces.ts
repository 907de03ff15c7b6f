import type { Db } from '../store/database';
import { toIso } from '../clock';
import type { Workspace } from '../../../shared/domain';

interface WorkspaceRow {
  id: string;
  name: string;
  color: string;
  time_zone: string;
  created_at: number;
}

const toWorkspace = (r: WorkspaceRow): Workspace => ({
  id: r.id,
  name: r.name,
  color: r.color as Workspace['color'],
  timeZone: r.time_zone,
  createdAt: toIso(r.created_at),
});

/** Workspaces: one per client or brand; everything else belongs to one. */
export class WorkspaceRepository {
  private readonly listStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly renameStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare<[], WorkspaceRow>('SELECT * FROM workspaces ORDER BY created_at, name');
    this.getStmt = db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE id = ?');
    this.insertStmt = db.prepare('INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, ?, ?, ?, ?)');
    this.renameStmt = db.prepare('UPDATE workspaces SET name = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM workspaces WHERE id = ?');
  }

  list(): Workspace[] {
    return this.listStmt.all().map(toWorkspace);
  }

  get(id: string): Workspace | null {
    const row = this.getStmt.get(id);
    return row ? toWorkspace(row) : null;
  }

  create(w: { id: string; name: string; color: string; timeZone: string; createdAt: number }): Workspace {
    this.insertStmt.run(w.id, w.name, w.color, w.timeZone, w.createdAt);
    return this.get(w.id)!;
  }

  rename(id: string, name: string): Workspace | null {
    return this.renameStmt.run(name, id).changes === 0 ? null : this.get(id);
  }

  /** Deletes the workspace and, by cascade, its drafts and accounts. */
  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
