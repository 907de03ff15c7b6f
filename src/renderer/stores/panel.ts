import { create } from 'zustand';
import type { ColumnEntry, ColumnQuery, ColumnType, ConversationView, ThreadView } from '../../shared/board/schemas';
import { getClient, type ClientError } from '../client';

/** What the panel beside the board shows: a conversation, or a profile / hashtag opened from a card. */
export type PanelTarget =
  | { kind: 'thread'; itemId: string; asAccountId: string }
  /** A direct conversation (Bluesky chat): its messages, page by page, and an answer field. */
  | { kind: 'conversation'; itemId: string; asAccountId: string }
  | { kind: 'preview'; workspaceId: string; type: Extract<ColumnType, 'profile' | 'search'>; accountId: string; query: ColumnQuery };

interface PanelStore {
  target: PanelTarget | null;
  thread: ThreadView | null;
  conversation: ConversationView | null;
  entries: ColumnEntry[];
  loading: boolean;
  error: ClientError | null;
  show(target: PanelTarget): Promise<void>;
  reload(): Promise<void>;
  /** The conversation's older messages, above those shown. */
  loadOlder(): Promise<void>;
  close(): void;
}

/** Where the focus was when the panel opened: it goes back there when the panel closes. */
let returnFocus: HTMLElement | null = null;

export const usePanel = create<PanelStore>((set, get) => ({
  target: null,
  thread: null,
  conversation: null,
  entries: [],
  loading: false,
  error: null,
  async show(target) {
    if (!get().target && typeof document !== 'undefined') returnFocus = document.activeElement as HTMLElement | null;
    set({ target, thread: null, conversation: null, entries: [], loading: true, error: null });
    await get().reload();
  },
  async reload() {
    const target = get().target;
    if (!target) return;
    set({ loading: true });
    if (target.kind === 'conversation') {
      const result = await getClient().invoke('item.conversation', { itemId: target.itemId, asAccountId: target.asAccountId });
      if (get().target !== target) return;
      set(result.ok ? { conversation: result.value, loading: false, error: null } : { loading: false, error: result.error });
      return;
    }
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
  async loadOlder() {
    const { target, conversation } = get();
    if (target?.kind !== 'conversation' || !conversation?.olderCursor || get().loading) return;
    set({ loading: true });
    const result = await getClient().invoke('item.conversation', { itemId: target.itemId, asAccountId: target.asAccountId, before: conversation.olderCursor });
    if (get().target !== target) return;
    if (!result.ok) return set({ loading: false, error: result.error });
    const known = new Set(conversation.messages.map((m) => m.id));
    set({ loading: false, error: null, conversation: { ...conversation, olderCursor: result.value.olderCursor, messages: [...result.value.messages.filter((m) => !known.has(m.id)), ...conversation.messages] } });
  },
  close: () => {
    set({ target: null, thread: null, conversation: null, entries: [], error: null });
    const back = returnFocus;
    returnFocus = null;
    if (back?.isConnected) back.focus();
  },
}));
