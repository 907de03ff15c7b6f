import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { MIGRATIONS, type Migration } from './migrations';
import { listBackups, takeBackup } from './backups';

export type Db = Database.Database;

export type StoreOpenErrorCode = 'database_from_future' | 'integrity_failed' | 'not_a_database' | 'cannot_open';

/** Why the local database could not be opened, in words a person can act on. Nothing was modified. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: StoreOpenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface OpenStoreOptions {
  file: string;
  backupDir: string;
  clock: Clock;
  /** How many backups to keep (the oldest are removed). */
  keepBackups?: number;
  /** Tests pass a prefix of the real list to build older databases. */
  migrations?: readonly Migration[];
}

export interface OpenedStore {
  db: Db;
  /**
   * Closes the database and notes that Tribune left the file cleanly (see trustedSinceCleanClose):
   * the next start need not read it all again to check it.
   */
  close(): void;
  /** When the file last passed quick_check (now for a file checked at this open or a new one). */
  checkedAt: number;
  /** Schema version found before migrating (0 for a new file). */
  previousVersion: number;
  version: number;
  /** Backups taken while opening (before a migration). */
  backupsTaken: string[];
}

export const DEFAULT_KEEP_BACKUPS = 7;

/** A file that passed quick_check is checked again at least this often, even after clean closes. */
export const RECHECK_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** Next to the database between a clean close and the next open: what the file was when Tribune left it. */
export const cleanCloseMarker = (file: string) => `${file}-closed`;

interface CleanClose {
  size: number;
  mtimeMs: number;
  /** When the file last passed quick_check. */
  checkedAt: number;
}

const walHasContent = (file: string) => {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
};

/**
 * quick_check reads every page: 0.2 s at each start with a 90 MB board cache, before anything is
 * shown. A file Tribune itself closed cleanly, unchanged since (same size and modification time,
 * no write-ahead log left: no crash, no copy or restore by anything else), and checked less than
 * a week ago, is trusted without reading it again. Returns when it was last checked, or null: check it.
 * The marker is removed whatever the answer: after this open, only a clean close writes it again.
 */
function trustedSinceCleanClose(file: string, now: number): number | null {
  const marker = cleanCloseMarker(file);
  let noted: Partial<CleanClose> | null;
  try {
    noted = JSON.parse(fs.readFileSync(marker, 'utf8')) as Partial<CleanClose>;
  } catch {
    noted = null;
  }
  fs.rmSync(marker, { force: true });
  if (!noted || typeof noted.size !== 'number' || typeof noted.mtimeMs !== 'number' || typeof noted.checkedAt !== 'number') return null;
  const stat = fs.statSync(file);
  if (stat.size !== noted.size || stat.mtimeMs !== noted.mtimeMs || walHasContent(file)) return null;
  const age = now - noted.checkedAt;
  return age >= 0 && age < RECHECK_AFTER_MS ? noted.checkedAt : null;
}

/** Closes the database; when the file is complete on disk (no write-ahead log left), notes it for the next start. */
function closeCleanly(db: Db, file: string, checkedAt: number): void {
  db.close();
  try {
    if (walHasContent(file)) return;
    const stat = fs.statSync(file);
    const noted: CleanClose = { size: stat.size, mtimeMs: stat.mtimeMs, checkedAt };
    fs.writeFileSync(cleanCloseMarker(file), JSON.stringify(noted));
  } catch {
    // No note: the next start checks the file.
  }
}

/**
 * Opens (or creates) the database: refuses one from a newer version and one that
 * fails quick_check without writing a byte, backs up before migrating, then
 * applies pending migrations in one transaction.
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenedStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const exists = fs.existsSync(options.file) && fs.statSync(options.file).size > 0;
  let previousVersion = 0;
  const now = options.clock.now();
  // A new file has nothing to check.
  let checkedAt = now;

  if (exists) {
    // Read-only first: a database from the future or a damaged one must stay untouched
    // (switching to WAL or migrating would write to it).
    let probe: Db;
    try {
      probe = new Database(options.file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new StoreOpenError('cannot_open', `Tribune cannot open its database (${options.file}): ${(error as Error).message}`);
    }
    try {
      try {
        previousVersion = probe.pragma('user_version', { simple: true }) as number;
      } catch {
        throw new StoreOpenError('not_a_database', `The file ${options.file} is not a Tribune database (it may be damaged). It was left untouched.`);
      }
      if (previousVersion > latest) {
        throw new StoreOpenError(
          'database_from_future',
          `This database was written by a newer version of Tribune (schema ${previousVersion}, this version knows ${latest}). Update Tribune to open it; the file was left untouched.`,
        );
      }
      // quick_check: damaged pages and b-trees, in a quarter of integrity_check's time (which also
      // cross-checks every index against its table: 1.5 s at each start with a 90 MB board cache).
      // Skipped for a file left cleanly by Tribune and checked this week, never before a migration.
      let trustedAt: number | null = null;
      if (previousVersion === latest) trustedAt = trustedSinceCleanClose(options.file, now);
      else fs.rmSync(cleanCloseMarker(options.file), { force: true });
      const rows = trustedAt === null ? (probe.pragma('quick_check') as { quick_check: string }[]) : [];
      checkedAt = trustedAt ?? now;
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (problems.length > 0) {
        throw new StoreOpenError(
          'integrity_failed',
          `The database failed its integrity check (${problems.slice(0, 3).join('; ')}). It was left untouched; backups are in ${options.backupDir}.`,
        );
      }
    } catch (error) {
      if (error instanceof StoreOpenError) throw error;
      const message = (error as Error).message;
      if (/malformed|corrupt/i.test(message)) {
        throw new StoreOpenError(
          'integrity_failed',
          `The database is damaged (${message}). It was left untouched; backups are in ${options.backupDir}.`,
        );
      }
      if (/not a database|file is (encrypted|not a database)/i.test(message)) {
        throw new StoreOpenError('not_a_database', `The file ${options.file} is not a Tribune database (it may be damaged). It was left untouched.`);
      }
      throw new StoreOpenError('cannot_open', `Tribune cannot read its database (${options.file}): ${message}`);
    } finally {
      probe.close();
    }
  }

  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: an acknowledged save survives a crash and a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A 32 MiB page cache (the default is 2 MiB; it grows only as pages are read): a big import
    // or export touches every index of 10,000 posts, and with the default most pages are read
    // again and spilled to the WAL several times within one transaction.
    db.pragma('cache_size = -32768');

    const backupsTaken: string[] = [];
    if (exists && previousVersion < latest) {
      backupsTaken.push(
        await takeBackup(db, {
          backupDir: options.backupDir,
          reason: `pre-migration-v${previousVersion}`,
          clock: options.clock,
          keep: options.keepBackups ?? DEFAULT_KEEP_BACKUPS,
        }),
      );
    }
    applyMigrations(db, migrations, previousVersion);
    return { db, close: () => closeCleanly(db, options.file, checkedAt), checkedAt, previousVersion, version: latest, backupsTaken };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Applies every migration above `from` in one transaction (all or nothing). */
export function applyMigrations(db: Db, migrations: readonly Migration[], from: number): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) db.exec(m.up);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

/** Takes the daily backup when the newest one is older than a day. */
export async function maybeDailyBackup(db: Db, options: { backupDir: string; clock: Clock; keep?: number }): Promise<string | null> {
  const newest = listBackups(options.backupDir)[0];
  const dayMs = 24 * 60 * 60 * 1000;
  if (newest && options.clock.now() - newest.takenAt < dayMs) return null;
  return takeBackup(db, { backupDir: options.backupDir, reason: 'daily', clock: options.clock, keep: options.keep ?? DEFAULT_KEEP_BACKUPS });
}
