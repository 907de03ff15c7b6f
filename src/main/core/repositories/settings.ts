import type { Db } from '../store/database';
import { DEFAULT_SETTINGS, Settings } from '../../../shared/domain';

/** Settings are one JSON value per key, validated on the way out so a bad row cannot break the app. */
export class SettingsRepository {
  private readonly allStmt;
  private readonly putStmt;

  constructor(private readonly db: Db) {
    this.allStmt = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.putStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const { key, value } of this.allStmt.all()) {
      try {
        stored[key] = JSON.parse(value);
      } catch {
        // A damaged value falls back to its default below.
      }
    }
    const merged = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const parsed = Settings.shape[key].safeParse(stored[key]);
      if (parsed.success) (merged as Record<string, unknown>)[key] = parsed.data;
    }
    return merged;
  }

  update(patch: Partial<Settings>): Settings {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) this.putStmt.run(key, JSON.stringify(value));
    })();
    return this.get();
  }
}
