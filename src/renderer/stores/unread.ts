import { create } from 'zustand';
import { getClient } from '../client';

/**
 * Unread counts of every workspace's network columns, for the rail's badge per workspace:
 * read at start and when boards change (`board.unreadAll`), then kept by `column.changed`.
 */
interface UnreadStore {
  columns: Record<string, { workspaceId: string; unread: number }>;
  load(): Promise<void>;
  /** A column's new count (column.changed, column.markRead). */
  setColumn(columnId: string, workspaceId: string, unread: number): void;
}

export const useUnread = create<UnreadStore>((set) => ({
  columns: {},
  async load() {
    const result = await getClient().invoke('board.unreadAll', {});
    if (!result.ok) return;
    set({ columns: Object.fromEntries(result.value.columns.map((c) => [c.columnId, { workspaceId: c.workspaceId, unread: c.unread }])) });
  },
  setColumn(columnId, workspaceId, unread) {
    set((s) => (s.columns[columnId]?.unread === unread ? s : { columns: { ...s.columns, [columnId]: { workspaceId, unread } } }));
  },
}));

/** The sum of a workspace's column counts (each already follows its column's filter). */
export function workspaceUnread(columns: UnreadStore['columns'], workspaceId: string): number {
  let total = 0;
  for (const c of Object.values(columns)) if (c.workspaceId === workspaceId) total += c.unread;
  return total;
}
