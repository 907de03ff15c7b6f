import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { ImportPreview } from '../../src/shared/calendar/schemas';
import { snapshotKey } from '../../src/shared/calendar/snapshot';
import { call, calendarCore } from '../helpers/calendar/core';
import { openSnapshots } from '../helpers/calendar/snapshots';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-05-01T00:00:00.000Z';

async function exportIcs(c: Core, workspaceId: string): Promise<string> {
  return Buffer.from((await call<{ dataBase64: string }>(c, 'calendar.export', { workspaceId, from: FROM, to: TO, format: 'ics' })).dataBase64, 'base64').toString('utf8');
}
/** Each event's SEQUENCE by UID. */
function sequences(ics: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const event of ics.split('BEGIN:VEVENT').slice(1)) out[/\r\nUID:([^\r]+)/.exec(event)![1]!] = Number(/\r\nSEQUENCE:(\d+)/.exec(event)![1]);
  return out;
}
function setDigest(dir: string, draftId: string, digest: string) {
  const db = new Database(path.join(dir, 'tribune.sqlite3'));
  db.prepare('UPDATE drafts SET ical_hash = ? WHERE id = ?').run(digest, draftId);
  db.close();
}
const digestOf = (dir: string, draftId: string) => {
  const db = new Database(path.join(dir, 'tribune.sqlite3'), { readonly: true });
  const row = db.prepare('SELECT ical_hash FROM drafts WHERE id = ?').get(draftId) as { ical_hash: string | null };
  db.close();
  return row.ical_hash;
};

describe('SEQUENCE follows what a merge compares', () => {
  it('stays when nothing changed, goes up once per exported change, travels with an import, and survives digests written by an earlier version', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const [x, y, z] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [id, text, at] of [[x, 'Expo X', '2027-03-10T09:00:00.000Z'], [y, 'Atelier Y', '2027-03-11T09:00:00.000Z'], [z, 'Concert Z', '2027-03-12T18:00:00.000Z']] as const) {
      await call(a.core, 'draft.save', { id, workspaceId: ws, text });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: at });
    }
    const uid = (id: string) => `${id}@tribune`;
    expect(sequences(await exportIcs(a.core, ws))).toEqual({ [uid(x)]: 0, [uid(y)]: 0, [uid(z)]: 0 });
    expect(sequences(await exportIcs(a.core, ws))).toEqual({ [uid(x)]: 0, [uid(y)]: 0, [uid(z)]: 0 });

    await call(a.core, 'draft.save', { id: x, workspaceId: ws, text: 'Expo X — prolongée' });
    const edited = await exportIcs(a.core, ws);
    expect(sequences(edited)).toEqual({ [uid(x)]: 1, [uid(y)]: 0, [uid(z)]: 0 });
    expect(sequences(await exportIcs(a.core, ws))).toEqual({ [uid(x)]: 1, [uid(y)]: 0, [uid(z)]: 0 });

    // A teammate imports the file: exporting it back changes no SEQUENCE.
    const b = await calendarCore({ start: Date.parse('2027-02-01T09:00:00.000Z') });
    const wsB = (await call<{ id: string }>(b.core, 'workspace.create', { name: 'Musée (Bruno)', timeZone: 'Europe/Paris' })).id;
    const preview = await call<ImportPreview>(b.core, 'calendar.importPreview', { workspaceId: wsB, fileName: 'plan.ics', dataBase64: Buffer.from(edited).toString('base64') });
    await call(b.core, 'calendar.importApply', { importId: preview.importId });
    expect(sequences(await exportIcs(b.core, wsB))).toEqual({ [uid(x)]: 1, [uid(y)]: 0, [uid(z)]: 0 });

    // A digest of the first format (the merge key's sha256) that still matches is replaced without a new SEQUENCE; one that does not match counts as a change.
    const snapshots = openSnapshots(a.dir, ws);
    setDigest(a.dir, y, createHash('sha256').update(snapshotKey(snapshots.get(uid(y))!)).digest('hex'));
    setDigest(a.dir, z, createHash('sha256').update('another post').digest('hex'));
    expect(sequences(await exportIcs(a.core, ws))).toEqual({ [uid(x)]: 1, [uid(y)]: 0, [uid(z)]: 1 });
    expect(digestOf(a.dir, y)).toMatch(/^2:[0-9a-f]{64}$/);
    expect(sequences(await exportIcs(a.core, ws))).toEqual({ [uid(x)]: 1, [uid(y)]: 0, [uid(z)]: 1 });
    await a.core.close();
    await b.core.close();
  });
});

describe('an older file of a post changed here since', () => {
  it('is previewed as unchanged with this side kept, showing the version that stays, not the file’s older one', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Office de tourisme', timeZone: 'Europe/Paris' })).id;
    const [x, y] = [randomUUID(), randomUUID()];
    for (const [id, text, at] of [[x, 'Marché de Noël', '2027-03-10T09:00:00.000Z'], [y, 'Concert du soir', '2027-03-11T18:00:00.000Z']] as const) {
      await call(a.core, 'draft.save', { id, workspaceId: ws, text });
      await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: at });
    }
    const older = await exportIcs(a.core, ws);
    await call(a.core, 'draft.save', { id: x, workspaceId: ws, text: 'Marché de Noël. Vin chaud offert.' });

    const preview = await call<ImportPreview>(a.core, 'calendar.importPreview', { workspaceId: ws, fileName: 'plan.ics', dataBase64: Buffer.from(older).toString('base64') });
    const byDraft = new Map(preview.items.map((i) => [i.draftId, i]));
    expect(byDraft.get(x)).toMatchObject({ change: 'unchanged', keptMine: true, title: 'Marché de Noël. Vin chaud offert.' });
    expect(byDraft.get(y)).toMatchObject({ change: 'unchanged', keptMine: false, title: 'Concert du soir' });
    expect(preview.counts.unchanged).toBe(2);
    await a.core.close();
  });
});
