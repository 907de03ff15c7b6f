/**
 * The streams module behind the board's handlers (board/ports.ts): the polling engine, live
 * streams (live.ts) with their fallback to polling, the action queue, threads, previews and read positions sent to the servers.
 */
import type { ColumnEntry, ColumnQuery, ColumnType, ItemAction } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import type { StreamsPort } from '../board/ports';
import type { Clock } from '../clock';
import type { Reader, ResponseInfo } from '../connectors/reader';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import type { BoardRepository } from '../repositories/boards';
import type { Db } from '../store/database';
import { ActionQueue } from './actions';
import { StreamCache, type IngestHook } from './cache';
import { StreamEngine } from './engine';
import { LiveStreams } from './live';
import { sendMessage } from './messages';
import type { BoardReadModel } from './read-model';
import { seenPosition } from './seen';
import { itemOfRemote, loadThread } from './threads';
import { loadConversation } from './conversations';
import { ImageCache } from './images';
import { actOnItem, previewColumn } from './item-access';
import { pruneCache } from './retention';
import { ColumnNotifier } from './notify';
import type { ColumnNotice } from '../../../shared/board/notice';
import type { BoardRetention } from '../../../shared/board/schemas';

/** The cache's first pruning after start (its retention), then every PRUNE_EVERY_MS. */
export const PRUNE_AFTER_START_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface StreamsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  boards: BoardRepository;
  readModel: BoardReadModel;
  accounts: AccountRepository;
  readerFor(accountId: string): Reader | null;
  keyFor(network: Network): string | null;
  emitColumn(columnId: string, newCount: number): void;
  emitItems(workspaceId: string, itemIds: string[]): void;
  /** New unseen items of a column with notifications on (notify.ts). */
  emitNotice?(notice: ColumnNotice): void;
  retention(): BoardRetention;
  /** Where remote images are kept (<data>/remote-images). */
  imageDir: string;
  fetchImage?: typeof fetch;
  /** Images may come from loopback / private addresses (the sandbox and tests only). */
  allowPrivateImages?: boolean;
  /** Runs inside each page's transaction with what it stored (the charter and the inbox). */
  onIngest?: IngestHook;
}

export class Streams implements StreamsPort {
  readonly cache: StreamCache;
  readonly engine: StreamEngine;
  readonly live: LiveStreams;
  readonly actions: ActionQueue;
  readonly images: ImageCache;
  readonly notifier: ColumnNotifier;
  private actionTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: StreamsDeps) {
    this.cache = new StreamCache(d.db, d.onIngest ?? null);
    this.images = new ImageCache(d.db, d.imageDir, () => d.retention().imageCacheMegabytes * 1024 * 1024, () => d.clock.now(), d.fetchImage, {
      allowPrivateAddresses: d.allowPrivateImages === true,
    });
    this.notifier = new ColumnNotifier(d.db, d.boards, (notice) => d.emitNotice?.(notice));
    this.engine = new StreamEngine({
      db: d.db,
      clock: d.clock,
      log: d.log,
      boards: d.boards,
      readModel: d.readModel,
      cache: this.cache,
      accounts: d.accounts,
      readerFor: d.readerFor,
      emitColumn: d.emitColumn,
      notify: (columnId, since) => this.announce(columnId, since),
      refreshStarting: (columnId) => this.live.refreshStarting(columnId),
    });
    this.live = new LiveStreams({
      db: d.db,
      clock: d.clock,
      log: d.log,
      cache: this.cache,
      boards: d.boards,
      accounts: d.accounts,
      readerFor: d.readerFor,
      emitColumn: d.emitColumn,
      itemsChanged: (ids) => {
        for (const ws of this.workspacesOf(ids)) d.emitItems(ws, ids);
      },
      setLive: (ids, live) => this.engine.setLive(ids, live),
      announce: (columnId, since) => this.announce(columnId, since),
    });
    const networkOf = (id: string) => {
      const a = d.accounts.get(id);
      return a && !a.removed ? a.network : null;
    };
    this.actions = new ActionQueue({
      db: d.db,
      now: () => d.clock.now(),
      readerFor: d.readerFor,
      networkOf,
      keyFor: d.keyFor,
      itemsChanged: (ids) => {
        for (const ws of this.workspacesOf(ids)) d.emitItems(ws, ids);
      },
    });
  }

  private workspacesOf(itemIds: string[]): string[] {
    return this.d.db
      .prepare<[string], { workspace_id: string }>(
        `SELECT DISTINCT c.workspace_id FROM column_entries e JOIN board_columns c ON c.id = e.column_id WHERE e.item_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(itemIds))
      .map((r) => r.workspace_id);
  }

  start(): void {
    if (this.actionTimer) return;
    this.engine.start();
    this.live.start();
    this.actionTimer = setInterval(() => void this.actions.drain(), 30_000);
    this.actionTimer.unref?.();
    void this.actions.drain();
    // Not at once: pruning walks the whole cache (0.1 s with 50,000 items, even with nothing to
    // remove) while the board paints its first pages. A minute later, then every hour.
    this.pruneTimer = setTimeout(() => {
      this.prune();
      this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
      this.pruneTimer.unref?.();
    }, PRUNE_AFTER_START_MS);
    this.pruneTimer.unref?.();
  }

  /** Applies the retention settings now (at start, hourly, and when they change). */
  prune(): void {
    try {
      pruneCache(this.d.db, this.d.retention(), this.d.clock.now());
      this.images.prune();
    } catch (err) {
      this.d.log.error('pruning the board cache failed', err);
    }
  }
  stop(): void {
    this.engine.stop();
    this.live.stop();
    if (this.actionTimer) clearInterval(this.actionTimer);
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.actionTimer = null;
    this.pruneTimer = null;
  }
  /** The connection came back or the computer woke up. */
  wake(): void {
    this.engine.wake();
    this.live.check();
    this.d.db.prepare("UPDATE board_actions SET next_at = ? WHERE state = 'pending'").run(this.d.clock.now());
    void this.actions.drain();
  }

  /**
   * Desktop notifications for a column's entries above `since` (its newest sort key before new
   * entries were stored). Whatever stores entries outside a refresh (a live stream) calls it too.
   */
  announce(columnId: string, since: string | null): void {
    try {
      this.notifier.afterRefresh(columnId, since);
    } catch (err) {
      this.d.log.error(`notification of column ${columnId} failed`, err);
    }
  }

  refresh = (columnId: string) => this.engine.refresh(columnId);
  fillGap = (columnId: string, gapId: string) => this.engine.fillGap(columnId, gapId);
  loadOlder = (columnId: string) => this.engine.loadOlder(columnId);
  columnsChanged = () => {
    this.engine.replan();
    this.live.replan();
  };
  streaming = (columnId: string) => this.live.isLive(columnId);

  syncReadPosition(columnId: string): void {
    const column = this.d.boards.column(columnId);
    const position = column ? seenPosition(this.d.db, column) : null;
    const reader = column?.account_id ? this.d.readerFor(column.account_id) : null;
    if (!position || !reader) return;
    // Read up to the newest entry: seen now (a server keeps its seen time from moving back).
    const newest = this.d.readModel.newestKey(columnId);
    const at = newest !== null && column!.read_key !== null && column!.read_key >= newest ? Math.max(position.at, this.d.clock.now()) : position.at;
    void reader.markSeen(position.kind, { key: position.key, itemRemoteId: position.itemRemoteId, at }).catch((err: unknown) => this.d.log.info(`read position not sent: ${String(err)}`));
  }

  /** A column's first posts before it is added (item-access.ts). */
  preview(accountId: string, type: ColumnType, query: ColumnQuery, workspaceId: string): Promise<ColumnEntry[]> {
    return previewColumn(this.itemDeps, accountId, type, query, workspaceId);
  }

  /** Likes, reposts, bookmarks, deletes… as an account, through the action queue (item-access.ts). */
  act(itemId: string, asAccountId: string, action: ItemAction, workspaceId: string) {
    return actOnItem({ ...this.itemDeps, actions: this.actions, emitItems: this.d.emitItems }, itemId, asAccountId, action, workspaceId);
  }

  private get itemDeps() {
    return { db: this.d.db, clock: this.d.clock, accounts: this.d.accounts, readerFor: this.d.readerFor, cache: this.cache, readModel: this.d.readModel };
  }

  /** What a read for a person needs: the account's network, its reader, and its request budget. */
  private readsAs(accountId: string) {
    const account = this.d.accounts.get(accountId)!;
    const budget = this.engine.budgets.for(accountId, account.network);
    return { accountId, network: account.network, reader: this.d.readerFor(accountId), ctx: { onResponse: (i: ResponseInfo) => budget.record(i) } };
  }
  private get cached() {
    return { db: this.d.db, cache: this.cache, readModel: this.d.readModel, now: () => this.d.clock.now(), log: this.d.log };
  }

  /** A post published by this account (its network id) as a board item, with its thread cached. */
  itemOfRemote(accountId: string, target: { uri: string; remoteId: string | null }): Promise<string> {
    return itemOfRemote(this.cached, { ...this.readsAs(accountId), ...target });
  }

  /** Answers a direct message (Bluesky chat) in its conversation. */
  sendMessage(itemId: string, asAccountId: string, text: string): Promise<void> {
    const deps = { db: this.d.db, boards: this.d.boards, readerFor: this.d.readerFor, ctxFor: (id: string) => this.readsAs(id).ctx, refresh: (columnId: string) => this.engine.refresh(columnId) };
    return sendMessage(deps, itemId, asAccountId, text);
  }

  /** A direct conversation's messages, a page older than `before` (conversations.ts). */
  conversation(itemId: string, asAccountId: string, workspaceId: string, before: string | null) {
    return loadConversation(this.cached, { ...this.readsAs(asAccountId), itemId, workspaceId, before });
  }

  thread(itemId: string, asAccountId: string, workspaceId: string) {
    return loadThread(this.cached, { ...this.readsAs(asAccountId), itemId, workspaceId });
  }
}
