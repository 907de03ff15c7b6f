import type { Db } from '../store/database';

export interface CalDavRow {
  workspace_id: string;
  url: string;
  username: string;
  secret_id: string;
  last_sync_at: number | null;
  last_error: string | null;
}

/** A workspace's CalDAV collection (the password is in the vault) and what the server held per UID at the last sync. */
export class CalDavRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare<[string], CalDavRow>('SELECT * FROM caldav_collections WHERE workspace_id = ?'),
      all: db.prepare<[], CalDavRow>('SELECT * FROM caldav_collections'),
      put: db.prepare(
        `INSERT INTO caldav_collections (workspace_id, url, username, secret_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET url = excluded.url, username = excluded.username, secret_id = excluded.secret_id`,
      ),
      remove: db.prepare('DELETE FROM caldav_collections WHERE workspace_id = ?'),
      clearObjects: db.prepare('DELETE FROM caldav_objects WHERE workspace_id = ?'),
      status: db.prepare('UPDATE caldav_collections SET last_sync_at = coalesce(?, last_sync_at), last_error = ? WHERE workspace_id = ?'),
      objects: db.prepare<[string], { uid: string; href: string; etag: string }>('SELECT uid, href, etag FROM caldav_objects WHERE workspace_id = ?'),
      putObject: db.prepare('INSERT INTO caldav_objects (workspace_id, uid, href, etag) VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, uid) DO UPDATE SET href = excluded.href, etag = excluded.etag'),
    };
  }

  get(workspaceId: string): CalDavRow | null {
    return this.s.get.get(workspaceId) ?? null;
  }

  all(): CalDavRow[] {
    return this.s.all.all();
  }

  put(workspaceId: string, url: string, username: string, secretId: string): void {
    this.s.put.run(workspaceId, url, username, secretId);
  }

  remove(workspaceId: string): void {
    this.db.transaction(() => {
      this.s.clearObjects.run(workspaceId);
      this.s.remove.run(workspaceId);
    })();
  }

  setStatus(workspaceId: string, syncedAt: number | null, error: string | null): void {
    this.s.status.run(syncedAt, error, workspaceId);
  }

  objects(workspaceId: string): Map<string, { href: string; etag: string }> {
    return new Map(this.s.objects.all(workspaceId).map((r) => [r.uid, { href: r.href, etag: r.etag }]));
  }

  /** Replaces the record of what the server holds. */
  setObjects(workspaceId: string, objects: Map<string, { href: string; etag: string }>): void {
    this.db.transaction(() => {
      this.s.clearObjects.run(workspaceId);
      for (const [uid, o] of objects) this.s.putObject.run(workspaceId, uid, o.href, o.etag);
    })();
  }
}
