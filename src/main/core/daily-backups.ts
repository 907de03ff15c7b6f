/**
 * The day's backup while Tribune is open: not while the first screen paints (copying a 90 MB
 * board cache competes with it), a little after start, then hourly; a session closed before
 * that takes the day's backup as it closes. Closing waits for a backup in progress, so it never
 * races the database handle.
 */
import type { Clock } from './clock';
import type { Logger } from './log';
import { maybeDailyBackup, type Db } from './store/database';

/** The daily backup is looked at this long after start (then hourly), not during it. */
export const DAILY_BACKUP_AFTER_START_MS = 30_000;
const HOUR_MS = 60 * 60 * 1000;

export class DailyBackups {
  private inFlight: Promise<unknown> = Promise.resolve();
  private looked = false;
  private readonly first: ReturnType<typeof setTimeout>;
  private readonly hourly: ReturnType<typeof setInterval>;

  constructor(private readonly d: { db: Db; backupDir: string; clock: Clock; log: Logger }) {
    this.first = setTimeout(() => this.now(), DAILY_BACKUP_AFTER_START_MS);
    this.first.unref();
    this.hourly = setInterval(() => this.now(), HOUR_MS);
    this.hourly.unref();
  }

  /** No more timed backups. */
  stopTimers(): void {
    clearTimeout(this.first);
    clearInterval(this.hourly);
  }

  /** The day's backup if no timer looked yet, and the one in progress: resolves once the database is free. */
  async close(): Promise<void> {
    this.stopTimers();
    if (!this.looked) this.now();
    await this.inFlight;
  }

  private now(): void {
    this.looked = true;
    this.inFlight = maybeDailyBackup(this.d.db, { backupDir: this.d.backupDir, clock: this.d.clock }).catch((error: unknown) => this.d.log.error('daily backup failed', error));
  }
}
