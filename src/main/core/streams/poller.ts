/**
 * When each column is polled: a base interval per column type that grows while nothing new
 * arrives (x1.5 up to 10 minutes) and comes back when something does; per account, the
 * intervals are stretched so its columns together stay within its request budget. A column
 * that has nothing yet (just added, or its network had nothing) is due at once and starts from
 * a short first interval, so the first posts show within seconds rather than minutes.
 */
import type { ColumnType } from '../../../shared/board/schemas';
import type { Network } from '../../../shared/domain';
import { BUDGET_PER_WINDOW, RESERVED_FOR_PEOPLE, WINDOW_MS } from './budget';

export const BASE_INTERVAL_MS: Record<ColumnType, number> = {
  home: 60_000,
  notifications: 60_000,
  mentions: 45_000,
  direct: 60_000,
  search: 120_000,
  list: 180_000,
  profile: 300_000,
  own_posts: 300_000,
  drafts: 0,
  scheduled: 0,
  sent: 0,
};
export const MAX_INTERVAL_MS = 10 * 60_000;
/** A column followed by an open stream is still polled this often, as a safety net. */
export const LIVE_INTERVAL_MS = MAX_INTERVAL_MS;
/** Where an empty column's interval starts (then x1.5 while nothing comes). */
export const FIRST_INTERVAL_MS = 10_000;
export const GROWTH = 1.5;
/** Requests one refresh costs (notifications read their posts in a second request). */
export const requestCost = (type: ColumnType): number => (type === 'notifications' || type === 'mentions' ? 2 : 1);

export interface PolledColumn {
  id: string;
  type: ColumnType;
  accountId: string;
  network: Network;
  /** The column has no entry yet: it polls from FIRST_INTERVAL_MS. */
  empty?: boolean;
}

export class PollPlan {
  private readonly columns = new Map<string, PolledColumn>();
  private readonly interval = new Map<string, number>();
  private readonly next = new Map<string, number>();
  private readonly stretch = new Map<string, number>();
  private readonly live = new Set<string>();

  private base(id: string, type: ColumnType): number {
    return this.live.has(id) ? LIVE_INTERVAL_MS : BASE_INTERVAL_MS[type];
  }

  /** The board's network columns now; new ones are due at once, removed ones are forgotten. */
  plan(columns: PolledColumn[], now: number): void {
    const ids = new Set(columns.map((c) => c.id));
    for (const id of [...this.columns.keys()]) {
      if (!ids.has(id)) {
        this.columns.delete(id);
        this.interval.delete(id);
        this.next.delete(id);
        this.live.delete(id);
      }
    }
    for (const c of columns) {
      this.columns.set(c.id, c);
      if (!this.interval.has(c.id)) this.interval.set(c.id, c.empty ? Math.min(FIRST_INTERVAL_MS, BASE_INTERVAL_MS[c.type]) : BASE_INTERVAL_MS[c.type]);
      if (!this.next.has(c.id)) this.next.set(c.id, now);
    }
    this.restretch();
  }

  /** Per account: how much its intervals must stretch so polling spends at most the non-reserved budget. */
  private restretch(): void {
    const load = new Map<string, { perWindow: number; cap: number }>();
    for (const c of this.columns.values()) {
      const l = load.get(c.accountId) ?? { perWindow: 0, cap: BUDGET_PER_WINDOW[c.network] * (1 - RESERVED_FOR_PEOPLE) };
      l.perWindow += (WINDOW_MS / this.interval.get(c.id)!) * requestCost(c.type);
      load.set(c.accountId, l);
    }
    this.stretch.clear();
    for (const [accountId, l] of load) this.stretch.set(accountId, Math.max(1, l.perWindow / l.cap));
  }

  effectiveInterval(id: string): number {
    const c = this.columns.get(id);
    if (!c) return MAX_INTERVAL_MS;
    return Math.round(this.interval.get(id)! * (this.stretch.get(c.accountId) ?? 1));
  }

  due(now: number): PolledColumn[] {
    return [...this.columns.values()].filter((c) => this.next.get(c.id)! <= now);
  }

  /** A refresh ended: nothing new makes the column slower, something new brings it back to its pace. */
  refreshed(id: string, added: number, now: number): number {
    const c = this.columns.get(id);
    if (!c) return now + MAX_INTERVAL_MS;
    const base = this.base(id, c.type);
    this.interval.set(id, added > 0 ? base : Math.min(this.interval.get(id)! * GROWTH, Math.max(base, MAX_INTERVAL_MS)));
    this.restretch();
    const at = now + this.effectiveInterval(id);
    this.next.set(id, at);
    return at;
  }

  /**
   * A stream now carries this column (polled at LIVE_INTERVAL_MS, leaving the budget to the
   * others), or no longer does (back to its pace). Either way it refreshes now: to catch up
   * what came before the stream opened, or what the dead stream missed.
   */
  setLive(id: string, live: boolean, now: number): void {
    const c = this.columns.get(id);
    if (!c) return;
    if (live) this.live.add(id);
    else this.live.delete(id);
    this.interval.set(id, this.base(id, c.type));
    this.next.set(id, now);
    this.restretch();
  }

  /** Try this column again at `at` (throttled, failing, offline). */
  defer(id: string, at: number): void {
    if (this.columns.has(id)) this.next.set(id, at);
  }

  /** Everything due now (the connection came back, the computer woke up). */
  allDue(now: number): void {
    for (const id of this.next.keys()) this.next.set(id, now);
  }

  nextAt(): number | null {
    let min: number | null = null;
    for (const at of this.next.values()) if (min === null || at < min) min = at;
    return min;
  }

  nextFor(id: string): number | null {
    return this.next.get(id) ?? null;
  }
}
