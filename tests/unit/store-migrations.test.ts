import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups, takeBackup } from '../../src/main/core/store/backups';
import { applyMigrations, maybeDailyBackup, openStore, StoreOpenError } from '../../src/main/core/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { damageDatabase, sha } from '../helpers/store-files';
import { manualClock, tempDir } from '../helpers/temp';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

/** Seeds what a database at `version` could hold, so an upgrade can prove it kept it. */
function seed(db: Database.Database, version: number, after = 0) {
  if (version >= 1 && after < 1) {
    db.prepare("INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES ('11111111-1111-4111-8111-111111111111', 'Musée', '#2563eb', 'Europe/Paris', 1)").run();
    db.prepare("INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, deleted_at) VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111', 'Vernissage jeudi 🎨', 1, 2, 3, NULL)").run();
  }
  if (version >= 2 && after < 2) {
    db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, avatar_url, health, created_at) VALUES ('33333333-3333-4333-8333-333333333333', '11111111-1111-4111-8111-111111111111', 'bluesky', 'musee.bsky.social', 'Musée', NULL, 'ok', 1)").run();
  }
  if (version >= 3 && after < 3) {
    db.prepare("INSERT INTO post_targets (id, draft_id, account_id, network, status, due_at, idempotency_key, part_keys, updated_at) VALUES ('44444444-4444-4444-8444-444444444444', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', 'bluesky', 'pending', 5, 'k1', '[]', 1)").run();
  }
  if (version >= 5 && after < 5) {
    // The calendar: a campaign and a label on the old draft, a comment, a planned date, the exchange base.
    db.prepare("INSERT INTO campaigns (id, workspace_id, name, color, starts_on, ends_on, goal, created_at, updated_at) VALUES ('55555555-5555-4555-8555-555555555555', '11111111-1111-4111-8111-111111111111', 'Printemps', '#16a34a', '2027-03-01', NULL, '', 1, 1)").run();
    db.prepare("INSERT INTO labels (id, workspace_id, name, color, created_at) VALUES ('66666666-6666-4666-8666-666666666666', '11111111-1111-4111-8111-111111111111', 'Expo', '#db2777', 1)").run();
    db.prepare("INSERT INTO post_labels VALUES ('22222222-2222-4222-8222-222222222222', '66666666-6666-4666-8666-666666666666')").run();
    db.prepare("UPDATE drafts SET campaign_id = '55555555-5555-4555-8555-555555555555', planned_at = 10, review_state = 'in_review'").run();
    db.prepare("INSERT INTO post_comments VALUES ('77777777-7777-4777-8777-777777777777', '22222222-2222-4222-8222-222222222222', 'Camille', 'OK', 1)").run();
    db.prepare("INSERT INTO exchange_base (workspace_id, uid, sequence, last_modified, snapshot) VALUES ('11111111-1111-4111-8111-111111111111', 'uid-1', 0, 1, '{}')").run();
    const row = db.prepare('SELECT kind, review_state, ical_sequence FROM drafts').get();
    if (JSON.stringify(row) !== JSON.stringify({ kind: 'post', review_state: 'in_review', ical_sequence: 0 })) throw new Error(`unexpected defaults ${JSON.stringify(row)}`);
  }
  if (version >= 8 && after < 8) {
    // The board: a board with a Home column on the old account, one cached item shown in it, read by that account.
    db.prepare("INSERT INTO boards VALUES ('88888888-8888-4888-8888-888888888888', '11111111-1111-4111-8111-111111111111', 'Accueil', 0, 1)").run();
    db.prepare("INSERT INTO board_columns (id, board_id, workspace_id, position, type, account_id, created_at) VALUES ('99999999-9999-4999-8999-999999999999', '88888888-8888-4888-8888-888888888888', '11111111-1111-4111-8111-111111111111', 0, 'home', '33333333-3333-4333-8333-333333333333', 1)").run();
    db.prepare("INSERT INTO actors (id, network, remote_id, handle, display_name, avatar_url, url, updated_at) VALUES ('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'bluesky', 'did:plc:x', 'x.test', 'X', NULL, NULL, 1)").run();
    db.prepare("INSERT INTO items (id, network, uri, author_id, created_at, body, fetched_at) VALUES ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'bluesky', 'at://did:plc:x/app.bsky.feed.post/1', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 1, '{}', 1)").run();
    db.prepare("INSERT INTO item_views (item_id, account_id, remote_id) VALUES ('bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', '33333333-3333-4333-8333-333333333333', 'at://did:plc:x/app.bsky.feed.post/1')").run();
    db.prepare("INSERT INTO column_entries (column_id, sort_key, kind, item_id, remote_key, at) VALUES ('99999999-9999-4999-8999-999999999999', 'k1', 'item', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'at://did:plc:x/app.bsky.feed.post/1', 1)").run();
    const column = db.prepare('SELECT width, notify, state, query FROM board_columns').get();
    if (JSON.stringify(column) !== JSON.stringify({ width: 'normal', notify: 0, state: 'idle', query: '{}' })) throw new Error(`unexpected defaults ${JSON.stringify(column)}`);
  }
  if (version >= 9 && after < 9) {
    // The inbox: a rule, a saved reply, the old item in the inbox (flagged), a note on its author, an audit line.
    const ws = '11111111-1111-4111-8111-111111111111';
    db.prepare(`INSERT INTO charter_rules VALUES (?, 'r1', 0, '{"id":"r1"}', 1)`).run(ws);
    db.prepare(`INSERT INTO saved_replies (id, workspace_id, name, language, text, position, created_at, updated_at) VALUES ('cccccccc-cccc-4ccc-8ccc-cccccccccccc', ?, 'Merci', 'fr', 'Merci {name} !', 0, 1, 1)`).run(ws);
    db.prepare(`INSERT INTO inbox_items (id, workspace_id, account_id, kind, item_id, actor_id, subject, arrived_at) VALUES ('dddddddd-dddd-4ddd-8ddd-dddddddddddd', ?, '33333333-3333-4333-8333-333333333333', 'reply', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'at://did:plc:x/app.bsky.feed.post/1', 1)`).run(ws);
    db.prepare(`INSERT INTO item_flags VALUES (?, 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'r1', 'Insultes', 'warning', 'hide', 'débile', 1)`).run(ws);
    db.prepare(`INSERT INTO person_notes VALUES (?, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', 'Client fidèle', 1)`).run(ws);
    db.prepare(`INSERT INTO audit_log (id, workspace_id, at, account_id, item_id, action, outcome) VALUES ('eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', ?, 1, '33333333-3333-4333-8333-333333333333', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'hide', 'done')`).run(ws);
    const item = db.prepare('SELECT state, snoozed_until, done_by FROM inbox_items').get();
    if (JSON.stringify(item) !== JSON.stringify({ state: 'to_handle', snoozed_until: null, done_by: null })) throw new Error(`unexpected defaults ${JSON.stringify(item)}`);
  }
}

describe('database migrations', () => {
  it('creates a fresh database at the latest version, in WAL mode with foreign keys on', async () => {
    const dir = tempDir();
    const { db, previousVersion, version } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(previousVersion).toBe(0);
    expect(version).toBe(SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['settings', 'workspaces', 'drafts', 'accounts', 'secrets', 'vault_meta']));
    // A new database has nothing to back up.
    expect(listBackups(path.join(dir, 'b'))).toHaveLength(0);
    db.close();
  });

  for (let from = 1; from < SCHEMA_VERSION; from++) {
    it(`upgrades a version ${from} database, keeping its data and a backup of the old file`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 't.sqlite3');
      const old = new Database(file);
      applyMigrations(old, MIGRATIONS.slice(0, from), 0);
      seed(old, from);
      old.close();

      const { db, previousVersion } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
      expect(previousVersion).toBe(from);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT text FROM drafts').get()).toEqual({ text: 'Vernissage jeudi 🎨' });
      seed(db, SCHEMA_VERSION, from); // the newer tables accept rows next to the old data
      const backups = listBackups(path.join(dir, 'b'));
      expect(backups).toHaveLength(1);
      expect(backups[0]!.reason).toBe(`pre-migration-v${from}`);
      const backup = new Database(backups[0]!.file, { readonly: true });
      expect(backup.pragma('user_version', { simple: true })).toBe(from);
      expect(backup.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 1 });
      backup.close();
      db.close();
    });
  }

  it('upgrades version 3 targets: holds read from the error column become reasons, a sent post stuck in Scheduled is repaired', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 3), 0);
    seed(old, 3);
    const ws = '11111111-1111-4111-8111-111111111111';
    const account = '33333333-3333-4333-8333-333333333333';
    const post = (id: string, state: string, scheduledAt: number | null) =>
      old.prepare("INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, state, scheduled_at) VALUES (?, ?, 'x', 1, 2, 1, ?, ?)").run(id, ws, state, scheduledAt);
    const target = (id: string, draft: string, status: string, lastError: string | null) =>
      old
        .prepare("INSERT INTO post_targets (id, draft_id, account_id, network, status, due_at, idempotency_key, part_keys, last_error, updated_at) VALUES (?, ?, ?, 'bluesky', ?, 10, ?, '[]', ?, 77)")
        .run(id, draft, account, status, `key-${id}`, lastError);
    const held = 'aaaaaaaa-0000-4000-8000-000000000001';
    const stuck = 'aaaaaaaa-0000-4000-8000-000000000002';
    post(held, 'scheduled', 1000);
    post(stuck, 'scheduled', null);
    target('t-offline', held, 'held', 'offline');
    target('t-reconnect', held, 'held', 'reconnect_needed');
    // Was retrying when Tribune closed, then held as missed: the server's message is an error, not the reason.
    target('t-missed', held, 'held', 'Bad Gateway');
    target('t-sent', stuck, 'sent', null);
    old.close();

    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    const rows = db.prepare('SELECT id, status, hold_reason, last_error, sent_at FROM post_targets ORDER BY id').all();
    expect(rows).toEqual([
      { id: '44444444-4444-4444-8444-444444444444', status: 'pending', hold_reason: null, last_error: null, sent_at: null },
      { id: 't-missed', status: 'held', hold_reason: 'missed', last_error: 'Bad Gateway', sent_at: null },
      { id: 't-offline', status: 'held', hold_reason: 'offline', last_error: null, sent_at: null },
      { id: 't-reconnect', status: 'held', hold_reason: 'reconnect_needed', last_error: null, sent_at: null },
      { id: 't-sent', status: 'sent', hold_reason: null, last_error: null, sent_at: 77 },
    ]);
    const drafts = db.prepare('SELECT id, state, plan_rule FROM drafts WHERE id IN (?, ?) ORDER BY id').all(held, stuck);
    expect(drafts).toEqual([
      { id: held, state: 'scheduled', plan_rule: 'at' },
      { id: stuck, state: 'done', plan_rule: 'queue' },
    ]);
    // The reason is an enum: a free text cannot be stored as a reason.
    expect(() => db.prepare("UPDATE post_targets SET hold_reason = 'oops' WHERE id = 't-missed'").run()).toThrow(/CHECK constraint/);
    db.close();
  });

  it('upgrades version 5 workspaces: photo metadata is dropped from sent copies unless a workspace says otherwise', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 5), 0);
    seed(old, 5);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT name, keep_photo_metadata FROM workspaces').all()).toEqual([{ name: 'Musée', keep_photo_metadata: 0 }]);
    expect(() => db.prepare('UPDATE workspaces SET keep_photo_metadata = 2').run()).toThrow(/CHECK/);
    db.close();
  });

  it('upgrades version 6 targets: nothing was deleted from a network yet, and a deletion can be recorded', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 6), 0);
    seed(old, 6);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT id, status, remote_deleted_at FROM post_targets').all()).toEqual([
      { id: '44444444-4444-4444-8444-444444444444', status: 'pending', remote_deleted_at: null },
    ]);
    db.prepare('UPDATE post_targets SET remote_deleted_at = 7').run();
    expect(db.prepare('SELECT remote_deleted_at FROM post_targets').get()).toEqual({ remote_deleted_at: 7 });
    db.close();
  });

  it('upgrades version 8: the inbox starts empty, states and outcomes are closed lists, and a workspace takes its inbox with it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 8), 0);
    seed(old, 8);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    for (const table of ['charter_rules', 'saved_replies', 'inbox_items', 'item_flags', 'person_notes', 'audit_log', 'inbox_settings']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    seed(db, 9, 8);
    expect(() => db.prepare("UPDATE inbox_items SET state = 'archived'").run()).toThrow(/CHECK/);
    // Snoozed needs its time, and only snoozed has one.
    expect(() => db.prepare("UPDATE inbox_items SET state = 'snoozed'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE inbox_items SET state = 'snoozed', snoozed_until = 5").run();
    expect(() => db.prepare("UPDATE audit_log SET outcome = 'maybe'").run()).toThrow(/CHECK/);
    // The same thing seen twice by one account (a notification and a mention column) is one inbox item.
    expect(() =>
      db.prepare("INSERT INTO inbox_items (id, workspace_id, account_id, kind, item_id, actor_id, subject, arrived_at) SELECT 'x', workspace_id, account_id, 'mention', item_id, actor_id, subject, 2 FROM inbox_items").run(),
    ).toThrow(/UNIQUE/);
    // The cache letting an item go keeps the audit line readable (its id goes, the line stays).
    db.prepare("UPDATE audit_log SET item_uri = 'at://did:plc:x/app.bsky.feed.post/1'").run();
    db.prepare('DELETE FROM items').run();
    expect(db.prepare('SELECT item_id, item_uri, outcome FROM audit_log').get()).toEqual({ item_id: null, item_uri: 'at://did:plc:x/app.bsky.feed.post/1', outcome: 'done' });
    expect(db.prepare('SELECT count(*) AS n FROM item_flags').get()).toEqual({ n: 0 });
    db.prepare('DELETE FROM workspaces').run();
    for (const table of ['charter_rules', 'saved_replies', 'inbox_items', 'person_notes', 'audit_log']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });

  it('upgrades version 9: a column read before starts its continuity at its newest entry, one never filled has none', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 9), 0);
    seed(old, 9);
    old.prepare("INSERT INTO column_entries (column_id, sort_key, kind, remote_key, gap_id, gap_cursor, at) VALUES ('99999999-9999-4999-8999-999999999999', 'k9', 'gap', 'gap:1', 'g1', 'c', 1)").run();
    old.prepare("INSERT INTO board_columns (id, board_id, workspace_id, position, type, account_id, created_at, older_cursor) VALUES ('ffffffff-ffff-4fff-8fff-ffffffffffff', '88888888-8888-4888-8888-888888888888', '11111111-1111-4111-8111-111111111111', 1, 'home', '33333333-3333-4333-8333-333333333333', 1, 'end')").run();
    old.prepare("UPDATE board_columns SET older_cursor = 'c1' WHERE id = '99999999-9999-4999-8999-999999999999'").run();
    old.prepare("INSERT INTO board_columns (id, board_id, workspace_id, position, type, account_id, created_at) VALUES ('eeeeeeee-ffff-4fff-8fff-ffffffffffff', '88888888-8888-4888-8888-888888888888', '11111111-1111-4111-8111-111111111111', 2, 'home', '33333333-3333-4333-8333-333333333333', 1)").run();
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT id, continuous_key FROM board_columns ORDER BY position').all()).toEqual([
      { id: '99999999-9999-4999-8999-999999999999', continuous_key: 'k1' },
      { id: 'ffffffff-ffff-4fff-8fff-ffffffffffff', continuous_key: '' },
      { id: 'eeeeeeee-ffff-4fff-8fff-ffffffffffff', continuous_key: null },
    ]);
    db.close();
  });

  it('upgrades version 10: moderation waiting for the network starts empty, its states are a closed list, and it goes with its workspace', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 10), 0);
    seed(old, 10);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT count(*) AS n FROM moderation_queue').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM inbox_items').get()).toEqual({ n: 1 });
    const insert = (state: string) =>
      db
        .prepare(
          `INSERT INTO moderation_queue (id, workspace_id, account_id, item_id, action, state, next_at, created_at, updated_at)
           VALUES (?, '11111111-1111-4111-8111-111111111111', '33333333-3333-4333-8333-333333333333', 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', 'hide_reply', ?, 1, 1, 1)`,
        )
        .run(crypto.randomUUID(), state);
    insert('pending');
    expect(() => insert('maybe')).toThrow(/CHECK/);
    db.prepare('DELETE FROM workspaces').run();
    expect(db.prepare('SELECT count(*) AS n FROM moderation_queue').get()).toEqual({ n: 0 });
    db.close();
  });

  it('upgrades version 11: cached authors keep their row with unknown account facts, which take known values and refuse others', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 11), 0);
    seed(old, 11);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT handle, account_created_at, posts_count, has_bio, has_avatar FROM actors').all()).toEqual([
      { handle: 'x.test', account_created_at: null, posts_count: null, has_bio: null, has_avatar: null },
    ]);
    db.prepare("UPDATE actors SET account_created_at = 5, posts_count = 0, has_bio = 0 WHERE handle = 'x.test'").run();
    expect(db.prepare('SELECT account_created_at, posts_count, has_bio FROM actors').get()).toEqual({ account_created_at: 5, posts_count: 0, has_bio: 0 });
    expect(() => db.prepare("UPDATE actors SET has_bio = 2 WHERE handle = 'x.test'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('upgrades version 13: exchange bases keep their snapshot, with no digest nor extras until an exchange writes them again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const old = new Database(file);
    applyMigrations(old, MIGRATIONS.slice(0, 13), 0);
    seed(old, 13);
    old.close();
    const { db } = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() });
    expect(db.prepare('SELECT uid, snapshot, digest, extras FROM exchange_base').all()).toEqual([{ uid: 'uid-1', snapshot: '{}', digest: null, extras: null }]);
    db.close();
  });

  it('refuses a database written by a newer version without modifying it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x TEXT)');
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    const before = sha(file);
    const error = await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).code).toBe('database_from_future');
    expect((error as StoreOpenError).message).toMatch(/newer version of Tribune/);
    expect(sha(file)).toBe(before);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'b'))).toBe(false);
  });

  it('refuses a damaged database with a clear message and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    (await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() })).db.close();
    damageDatabase(file);
    const before = sha(file);
    const error = (await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() }).catch((e: unknown) => e)) as StoreOpenError;
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(['integrity_failed', 'not_a_database']).toContain(error.code);
    expect(error.message).toMatch(/left untouched/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    fs.writeFileSync(file, 'this is a calendar export, not a database\n'.repeat(200));
    const error = (await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() }).catch((e: unknown) => e)) as StoreOpenError;
    expect(error.code).toBe('not_a_database');
  });

  it('rolls a failing migration back entirely', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.sqlite3');
    const broken = [...MIGRATIONS, { version: SCHEMA_VERSION + 1, name: 'broken', up: 'CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);' }];
    (await openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock() })).db.close();
    await expect(openStore({ file, backupDir: path.join(dir, 'b'), clock: manualClock(), migrations: broken })).rejects.toThrow(/no_such_table/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('lists drafts of a workspace through its index, not a table scan', async () => {
    const dir = tempDir();
    const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock: manualClock() });
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM drafts WHERE workspace_id = ? AND deleted_at IS NULL ORDER BY updated_at DESC")
      .all('x') as { detail: string }[];
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toMatch(/USING INDEX drafts_by_workspace/);
    expect(details).not.toMatch(/SCAN drafts\b(?! USING)/);
    db.close();
  });
});

describe('backups', () => {
  it('takes a daily backup only when the newest is older than a day, keeping the last N', async () => {
    const dir = tempDir();
    const clock = manualClock();
    const backupDir = path.join(dir, 'b');
    const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir, clock });
    expect(await maybeDailyBackup(db, { backupDir, clock, keep: 3 })).not.toBeNull();
    clock.advance(60 * 60 * 1000);
    expect(await maybeDailyBackup(db, { backupDir, clock, keep: 3 })).toBeNull();
    for (let day = 1; day <= 4; day++) {
      clock.advance(25 * 60 * 60 * 1000);
      expect(await maybeDailyBackup(db, { backupDir, clock, keep: 3 })).not.toBeNull();
    }
    const kept = listBackups(backupDir);
    expect(kept).toHaveLength(3);
    expect(kept[0]!.takenAt).toBe(clock.now());
    // A backup is a complete, openable database.
    const copy = new Database(kept[0]!.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    copy.close();
    await takeBackup(db, { backupDir, reason: 'manual', clock, keep: 3 });
    expect(listBackups(backupDir).map((b) => b.reason)).toContain('manual');
    db.close();
  });
});
