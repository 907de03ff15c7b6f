import { create } from 'zustand';
import type { Board, Column, ColumnQuery, ColumnType, ColumnWidth } from '../../shared/board/schemas';
import { getClient, type ClientError } from '../client';
import { errorText, t } from '../i18n';
import { moveItem } from '../model/board/columnOrder';
import { useToasts } from './toasts';

const SELECTED_KEY = 'tribune.board.selected';

function readSelected(): Record<string, string> {
  try {
    return JSON.parse(window.localStorage.getItem(SELECTED_KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export interface NewColumn {
  boardId: string;
  type: ColumnType;
  accountId: string | null;
  query: ColumnQuery;
  notify?: boolean;
}

interface BoardStore {
  /** By workspace, in order; undefined until loaded. */
  byWorkspace: Record<string, Board[]>;
  errors: Record<string, ClientError | undefined>;
  /** The tab shown per workspace (kept between sessions on this computer). */
  selected: Record<string, string>;
  /** Reads the workspace's boards (again). */
  load(workspaceId: string): Promise<void>;
  /** Reads them unless they are here or on their way (a screen that shows them). */
  ensure(workspaceId: string): Promise<void>;
  select(workspaceId: string, boardId: string): void;
  createBoard(workspaceId: string, name: string): Promise<Board | null>;
  renameBoard(board: Board, name: string): Promise<boolean>;
  deleteBoard(board: Board): Promise<boolean>;
  addColumn(input: NewColumn): Promise<Column | null>;
  removeColumn(column: Column): Promise<boolean>;
  moveColumn(column: Column, position: number): Promise<void>;
  updateColumn(column: Column, patch: { width?: ColumnWidth; notify?: boolean; query?: ColumnQuery; accountId?: string }): Promise<void>;
  /** A column's status and count as the core reported them (column.changed). */
  patchColumn(columnId: string, patch: Partial<Pick<Column, 'status' | 'unread'>>): void;
}

const failed = (key: string, error: ClientError) => useToasts.getState().show({ tone: 'error', message: t(key, { reason: errorText(error) }) });

function replaceColumn(boards: Board[], columnId: string, change: (c: Column) => Column): Board[] {
  return boards.map((b) => (b.columns.some((c) => c.id === columnId) ? { ...b, columns: b.columns.map((c) => (c.id === columnId ? change(c) : c)) } : b));
}

/** The board.list answers awaited, by workspace. */
const loading = new Map<string, Promise<void>>();

export const useBoards = create<BoardStore>((set, get) => ({
  byWorkspace: {},
  errors: {},
  selected: readSelected(),
  load(workspaceId) {
    const request = getClient()
      .invoke('board.list', { workspaceId })
      .then((result) => {
        set((s) => ({
          byWorkspace: result.ok ? { ...s.byWorkspace, [workspaceId]: [...result.value].sort((a, b) => a.position - b.position) } : s.byWorkspace,
          errors: { ...s.errors, [workspaceId]: result.ok ? undefined : result.error },
        }));
      })
      .finally(() => {
        if (loading.get(workspaceId) === request) loading.delete(workspaceId);
      });
    loading.set(workspaceId, request);
    return request;
  },
  ensure(workspaceId) {
    if (get().byWorkspace[workspaceId]) return Promise.resolve();
    return loading.get(workspaceId) ?? get().load(workspaceId);
  },
  select(workspaceId, boardId) {
    const selected = { ...get().selected, [workspaceId]: boardId };
    set({ selected });
    try {
      window.localStorage.setItem(SELECTED_KEY, JSON.stringify(selected));
    } catch {
      // Private mode: the tab is simply not remembered.
    }
  },
  async createBoard(workspaceId, name) {
    const result = await getClient().invoke('board.save', { workspaceId, name });
    if (!result.ok) {
      failed('board.saveFailed', result.error);
      return null;
    }
    await get().load(workspaceId);
    get().select(workspaceId, result.value.id);
    return result.value;
  },
  async renameBoard(board, name) {
    const result = await getClient().invoke('board.save', { id: board.id, workspaceId: board.workspaceId, name });
    if (!result.ok) failed('board.saveFailed', result.error);
    await get().load(board.workspaceId);
    return result.ok;
  },
  async deleteBoard(board) {
    const result = await getClient().invoke('board.delete', { id: board.id });
    if (!result.ok) failed('board.deleteFailed', result.error);
    await get().load(board.workspaceId);
    return result.ok;
  },
  async addColumn({ boardId, type, accountId, query, notify }) {
    const result = await getClient().invoke('column.add', { boardId, type, accountId, query, ...(notify === undefined ? {} : { notify }) });
    if (!result.ok) {
      failed('board.addFailed', result.error);
      return null;
    }
    await get().load(result.value.workspaceId);
    return result.value;
  },
  async removeColumn(column) {
    const result = await getClient().invoke('column.remove', { columnId: column.id });
    if (!result.ok) failed('board.removeFailed', result.error);
    await get().load(column.workspaceId);
    return result.ok;
  },
  async moveColumn(column, position) {
    const boards = get().byWorkspace[column.workspaceId] ?? [];
    const previous = boards;
    // At once on screen; the core's answer (or the previous order) follows.
    const moved = boards.map((b) => {
      if (b.id !== column.boardId) return b;
      const from = b.columns.findIndex((c) => c.id === column.id);
      return { ...b, columns: moveItem(b.columns, from, position).map((c, i) => ({ ...c, position: i })) };
    });
    set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: moved } }));
    const result = await getClient().invoke('column.move', { columnId: column.id, position });
    if (!result.ok) {
      set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: previous } }));
      failed('board.moveFailed', result.error);
      return;
    }
    const touched = new Map(result.value.map((b) => [b.id, b]));
    set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: (s.byWorkspace[column.workspaceId] ?? []).map((b) => touched.get(b.id) ?? b) } }));
  },
  async updateColumn(column, patch) {
    const previous = get().byWorkspace[column.workspaceId] ?? [];
    set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: replaceColumn(previous, column.id, (c) => ({ ...c, ...patch })) } }));
    const result = await getClient().invoke('column.update', { columnId: column.id, ...patch });
    if (!result.ok) {
      set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: previous } }));
      failed('board.updateFailed', result.error);
      return;
    }
    set((s) => ({ byWorkspace: { ...s.byWorkspace, [column.workspaceId]: replaceColumn(s.byWorkspace[column.workspaceId] ?? [], column.id, () => result.value) } }));
  },
  patchColumn(columnId, patch) {
    set((s) => {
      const byWorkspace: Record<string, Board[]> = {};
      for (const [ws, boards] of Object.entries(s.byWorkspace)) byWorkspace[ws] = replaceColumn(boards, columnId, (c) => ({ ...c, ...patch }));
      return { byWorkspace };
    });
  },
}));

/** The board shown for a workspace: the remembered tab, else the first. */
export function selectedBoard(boards: readonly Board[] | undefined, selectedId: string | undefined): Board | null {
  if (!boards || boards.length === 0) return null;
  return boards.find((b) => b.id === selectedId) ?? boards[0]!;
}
