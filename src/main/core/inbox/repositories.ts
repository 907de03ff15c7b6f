/** The inbox's small stores: settings per workspace, saved replies, notes and history of people. */
import type { InboxSettings, PersonHistory, SavedReply } from '../../../shared/inbox/schemas';
import { AppFailure } from '../../../shared/result';
import { toIso } from '../clock';
import type { Db } from '../store/database';
import { ACTOR_COLUMNS, rowActor } from '../streams/read-model';

export const DEFAULT_INBOX_SETTINGS: InboxSettings = { targetMinutes: 120, businessHours: null, includeFollows: false };

export class InboxSettingsRepository {
  constructor(private readonly db: Db) {}

  get(workspaceId: string): InboxSettings {
    const r = this.db
      .prepare<[string], { target_minutes: number; business_hours: string | null; include_follows: number }>('SELECT * FROM inbox_settings WHERE workspace_id = ?')
      .get(workspaceId);
    if (!r) return DEFAULT_INBOX_SETTINGS;
    return { targetMinutes: r.target_minutes, businessHours: r.business_hours ? (JSON.parse(r.business_hours) as InboxSettings['businessHours']) : null, includeFollows: r.include_follows === 1 };
  }

  set(workspaceId: string, patch: Partial<InboxSettings>): InboxSettings {
    const next = { ...this.get(workspaceId), ...patch };
    this.db
      .prepare(
        `INSERT INTO inbox_settings (workspace_id, target_minutes, business_hours, include_follows) VALUES (?, ?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE SET target_minutes = excluded.target_minutes, business_hours = excluded.business_hours, include_follows = excluded.include_follows`,
      )
      .run(workspaceId, next.targetMinutes, next.businessHours ? JSON.stringify(next.businessHours) : null, next.includeFollows ? 1 : 0);
    return next;
  }
}

interface ReplyRow {
  id: string;
  workspace_id: string;
  name: string;
  language: 'fr' | 'en';
  text: string;
  position: number;
}
const toReply = (r: ReplyRow): SavedReply => ({ id: r.id, workspaceId: r.workspace_id, name: r.name, language: r.language, text: r.text, position: r.position });

export class SavedReplyRepository {
  constructor(private readonly db: Db) {}

  list(workspaceId: string): SavedReply[] {
    return this.db.prepare<[string], ReplyRow>('SELECT * FROM saved_replies WHERE workspace_id = ? ORDER BY position, name').all(workspaceId).map(toReply);
  }

  /** Creates or updates (same id); a new reply goes last. */
  save(r: Omit<SavedReply, 'position'> & { position?: number | undefined }, now: number): SavedReply {
    const existing = this.db.prepare<[string], ReplyRow>('SELECT * FROM saved_replies WHERE id = ?').get(r.id);
    if (existing && existing.workspace_id !== r.workspaceId) throw new AppFailure('saved_reply_not_found', 'This saved reply belongs to another workspace.');
    const position =
      r.position ?? existing?.position ?? this.db.prepare<[string], { n: number }>('SELECT coalesce(max(position) + 1, 0) AS n FROM saved_replies WHERE workspace_id = ?').get(r.workspaceId)!.n;
    this.db
      .prepare(
        `INSERT INTO saved_replies (id, workspace_id, name, language, text, position, created_at, updated_at) VALUES (@id, @workspaceId, @name, @language, @text, @position, @now, @now)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, language = excluded.language, text = excluded.text, position = excluded.position, updated_at = excluded.updated_at`,
      )
      .run({ id: r.id, workspaceId: r.workspaceId, name: r.name, language: r.language, text: r.text, position, now });
    return toReply(this.db.prepare<[string], ReplyRow>('SELECT * FROM saved_replies WHERE id = ?').get(r.id)!);
  }

  delete(id: string): void {
    if (this.db.prepare('DELETE FROM saved_replies WHERE id = ?').run(id).changes === 0) throw new AppFailure('saved_reply_not_found', 'This saved reply no longer exists.');
  }
}

export class PeopleRepository {
  constructor(private readonly db: Db) {}

  /** How many exchanges this person had with the brand's inbox, the last one, and the note about them (one query). */
  history(workspaceId: string, actorId: string): PersonHistory {
    const r = this.db
      .prepare<{ ws: string; actor: string }, Record<string, string | number | null>>(
        `SELECT ${ACTOR_COLUMNS('a')},
           (SELECT count(*) FROM inbox_items x WHERE x.workspace_id = @ws AND x.actor_id = a.id) AS exchanges,
           (SELECT max(arrived_at) FROM inbox_items x WHERE x.workspace_id = @ws AND x.actor_id = a.id) AS last_at,
           (SELECT note FROM person_notes n WHERE n.workspace_id = @ws AND n.actor_id = a.id) AS note
         FROM actors a WHERE a.id = @actor`,
      )
      .get({ ws: workspaceId, actor: actorId });
    if (!r) throw new AppFailure('person_not_found', 'This person is no longer in the cache.');
    return { actor: rowActor(r, 'a')!, exchanges: r.exchanges as number, lastAt: r.last_at === null ? null : toIso(r.last_at as number), note: (r.note as string | null) ?? '' };
  }

  setNote(workspaceId: string, actorId: string, note: string, now: number): PersonHistory {
    this.history(workspaceId, actorId); // refuses an unknown person
    if (note.trim() === '') this.db.prepare('DELETE FROM person_notes WHERE workspace_id = ? AND actor_id = ?').run(workspaceId, actorId);
    else
      this.db
        .prepare('INSERT INTO person_notes VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id, actor_id) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at')
        .run(workspaceId, actorId, note, now);
    return this.history(workspaceId, actorId);
  }
}
