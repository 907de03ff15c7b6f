import { create } from 'zustand';

/**
 * The planned time a new post was started at from the calendar ("click an empty slot"): the
 * composer shows it and gives it to the draft once the draft exists.
 */
interface PlanningStore {
  pendingAt: string | null;
  prepare(at: string | null): void;
}

export const usePlanning = create<PlanningStore>((set) => ({
  pendingAt: null,
  prepare: (pendingAt) => set({ pendingAt }),
}));
