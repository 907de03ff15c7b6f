import { create } from 'zustand';
import type { BusinessHours, InboxCounts, InboxEntry, InboxFilter, InboxState, InboxStateSnapshot } from '../../shared/inbox/schemas';
import { getClient, type ClientError } from '../client';

interface InboxStore {
  tab: InboxState;
  filter: InboxFilter;
  /** The list shown (one workspace at a time). */
  workspaceId: string | null;
  entries: InboxEntry[];
  targetMinutes: number;
  /** The workspace's business hours: only their minutes age an item. */
  businessHours: BusinessHours | null;
  loading: boolean;
  error: ClientError | null;
  /** Counts per workspace (the rail's badge). */
  counts: Record<string, InboxCounts>;
  load(workspaceId: string): Promise<void>;
  loadCounts(workspaceId: string): Promise<void>;
  setTab(tab: InboxState): void;
  setFilter(filter: InboxFilter): void;
  /** Changes states; answers what they were (for undo), or the error. */
  setState(ids: string[], state: InboxState, snoozedUntil?: string): Promise<{ previous: InboxStateSnapshot[] } | { error: ClientError }>;
  restore(previous: InboxStateSnapshot[]): Promise<void>;
}

let listening = false;

export const useInbox = create<InboxStore>((set, get) => {
  const listen = () => {
    if (listening) return;
    listening = true;
    getClient().on('inbox.changed', ({ workspaceId, counts }) => {
      set((s) => ({ counts: { ...s.counts, [workspaceId]: counts } }));
      if (get().workspaceId === workspaceId) void get().load(workspaceId);
    });
  };
  return {
    tab: 'to_handle',
    filter: {},
    workspaceId: null,
    entries: [],
    targetMinutes: 120,
    businessHours: null,
    loading: false,
    error: null,
    counts: {},
    async load(workspaceId) {
      listen();
      const { tab, filter } = get();
      set((s) => ({ loading: true, workspaceId, ...(s.workspaceId === workspaceId ? {} : { entries: [] }) }));
      const result = await getClient().invoke('inbox.list', { workspaceId, state: tab, filter, limit: 200 });
      if (get().workspaceId !== workspaceId || get().tab !== tab || get().filter !== filter) return; // a newer request wins
      set((s) =>
        result.ok
          ? { entries: result.value.entries, targetMinutes: result.value.targetMinutes, businessHours: result.value.businessHours, counts: { ...s.counts, [workspaceId]: result.value.counts }, loading: false, error: null }
          : { loading: false, error: result.error },
      );
    },
    async loadCounts(workspaceId) {
      listen();
      const result = await getClient().invoke('inbox.counts', { workspaceId });
      if (result.ok) set((s) => ({ counts: { ...s.counts, [workspaceId]: result.value } }));
    },
    setTab(tab) {
      set({ tab });
      const ws = get().workspaceId;
      if (ws) void get().load(ws);
    },
    setFilter(filter) {
      set({ filter });
      const ws = get().workspaceId;
      if (ws) void get().load(ws);
    },
    async setState(ids, state, snoozedUntil) {
      const workspaceId = get().workspaceId;
      if (!workspaceId) return { previous: [] };
      // Optimistic: the items leave the list at once; the answer's list follows.
      const before = get().entries;
      set({ entries: before.filter((e) => !ids.includes(e.id)) });
      const result = await getClient().invoke('inbox.setState', { workspaceId, ids, state, ...(snoozedUntil ? { snoozedUntil } : {}) });
      if (!result.ok) {
        set({ entries: before });
        return { error: result.error };
      }
      set((s) => ({ counts: { ...s.counts, [workspaceId]: result.value.counts } }));
      return { previous: result.value.previous };
    },
    async restore(previous) {
      const workspaceId = get().workspaceId;
      if (!workspaceId || previous.length === 0) return;
      await getClient().invoke('inbox.restore', { workspaceId, previous });
      await get().load(workspaceId);
    },
  };
});
