/**
 * Checks that each account's session still works (connector.health()) at start, on wake,
 * every 30 minutes, and shortly before the account's next post is due, so that an account the
 * network no longer accepts shows "reconnect needed" (and its posts wait for it) before its
 * posts fail. A check that cannot tell (offline, server down) changes nothing.
 */
import type { Account } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { AccountRepository } from '../repositories/accounts';
import { systemTimers, type TimerHandle, type TimerPort } from '../scheduler/ports';
import type { ConnectorRegistry } from './registry';

/** Every account is checked this often. */
export const HEALTH_PERIOD_MS = 30 * 60_000;
/** An account with a post due within this window is checked before it goes. */
export const HEALTH_AHEAD_MS = 10 * 60_000;
/** A check younger than this is recent enough before a post (and after an "online" event). */
export const HEALTH_FRESH_MS = 5 * 60_000;

export interface HealthDeps {
  clock: Clock;
  log: Logger;
  accounts: AccountRepository;
  connectors: ConnectorRegistry;
  /** accounts.changed for this workspace (the rail's health dot follows). */
  emit: (workspaceId: string) => void;
  timers?: TimerPort;
}

export type HealthReason = 'start' | 'resume' | 'online' | 'periodic' | 'due_soon';

export class AccountHealthMonitor {
  private readonly timers: TimerPort;
  private readonly checkedAt = new Map<string, number>();
  private lastFullCheck = Number.NEGATIVE_INFINITY;
  private timer: TimerHandle | null = null;
  private running: Promise<void> = Promise.resolve();
  private started = false;

  constructor(private readonly d: HealthDeps) {
    this.timers = d.timers ?? systemTimers;
  }

  /** First check of every account, then the periodic and before-due checks. */
  start(): Promise<void> {
    if (this.started) return this.running;
    this.started = true;
    return this.check('start');
  }

  /** Stops at once: a check still waiting for its server ends without touching anything. */
  stop(): void {
    this.started = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Checks the accounts the reason calls for, one run at a time: all of them at start, on
   * resume and every period; after an "online" event, those not checked recently; before a
   * post, those whose next post is due soon.
   */
  check(reason: HealthReason): Promise<void> {
    if (!this.started) return this.running;
    this.running = this.running.then(() => this.run(reason)).catch((error: unknown) => this.d.log.error('checking the accounts failed', error));
    return this.running;
  }

  /** Resolves once the checks under way are done. */
  idle(): Promise<void> {
    return this.running;
  }

  /** The planned posts changed: the next before-due check may be sooner. */
  postsChanged(): void {
    if (this.started) this.arm();
  }

  private async run(reason: HealthReason): Promise<void> {
    if (!this.started) return;
    const now = this.d.clock.now();
    const full = reason === 'start' || reason === 'resume' || reason === 'periodic' || now - this.lastFullCheck >= HEALTH_PERIOD_MS;
    const due = this.d.accounts.nextDueByAccount();
    const stale = (id: string) => now - (this.checkedAt.get(id) ?? Number.NEGATIVE_INFINITY) >= HEALTH_FRESH_MS;
    const accounts = this.d.accounts.listAll().filter((account) => {
      if (account.health === 'reconnect_needed') return false; // already waiting for the person
      if (full) return true;
      if (reason === 'online') return stale(account.id);
      const next = due.get(account.id);
      return next !== undefined && next - now <= HEALTH_AHEAD_MS && stale(account.id);
    });
    if (full) this.lastFullCheck = now;
    await Promise.all(accounts.map((account) => this.checkAccount(account, now)));
    if (this.started) this.arm();
  }

  private async checkAccount(account: Account, now: number): Promise<void> {
    this.checkedAt.set(account.id, now);
    let health;
    try {
      health = await this.d.connectors.forAccount(account, () => this.reconnectNeeded(account)).health();
    } catch (error) {
      // Offline, or the server is down: the session's state is unknown, nothing changes.
      if (this.started) this.d.log.info(`could not check ${account.network} account ${account.id}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (health === 'reconnect_needed' && this.started) this.reconnectNeeded(account);
  }

  private reconnectNeeded(account: Pick<Account, 'id' | 'workspaceId'>): void {
    if (!this.started) return;
    if (this.d.accounts.get(account.id)?.health === 'reconnect_needed') return;
    if (this.d.accounts.setHealth(account.id, 'reconnect_needed')) this.d.emit(account.workspaceId);
  }

  /** The next run: the next period, or shortly before the next post of an account not checked recently. */
  private arm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const now = this.d.clock.now();
    let at = this.lastFullCheck + HEALTH_PERIOD_MS;
    let reason: HealthReason = 'periodic';
    const due = this.d.accounts.nextDueByAccount();
    for (const account of this.d.accounts.listAll()) {
      const dueAt = due.get(account.id);
      if (dueAt === undefined || account.health === 'reconnect_needed') continue;
      const accountId = account.id;
      const checkAt = Math.max(dueAt - HEALTH_AHEAD_MS, (this.checkedAt.get(accountId) ?? Number.NEGATIVE_INFINITY) + HEALTH_FRESH_MS);
      if (checkAt < dueAt && checkAt < at) {
        at = checkAt;
        reason = 'due_soon';
      }
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.check(reason);
    }, Math.max(0, at - now));
  }
}
