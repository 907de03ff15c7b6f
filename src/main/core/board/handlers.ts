/** The board's commands: boards and columns (SQLite), pages from the cache, and the streams behind them. */
import { randomUUID } from 'node:crypto';
import { columnWaits } from '../../../shared/board/retry';
import { isNetworkColumn, type ColumnQuery, type ColumnState, type ColumnType } from '../../../shared/board/schemas';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { defineHandlers } from '../handler-types';
import type { AccountRepository } from '../repositories/accounts';
import type { BoardSettingsRepository } from '../repositories/board-settings';
import { columnStatus, toColumn, type BoardRepository, type ColumnRow } from '../repositories/boards';
import type { WorkspaceRepository } from '../repositories/workspaces';
import type { BoardReadModel } from '../streams/read-model';
import type { StreamsPort } from './ports';
import type { SentPost } from './sent-posts';

export interface BoardHandlerDeps {
  clock: Clock;
  boards: BoardRepository;
  readModel: BoardReadModel;
  accounts: AccountRepository;
  workspaces: WorkspaceRepository;
  settings: BoardSettingsRepository;
  streams: StreamsPort;
  /** A published post's first part by its target id (post_targets). */
  sentPost?: (targetId: string) => SentPost | null;
  /** Retention settings changed: prune now. */
  retentionChanged?: () => void;
  emitBoard(workspaceId: string): void;
  /** Unread counts changed (a column was read). */
  emitColumn(columnId: string, newCount: number): void;
}

const DEFAULT_BOARD_NAME = 'Accueil';
const DEFAULT_PAGE = 50;

/** What a column of this type needs in its query. */
export function queryProblem(type: ColumnType, q: ColumnQuery): string | null {
  if (type === 'search' && !q.q && !q.tag) return 'q';
  if (type === 'profile' && !q.handle) return 'handle';
  if (type === 'list' && !q.listId) return 'listId';
  return null;
}

export function createBoardHandlers(d: BoardHandlerDeps) {
  const workspace = (id: string) => d.workspaces.get(id) ?? (() => { throw new AppFailure('workspace_not_found', 'This workspace no longer exists.'); })();
  const board = (id: string) => d.boards.board(id) ?? (() => { throw new AppFailure('board_not_found', 'This board no longer exists.'); })();
  const column = (id: string): ColumnRow => d.boards.column(id) ?? (() => { throw new AppFailure('column_not_found', 'This column no longer exists.'); })();
  const boardView = (id: string) => {
    const b = board(id);
    return list(b.workspace_id).find((x) => x.id === id)!;
  };
  const list = (workspaceId: string) => {
    const unread = d.readModel.unreadByColumn(workspaceId);
    return d.boards.list(workspaceId, (c) => unread.get(c) ?? 0, (c) => d.streams.streaming(c));
  };
  const columnView = (id: string) => toColumn(column(id), d.readModel.unread(id), d.streams.streaming(id));
  /** A network column reads as an account of the board's workspace; Tribune's own columns read as none. */
  const checkAccount = (workspaceId: string, type: ColumnType, accountId: string | null | undefined): string | null => {
    if (!isNetworkColumn(type)) return null;
    if (!accountId) throw new AppFailure('column_needs_account', 'Choose the account this column reads as.');
    const account = d.accounts.get(accountId);
    if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
    if (account.workspaceId !== workspaceId) throw new AppFailure('column_account_other_workspace', 'This account belongs to another workspace.');
    return accountId;
  };
  const checkQuery = (type: ColumnType, query: ColumnQuery) => {
    const field = queryProblem(type, query);
    if (field) throw new AppFailure('column_query_required', `This column needs ${field}.`, { field });
  };

  return defineHandlers({
    'board.list': ({ workspaceId }) => {
      workspace(workspaceId);
      if (d.boards.boards(workspaceId).length === 0) {
        const id = randomUUID();
        const now = d.clock.now();
        d.boards.insertBoard({ id, workspaceId, name: DEFAULT_BOARD_NAME, position: 0, createdAt: now });
        (['drafts', 'scheduled', 'sent'] as const).forEach((type, position) =>
          d.boards.insertColumn({ id: randomUUID(), boardId: id, workspaceId, type, accountId: null, query: {}, width: 'normal', notify: false, position, createdAt: now }),
        );
      }
      return list(workspaceId);
    },
    'board.save': ({ id, workspaceId, name, position }) => {
      workspace(workspaceId);
      const existing = id ? d.boards.board(id) : undefined;
      if (existing && existing.workspace_id !== workspaceId) throw new AppFailure('board_other_workspace', 'This board belongs to another workspace.');
      const boardId = existing?.id ?? id ?? randomUUID();
      if (existing) d.boards.renameBoard(boardId, name);
      else d.boards.insertBoard({ id: boardId, workspaceId, name, position: d.boards.boards(workspaceId).length, createdAt: d.clock.now() });
      if (position !== undefined) d.boards.moveBoard(workspaceId, boardId, position);
      d.emitBoard(workspaceId);
      return boardView(boardId);
    },
    'board.delete': ({ id }) => {
      const b = board(id);
      if (d.boards.boards(b.workspace_id).length <= 1) throw new AppFailure('board_last_one', 'A workspace keeps at least one board.');
      d.boards.deleteBoard(id);
      d.boards.moveBoard(b.workspace_id, d.boards.boards(b.workspace_id)[0]!.id, 0);
      d.streams.columnsChanged();
      d.emitBoard(b.workspace_id);
      return { done: true as const };
    },
    'board.unread': ({ workspaceId }) => {
      workspace(workspaceId);
      const unread = d.readModel.unreadByColumn(workspaceId);
      const columns = [...unread].map(([columnId, n]) => ({ columnId, unread: n }));
      return { workspaceId, total: columns.reduce((sum, c) => sum + c.unread, 0), columns };
    },
    'board.unreadAll': () => {
      const live = new Set(d.workspaces.list().map((w) => w.id));
      const columns = d.readModel.unreadAll().filter((c) => live.has(c.workspaceId));
      const totals = new Map<string, number>();
      for (const c of columns) totals.set(c.workspaceId, (totals.get(c.workspaceId) ?? 0) + c.unread);
      return { workspaces: [...totals].map(([workspaceId, total]) => ({ workspaceId, total })), columns };
    },
    'board.getRetention': () => d.settings.retention(),
    'board.setRetention': (patch) => {
      const next = d.settings.setRetention(patch);
      d.retentionChanged?.();
      return next;
    },

    'column.add': (input) => {
      const b = board(input.boardId);
      const accountId = checkAccount(b.workspace_id, input.type, input.accountId);
      const query = input.query ?? {};
      checkQuery(input.type, query);
      const id = input.id ?? randomUUID();
      if (d.boards.column(id)) throw new AppFailure('column_id_taken', 'A column with this id already exists.');
      d.boards.insertColumn({
        id,
        boardId: b.id,
        workspaceId: b.workspace_id,
        type: input.type,
        accountId,
        query,
        width: input.width ?? 'normal',
        notify: input.notify ?? (input.type === 'mentions' || input.type === 'direct'),
        position: input.position ?? d.boards.columnsOfBoard(b.id).length,
        createdAt: d.clock.now(),
      });
      d.streams.columnsChanged();
      d.emitBoard(b.workspace_id);
      if (accountId) void d.streams.refresh(id).catch(() => undefined);
      return columnView(id);
    },
    'column.remove': ({ columnId }) => {
      const c = column(columnId);
      d.boards.deleteColumn(columnId);
      d.streams.columnsChanged();
      d.emitBoard(c.workspace_id);
      return { done: true as const };
    },
    'column.move': ({ columnId, position, boardId }) => {
      const c = column(columnId);
      const target = boardId ? board(boardId) : board(c.board_id);
      if (target.workspace_id !== c.workspace_id) throw new AppFailure('column_other_workspace', 'A column stays in its workspace.');
      d.boards.placeColumn(columnId, target.id, position);
      d.emitBoard(c.workspace_id);
      return list(c.workspace_id).filter((x) => x.id === target.id || x.id === c.board_id);
    },
    'column.update': (input) => {
      const c = column(input.columnId);
      const accountId = input.accountId !== undefined ? checkAccount(c.workspace_id, c.type, input.accountId) : c.account_id;
      const query = input.query ?? toColumn(c, 0).query;
      checkQuery(c.type, query);
      d.boards.updateColumn(c.id, { accountId, query, width: input.width ?? c.width, notify: input.notify ?? c.notify === 1 });
      const resync = accountId !== c.account_id || (input.query !== undefined && JSON.stringify(input.query) !== c.query);
      if (resync) {
        d.boards.resetSync(c.id);
        d.streams.columnsChanged();
        if (accountId) void d.streams.refresh(c.id).catch(() => undefined);
      }
      d.emitBoard(c.workspace_id);
      return columnView(c.id);
    },
    'column.page': ({ columnId, before, limit }) => {
      const c = column(columnId);
      const size = limit ?? DEFAULT_PAGE;
      const entries = d.readModel.page({ columnId, workspaceId: c.workspace_id, accountId: c.account_id, before: before ?? null, limit: size });
      // Past the end of the cache: the network's older page comes in the background, unless the column
      // waits for its retry (throttled, failing...): asking again at every scroll would loop with the
      // renderer's reload of the column, and the engine tries again on its own at the retry time.
      if (entries.length < size && before !== undefined && c.account_id && c.older_cursor !== 'end' && !columnWaits(c.state as ColumnState, c.retry_at, d.clock.now())) d.streams.loadOlder(columnId);
      return {
        columnId,
        entries,
        nextCursor: entries.length === size ? entries[entries.length - 1]!.cursor : null,
        readCursor: c.read_key,
        unread: d.readModel.unread(columnId),
        status: columnStatus(c, d.streams.streaming(columnId)),
      };
    },
    'column.refresh': async ({ columnId }) => {
      const c = column(columnId);
      if (!c.account_id) return columnStatus(c);
      return d.streams.refresh(columnId);
    },
    'column.fillGap': async ({ columnId, gapId }) => {
      column(columnId);
      return d.streams.fillGap(columnId, gapId);
    },
    'column.markRead': ({ columnId, cursor }) => {
      const c = column(columnId);
      const key = cursor ?? d.readModel.newestKey(columnId);
      // A read position only moves forward (two windows reading the same column).
      if (key !== null && (c.read_key === null || key > c.read_key)) d.boards.setRead(columnId, key, d.clock.now());
      // Sent even when it did not move here: the server may not know it yet (first fill, another device).
      if (key !== null) d.streams.syncReadPosition(columnId);
      const unread = d.readModel.unread(columnId);
      d.emitColumn(columnId, 0);
      return { unread };
    },
    'column.preview': async ({ workspaceId, type, accountId, query }) => {
      workspace(workspaceId);
      const id = checkAccount(workspaceId, type, accountId);
      if (!id) return { entries: [] };
      checkQuery(type, query ?? {});
      return { entries: await d.streams.preview(id, type, query ?? {}, workspaceId) };
    },

    'item.act': async ({ itemId, asAccountId, action }) => {
      const account = d.accounts.get(asAccountId);
      if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
      return d.streams.act(itemId, asAccountId, action, account.workspaceId);
    },
    'item.ofSentPost': async ({ targetId }) => {
      const sent = d.sentPost?.(targetId) ?? null;
      if (!sent) throw new AppFailure('publication_not_found', 'This publication no longer exists.');
      if (sent.deleted) throw new AppFailure('item_not_found', 'This post was deleted from its network.');
      if (!sent.remoteId) throw new AppFailure('sent_post_not_published', 'This post has not gone out on this account yet.');
      const account = d.accounts.get(sent.accountId);
      if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
      // Bluesky knows a post by its at:// URI; Mastodon by the status id on the account's server.
      const target = sent.network === 'bluesky' ? { uri: sent.remoteId, remoteId: null } : { uri: sent.url ?? sent.remoteId, remoteId: sent.remoteId };
      return { itemId: await d.streams.itemOfRemote(account.id, target), asAccountId: account.id };
    },
    'item.thread': async ({ itemId, asAccountId }) => {
      const account = d.accounts.get(asAccountId);
      if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
      return d.streams.thread(itemId, asAccountId, account.workspaceId);
    },
    'item.sendMessage': async ({ itemId, asAccountId, text }) => {
      const account = d.accounts.get(asAccountId);
      if (!account || account.removed) throw new AppFailure('account_not_found', 'This account is no longer connected.');
      await d.streams.sendMessage(itemId, asAccountId, text);
      return { done: true as const };
    },
  });
}
