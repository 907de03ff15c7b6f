import { create } from 'zustand';
import type { ColumnEntry, ColumnQuery, ColumnType, ThreadView } from '../../shared/board/schemas';
import { getClient, type ClientError } from '../client';

/** What the panel beside the board shows: a conversation, or a profile / hashtag opened from a card. */
export type PanelTarget =
  | { kind: 'thread'; itemId: string; asAccountId: string }
  | { kind: 'preview'; workspaceId: string; type: Extract<ColumnType, 'profile' | 'search'>; accountId: string; query: ColumnQuery };

interface PanelStore {
  target: PanelTarget | null;
  thread: ThreadView | null;
  entries: ColumnEntry[];
  loading: boolean;
  error: ClientError | null;
  show(target: PanelTarget): Promise<void>;
  reload(): Promise<void>;
  close(): void;
}

/** Where the focus was when the panel opened: it goes back there when the panel closes. */
let returnFocus: HTMLElement | null = null;

export const usePanel = create<PanelStore>((set, get) => ({
  target: null,
  thread: null,
  entries: [],
  loading: false,
  error: null,
  async show(target) {
    if (!get().target && typeof document !== 'undefined') returnFocus = document.activeElement as HTMLElement | null;
    set({ target, thread: null, entries: [], loading: true, error: null });
    await get().reload();
  },
  async reload() {
    const target = get().target;
    if (!target) return;
    set({ loading: true });
    if (target.kind === 'thread') {
      const result = await getClient().invoke('item.thread', { itemId: target.itemId, asAccountId: target.asAccountId });
      if (get().target !== target) return;
      set(result.ok ? { thread: result.value, loading: false, error: null } : { loading: false, error: result.error });
      return;
    }
    const result = await getClient().invoke('column.preview', { workspaceId: target.workspaceId, type: target.type, accountId: target.accountId, query: target.query });
    if (get().target !== target) return;
    set(result.ok ? { entries: result.value.entries, loading: false, error: null } : { loading: false, error: result.error });
  },
  close: () => {
    set({ target: null, thread: null, entries: [], error: null });
    const back = returnFocus;
    returnFocus = null;
    if (back?.isConnected) back.focus();
  },
}));
