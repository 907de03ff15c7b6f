/** The board in the core: its repositories, the streams module behind it, and its handlers. */
import type { EventName } from '../../../shared/contract';
import type { Network } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { Reader } from '../connectors/reader';
import type { Logger } from '../log';
import { Streams } from '../streams';
import type { IngestHook } from '../streams/cache';
import type { Db } from '../store/database';
import type { AccountRepository } from '../repositories/accounts';
import { BoardSettingsRepository } from '../repositories/board-settings';
import { BoardRepository, columnStatus } from '../repositories/boards';
import type { WorkspaceRepository } from '../repositories/workspaces';
import { BoardReadModel } from '../streams/read-model';
import { imageKey } from '../streams/keys';
import { joinHandlers } from '../handler-types';
import { createBoardHandlers } from './handlers';
import { createConversationHandlers } from './conversation-handlers';
import { sentPostLookup } from './sent-posts';
import type { StreamsPort } from './ports';

export interface BoardCoreDeps {
  db: Db;
  clock: Clock;
  accounts: AccountRepository;
  workspaces: WorkspaceRepository;
  emit: (event: EventName, payload: unknown) => void;
  /** The networks; absent: columns answer from the cache only (tests of the handlers). */
  network?: {
    log: Logger;
    readerFor(accountId: string): Reader | null;
    keyFor(network: Network): string | null;
    imageDir: string;
    fetchImage?: typeof fetch;
    /** Images may come from loopback / private addresses (the sandbox and tests only). */
    allowPrivateImages?: boolean;
    /** Runs inside each page's transaction with what it stored (the charter and the inbox). */
    onIngest?: IngestHook;
  };
}

export function createBoardCore(d: BoardCoreDeps) {
  // Accounts connected before their avatars went through the image cache: register them once.
  const registerImage = d.db.prepare('INSERT OR IGNORE INTO remote_images (key, url, used_at) VALUES (?, ?, 0)');
  for (const { url } of d.db.prepare<[], { url: string }>('SELECT DISTINCT avatar_url AS url FROM accounts WHERE avatar_url IS NOT NULL').all()) registerImage.run(imageKey(url), url);
  const boards = new BoardRepository(d.db);
  const readModel = new BoardReadModel(d.db);
  const settings = new BoardSettingsRepository(d.db);
  const emitColumn = (columnId: string, newCount: number) => {
    const c = boards.column(columnId);
    if (c) d.emit('column.changed', { columnId, workspaceId: c.workspace_id, newCount, unread: readModel.unread(columnId), status: columnStatus(c, streams.streaming(columnId)) });
  };
  const live = d.network
    ? new Streams({
        db: d.db,
        clock: d.clock,
        log: d.network.log,
        boards,
        readModel,
        accounts: d.accounts,
        readerFor: d.network.readerFor,
        keyFor: d.network.keyFor,
        emitColumn,
        emitItems: (workspaceId, itemIds) => d.emit('items.changed', { workspaceId, itemIds }),
        emitNotice: (notice) => d.emit('column.notify', notice),
        retention: () => settings.retention(),
        imageDir: d.network.imageDir,
        ...(d.network.fetchImage ? { fetchImage: d.network.fetchImage } : {}),
        allowPrivateImages: d.network.allowPrivateImages === true,
        ...(d.network.onIngest ? { onIngest: d.network.onIngest } : {}),
      })
    : null;
  const streams: StreamsPort = live ?? cacheOnly(boards);
  const boardHandlers = createBoardHandlers({
    clock: d.clock,
    boards,
    readModel,
    accounts: d.accounts,
    workspaces: d.workspaces,
    settings,
    streams,
    retentionChanged: () => live?.prune(),
    sentPost: sentPostLookup(d.db),
    emitBoard: (workspaceId) => d.emit('board.changed', { workspaceId }),
    emitColumn,
  });
  const handlers = joinHandlers(boardHandlers, createConversationHandlers({ accounts: d.accounts, streams }));
  return {
    handlers,
    boards,
    readModel,
    settings,
    streams: live,
    start: () => live?.start(),
    stop: () => live?.stop(),
    wake: () => live?.wake(),
    /** A remote image by its key, for the hosts' same-origin route (null: unknown or unavailable). */
    image: (key: string) => (live ? live.images.get(key) : Promise.resolve(null)),
  };
}

/** Columns from the cache alone (no network): what the board does before the streams start. */
function cacheOnly(boards: BoardRepository): StreamsPort {
  const status = (id: string) => columnStatus(boards.column(id)!);
  const offline = () => Promise.reject(new Error('The board reads the cache only.'));
  return {
    refresh: (id) => Promise.resolve(status(id)),
    fillGap: (id) => Promise.resolve(status(id)),
    loadOlder: () => undefined,
    syncReadPosition: () => undefined,
    preview: () => Promise.resolve([]),
    act: offline,
    thread: offline,
    itemOfRemote: offline,
    sendMessage: offline,
    conversation: offline,
    columnsChanged: () => undefined,
    streaming: () => false,
  };
}
