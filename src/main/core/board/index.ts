/** The board in the core: its repositories, the streams module behind it, and its handlers. */
import type { EventName } from '../../../shared/contract';
import type { Clock } from '../clock';
import type { Db } from '../store/database';
import type { AccountRepository } from '../repositories/accounts';
import { BoardSettingsRepository } from '../repositories/board-settings';
import { BoardRepository, columnStatus } from '../repositories/boards';
import type { WorkspaceRepository } from '../repositories/workspaces';
import { BoardReadModel } from '../streams/read-model';
import { createBoardHandlers } from './handlers';
import type { StreamsPort } from './ports';

export interface BoardCoreDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  workspaces: WorkspaceRepository;
  emit: (event: EventName, payload: unknown) => void;
  /** The streams module; absent: columns answer from the cache only. */
  streams?: (parts: { boards: BoardRepository; readModel: BoardReadModel; settings: BoardSettingsRepository }) => StreamsPort;
}

export function createBoardCore(d: BoardCoreDeps) {
  const boards = new BoardRepository(d.db);
  const readModel = new BoardReadModel(d.db);
  const settings = new BoardSettingsRepository(d.db);
  const streams = d.streams?.({ boards, readModel, settings }) ?? cacheOnly(boards);
  const handlers = createBoardHandlers({
    clock: d.clock,
    boards,
    readModel,
    accounts: d.accounts,
    workspaces: d.workspaces,
    settings,
    streams,
    emitBoard: (workspaceId) => d.emit('board.changed', { workspaceId }),
    emitColumn: (columnId, newCount) => {
      const c = boards.column(columnId);
      if (c) d.emit('column.changed', { columnId, workspaceId: c.workspace_id, newCount, unread: readModel.unread(columnId), status: columnStatus(c, streams.streaming(columnId)) });
    },
  });
  return { handlers, boards, readModel, settings, streams };
}

/** Columns from the cache alone (no network): what the board does before the streams start. */
function cacheOnly(boards: BoardRepository): StreamsPort {
  const status = (id: string) => columnStatus(boards.column(id)!);
  const offline = () => Promise.reject(new Error('The board reads the cache only.'));
  return {
    refresh: (id) => Promise.resolve(status(id)),
    fillGap: (id) => Promise.resolve(status(id)),
    syncReadPosition: () => undefined,
    preview: () => Promise.resolve([]),
    act: offline,
    thread: offline,
    columnsChanged: () => undefined,
    streaming: () => false,
  };
}
