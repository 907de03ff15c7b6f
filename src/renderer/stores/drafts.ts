import { create } from 'zustand';
import type { Draft } from '../../shared/domain';
import { getClient, type ClientError } from '../client';
import { mergeFreshDrafts, upsertDraft } from '../model/draftList';

interface DraftStore {
  byWorkspace: Record<string, Draft[]>;
  loading: Record<string, boolean>;
  errors: Record<string, ClientError | undefined>;
  load(workspaceId: string): Promise<void>;
  /** Puts an acknowledged draft in its list (stale acknowledgements are ignored). */
  upsert(draft: Draft): void;
  removeLocal(workspaceId: string, id: string): void;
}

/** When each draft was last acknowledged locally: a list read before that must not drop it. */
const touchedAt = new Map<string, number>();
let clock = 0;

export const useDrafts = create<DraftStore>((set, get) => ({
  byWorkspace: {},
  loading: {},
  errors: {},
  async load(workspaceId) {
    set((s) => ({ loading: { ...s.loading, [workspaceId]: true } }));
    const startedAt = ++clock;
    const result = await getClient().invoke('draft.list', { workspaceId });
    const local = get().byWorkspace[workspaceId] ?? [];
    const fresh = result.ok
      ? [...result.value, ...local.filter((d) => (touchedAt.get(d.id) ?? 0) > startedAt && !result.value.some((f) => f.id === d.id))]
      : [];
    set((s) => ({
      loading: { ...s.loading, [workspaceId]: false },
      ...(result.ok
        ? {
            byWorkspace: { ...s.byWorkspace, [workspaceId]: mergeFreshDrafts(fresh, local) },
            errors: { ...s.errors, [workspaceId]: undefined },
          }
        : { errors: { ...s.errors, [workspaceId]: result.error } }),
    }));
  },
  upsert(draft) {
    touchedAt.set(draft.id, ++clock);
    set((s) => ({
      byWorkspace: { ...s.byWorkspace, [draft.workspaceId]: upsertDraft(s.byWorkspace[draft.workspaceId] ?? [], draft) },
    }));
  },
  removeLocal(workspaceId, id) {
    touchedAt.delete(id);
    set((s) => ({
      byWorkspace: { ...s.byWorkspace, [workspaceId]: (s.byWorkspace[workspaceId] ?? []).filter((d) => d.id !== id) },
    }));
  },
}));
