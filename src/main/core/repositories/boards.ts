/** Boards and their ordered columns (with each column's sync state and read position). */
import type { Db } from '../store/database';
import { toIso } from '../clock';
import { ColumnQuery, type Board, type Column, type ColumnStatus, type ColumnType, type ColumnWidth } from '../../../shared/board/schemas';

export interface BoardRow {
  id: string;
  workspace_id: string;
  name: string;
  position: number;
  created_at: number;
}

export interface ColumnRow {
  id: string;
  board_id: string;
  workspace_id: string;
  position: number;
  type: ColumnType;
  account_id: string | null;
  query: string;
  width: ColumnWidth;
  notify: number;
  created_at: number;
  read_key: string | null;
  read_at: number | null;
  older_cursor: string | null;
  /** The newest entry read without a hole since (migration 010); null before the first fill. */
  continuous_key: string | null;
  state: string;
  last_refresh_at: number | null;
  retry_at: number | null;
  error_code: string | null;
  error_message: string | null;
}

export const parseQuery = (text: string): ColumnQuery => {
  try {
    const parsed = ColumnQuery.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
};

export const columnStatus = (r: ColumnRow, streaming = false): ColumnStatus => ({
  state: r.account_id === null ? 'local' : (r.state as ColumnStatus['state']),
  lastRefreshAt: r.last_refresh_at === null ? null : toIso(r.last_refresh_at),
  retryAt: r.retry_at === null ? null : toIso(r.retry_at),
  error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
  streaming,
});

export const toColumn = (r: ColumnRow, unread: number, streaming = false): Column => ({
  id: r.id,
  boardId: r.board_id,
  workspaceId: r.workspace_id,
  type: r.type,
  accountId: r.account_id,
  query: parseQuery(r.query),
  width: r.width,
  notify: r.notify === 1,
  position: r.position,
  status: columnStatus(r, streaming),
  unread,
});

export interface NewColumn {
  id: string;
  boardId: string;
  workspaceId: string;
  type: ColumnType;
  accountId: string | null;
  query: ColumnQuery;
  width: ColumnWidth;
  notify: boolean;
  position: number;
  createdAt: number;
}

export type StatusPatch = Partial<Pick<ColumnRow, 'state' | 'last_refresh_at' | 'retry_at' | 'error_code' | 'error_message'>>;

export class BoardRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      boards: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE workspace_id = ? ORDER BY position, created_at'),
      board: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      insertBoard: db.prepare('INSERT INTO boards (id, workspace_id, name, position, created_at) VALUES (?, ?, ?, ?, ?)'),
      renameBoard: db.prepare('UPDATE boards SET name = ? WHERE id = ?'),
      setBoardPosition: db.prepare('UPDATE boards SET position = ? WHERE id = ?'),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      columnsOfWorkspace: db.prepare<[string], ColumnRow>('SELECT * FROM board_columns WHERE workspace_id = ? ORDER BY position, created_at'),
      columnsOfBoard: db.prepare<[string], ColumnRow>('SELECT * FROM board_columns WHERE board_id = ? ORDER BY position, created_at'),
      networkColumns: db.prepare<[], ColumnRow>('SELECT * FROM board_columns WHERE account_id IS NOT NULL ORDER BY account_id, position'),
      column: db.prepare<[string], ColumnRow>('SELECT * FROM board_columns WHERE id = ?'),
      insertColumn: db.prepare(
        `INSERT INTO board_columns (id, board_id, workspace_id, position, type, account_id, query, width, notify, created_at)
         VALUES (@id, @boardId, @workspaceId, @position, @type, @accountId, @query, @width, @notify, @createdAt)`,
      ),
      updateColumn: db.prepare('UPDATE board_columns SET account_id = ?, query = ?, width = ?, notify = ? WHERE id = ?'),
      setColumnPlace: db.prepare('UPDATE board_columns SET board_id = ?, position = ? WHERE id = ?'),
      deleteColumn: db.prepare('DELETE FROM board_columns WHERE id = ?'),
      setRead: db.prepare('UPDATE board_columns SET read_key = ?, read_at = ? WHERE id = ?'),
      setOlderCursor: db.prepare('UPDATE board_columns SET older_cursor = ? WHERE id = ?'),
      setContinuous: db.prepare('UPDATE board_columns SET continuous_key = ? WHERE id = ? AND (continuous_key IS NULL OR continuous_key < ?)'),
      resetSync: db.prepare("UPDATE board_columns SET older_cursor = NULL, read_key = NULL, continuous_key = NULL, state = 'idle', retry_at = NULL, error_code = NULL, error_message = NULL WHERE id = ?"),
      clearEntries: db.prepare('DELETE FROM column_entries WHERE column_id = ?'),
    };
  }

  boards(workspaceId: string): BoardRow[] {
    return this.s.boards.all(workspaceId);
  }
  board(id: string): BoardRow | undefined {
    return this.s.board.get(id);
  }
  column(id: string): ColumnRow | undefined {
    return this.s.column.get(id);
  }
  columnsOfWorkspace(workspaceId: string): ColumnRow[] {
    return this.s.columnsOfWorkspace.all(workspaceId);
  }
  columnsOfBoard(boardId: string): ColumnRow[] {
    return this.s.columnsOfBoard.all(boardId);
  }
  /** Every column that reads a network, grouped by account. */
  networkColumns(): ColumnRow[] {
    return this.s.networkColumns.all();
  }

  /** Boards of a workspace with their columns; unread counts and streaming flags come from the caller. */
  list(workspaceId: string, unread: (columnId: string) => number, streaming: (columnId: string) => boolean = () => false): Board[] {
    const columns = this.columnsOfWorkspace(workspaceId);
    return this.boards(workspaceId).map((b) => ({
      id: b.id,
      workspaceId: b.workspace_id,
      name: b.name,
      position: b.position,
      columns: columns.filter((c) => c.board_id === b.id).map((c) => toColumn(c, unread(c.id), streaming(c.id))),
    }));
  }

  insertBoard(b: { id: string; workspaceId: string; name: string; position: number; createdAt: number }): void {
    this.s.insertBoard.run(b.id, b.workspaceId, b.name, b.position, b.createdAt);
  }
  renameBoard(id: string, name: string): void {
    this.s.renameBoard.run(name, id);
  }
  /** Puts a board at `position` and renumbers the workspace's boards 0..n-1. */
  moveBoard(workspaceId: string, id: string, position: number): void {
    this.db.transaction(() => {
      const ids = this.boards(workspaceId).map((b) => b.id).filter((x) => x !== id);
      ids.splice(Math.min(position, ids.length), 0, id);
      ids.forEach((x, i) => this.s.setBoardPosition.run(i, x));
    })();
  }
  deleteBoard(id: string): void {
    this.s.deleteBoard.run(id);
  }

  insertColumn(c: NewColumn): void {
    this.db.transaction(() => {
      this.s.insertColumn.run({ ...c, query: JSON.stringify(c.query), notify: c.notify ? 1 : 0, position: 1_000_000 });
      this.placeColumn(c.id, c.boardId, c.position);
    })();
  }
  updateColumn(id: string, v: { accountId: string | null; query: ColumnQuery; width: ColumnWidth; notify: boolean }): void {
    this.s.updateColumn.run(v.accountId, JSON.stringify(v.query), v.width, v.notify ? 1 : 0, id);
  }
  /** Puts a column at `position` in `boardId` and renumbers both boards' columns 0..n-1. */
  placeColumn(id: string, boardId: string, position: number): void {
    this.db.transaction(() => {
      const before = this.column(id);
      const ids = this.columnsOfBoard(boardId).map((c) => c.id).filter((x) => x !== id);
      ids.splice(Math.min(position, ids.length), 0, id);
      ids.forEach((x, i) => this.s.setColumnPlace.run(boardId, i, x));
      if (before && before.board_id !== boardId) this.columnsOfBoard(before.board_id).forEach((c, i) => this.s.setColumnPlace.run(c.board_id, i, c.id));
    })();
  }
  deleteColumn(id: string): void {
    const before = this.column(id);
    this.db.transaction(() => {
      this.s.deleteColumn.run(id);
      if (before) this.columnsOfBoard(before.board_id).forEach((c, i) => this.s.setColumnPlace.run(c.board_id, i, c.id));
    })();
  }
  setRead(id: string, key: string | null, at: number): void {
    this.s.setRead.run(key, at, id);
  }
  setOlderCursor(id: string, cursor: string | null): void {
    this.s.setOlderCursor.run(cursor, id);
  }
  /** Everything up to `key` was read without a hole (never moves back). */
  advanceContinuous(id: string, key: string): void {
    this.s.setContinuous.run(key, id, key);
  }
  /** The column's query or account changed: what it knew of the network (its entries, read position) no longer applies. */
  resetSync(id: string): void {
    this.db.transaction(() => {
      this.s.clearEntries.run(id);
      this.s.resetSync.run(id);
    })();
  }
  setStatus(id: string, patch: StatusPatch): void {
    const keys = Object.keys(patch) as (keyof StatusPatch)[];
    if (keys.length === 0) return;
    this.db.prepare(`UPDATE board_columns SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...patch, id });
  }
}
