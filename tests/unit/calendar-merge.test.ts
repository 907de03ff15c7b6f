import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { ImportBatch, ImportPreview, ImportResult, Label, PostRevision } from '../../src/shared/calendar/schemas';
import { call, calendarCore, failure } from '../helpers/calendar/core';
import { openSnapshots } from '../helpers/calendar/snapshots';
import { displayField, type PostSnapshot } from '../../src/shared/calendar/snapshot';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-05-01T00:00:00.000Z';

async function exportIcs(c: Core, workspaceId: string): Promise<string> {
  return (await call<{ dataBase64: string }>(c, 'calendar.export', { workspaceId, from: FROM, to: TO, format: 'ics' })).dataBase64;
}
const preview = (c: Core, workspaceId: string, dataBase64: string) => call<ImportPreview>(c, 'calendar.importPreview', { workspaceId, fileName: 'plan.ics', dataBase64 });
const text = async (c: Core, id: string) => (await call<{ text: string }>(c, 'draft.get', { id })).text;

async function team() {
  const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
  const b = await calendarCore({ start: Date.parse('2027-02-01T09:00:00.000Z') });
  await call(a.core, 'settings.update', { profileName: 'Alice' });
  await call(b.core, 'settings.update', { profileName: 'Bruno' });
  const wsA = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
  const wsB = (await call<{ id: string }>(b.core, 'workspace.create', { name: 'Musée (Bruno)', timeZone: 'Europe/Paris' })).id;
  const x = randomUUID();
  const y = randomUUID();
  const z = randomUUID();
  for (const [id, t, at] of [[x, 'Expo X', '2027-03-10T09:00:00.000Z'], [y, 'Atelier Y', '2027-03-11T09:00:00.000Z'], [z, 'Concert Z', '2027-03-12T18:00:00.000Z']] as const) {
    await call(a.core, 'draft.save', { id, workspaceId: wsA, text: t });
    await call(a.core, 'post.setPlanning', { draftId: id, plannedAt: at });
  }
  const first = await exportIcs(a.core, wsA);
  const p = await preview(b.core, wsB, first);
  expect(p.counts).toMatchObject({ new: 3, changed: 0, unchanged: 0, conflict: 0, deleted: 0 });
  await call(b.core, 'calendar.importApply', { importId: p.importId });
  return { a, b, wsA, wsB, x, y, z, first };
}

describe('merging a teammate\'s calendar by UID', () => {
  it('imports new posts once: the same file twice changes nothing', async () => {
    const { b, wsB, first, x } = await team();
    expect(await text(b.core, x)).toBe('Expo X');
    const again = await preview(b.core, wsB, first);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 3, conflict: 0, deleted: 0 });
    const applied = await call<ImportResult>(b.core, 'calendar.importApply', { importId: again.importId });
    expect(applied).toMatchObject({ batchId: null, created: 0, updated: 0, deleted: 0, unchanged: 3 });
  });

  it('takes a change made on one side, keeps the replaced version in the history, and undoes the whole import', async () => {
    const { a, b, wsA, wsB, x, y } = await team();
    await call(b.core, 'draft.save', { id: x, workspaceId: wsB, text: 'Expo X — prolongée !' });
    await call(b.core, 'draft.delete', { id: y });
    b.clock.advance(60_000);
    const back = await preview(a.core, wsA, await exportIcs(b.core, wsB));
    const byUid = new Map(back.items.map((i) => [i.draftId, i]));
    expect(byUid.get(x)).toMatchObject({ change: 'changed', newer: 'theirs', fields: [{ field: 'text', base: 'Expo X', mine: 'Expo X', theirs: 'Expo X — prolongée !', conflict: false }] });
    expect(byUid.get(y)).toMatchObject({ change: 'deleted' });
    expect(back.counts).toMatchObject({ changed: 1, deleted: 1, unchanged: 1 });
    const applied = await call<ImportResult>(a.core, 'calendar.importApply', { importId: back.importId });
    expect(applied).toMatchObject({ updated: 1, deleted: 1 });
    expect(await text(a.core, x)).toBe('Expo X — prolongée !');
    expect((await failure(a.core, 'draft.get', { id: y })).code).toBe('draft_not_found');
    const history = await call<PostRevision[]>(a.core, 'post.history', { draftId: x });
    expect(history).toMatchObject([{ action: 'import_updated', text: 'Expo X', author: 'Alice', batchId: applied.batchId }]);

    const batches = await call<ImportBatch[]>(a.core, 'calendar.importList', { workspaceId: wsA });
    expect(batches[0]).toMatchObject({ id: applied.batchId, updated: 1, deleted: 1, undoneAt: null });
    await call(a.core, 'calendar.importUndo', { batchId: applied.batchId });
    expect(await text(a.core, x)).toBe('Expo X');
    expect(await text(a.core, y)).toBe('Atelier Y');
    expect((await failure(a.core, 'calendar.importUndo', { batchId: applied.batchId })).code).toBe('import_already_undone');
  });

  it('shows a three-way result when both sides changed the same field, and applies the person\'s choice per field', async () => {
    const { a, b, wsA, wsB, x, z } = await team();
    // Mine (Alice): new text. Theirs (Bruno): other text and a label.
    await call(a.core, 'draft.save', { id: x, workspaceId: wsA, text: 'Expo X (version Alice)' });
    const label = await call<Label>(b.core, 'label.save', { workspaceId: wsB, name: 'Presse', color: '#dc2626' });
    await call(b.core, 'draft.save', { id: x, workspaceId: wsB, text: 'Expo X (version Bruno)' });
    await call(b.core, 'post.setPlanning', { draftId: x, labelIds: [label.id] });
    await call(b.core, 'comment.add', { draftId: x, text: 'Texte validé par la direction' });
    // A change on my side only stays mine.
    await call(a.core, 'post.setPlanning', { draftId: z, plannedAt: '2027-03-12T19:00:00.000Z' });
    b.clock.advance(60_000);
    const p = await preview(a.core, wsA, await exportIcs(b.core, wsB));
    const item = p.items.find((i) => i.draftId === x)!;
    expect(item.change).toBe('conflict');
    expect(item.fields.find((f) => f.field === 'text')).toEqual({
      field: 'text', base: 'Expo X', mine: 'Expo X (version Alice)', theirs: 'Expo X (version Bruno)', conflict: true,
    });
    expect(item.fields.find((f) => f.field === 'labels')).toMatchObject({ base: '', mine: '', theirs: 'Presse', conflict: false });
    expect(p.items.find((i) => i.draftId === z)).toMatchObject({ change: 'unchanged' });

    // Something changes meanwhile: the preview is refused, the database untouched.
    await call(a.core, 'draft.save', { id: x, workspaceId: wsA, text: 'Expo X (version Alice, bis)' });
    expect((await failure(a.core, 'calendar.importApply', { importId: p.importId })).code).toBe('import_changed_meanwhile');
    expect(await text(a.core, x)).toBe('Expo X (version Alice, bis)');

    const again = await preview(a.core, wsA, await exportIcs(b.core, wsB));
    const uid = again.items.find((i) => i.draftId === x)!.uid;
    await call(a.core, 'calendar.importApply', { importId: again.importId, choices: [{ uid, fields: { text: 'theirs' } }] });
    expect(await text(a.core, x)).toBe('Expo X (version Bruno)');
    const range = await call<{ items: { draftId: string; labelIds: string[]; commentCount: number }[]; labels: Label[] }>(a.core, 'calendar.range', { workspaceId: wsA, from: FROM, to: TO });
    const merged = range.items.find((i) => i.draftId === x)!;
    expect(range.labels.filter((l) => merged.labelIds.includes(l.id)).map((l) => l.name)).toEqual(['Presse']);
    expect(merged.commentCount).toBe(1);
    expect(range.items.find((i) => i.draftId === z)).toMatchObject({});
    const zAt = (await call<{ plannedAt: string }>(a.core, 'post.planning', { draftId: z })).plannedAt;
    expect(zAt).toBe('2027-03-12T19:00:00.000Z');
  });

  it('imports a foreign calendar\'s events as ideas with a date, once', async () => {
    const a = await calendarCore({ start: Date.parse('2027-02-01T08:00:00.000Z') });
    const ws = (await call<{ id: string }>(a.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const google = [
      'BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0',
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
      'END:VTIMEZONE',
      'BEGIN:VEVENT', 'UID:abc123@google.com', 'DTSTART;TZID=W. Europe Standard Time:20270701T100000', 'DTEND;TZID=W. Europe Standard Time:20270701T110000',
      'SUMMARY:Réunion presse\\, salle 2', 'DESCRIPTION:Préparer le dossier\\nAvec photos', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:allday@outlook', 'DTSTART;VALUE=DATE:20270714', 'SUMMARY:Fête nationale', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:utc@thunderbird', 'DTSTART:20270320T150000Z', 'SUMMARY:Visio', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const p = await preview(a.core, ws, Buffer.from(google).toString('base64'));
    expect(p.format).toBe('foreign_ics');
    expect(p.counts.new).toBe(3);
    await call(a.core, 'calendar.importApply', { importId: p.importId });
    const range = await call<{ items: { status: string; at: string; excerpt: string }[] }>(a.core, 'calendar.range', { workspaceId: ws, from: '2027-03-01T00:00:00.000Z', to: '2027-08-01T00:00:00.000Z' });
    expect(range.items.map((i) => [i.status, i.at, i.excerpt])).toEqual([
      ['idea', '2027-03-20T15:00:00.000Z', 'Visio'],
      ['idea', '2027-07-01T08:00:00.000Z', 'Réunion presse, salle 2 Préparer le dossier Avec photos'],
      ['idea', '2027-07-14T07:00:00.000Z', 'Fête nationale'],
    ]);
    // The instant given in UTC is planned in the workspace's zone, not in "UTC".
    expect([...openSnapshots(a.dir, ws).values()].find((s) => s.text === 'Visio')?.timeZone).toBe('Europe/Paris');
    expect((await preview(a.core, ws, Buffer.from(google).toString('base64'))).counts).toMatchObject({ new: 0, unchanged: 3 });
  });
});

describe('a field shown in the three-way view', () => {
  it('writes a comment as "author: text", and a comment whose author gave no name as its text alone', () => {
    const post: PostSnapshot = {
      uid: 'p@tribune', id: randomUUID(), kind: 'post', text: 'Vernissage', content: null, at: null, timeZone: null, status: 'draft', reviewState: 'draft',
      campaign: null, labels: [], sequence: 0, lastModified: '2027-02-01T08:00:00.000Z', createdAt: '2027-02-01T08:00:00.000Z', media: [], targets: [],
      comments: [
        { id: randomUUID(), author: 'Camille', text: 'Relu, ok', createdAt: '2027-02-01T08:00:00.000Z' },
        { id: randomUUID(), author: '', text: 'Photo à changer', createdAt: '2027-02-01T09:00:00.000Z' },
      ],
    };
    expect(displayField(post, 'comments')).toBe('Camille: Relu, ok\nPhoto à changer');
  });
});
