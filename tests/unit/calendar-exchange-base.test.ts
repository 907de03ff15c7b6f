import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import { exportCalendar } from '../../src/shared/calendar/ical-export';
import type { ImportPreview } from '../../src/shared/calendar/schemas';
import type { PostSnapshot } from '../../src/shared/calendar/snapshot';
import { EMPTY_DRAFT_CONTENT } from '../../src/shared/publishing';
import { call, calendarCore } from '../helpers/calendar/core';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-05-01T00:00:00.000Z';

async function exportIcs(c: Core, workspaceId: string): Promise<string> {
  return Buffer.from((await call<{ dataBase64: string }>(c, 'calendar.export', { workspaceId, from: FROM, to: TO, format: 'ics' })).dataBase64, 'base64').toString('utf8');
}
/** The unfolded X-TRIBUNE-TARGET values of a file. */
const targetLines = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n').filter((l) => l.startsWith('X-TRIBUNE-TARGET:'));

/** Runs `fn` on the data folder's database (the core's connection sees the change). */
function withDb<T>(dir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dir, 'tribune.sqlite3'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
/** Every write to the exchange bases from now on is logged (uid), so a test can say which rows were rewritten. */
function logBaseWrites(dir: string) {
  withDb(dir, (db) =>
    db.exec(`
      CREATE TABLE base_writes (uid TEXT NOT NULL);
      CREATE TRIGGER base_insert AFTER INSERT ON exchange_base BEGIN INSERT INTO base_writes VALUES (new.uid); END;
      CREATE TRIGGER base_update AFTER UPDATE ON exchange_base BEGIN INSERT INTO base_writes VALUES (new.uid); END;
    `),
  );
  return {
    take: () =>
      withDb(dir, (db) => {
        const uids = (db.prepare('SELECT uid FROM base_writes ORDER BY rowid').all() as { uid: string }[]).map((r) => r.uid);
        db.prepare('DELETE FROM base_writes').run();
        return uids.sort();
      }),
  };
}

describe('the exchange base (the version last exchanged, per UID)', () => {
  it('names the file by its first day in the workspace\'s time zone (midnight in Paris is the day before in UTC)', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const file = await call<{ fileName: string }>(a.core, 'calendar.export', { workspaceId: ws, from: '2027-02-28T23:00:00.000Z', to: TO, format: 'ics' });
    expect(file.fileName).toMatch(/-2027-03-01\.ics$/);
    await a.core.close();
  });

  it('lists the events in time order, posts of the same minute by id, whatever order they were written in', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const ids = ['c0000000-0000-4000-8000-000000000000', 'a0000000-0000-4000-8000-000000000000', 'b0000000-0000-4000-8000-000000000000', 'd0000000-0000-4000-8000-000000000000'];
    const times = ['2027-03-12T09:00:00.000Z', '2027-03-11T09:00:00.000Z', '2027-03-12T09:00:00.000Z', '2027-03-10T09:00:00.000Z'];
    for (const [i, id] of ids.entries()) {
      await call(a.core, 'draft.save', { id, workspaceId: ws, text: `Post ${i}` });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: times[i] });
    }
    const order = (await exportIcs(a.core, ws)).split('\r\n').filter((l) => l.startsWith('X-TRIBUNE-ID:')).map((l) => l.slice('X-TRIBUNE-ID:'.length));
    expect(order).toEqual([ids[3], ids[1], ids[2], ids[0]]);
    await a.core.close();
  });

  it('exports a plan of more posts than one read page whole and in order, and a second export rewrites no base', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const posts = Array.from({ length: 1203 }, (_, i) => ({ id: randomUUID(), at: Date.parse('2027-03-02T08:00:00.000Z') + (i % 401) * 3_600_000 }));
    withDb(a.dir, (db) => {
      const insert = db.prepare("INSERT INTO drafts (id, workspace_id, text, created_at, updated_at, revision, content, planned_at, review_state) VALUES (?, ?, ?, 0, 1, 1, ?, ?, 'draft')");
      db.transaction(() => posts.forEach((p, i) => insert.run(p.id, ws, `Post ${i}`, JSON.stringify(EMPTY_DRAFT_CONTENT), p.at)))();
    });
    const writes = logBaseWrites(a.dir);
    const ids = (ics: string) => ics.split('\r\n').filter((l) => l.startsWith('X-TRIBUNE-ID:')).map((l) => l.slice('X-TRIBUNE-ID:'.length));
    const expected = [...posts].sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1)).map((p) => p.id);
    expect(ids(await exportIcs(a.core, ws))).toEqual(expected);
    expect(writes.take()).toHaveLength(posts.length);
    expect(ids(await exportIcs(a.core, ws))).toEqual(expected);
    expect(writes.take()).toEqual([]);
    await a.core.close();
  });

  it('is written once per exchanged version: exporting an unchanged plan again rewrites no base, a change rewrites only that post', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const [x, y] = [randomUUID(), randomUUID()];
    for (const [id, text, at] of [[x, 'Expo X', '2027-03-10T09:00:00.000Z'], [y, 'Atelier Y', '2027-03-11T09:00:00.000Z']] as const) {
      await call(a.core, 'draft.save', { id, workspaceId: ws, text });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: at });
    }
    const writes = logBaseWrites(a.dir);
    await exportIcs(a.core, ws);
    expect(writes.take()).toEqual([`${x}@tribune`, `${y}@tribune`].sort());
    await exportIcs(a.core, ws);
    expect(writes.take()).toEqual([]);

    await call(a.core, 'draft.save', { id: x, workspaceId: ws, text: 'Expo X — prolongée' });
    await exportIcs(a.core, ws);
    expect(writes.take()).toEqual([`${x}@tribune`]);
    const base = withDb(a.dir, (db) => db.prepare('SELECT snapshot, digest, extras FROM exchange_base WHERE uid = ?').get(`${x}@tribune`)) as { snapshot: string; digest: string; extras: string };
    expect((JSON.parse(base.snapshot) as PostSnapshot).text).toBe('Expo X — prolongée');
    expect(base.digest.split('\u0001')[0]).toMatch(/^2:[0-9a-f]{64}$/);
    expect(JSON.parse(base.extras)).toEqual({ media: [], targets: [] });
    await a.core.close();
  });

  it('keeps the targets of accounts this installation does not have, from a base written by an earlier version (snapshot only) as from a new one', async () => {
    const b = await calendarCore({ start: Date.parse('2027-02-01T09:00:00.000Z') });
    const ws = (await call<{ id: string }>(b.core, 'workspace.create', { name: 'Musée (Bruno)', timeZone: 'Europe/Paris' })).id;
    // A teammate's post for an account only the teammate has.
    const account = randomUUID();
    const target = { accountId: account, network: 'mastodon', handle: '@musee@example.org' } as const;
    const post: PostSnapshot = {
      uid: 'expo-1@musee', id: randomUUID(), kind: 'post', text: 'Vernissage jeudi', content: { ...EMPTY_DRAFT_CONTENT, targets: [{ accountId: account, variant: null }] },
      at: '2027-03-10T09:00:00.000Z', timeZone: null, status: 'draft', reviewState: 'draft', campaign: null, labels: [], comments: [], media: [], targets: [target],
      sequence: 2, lastModified: '2027-01-20T10:00:00.000Z', createdAt: '2027-01-10T10:00:00.000Z',
    };
    const file = exportCalendar({ workspaceId: randomUUID(), workspaceName: 'Musée (Alice)', timeZone: 'Europe/Paris', from: FROM, to: TO, now: '2027-01-20T10:00:00.000Z' }, [post]);
    const preview = await call<ImportPreview>(b.core, 'calendar.importPreview', { workspaceId: ws, fileName: 'plan.ics', dataBase64: Buffer.from(file).toString('base64') });
    await call(b.core, 'calendar.importApply', { importId: preview.importId });
    const expected = `X-TRIBUNE-TARGET:${JSON.stringify(target).replace(/,/g, '\\,')}`;
    expect(targetLines(await exportIcs(b.core, ws))).toEqual([expected]);

    // The base as an earlier version wrote it: the snapshot alone.
    withDb(b.dir, (db) => db.prepare("UPDATE exchange_base SET digest = NULL, extras = NULL WHERE uid = 'expo-1@musee'").run());
    expect(targetLines(await exportIcs(b.core, ws))).toEqual([expected]);
    const row = withDb(b.dir, (db) => db.prepare("SELECT digest, extras FROM exchange_base WHERE uid = 'expo-1@musee'").get()) as { digest: string | null; extras: string | null };
    expect(row.digest).not.toBeNull();
    expect(JSON.parse(row.extras!)).toEqual({ media: [], targets: [target] });
    expect(targetLines(await exportIcs(b.core, ws))).toEqual([expected]);
    await b.core.close();
  });
});
