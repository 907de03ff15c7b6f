import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { CalendarRange, ImportPreview, ImportResult } from '../../src/shared/calendar/schemas';
import type { PostView } from '../../src/shared/publishing';
import { call, calendarCore } from '../helpers/calendar/core';

const FROM = '2027-03-01T00:00:00.000Z';
const TO = '2027-05-01T00:00:00.000Z';

/** A workspace with one account (never contacted: the post's time stays ahead of the clock) and a post scheduled on it. */
async function scheduledPost(start = Date.parse('2027-03-01T08:00:00.000Z')) {
  const first = await calendarCore({ start });
  const ws = await call<{ id: string }>(first.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' });
  await first.core.close();
  const accountId = randomUUID();
  const db = new Database(`${first.dir}/tribune.sqlite3`);
  db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, health, created_at, service_url, time_zone) VALUES (?, ?, 'bluesky', 'musee.test', 'Musée', 'ok', 1, 'http://127.0.0.1:9', 'Europe/Paris')")
    .run(accountId, ws.id);
  db.close();
  const env = await calendarCore({ dataDir: first.dir, start });
  const id = randomUUID();
  const content = { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };
  await call(env.core, 'draft.save', { id, workspaceId: ws.id, text: 'Vernissage jeudi', content });
  await call(env.core, 'post.schedule', { draftId: id, at: '2027-03-10T09:00:00.000Z', timeZone: 'Europe/Paris' });
  return { ...env, ws, id };
}

const view = async (c: Core, id: string) => (await call<{ post: PostView }>(c, 'draft.content', { id })).post;
const calendarAt = async (c: Core, workspaceId: string, id: string) =>
  (await call<CalendarRange>(c, 'calendar.range', { workspaceId, from: FROM, to: TO })).items.find((i) => i.draftId === id)?.at;

/** The exported file as another calendar app moved the event: DTSTART changed, SEQUENCE bumped. */
async function movedFile(c: Core, workspaceId: string, dtstart: string): Promise<string> {
  const ics = Buffer.from((await call<{ dataBase64: string }>(c, 'calendar.export', { workspaceId, from: FROM, to: TO, format: 'ics' })).dataBase64, 'base64').toString('utf8');
  const event = ics.indexOf('BEGIN:VEVENT');
  const moved = ics.slice(0, event) + ics.slice(event).replace(/\r\nDTSTART[^\r]*\r\n/, `\r\n${dtstart}\r\n`).replace(/\r\nSEQUENCE:(\d+)\r\n/, (_m, n: string) => `\r\nSEQUENCE:${Number(n) + 1}\r\n`);
  expect(moved).not.toBe(ics);
  return Buffer.from(moved).toString('base64');
}

async function importFile(c: Core, workspaceId: string, dataBase64: string) {
  const preview = await call<ImportPreview>(c, 'calendar.importPreview', { workspaceId, fileName: 'plan.ics', dataBase64 });
  return { preview, applied: await call<ImportResult>(c, 'calendar.importApply', { importId: preview.importId }) };
}

describe('an import that moves a scheduled post', () => {
  it('re-plans its queue jobs at the new time in the same import, and the undo puts them back', async () => {
    const { core, ws, id } = await scheduledPost();
    const before = await view(core, id);
    expect(before.targets.map((t) => [t.status, t.dueAt])).toEqual([['pending', '2027-03-10T09:00:00.000Z']]);

    const { preview, applied } = await importFile(core, ws.id, await movedFile(core, ws.id, 'DTSTART;TZID=Europe/Paris:20270312T180000'));
    expect(preview.items.find((i) => i.draftId === id)).toMatchObject({ change: 'changed', newer: 'theirs' });
    expect(applied).toMatchObject({ updated: 1 });
    const after = await view(core, id);
    expect(after.state).toBe('scheduled');
    expect(after.scheduledAt).toBe('2027-03-12T17:00:00.000Z');
    // Only the new time stands: no job left at the old one.
    expect(after.targets.filter((t) => t.status !== 'cancelled').map((t) => [t.status, t.dueAt])).toEqual([['pending', '2027-03-12T17:00:00.000Z']]);
    expect(await calendarAt(core, ws.id, id)).toBe('2027-03-12T17:00:00.000Z');

    await call(core, 'calendar.importUndo', { batchId: applied.batchId });
    const undone = await view(core, id);
    expect(undone.scheduledAt).toBe('2027-03-10T09:00:00.000Z');
    expect(undone.targets.filter((t) => t.status !== 'cancelled').map((t) => [t.status, t.dueAt])).toEqual([['pending', '2027-03-10T09:00:00.000Z']]);
    await core.close();
  });

  it('holds the post as missed when the file moves it to a time long past, instead of publishing it at once', async () => {
    const { core, ws, id, clock } = await scheduledPost();
    const file = await movedFile(core, ws.id, 'DTSTART:20270302T080000Z');
    clock.set(Date.parse('2027-03-05T08:00:00.000Z'));
    await importFile(core, ws.id, file);
    const after = await view(core, id);
    expect(after.targets.filter((t) => t.status !== 'cancelled').map((t) => [t.status, t.heldReason])).toEqual([['held', 'missed']]);
    await core.close();
  });
});
