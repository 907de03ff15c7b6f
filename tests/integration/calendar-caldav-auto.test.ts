import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCalendarObjects, getBasicAuthHeaders, updateCalendarObject } from 'tsdav';
import { openCore } from '../../src/main/core/app';
import { CALDAV_SYNC_PERIOD_MS } from '../../src/main/core/calendar/caldav-auto';
import type { TimerPort } from '../../src/main/core/scheduler/ports';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import type { CalDavConfig, ImportResult } from '../../src/shared/calendar/schemas';
import { call } from '../helpers/calendar/core';
import { startRadicale, type Radicale } from '../helpers/calendar/radicale';
import { manualClock, tempDir } from '../helpers/temp';

let server: Radicale;
beforeAll(async () => {
  server = await startRadicale({ alice: 'alice-secret' });
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

/** A sync talks to a real server on a loaded machine: wait for its outcome, never for a fixed time. */
const poll = <T,>(read: () => T) => expect.poll(read, { timeout: 30_000, interval: 50 });

/** The sync's timer, fired by hand: no test waits five minutes. */
function handTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let n = 0;
  const port: TimerPort = {
    setTimeout: (fn, ms) => (pending.set(++n, { fn, ms }), n),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return {
    port,
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const due = [...pending.values()];
      pending.clear();
      for (const p of due) p.fn();
    },
  };
}

async function openWithTimers() {
  const timers = handTimers();
  const events: { event: string; payload: unknown }[] = [];
  const core = await openCore({
    dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), clock: manualClock(Date.parse('2027-03-01T08:00:00.000Z')), systemLocale: 'fr_FR.UTF-8', caldavTimers: timers.port,
  });
  core.subscribe((event, payload) => events.push({ event, payload }));
  return { core, timers, events };
}

function serverPosts(url: string) {
  const headers = getBasicAuthHeaders({ username: 'alice', password: 'alice-secret' });
  return {
    list: async () => (await fetchCalendarObjects({ calendar: { url }, headers })).map((o) => String(o.data)),
    async edit(match: string, text: string) {
      const object = (await fetchCalendarObjects({ calendar: { url }, headers })).find((o) => String(o.data).includes(match))!;
      const data = String(object.data).replace(/DESCRIPTION:[^\r\n]*(\r\n [^\r\n]*)*/, `DESCRIPTION:${text}`);
      expect((await updateCalendarObject({ calendarObject: { ...object, data }, headers })).status).toBeLessThan(300);
    },
  };
}

describe('automatic CalDAV sync', () => {
  it('syncs on its timer, keeps offline changes until the network comes back, and leaves conflicts for the three-way view', async () => {
    const collection = await server.makeCalendar('alice', 'alice-secret', 'auto');
    const { core, timers, events } = await openWithTimers();
    const synced = () => events.filter((e) => e.event === 'caldav.synced').map((e) => e.payload as { state: string; conflicts: number });
    const config = (ws: string) => call<CalDavConfig>(core, 'caldav.get', { workspaceId: ws });
    const ws = (await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' })).id;
    const expo = randomUUID();
    const concert = randomUUID();
    for (const [id, text, at] of [[expo, 'Expo printemps', '2027-03-10T09:00:00.000Z'], [concert, 'Concert du soir', '2027-03-12T18:00:00.000Z']] as const) {
      await call(core, 'draft.save', { id, workspaceId: ws, text });
      await call(core, 'post.setPlanning', { draftId: id, plannedAt: at });
    }
    await call(core, 'caldav.set', { workspaceId: ws, url: collection, username: 'alice', password: 'alice-secret' });
    const other = serverPosts(collection);

    // 1. The timer (armed for five minutes after the start's pass) publishes the plan.
    await poll(() => timers.delays()).toEqual([CALDAV_SYNC_PERIOD_MS]);
    timers.fire();
    await poll(() => synced()).toEqual([{ workspaceId: ws, state: 'synced', conflicts: 0, error: null }]);
    expect((await other.list()).filter((d) => /Expo printemps|Concert du soir/.test(d))).toHaveLength(2);
    await poll(() => timers.delays()).toEqual([CALDAV_SYNC_PERIOD_MS]);

    // 2. Offline: the change waits; the network coming back sends it, without the timer.
    await server.stop();
    await call(core, 'draft.save', { id: expo, workspaceId: ws, text: 'Expo printemps — complet' });
    timers.fire();
    await poll(() => synced().at(-1)?.state).toBe('offline');
    expect(await config(ws)).toMatchObject({ lastError: 'caldav_unreachable', pendingChanges: 1 });
    await server.start();
    core.wake('online');
    await poll(() => synced().length).toBe(3);
    expect(synced().at(-1)).toMatchObject({ state: 'synced' });
    expect((await other.list()).some((d) => d.includes('Expo printemps — complet'))).toBe(true);
    expect(await config(ws)).toMatchObject({ lastError: null, pendingChanges: 0, conflicts: null });

    // 3. Both sides change the same post: the timer's sync leaves it for the person, with base, mine and theirs.
    await call(core, 'draft.save', { id: concert, workspaceId: ws, text: 'Concert du soir (Alice)' });
    await other.edit('Concert du soir', 'Concert du soir (téléphone)');
    await poll(() => timers.delays()).toEqual([CALDAV_SYNC_PERIOD_MS]);
    timers.fire();
    await poll(() => synced().length).toBe(4);
    expect(synced().at(-1)).toMatchObject({ state: 'conflicts', conflicts: 1 });
    const waiting = (await config(ws)).conflicts!;
    expect(waiting.items[0]!.fields.find((f) => f.field === 'text')).toEqual({
      field: 'text', base: 'Concert du soir', mine: 'Concert du soir (Alice)', theirs: 'Concert du soir (téléphone)', conflict: true,
    });
    const applied = await call<ImportResult>(core, 'calendar.importApply', { importId: waiting.importId, choices: [{ uid: waiting.items[0]!.uid, fields: { text: 'theirs' } }] });
    expect(applied.updated).toBe(1);
    expect((await config(ws)).conflicts).toBeNull();
    expect((await call<{ text: string }>(core, 'draft.get', { id: concert })).text).toBe('Concert du soir (téléphone)');
    await core.close();
  }, 90_000);
});
