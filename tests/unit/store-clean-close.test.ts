/**
 * A start after a clean close (real SQLite files): quick_check reads every page of the file
 * (a 90 MB board cache at each start), so a file Tribune closed cleanly, unchanged since and
 * checked this week is trusted; anything else (a crash, a change by another program, a pending
 * migration, a week gone by) is checked again, and a damaged file is still refused untouched.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanCloseMarker, openStore, RECHECK_AFTER_MS, StoreOpenError } from '../../src/main/core/store/database';
import { MIGRATIONS } from '../../src/main/core/store/migrations';
import { damageDatabase, sha } from '../helpers/store-files';
import { manualClock, tempDir } from '../helpers/temp';

const DAY = 24 * 60 * 60 * 1000;

async function closedCleanly() {
  const dir = tempDir();
  const file = path.join(dir, 't.sqlite3');
  const clock = manualClock();
  const checkedAt = clock.now();
  const store = await openStore({ file, backupDir: path.join(dir, 'b'), clock });
  store.db.prepare('INSERT INTO settings VALUES (?, ?)').run('language', '"fr"');
  store.close();
  return { dir, file, clock, checkedAt, open: () => openStore({ file, backupDir: path.join(dir, 'b'), clock }) };
}

describe('opening a database Tribune closed cleanly', () => {
  it('trusts the file unchanged since, without checking it again, until a week has gone by', async () => {
    const { file, clock, checkedAt, open } = await closedCleanly();
    expect(fs.existsSync(cleanCloseMarker(file))).toBe(true);

    clock.advance(DAY);
    const next = await open();
    expect(next.checkedAt).toBe(checkedAt);
    // While it is open, a crash must not leave a note behind.
    expect(fs.existsSync(cleanCloseMarker(file))).toBe(false);
    expect(next.db.prepare("SELECT value FROM settings WHERE key = 'language'").get()).toEqual({ value: '"fr"' });
    next.db.prepare('INSERT INTO settings VALUES (?, ?)').run('theme', '"dark"');
    next.close();

    // Still the first check's date: the week counts from it, not from the last start.
    clock.set(checkedAt + RECHECK_AFTER_MS);
    const weekLater = await open();
    expect(weekLater.checkedAt).toBe(clock.now());
    weekLater.close();
  });

  it('checks the file again after a crash (no clean close)', async () => {
    const { clock, open } = await closedCleanly();
    clock.advance(DAY);
    const crashed = await open();
    crashed.db.prepare('INSERT INTO settings VALUES (?, ?)').run('theme', '"dark"');
    // The process dies: the database is never closed through the store.
    crashed.db.close();
    clock.advance(DAY);
    const next = await open();
    expect(next.checkedAt).toBe(clock.now());
    next.close();
  });

  it('checks the file again when another program changed it since', async () => {
    const { file, clock, open } = await closedCleanly();
    const other = new Database(file);
    other.prepare('INSERT INTO settings VALUES (?, ?)').run('copied', JSON.stringify('x'.repeat(100_000)));
    other.close();
    clock.advance(DAY);
    const next = await open();
    expect(next.checkedAt).toBe(clock.now());
    next.close();
  });

  it('checks the file before a migration, even right after a clean close', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const clock = manualClock();
    (await openStore({ file, backupDir: path.join(dir, 'b'), clock, migrations: MIGRATIONS.slice(0, -1) })).close();
    clock.advance(DAY);
    const migrated = await openStore({ file, backupDir: path.join(dir, 'b'), clock });
    expect(migrated.checkedAt).toBe(clock.now());
    migrated.close();
  });

  it('still refuses a file damaged after a clean close, and leaves it untouched', async () => {
    const { file, open } = await closedCleanly();
    damageDatabase(file);
    const before = sha(file);
    const error = (await open().catch((e: unknown) => e)) as StoreOpenError;
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(['integrity_failed', 'not_a_database']).toContain(error.code);
    expect(sha(file)).toBe(before);
  });
});
