/**
 * Live sources: one stream per account and network stream (Mastodon: user, user:notification,
 * hashtag, list, direct), shared by the columns that follow it. Streamed entries take the same
 * cache path as polled ones (deduplicated by the column's remote key); status.update rewrites
 * the item, delete marks it deleted. While a stream is open its columns are polled only as a
 * safety net (PollPlan.setLive); when it fails, closes or goes quiet (no message nor heartbeat
 * for QUIET_MS), its columns poll at once (catching up, leaving a gap row when too much was
 * missed) and the stream is tried again with backoff; a server without streaming, hourly.
 */
import type { Network } from '../../../shared/domain';
import type { Clock } from '../clock';
import { ReadError, type LiveEvent, type LiveSpec, type LiveStream, type Reader } from '../connectors/reader';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import { parseQuery, type BoardRepository } from '../repositories/boards';
import type { Db } from '../store/database';
import type { StreamCache } from './cache';
import { backoff } from './status';
import { accepts, type LiveColumn } from './live-filter';

/** A stream with no message nor heartbeat for this long is taken for dead (Mastodon pings every 30 s). */
export const QUIET_MS = 90_000;
/** A server without streaming is asked again after this long. */
export const NO_STREAMING_RETRY_MS = 60 * 60_000;
/** How often the sources are checked (quiet ones dropped, due ones connected). */
export const CHECK_EVERY_MS = 15_000;


interface Source {
  key: string;
  accountId: string;
  network: Network;
  spec: LiveSpec;
  columns: Map<string, LiveColumn>;
  handle: LiveStream | null;
  state: 'down' | 'connecting' | 'live';
  attempt: number;
  lastSign: number;
  failures: number;
  retryAt: number;
  /** Columns refreshed since this connection opened: what it streams to them leaves no hole. */
  continuous: Set<string>;
}

export interface LiveDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  cache: StreamCache;
  boards: BoardRepository;
  accounts: AccountRepository;
  readerFor(accountId: string): Reader | null;
  emitColumn(columnId: string, newCount: number): void;
  itemsChanged(itemIds: string[]): void;
  /** The engine: these columns are followed live (polled as a safety net) or not any more (polled now). */
  setLive(columnIds: string[], live: boolean): void;
  /** Desktop notifications for a column's entries above `since` (its newest before; notify.ts). */
  announce?(columnId: string, since: string | null): void;
}

export class LiveStreams {
  private readonly sources = new Map<string, Source>();
  private timer: NodeJS.Timeout | null = null;

  private readonly newest;

  constructor(private readonly d: LiveDeps) {
    // Where notifications start: above the newest entry, or everything once a refresh went through.
    this.newest = d.db.prepare<[string], { since: string | null }>(
      `SELECT coalesce((SELECT sort_key FROM column_entries e WHERE e.column_id = c.id AND e.kind != 'gap' ORDER BY e.sort_key DESC LIMIT 1),
         CASE WHEN c.last_refresh_at IS NULL THEN NULL ELSE '' END) AS since FROM board_columns c WHERE c.id = ?`,
    );
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref?.();
    this.replan();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const s of this.sources.values()) this.drop(s);
    this.sources.clear();
  }

  isLive(columnId: string): boolean {
    for (const s of this.sources.values()) if (s.state === 'live' && s.columns.has(columnId)) return true;
    return false;
  }

  /** Columns were added, removed or changed: sources follow them. */
  replan(): void {
    if (!this.timer) return;
    const wanted = new Map<string, { accountId: string; network: Network; spec: LiveSpec; columns: Map<string, LiveColumn> }>();
    for (const row of this.d.boards.networkColumns()) {
      const account = row.account_id ? this.d.accounts.get(row.account_id) : null;
      if (!account || account.removed) continue;
      const column = { id: row.id, type: row.type, query: parseQuery(row.query) };
      const spec = this.d.readerFor(account.id)?.live?.specFor(column) ?? null;
      if (!spec) continue;
      const key = `${account.id}|${spec.stream}|${spec.tag ?? ''}|${spec.list ?? ''}`;
      const w = wanted.get(key) ?? { accountId: account.id, network: account.network, spec, columns: new Map<string, LiveColumn>() };
      w.columns.set(column.id, column);
      wanted.set(key, w);
    }
    const now = this.d.clock.now();
    for (const [key, s] of this.sources) {
      if (wanted.has(key)) continue;
      this.drop(s);
      this.sources.delete(key);
      if (s.state === 'live') this.d.setLive([...s.columns.keys()], false);
    }
    for (const [key, w] of wanted) {
      const s = this.sources.get(key);
      if (!s) {
        this.sources.set(key, { key, ...w, handle: null, state: 'down', attempt: 0, lastSign: now, failures: 0, retryAt: now, continuous: new Set() });
        continue;
      }
      const added = [...w.columns.keys()].filter((id) => !s.columns.has(id));
      const gone = [...s.columns.keys()].filter((id) => !w.columns.has(id));
      s.columns = w.columns;
      if (s.state === 'live' && added.length) this.d.setLive(added, true);
      if (s.state === 'live' && gone.length) this.d.setLive(gone, false);
    }
    this.check();
  }

  /**
   * A refresh of this column starts. If it succeeds while the stream that was open when it
   * started is still open, everything that stream delivers next follows on from what the
   * refresh read: streamed entries then move the column's continuity (sync.ts) forward. A
   * stream that opened after the refresh started (a reconnect) does not, until a refresh.
   */
  refreshStarting(columnId: string): () => void {
    const s = [...this.sources.values()].find((x) => x.state === 'live' && x.columns.has(columnId));
    if (!s) return () => undefined;
    const attempt = s.attempt;
    return () => {
      if (s.attempt === attempt && s.state === 'live' && this.sources.get(s.key) === s && s.columns.has(columnId)) s.continuous.add(columnId);
    };
  }

  /** Drops quiet streams and opens the due ones (a timer; and when the computer wakes or the network is back). */
  check(): void {
    if (!this.timer) return;
    const now = this.d.clock.now();
    for (const s of this.sources.values()) {
      if (s.state !== 'down' && now - s.lastSign > QUIET_MS) this.fail(s, new ReadError('unreachable', 'The stream went quiet.'));
      else if (s.state === 'down' && s.retryAt <= now) this.connect(s);
    }
  }

  private connect(s: Source): void {
    const live = this.d.readerFor(s.accountId)?.live;
    if (!live) return;
    const attempt = ++s.attempt;
    const current = () => s.attempt === attempt && this.sources.get(s.key) === s;
    s.state = 'connecting';
    s.lastSign = this.d.clock.now();
    s.handle = live.open(s.spec, {
      open: () => {
        if (!current()) return;
        s.state = 'live';
        s.failures = 0;
        s.lastSign = this.d.clock.now();
        this.d.log.info(`stream ${s.spec.stream} of account ${s.accountId} open: its columns are live`);
        this.d.setLive([...s.columns.keys()], true);
        for (const id of s.columns.keys()) this.d.emitColumn(id, 0);
      },
      event: (e) => {
        if (!current()) return;
        s.lastSign = this.d.clock.now();
        try {
          this.apply(s, e);
        } catch (err) {
          this.d.log.error(`a streamed ${e.kind} could not be stored`, err);
        }
      },
      alive: () => {
        if (current()) s.lastSign = this.d.clock.now();
      },
      closed: (err) => {
        if (current()) this.fail(s, err);
      },
    });
  }

  private fail(s: Source, err: ReadError): void {
    const wasLive = s.state === 'live';
    this.drop(s);
    s.state = 'down';
    s.failures++;
    const now = this.d.clock.now();
    s.retryAt = now + (err.kind === 'unsupported' ? NO_STREAMING_RETRY_MS : err.kind === 'reconnect_needed' ? 30 * 60_000 : backoff(s.failures));
    this.d.log.info(`stream ${s.spec.stream} of account ${s.accountId} ${wasLive ? 'dropped' : 'not opened'} (${err.message}): polling until ${new Date(s.retryAt).toISOString()}`);
    if (wasLive) {
      this.d.setLive([...s.columns.keys()], false);
      for (const id of s.columns.keys()) this.d.emitColumn(id, 0);
    }
  }

  private drop(s: Source): void {
    s.attempt++;
    s.continuous.clear();
    s.handle?.close();
    s.handle = null;
  }

  private apply(s: Source, e: LiveEvent): void {
    const now = this.d.clock.now();
    if (e.kind === 'entry') {
      for (const c of s.columns.values()) {
        if (!accepts(c, e.entry)) continue;
        const since = this.newest.get(c.id)?.since ?? null;
        const r = this.d.cache.ingest(c.id, s.accountId, s.network, [e.entry], now);
        if (s.continuous.has(c.id) && r.newestKey) this.d.boards.advanceContinuous(c.id, r.newestKey);
        if (r.added > 0) this.d.emitColumn(c.id, r.added);
        if (r.added > 0) this.d.announce?.(c.id, since);
      }
      return;
    }
    if (e.kind === 'edit') {
      const known = this.d.db.prepare<[string, string], { id: string }>('SELECT id FROM items WHERE network = ? AND uri = ?').get(s.network, e.item.uri);
      if (!known) return;
      this.d.itemsChanged([...this.d.cache.putItems([e.item], s.accountId, s.network, now).values()]);
      return;
    }
    const gone = this.d.db
      .prepare<[string, string], { id: string }>('UPDATE items SET deleted = 1 WHERE deleted = 0 AND id IN (SELECT item_id FROM item_views WHERE account_id = ? AND remote_id = ?) RETURNING id')
      .all(s.accountId, e.remoteId)
      .map((r) => r.id);
    if (gone.length) this.d.itemsChanged(gone);
  }
}
