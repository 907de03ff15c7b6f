/**
 * Typed text not yet acknowledged by the core is also kept in sessionStorage, so a
 * reload or a dropped connection cannot lose it. Each entry is removed once the core
 * acknowledged exactly that text.
 */
import { DraftContent } from '../../shared/publishing';

export interface DraftBackupEntry {
  id: string;
  workspaceId: string;
  text: string;
  /** Targets, images, thread… when the composer had them loaded. */
  content?: DraftContent;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export const DRAFT_BACKUP_PREFIX = 'tribune.unsavedDraft.';

export interface DraftBackup {
  keep(entry: DraftBackupEntry): void;
  /** Forgets the entry if the acknowledged text (and content) is still the latest one kept. */
  acknowledge(id: string, text: string, content?: DraftContent): void;
  forget(id: string): void;
  get(id: string): DraftBackupEntry | null;
  all(): DraftBackupEntry[];
}

const parse = (raw: string | null): DraftBackupEntry | null => {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<DraftBackupEntry>;
    if (typeof value.id === 'string' && typeof value.workspaceId === 'string' && typeof value.text === 'string') {
      const content = value.content === undefined ? undefined : DraftContent.safeParse(value.content);
      return content?.success
        ? { id: value.id, workspaceId: value.workspaceId, text: value.text, content: content.data }
        : { id: value.id, workspaceId: value.workspaceId, text: value.text };
    }
  } catch {
    // A damaged entry is ignored.
  }
  return null;
};

export function createDraftBackup(store: Store | null): DraftBackup {
  const memory = new Map<string, DraftBackupEntry>();
  const safe = <T>(fn: (s: Store) => T, fallback: T): T => {
    if (!store) return fallback;
    try {
      return fn(store);
    } catch {
      return fallback; // Quota exceeded or storage disabled: the in-memory copy remains.
    }
  };
  return {
    keep(entry) {
      memory.set(entry.id, entry);
      safe((s) => s.setItem(DRAFT_BACKUP_PREFIX + entry.id, JSON.stringify(entry)), undefined);
    },
    acknowledge(id, text, content) {
      const kept = this.get(id);
      if (kept && kept.text === text && (kept.content === undefined || JSON.stringify(kept.content) === JSON.stringify(content))) this.forget(id);
    },
    forget(id) {
      memory.delete(id);
      safe((s) => s.removeItem(DRAFT_BACKUP_PREFIX + id), undefined);
    },
    get(id) {
      return memory.get(id) ?? safe((s) => parse(s.getItem(DRAFT_BACKUP_PREFIX + id)), null);
    },
    all() {
      const found = new Map(memory);
      safe((s) => {
        for (let i = 0; i < s.length; i++) {
          const key = s.key(i);
          if (!key?.startsWith(DRAFT_BACKUP_PREFIX)) continue;
          const entry = parse(s.getItem(key));
          if (entry && !found.has(entry.id)) found.set(entry.id, entry);
        }
      }, undefined);
      return [...found.values()];
    },
  };
}
