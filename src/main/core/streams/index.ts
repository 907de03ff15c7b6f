/**
 * The streams module behind the board's handlers (board/ports.ts): the polling engine, live
 * streams (live.ts) with their fallback to polling, the action queue, threads, previews and read positions sent to the servers.
 */
import type { ColumnEntry, ColumnQuery, ColumnType, ItemAction } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import { AppFailure } from '../../../shared/result';
import type { StreamsPort } from '../board/ports';
import type { Clock } from '../clock';
import { ReadError, type Reader, type ResponseInfo } from '../connectors/reader';
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

  async preview(accountId: string, type: ColumnType, query: ColumnQuery, workspaceId: string): Promise<ColumnEntry[]> {
    const account = this.d.accounts.get(accountId);
    const reader = this.d.readerFor(accountId);
    if (!account || !reader) throw new AppFailure('account_not_found', 'This account is no longer connected.');
    if (!reader.supports(type)) throw new AppFailure('column_unsupported', `${account.network} cannot show this column.`, { network: account.network, type });
    try {
      const page = await reader.read({ type, query }, null, 20);
      const ids = this.cache.putItems(page.entries.flatMap((e) => (e.item ? [e.item] : [])), accountId, account.network, this.d.clock.now());
      const items = this.d.readModel.items([...ids.values()], accountId, workspaceId);
      return page.entries.flatMap((e): ColumnEntry[] => {
        const item = e.item ? (items.get(ids.get(e.item.uri)!) ?? null) : null;
        // A preview shows the posts (a notification's post too); actors of notifications wait for the column.
        return item ? [{ kind: 'item', key: e.key, cursor: e.key, item, repostedBy: null }] : [];
      });
    } catch (err) {
      if (err instanceof ReadError) throw new AppFailure(err.kind === 'unreachable' ? 'network_unreachable' : 'network_refused', err.message);
      throw err;
    }
  }

  async act(itemId: string, asAccountId: string, action: ItemAction, workspaceId: string) {
    const account = this.d.accounts.get(asAccountId)!;
    const own = this.d.db
      .prepare<[string], { network: string; remote_id: string; uri: string }>('SELECT i.network, i.uri, a.remote_id FROM items i JOIN actors a ON a.id = i.author_id WHERE i.id = ?')
      .get(itemId);
    if (!own) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
    if (own.network !== account.network) throw new AppFailure('action_unsupported', 'This account is on another network.', { action, network: account.network });
    if (own.uri.startsWith('chat:')) throw new AppFailure('action_unsupported', 'A direct message is answered in its conversation.', { action, network: account.network });
    if (action === 'delete' && own.remote_id !== account.remoteId && !own.remote_id.toLowerCase().startsWith(account.handle.toLowerCase())) {
      throw new AppFailure('action_not_allowed', 'Only the author can delete a post.', { action });
    }
    if ((action === 'bookmark' || action === 'unbookmark') && account.network === 'bluesky') {
      throw new AppFailure('action_unsupported', 'Bluesky has no bookmarks here.', { action, network: account.network });
    }
    const { actionId, cancelled } = this.actions.enqueue(itemId, asAccountId, action);
    this.d.emitItems(workspaceId, [itemId]);
    if (!cancelled) await this.actions.drain();
    const state = cancelled ? { state: 'done', error_code: null, error_message: null } : this.actions.state(actionId);
    if (state?.state === 'failed') throw new AppFailure('action_refused', state.error_message ?? 'The network refused this action.', { action });
    const item = this.d.readModel.items([itemId], asAccountId, workspaceId).get(itemId);
    if (!item) throw new AppFailure('item_not_found', 'This post is no longer in the cache.');
    return { actionId, state: state?.state === 'done' ? ('done' as const) : ('queued' as const), item };
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
