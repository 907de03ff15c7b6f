/**
 * The streams module's engine: each network column is a source polled within its account's
 * budget (poller.ts, budget.ts), moved along its network (sync.ts) into the shared cache
 * (cache.ts); every change emits column.changed so the renderer repaints from the cache.
 * One run per column at a time; a person's refresh joins a run in progress, and a tick never
 * waits for a run still going (one slow column does not stop the others). A column whose last
 * refresh is older than STALE_FACTOR times its interval says it is stale, and when it retries.
 */
import type { ColumnStatus } from '../../../shared/board/schemas';
import { AppFailure } from '../../../shared/result';
import type { Clock } from '../clock';
import { ReadError, type Reader } from '../connectors/reader';
import type { Logger } from '../log';
import { columnStatus, type BoardRepository, type ColumnRow } from '../repositories/boards';
import type { AccountRepository } from '../repositories/accounts';
import type { Db } from '../store/database';
import { Budgets } from './budget';
import type { StreamCache } from './cache';
import { FIRST_INTERVAL_MS, PollPlan, requestCost } from './poller';
import type { BoardReadModel } from './read-model';
import { failureStatus } from './status';
import { fillGap, gapOf, loadOlder, refreshColumn, type SyncDeps } from './sync';
import { syncSeenFromServer } from './seen';

export interface EngineDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  boards: BoardRepository;
  readModel: BoardReadModel;
  cache: StreamCache;
  accounts: AccountRepository;
  /** The reader of an account's connector (null: none, or the account is gone). */
  readerFor(accountId: string): Reader | null;
  emitColumn(columnId: string, newCount: number): void;
  /** After a refresh that added entries (not a first fill): `since` is the column's newest sort key before it. */
  notify?(columnId: string, since: string | null): void;
  /**
   * A refresh starts (live.ts): the returned function is called once it succeeded, so a stream
   * open since before it may carry the column's continuity on (LiveStreams.refreshStarting).
   */
  refreshStarting?(columnId: string): () => void;
}

/** A column whose last refresh is older than this many of its intervals is stale. */
export const STALE_FACTOR = 3;
/** A stale column tries again this soon. */
export const STALE_RETRY_MS = 30_000;
const STALE_CHECK_MS = 30_000;

type RunKind = { kind: 'refresh' } | { kind: 'gap'; gapId: string } | { kind: 'older' };

export class StreamEngine {
  readonly plan = new PollPlan();
  readonly budgets: Budgets;
  private readonly running = new Map<string, Promise<ColumnStatus>>();
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private started = false;
  /** Stopped (the core closes): a run still in flight stores nothing more. */
  private stopped = false;
  private readonly sync: SyncDeps;

  constructor(private readonly d: EngineDeps) {
    this.budgets = new Budgets(() => d.clock.now());
    this.sync = { db: d.db, cache: d.cache, boards: d.boards, readModel: d.readModel, now: () => d.clock.now() };
  }

  start(): void {
    this.started = true;
    this.stopped = false;
    this.replan();
    if (!this.staleTimer) {
      this.staleTimer = setInterval(() => this.checkStale(), STALE_CHECK_MS);
      this.staleTimer.unref?.();
    }
  }

  stop(): void {
    this.started = false;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.timer = null;
    this.staleTimer = null;
  }

  /** Columns were added, removed or changed. */
  replan(): void {
    const columns = this.d.boards.networkColumns().flatMap((c) => {
      const account = c.account_id ? this.d.accounts.get(c.account_id) : null;
      if (!account || account.removed) return [];
      return [{ id: c.id, type: c.type, accountId: account.id, network: account.network, empty: this.d.readModel.newestKey(c.id) === null }];
    });
    this.plan.plan(columns, this.d.clock.now());
    this.arm();
  }

  /** Streams opened or closed for these columns (live.ts): polled as a safety net, or at their pace again; both refresh now. */
  setLive(columnIds: string[], live: boolean): void {
    const now = this.d.clock.now();
    for (const id of columnIds) this.plan.setLive(id, live, now);
    this.arm();
  }

  /** The connection is back or the computer woke up: every column refreshes (within budgets). */
  wake(): void {
    this.plan.allDue(this.d.clock.now());
    this.arm();
  }

  private arm(): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.plan.nextAt();
    if (next === null) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, Math.min(next - this.d.clock.now(), 2 ** 31 - 1)));
    this.timer.unref?.();
  }

  /** Refreshes every due column (the timer calls it; tests and benches call it with their clock). */
  async tick(): Promise<void> {
    const now = this.d.clock.now();
    const due = this.plan.due(now);
    // Planned ahead until each run settles (which plans again): a run still going is not due twice.
    for (const c of due) this.plan.defer(c.id, now + this.plan.effectiveInterval(c.id));
    const runs = due.filter((c) => !this.running.has(c.id)).map((c) => this.run(c.id, { kind: 'refresh' }, false).catch(() => undefined));
    this.arm();
    await Promise.all(runs);
    this.arm();
  }

  /**
   * Columns whose last refresh is older than STALE_FACTOR times their interval (the machine
   * slept, a run is stuck, the budget kept them waiting) become 'stale' and try again soon; the
   * header says since when and when. The next successful refresh makes them 'ok' again.
   */
  checkStale(): string[] {
    const now = this.d.clock.now();
    const stale: string[] = [];
    for (const c of this.d.boards.networkColumns()) {
      if (c.last_refresh_at === null || c.retry_at === null) continue;
      const late = c.state === 'ok' && now - c.last_refresh_at >= STALE_FACTOR * Math.max(c.retry_at - c.last_refresh_at, FIRST_INTERVAL_MS);
      const overdue = c.state === 'stale' && c.retry_at <= now;
      if (!late && !overdue) continue;
      const retryAt = now + STALE_RETRY_MS;
      this.d.boards.setStatus(c.id, { state: 'stale', retry_at: retryAt });
      this.plan.defer(c.id, retryAt);
      this.d.emitColumn(c.id, 0);
      stale.push(c.id);
    }
    if (stale.length > 0) this.arm();
    return stale;
  }

  refresh(columnId: string): Promise<ColumnStatus> {
    return this.run(columnId, { kind: 'refresh' }, true);
  }
  fillGap(columnId: string, gapId: string): Promise<ColumnStatus> {
    if (!gapOf(this.d.db, columnId, gapId)) throw new AppFailure('gap_not_found', 'These missing items were already loaded.');
    return this.run(columnId, { kind: 'gap', gapId }, true);
  }
  loadOlder(columnId: string): void {
    void this.run(columnId, { kind: 'older' }, true).catch(() => undefined);
  }

  private run(columnId: string, what: RunKind, forPerson: boolean): Promise<ColumnStatus> {
    const busy = this.running.get(columnId);
    if (busy) return what.kind === 'refresh' ? busy : busy.then(() => this.run(columnId, what, forPerson));
    const promise = this.runNow(columnId, what, forPerson).finally(() => this.running.delete(columnId));
    this.running.set(columnId, promise);
    return promise;
  }

  private async runNow(columnId: string, what: RunKind, forPerson: boolean): Promise<ColumnStatus> {
    const column = this.d.boards.column(columnId);
    if (!column) throw new AppFailure('column_not_found', 'This column no longer exists.');
    const account = column.account_id ? this.d.accounts.get(column.account_id) : null;
    if (!account || account.removed) return columnStatus(column);
    const reader = this.d.readerFor(account.id);
    const now = this.d.clock.now();
    if (!reader || !reader.supports(column.type)) {
      return this.settle(column, { error: new ReadError('unsupported', `${account.network} cannot show this column.`) });
    }
    const budget = this.budgets.for(account.id, account.network);
    const at = budget.availableAt(requestCost(column.type), forPerson);
    // Compared with the clock read after the budget's own: with `now` (read earlier), a clock
    // that moved meanwhile made an open budget look closed ("throttled" for nothing).
    if (at > this.d.clock.now()) {
      const message = budget.closedUntilAt() > 0 ? 'The network asked Tribune to slow down.' : "Tribune waits so as not to exceed the network's request limit.";
      this.d.boards.setStatus(columnId, { state: 'throttled', retry_at: at, error_code: 'board_rate_limited', error_message: message });
      this.plan.defer(columnId, at);
      this.d.emitColumn(columnId, 0);
      return columnStatus(this.d.boards.column(columnId)!);
    }
    const target = { column, accountId: account.id, network: account.network, reader, ctx: { onResponse: (info: Parameters<typeof budget.record>[0]) => budget.record(info) } };
    try {
      let added = 0;
      let announce: string | null = null;
      if (what.kind === 'refresh') {
        // Announced: what arrives after the first successful refresh (an empty column's first post too).
        const since = this.d.readModel.newestKey(columnId) ?? (column.last_refresh_at !== null ? '' : null);
        const continued = this.d.refreshStarting?.(columnId);
        const r = await refreshColumn(this.sync, target);
        continued?.();
        added = r.added;
        if (r.firstFill) await syncSeenFromServer(this.d, target).catch((err: unknown) => this.d.log.info(`read position not read from the server: ${String(err)}`));
        if (r.added > 0) announce = since;
      } else if (what.kind === 'gap') {
        const gap = gapOf(this.d.db, columnId, what.gapId);
        if (gap) added = (await fillGap(this.sync, target, gap)).added;
      } else {
        added = (await loadOlder(this.sync, target)).added;
      }
      const status = this.settle(column, { added, refreshed: what.kind === 'refresh' });
      if (announce !== null) this.d.notify?.(columnId, announce);
      return status;
    } catch (err) {
      if (this.stopped) return columnStatus(column);
      if (err instanceof ReadError && err.kind === 'rate_limited') budget.closeUntil(err.retryAt ?? now + 60_000);
      if (!(err instanceof ReadError)) this.d.log.error(`column ${columnId} refresh failed`, err);
      return this.settle(column, { error: err instanceof ReadError ? err : new ReadError('server', err instanceof Error ? err.message : String(err)) });
    }
  }

  private settle(column: ColumnRow, outcome: { added?: number; refreshed?: boolean; error?: ReadError }): ColumnStatus {
    const now = this.d.clock.now();
    if (this.stopped || !this.d.boards.column(column.id)) return columnStatus(column); // closing, or removed meanwhile
    if (outcome.error) {
      const failures = (this.failures.get(column.id) ?? 0) + 1;
      this.failures.set(column.id, failures);
      const patch = failureStatus(outcome.error, failures, now);
      this.d.boards.setStatus(column.id, patch);
      this.plan.defer(column.id, patch.retry_at);
    } else {
      this.failures.delete(column.id);
      const next = outcome.refreshed ? this.plan.refreshed(column.id, outcome.added ?? 0, now) : (this.plan.nextFor(column.id) ?? now);
      this.d.boards.setStatus(column.id, { state: 'ok', retry_at: next, error_code: null, error_message: null, ...(outcome.refreshed ? { last_refresh_at: now } : {}) });
    }
    this.d.emitColumn(column.id, outcome.added ?? 0);
    this.arm();
    return columnStatus(this.d.boards.column(column.id)!);
  }
}
