/** The board's retention settings, one JSON value in the settings table (validated on the way out). */
import { BoardRetention, DEFAULT_RETENTION } from '../../../shared/board/schemas';
import type { Db } from '../store/database';

const KEY = 'board.retention';

export class BoardSettingsRepository {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.putStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  retention(): BoardRetention {
    const raw = this.getStmt.get(KEY)?.value;
    if (!raw) return DEFAULT_RETENTION;
    try {
      const parsed = BoardRetention.partial().safeParse(JSON.parse(raw));
      return parsed.success ? { ...DEFAULT_RETENTION, ...parsed.data } : DEFAULT_RETENTION;
    } catch {
      return DEFAULT_RETENTION;
    }
  }

  setRetention(patch: Partial<BoardRetention>): BoardRetention {
    const next = { ...this.retention(), ...patch };
    this.putStmt.run(KEY, JSON.stringify(next));
    return next;
  }
}
