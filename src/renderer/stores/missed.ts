import { create } from 'zustand';

export interface MissedBatch {
  workspaceId: string;
  targetIds: string[];
}

interface MissedStore {
  /** Posts missed while Tribune was closed that wait for the person's decision. */
  pending: MissedBatch[];
  /** Closed without deciding: not asked again in this session (the Scheduled cards still offer the choice). */
  dismissed: string[];
  add(batch: MissedBatch): void;
  /** The person decided about these targets (or they went away). */
  settle(targetIds: readonly string[]): void;
  /** The dialog was closed without a decision. */
  dismiss(targetIds: readonly string[]): void;
}

const without = (pending: MissedBatch[], ids: readonly string[]) => {
  const gone = new Set(ids);
  return pending.map((b) => ({ ...b, targetIds: b.targetIds.filter((id) => !gone.has(id)) })).filter((b) => b.targetIds.length > 0);
};

export const useMissed = create<MissedStore>((set) => ({
  pending: [],
  dismissed: [],
  add(batch) {
    set((s) => {
      const known = new Set([...s.pending.flatMap((b) => b.targetIds), ...s.dismissed]);
      const fresh = batch.targetIds.filter((id) => !known.has(id));
      if (fresh.length === 0) return s;
      const existing = s.pending.find((b) => b.workspaceId === batch.workspaceId);
      return {
        pending: existing
          ? s.pending.map((b) => (b === existing ? { ...b, targetIds: [...b.targetIds, ...fresh] } : b))
          : [...s.pending, { workspaceId: batch.workspaceId, targetIds: fresh }],
      };
    });
  },
  settle(targetIds) {
    set((s) => ({ pending: without(s.pending, targetIds) }));
  },
  dismiss(targetIds) {
    set((s) => ({ pending: without(s.pending, targetIds), dismissed: [...s.dismissed, ...targetIds] }));
  },
}));
