import { create } from 'zustand';
import type { Workspace } from '../../shared/domain';
import { WORKSPACE_COLORS } from '../../shared/domain';
import { getClient, type ClientError, type ClientResult } from '../client';

export const SELECTED_WORKSPACE_KEY = 'tribune.selectedWorkspace';

const remembered = (): string | null => {
  try {
    return window.localStorage.getItem(SELECTED_WORKSPACE_KEY);
  } catch {
    return null;
  }
};
const remember = (id: string | null) => {
  try {
    if (id) window.localStorage.setItem(SELECTED_WORKSPACE_KEY, id);
    else window.localStorage.removeItem(SELECTED_WORKSPACE_KEY);
  } catch {
    // Not remembering the choice is not worth bothering the person.
  }
};

/** The IANA zone of this computer ("Europe/Paris"), if the runtime knows it. */
export function localTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** The colour a new workspace gets by default: the first one not used yet. */
export function nextWorkspaceColor(workspaces: readonly Workspace[]): (typeof WORKSPACE_COLORS)[number] {
  const used = new Set(workspaces.map((w) => w.color));
  return WORKSPACE_COLORS.find((c) => !used.has(c)) ?? WORKSPACE_COLORS[workspaces.length % WORKSPACE_COLORS.length]!;
}

interface WorkspaceStore {
  workspaces: Workspace[];
  selectedId: string | null;
  loaded: boolean;
  error: ClientError | null;
  load(): Promise<void>;
  select(id: string): void;
  create(name: string, color: Workspace['color']): Promise<ClientResult<Workspace>>;
  rename(id: string, name: string): Promise<ClientResult<Workspace>>;
  remove(id: string): Promise<ClientResult<unknown>>;
}

const pickSelection = (list: readonly Workspace[], wanted: string | null): string | null =>
  list.find((w) => w.id === wanted)?.id ?? list[0]?.id ?? null;

export const useWorkspaces = create<WorkspaceStore>((set, get) => ({
  workspaces: [],
  selectedId: null,
  loaded: false,
  error: null,
  async load() {
    const result = await getClient().invoke('workspace.list', {});
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    const selectedId = pickSelection(result.value, get().selectedId ?? remembered());
    remember(selectedId);
    set({ workspaces: result.value, selectedId, loaded: true, error: null });
  },
  select(id) {
    remember(id);
    set({ selectedId: id });
  },
  async create(name, color) {
    // The id is chosen here so that a create re-sent after a dropped connection is harmless.
    // A new workspace schedules in this computer's zone (the core falls back to its own).
    const timeZone = localTimeZone();
    const result = await getClient().invoke('workspace.create', { id: crypto.randomUUID(), name, color, ...(timeZone ? { timeZone } : {}) });
    if (result.ok) {
      const workspaces = [...get().workspaces.filter((w) => w.id !== result.value.id), result.value];
      remember(result.value.id);
      set({ workspaces, selectedId: result.value.id });
    }
    return result;
  },
  async rename(id, name) {
    const result = await getClient().invoke('workspace.rename', { id, name });
    if (result.ok) set({ workspaces: get().workspaces.map((w) => (w.id === id ? result.value : w)) });
    return result;
  },
  async remove(id) {
    const result = await getClient().invoke('workspace.delete', { id });
    if (result.ok) {
      const workspaces = get().workspaces.filter((w) => w.id !== id);
      const selectedId = pickSelection(workspaces, get().selectedId === id ? null : get().selectedId);
      remember(selectedId);
      set({ workspaces, selectedId });
    }
    return result;
  },
}));

export const selectCurrentWorkspace = (s: WorkspaceStore): Workspace | null => s.workspaces.find((w) => w.id === s.selectedId) ?? null;
