import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarObject, deleteCalendarObject, fetchCalendarObjects, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import type { CalDavConfig, ImportPreview, SyncResult } from '../../src/shared/calendar/schemas';
import { call, calendarCore, failure } from '../helpers/calendar/core';
import { openCore } from '../../src/main/core/app';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { manualClock, tempDir } from '../helpers/temp';
import { startRadicale, type Radicale } from '../helpers/calendar/radicale';

let server: Radicale;
beforeAll(async () => {
  server = await startRadicale({ alice: 'alice-secret', bruno: 'bruno-secret' });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

/** The second client: another CalDAV program editing the same collection (Thunderbird, a phone). */
function otherClient(url: string) {
  const headers = getBasicAuthHeaders({ username: 'alice', password: 'alice-secret' });
  const calendar = { url };
  return {
    list: () => fetchCalendarObjects({ calendar, headers }),
    async edit(match: string, change: (data: string) => string) {
      const object = (await fetchCalendarObjects({ calendar, headers })).find((o) => String(o.data).includes(match));
      if (!object) throw new Error(`no object with ${match}`);
      const response = await updateCalendarObject({ calendarObject: { ...object, data: change(String(object.data)) }, headers });
      expect(response.status).toBeLessThan(300);
    },
    async remove(match: string) {
      const object = (await fetchCalendarObjects({ calendar, headers })).find((o) => String(o.data).includes(match))!;
      expect((await deleteCalendarObject({ calendarObject: object, headers })).status).toBeLessThan(300);
    },
    async create(ics: string) {
      expect((await createCalendarObject({ calendar, filename: `${randomUUID()}.ics`, iCalString: ics, headers })).status).toBe(201);
    },
  };
}

const setDescription = (text: string) => (data: string) => data.replace(/DESCRIPTION:[^\r\n]*(\r\n [^\r\n]*)*/, `DESCRIPTION:${text}`);

describe('a workspace shared through a CalDAV collection (Radicale)', () => {
  it('publishes, pulls a second client\'s changes, settles a conflict three-way, and catches up after being offline', async () => {
    const collection = await server.makeCalendar('alice', 'alice-secret', 'musee');
    const { core } = await calendarCore({ start: Date.parse('2027-03-01T08:00:00.000Z') });
    await call(core, 'settings.update', { profileName: 'Alice' });
    const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const posts = { expo: randomUUID(), atelier: randomUUID(), concert: randomUUID() };
    const texts = { expo: 'Expo printemps', atelier: 'Atelier enfants', concert: 'Concert du soir' };
    let n = 0;
    for (const key of ['expo', 'atelier', 'concert'] as const) {
      await call(core, 'draft.save', { id: posts[key], workspaceId: ws, text: texts[key] });
      await call(core, 'post.setPlanning', { draftId: posts[key], plannedAt: new Date(Date.parse('2027-03-10T09:00:00Z') + n++ * 86_400_000).toISOString() });
    }
    await call(core, 'draft.save', { id: randomUUID(), workspaceId: ws, text: 'Sans date : reste local' });

    // A wrong password is refused; the right one goes to the vault.
    expect((await failure(core, 'caldav.set', { workspaceId: ws, url: collection, username: 'alice', password: 'nope' })).code).toBe('caldav_auth_failed');
    expect((await failure(core, 'caldav.set', { workspaceId: ws, url: `${server.url}/alice/`, username: 'alice', password: 'alice-secret' })).code).toBe('caldav_not_calendar');
    const config = await call<CalDavConfig>(core, 'caldav.set', { workspaceId: ws, url: collection, username: 'alice', password: 'alice-secret' });
    expect(config).toMatchObject({ hasPassword: true, pendingChanges: 3 });
    expect(JSON.stringify(config)).not.toContain('alice-secret');

    // 1. Publish.
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'synced', pushed: 3, pulled: 0 });
    const other = otherClient(collection);
    expect((await other.list()).map((o) => String(o.data).match(/SUMMARY:([^\r\n]*)/)?.[1]).sort()).toEqual(['Atelier enfants', 'Concert du soir', 'Expo printemps']);
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'synced', pushed: 0, pulled: 0 });

    // 2. The second client edits one, deletes one, adds its own event.
    await other.edit('Expo printemps', setDescription('Expo printemps — prolongée'));
    await other.remove('Atelier enfants');
    await other.create(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Phone//EN', 'BEGIN:VEVENT', 'UID:phone-1@example', 'DTSTART:20270320T140000Z', 'SUMMARY:Idée : visite presse', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
    const pulled = await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws });
    expect(pulled).toMatchObject({ state: 'synced', pulled: 2, deletedLocal: 1, pushed: 0 });
    expect((await call<{ text: string }>(core, 'draft.get', { id: posts.expo })).text).toBe('Expo printemps — prolongée');
    expect((await failure(core, 'draft.get', { id: posts.atelier })).code).toBe('draft_not_found');
    const range = await call<{ items: { status: string; excerpt: string }[] }>(core, 'calendar.range', { workspaceId: ws, from: '2027-03-01T00:00:00.000Z', to: '2027-04-01T00:00:00.000Z' });
    expect(range.items.map((i) => [i.status, i.excerpt])).toEqual([
      ['draft', 'Expo printemps — prolongée'],
      ['draft', 'Concert du soir'],
      ['idea', 'Idée : visite presse'],
    ]);

    // 3. Both sides change the same post: a three-way result; keeping mine pushes it.
    await call(core, 'draft.save', { id: posts.concert, workspaceId: ws, text: 'Concert du soir (version Alice)' });
    await other.edit('Concert du soir', setDescription('Concert du soir (version téléphone)'));
    const conflict = await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws });
    expect(conflict.state).toBe('conflicts');
    // Until the person chooses, a sync (the automatic one every five minutes) keeps both: ours is not sent over theirs.
    const waiting = await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws });
    expect(waiting).toMatchObject({ state: 'conflicts', pushed: 0 });
    expect((await other.list()).some((o) => String(o.data).includes('DESCRIPTION:Concert du soir (version téléphone)'))).toBe(true);
    const item = conflict.conflicts!.items[0]!;
    expect(item.fields.find((f) => f.field === 'text')).toEqual({
      field: 'text', base: 'Concert du soir', mine: 'Concert du soir (version Alice)', theirs: 'Concert du soir (version téléphone)', conflict: true,
    });
    await call(core, 'calendar.importApply', { importId: (waiting.conflicts as ImportPreview).importId, choices: [{ uid: item.uid, fields: { text: 'mine' } }] });
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'synced', pushed: 1 });
    expect((await other.list()).some((o) => String(o.data).includes('DESCRIPTION:Concert du soir (version Alice)'))).toBe(true);

    // 4. Offline: the change waits, and goes when the server is back.
    await server.stop();
    await call(core, 'draft.save', { id: posts.expo, workspaceId: ws, text: 'Expo printemps — complet' });
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'offline', pushed: 0 });
    expect(await call<CalDavConfig>(core, 'caldav.get', { workspaceId: ws })).toMatchObject({ lastError: 'caldav_unreachable', pendingChanges: 1 });
    await server.start();
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'synced', pushed: 1 });
    expect(await call<CalDavConfig>(core, 'caldav.get', { workspaceId: ws })).toMatchObject({ lastError: null, pendingChanges: 0 });
    expect((await other.list()).some((o) => String(o.data).includes('Expo printemps — complet'))).toBe(true);
    await core.close();
  }, 60_000);
});

describe('a post sent while the server copy changes (the server answers 412)', () => {
  it('is not taken as sent: the next sync shows both versions as a conflict instead of keeping theirs over ours', async () => {
    const collection = await server.makeCalendar('alice', 'alice-secret', 'race');
    const other = otherClient(collection);
    // The teammate saves their edit just as our version is on its way (after we read the server, before our PUT).
    let teammateFirst: (() => Promise<void>) | null = null;
    const between: typeof fetch = async (input, init) => {
      if (init?.method === 'PUT' && teammateFirst) {
        const edit = teammateFirst;
        teammateFirst = null;
        await edit();
      }
      return fetch(input, init);
    };
    const core = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), clock: manualClock(Date.parse('2027-03-01T08:00:00.000Z')), systemLocale: 'en_US.UTF-8', caldavFetch: between });
    const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const concert = randomUUID();
    await call(core, 'draft.save', { id: concert, workspaceId: ws, text: 'Concert du soir' });
    await call(core, 'post.setPlanning', { draftId: concert, plannedAt: '2027-03-12T18:00:00.000Z' });
    await call(core, 'caldav.set', { workspaceId: ws, url: collection, username: 'alice', password: 'alice-secret' });
    expect(await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws })).toMatchObject({ state: 'synced', pushed: 1 });

    await call(core, 'draft.save', { id: concert, workspaceId: ws, text: 'Concert du soir (version Alice)' });
    teammateFirst = () => other.edit('Concert du soir', setDescription('Concert du soir (version téléphone)'));
    const refused = await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws });
    expect(teammateFirst).toBeNull();
    expect(refused).toMatchObject({ state: 'synced', pushed: 0, pulled: 0 });
    expect(await call<CalDavConfig>(core, 'caldav.get', { workspaceId: ws })).toMatchObject({ pendingChanges: 1 });
    expect((await other.list()).some((o) => String(o.data).includes('DESCRIPTION:Concert du soir (version téléphone)'))).toBe(true);

    const next = await call<SyncResult>(core, 'caldav.sync', { workspaceId: ws });
    expect(next.state).toBe('conflicts');
    expect(next.conflicts!.items[0]!.fields.find((f) => f.field === 'text')).toEqual({
      field: 'text', base: 'Concert du soir', mine: 'Concert du soir (version Alice)', theirs: 'Concert du soir (version téléphone)', conflict: true,
    });
    expect((await call<{ text: string }>(core, 'draft.get', { id: concert })).text).toBe('Concert du soir (version Alice)');
    await core.close();
  }, 60_000);
});
