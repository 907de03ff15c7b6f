import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import { ExchangeRepository } from '../../src/main/core/repositories/exchange';
import { openStore } from '../../src/main/core/store/database';
import type { ImportPreview, ImportResult, Label } from '../../src/shared/calendar/schemas';
import type { PostSnapshot } from '../../src/shared/calendar/snapshot';
import { call, calendarCore } from '../helpers/calendar/core';
import { manualClock, tempDir } from '../helpers/temp';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-05-01T00:00:00.000Z';

const exportIcs = async (c: Core, workspaceId: string) => (await call<{ dataBase64: string }>(c, 'calendar.export', { workspaceId, from: FROM, to: TO, format: 'ics' })).dataBase64;
const preview = (c: Core, workspaceId: string, dataBase64: string) => call<ImportPreview>(c, 'calendar.importPreview', { workspaceId, fileName: 'plan.ics', dataBase64 });

/** Reads the data folder's database (the core's connection has committed everything it answered). */
function read<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dir, 'tribune.sqlite3'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
/** What a workspace holds that an import writes: live posts with their labels and comments, and the exchange bases. */
function holdings(dir: string, workspaceId: string) {
  return {
    posts: read(dir, `SELECT d.id, d.text, d.content, d.planned_at, d.kind, d.review_state, d.ical_uid, c.name AS campaign,
      (SELECT group_concat(l.name) FROM (SELECT l.name FROM post_labels pl JOIN labels l ON l.id = pl.label_id WHERE pl.draft_id = d.id ORDER BY l.name) l) AS labels,
      (SELECT group_concat(m.id || ':' || m.text) FROM (SELECT id, text FROM post_comments WHERE draft_id = d.id ORDER BY id) m) AS comments
      FROM drafts d LEFT JOIN campaigns c ON c.id = d.campaign_id WHERE d.workspace_id = ? AND d.deleted_at IS NULL ORDER BY d.id`, workspaceId),
    bases: read(dir, 'SELECT uid, sequence, last_modified, snapshot, digest, extras FROM exchange_base WHERE workspace_id = ? ORDER BY uid', workspaceId),
  };
}

describe('applying an import that creates, updates and deletes posts in one file', () => {
  it('writes every kind of change in the file\'s order, leaves bases that make the same file unchanged, and its undo puts everything back', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const b = await calendarCore({ start: Date.parse('2027-02-01T09:00:00.000Z') });
    const wsA = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const wsB = (await call<{ id: string }>(b.core, 'workspace.create', { name: 'Musée (Bruno)', timeZone: 'Europe/Paris' })).id;
    const press = await call<Label>(a.core, 'label.save', { workspaceId: wsA, name: 'Presse', color: '#dc2626' });
    const post = async (text: string, at: string, labelled = false) => {
      const id = randomUUID();
      await call(a.core, 'draft.save', { id, workspaceId: wsA, text });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: at, ...(labelled ? { labelIds: [press.id] } : {}) });
      return id;
    };
    const x = await post('Expo X', '2027-03-10T09:00:00.000Z', true);
    const y = await post('Atelier Y', '2027-03-11T09:00:00.000Z');
    const z = await post('Concert Z', '2027-03-12T18:00:00.000Z');
    const first = await preview(b.core, wsB, await exportIcs(a.core, wsA));
    await call(b.core, 'calendar.importApply', { importId: first.importId });

    // Alice: new posts around the ones Bruno has, one of them labelled and commented, x rewritten, y deleted.
    const n1 = await post('Nouveau 1', '2027-03-09T09:00:00.000Z', true);
    await call(a.core, 'comment.add', { draftId: n1, text: 'À relire' });
    await call(a.core, 'draft.save', { id: x, workspaceId: wsA, text: 'Expo X — prolongée' });
    const n2 = await post('Nouveau 2', '2027-03-10T12:00:00.000Z');
    const n3 = await post('Nouveau 3', '2027-03-13T09:00:00.000Z');
    await call(a.core, 'draft.delete', { id: y });
    a.clock.advance(60_000);
    const file = await exportIcs(a.core, wsA);
    const before = holdings(b.dir, wsB);

    const p = await preview(b.core, wsB, file);
    expect(p.items.map((i) => [i.draftId ?? i.uid.split('@')[0], i.change])).toEqual([
      [n1, 'new'], [x, 'changed'], [n2, 'new'], [z, 'unchanged'], [n3, 'new'], [y, 'deleted'],
    ]);
    const applied = await call<ImportResult>(b.core, 'calendar.importApply', { importId: p.importId });
    expect(applied).toMatchObject({ created: 3, updated: 1, deleted: 1, unchanged: 1 });

    // The history lists the changes in the file's order, each with the version it replaced.
    const history = read<{ draft_id: string; action: string; snapshot: string }>(b.dir, 'SELECT draft_id, action, snapshot FROM post_history WHERE batch_id = ? ORDER BY id', applied.batchId);
    expect(history.map((h) => [h.draft_id, h.action])).toEqual([[n1, 'import_created'], [x, 'import_updated'], [n2, 'import_created'], [n3, 'import_created'], [y, 'import_deleted']]);
    expect(JSON.parse(history[0]!.snapshot)).toEqual({ post: null, base: null });
    expect((JSON.parse(history[1]!.snapshot) as { post: { text: string } }).post.text).toBe('Expo X');

    // Bruno now holds Alice's plan: the same posts, labels and comments, and the file again changes nothing.
    const after = holdings(b.dir, wsB);
    expect(after.posts.map((r) => (r as { id: string }).id)).toEqual([x, z, n1, n2, n3].sort());
    expect(holdings(a.dir, wsA).posts).toEqual(after.posts.map((r) => ({ ...(r as object), ical_uid: (r as { ical_uid: string }).ical_uid === `${(r as { id: string }).id}@tribune` ? null : (r as { ical_uid: string }).ical_uid })));
    expect(after.bases.map((r) => (r as { uid: string }).uid)).toEqual([x, z, n1, n2, n3].map((id) => `${id}@tribune`).sort());
    expect((await preview(b.core, wsB, file)).counts).toMatchObject({ new: 0, changed: 0, conflict: 0, deleted: 0, unchanged: 5 });

    await call(b.core, 'calendar.importUndo', { batchId: applied.batchId });
    expect(holdings(b.dir, wsB)).toEqual(before);
    await a.core.close();
    await b.core.close();
  });
});

describe('importing into a second workspace of the same installation', () => {
  it('gives the posts new ids (theirs are taken by the originals), keeps their UIDs, and matches them by UID the next time', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const copy = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée (copie)', timeZone: 'Europe/Paris' })).id;
    const ids: string[] = [randomUUID(), randomUUID()];
    for (const [n, id] of ids.entries()) {
      await call(a.core, 'draft.save', { id, workspaceId: ws, text: `Post ${n}` });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: `2027-03-1${n}T09:00:00.000Z` });
    }
    const file = await exportIcs(a.core, ws);
    const p = await preview(a.core, copy, file);
    expect(p.counts).toMatchObject({ new: 2 });
    expect(await call<ImportResult>(a.core, 'calendar.importApply', { importId: p.importId })).toMatchObject({ created: 2 });
    const copies = read<{ id: string; text: string; ical_uid: string }>(a.dir, 'SELECT id, text, ical_uid FROM drafts WHERE workspace_id = ? ORDER BY text', copy);
    expect(copies.map((c) => [c.text, c.ical_uid])).toEqual([['Post 0', `${ids[0]}@tribune`], ['Post 1', `${ids[1]}@tribune`]]);
    expect(copies.map((c) => ids.includes(c.id))).toEqual([false, false]);
    expect(read(a.dir, 'SELECT id FROM drafts WHERE workspace_id = ? ORDER BY text', ws)).toEqual(ids.map((id) => ({ id })));
    expect((await preview(a.core, copy, file)).counts).toMatchObject({ new: 0, unchanged: 2 });
    await a.core.close();
  });
});

describe('an exchange base row', () => {
  it('holds the snapshot\'s JSON in PostSnapshot\'s key order (media and targets last), whatever its texts hold (quotes, backslashes, line breaks, emoji)', async () => {
    const dir = tempDir();
    const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock: manualClock() });
    const ws = randomUUID();
    db.prepare("INSERT INTO workspaces (id, name, color, time_zone, created_at) VALUES (?, 'W', '#2563eb', 'Europe/Paris', 0)").run(ws);
    const awkward = 'a "quote", a \\ backslash,\n a line; 🎨 \u0001 end';
    const campaign = { name: awkward, color: '#16a34a', startsOn: '2027-03-01', endsOn: null, goal: awkward };
    const label = { name: 'Presse "A"', color: '#dc2626' };
    const snapshots: PostSnapshot[] = [1, 2].map((n) => ({
      uid: `${awkward} ${n}@example.org`, id: randomUUID(), kind: 'post', text: `${awkward} ${n}`,
      content: { targets: [], media: [], contentWarning: awkward, language: 'fr', visibility: null, poll: null, threadParts: null },
      at: n === 1 ? '2027-03-10T09:00:00.000Z' : null, timeZone: n === 1 ? 'America/New_York' : null, status: 'in_review', reviewState: 'in_review',
      campaign, labels: [label, { name: 'Zèbre', color: '#2563eb' }], comments: [{ id: randomUUID(), author: awkward, text: awkward, createdAt: '2027-02-01T08:00:00.000Z' }],
      sequence: n, lastModified: '2027-02-02T08:00:00.000Z', createdAt: '2027-01-01T08:00:00.000Z',
      media: [], targets: [{ accountId: randomUUID(), network: 'mastodon', handle: '@a@b.example' }],
    }));
    new ExchangeRepository(db).putBases(ws, snapshots);
    const rows = db.prepare('SELECT snapshot, extras FROM exchange_base WHERE workspace_id = ? ORDER BY sequence').all(ws) as { snapshot: string; extras: string }[];
    expect(rows.map((r) => r.snapshot)).toEqual(snapshots.map((s) => JSON.stringify(s)));
    expect(rows.map((r) => JSON.parse(r.extras) as unknown)).toEqual(snapshots.map((s) => ({ media: s.media, targets: s.targets })));
    db.close();
  });
});
