/**
 * The response-time target and business hours: the form's rule book (codes, bounds), the ageing
 * colour counted in business minutes, and the settings kept in the SQLite file, carried by the
 * inbox's pages and read by the figures.
 */
import { describe, expect, it } from 'vitest';
import { InboxSettingsRepository } from '../../src/main/core/inbox/repositories';
import { openStore } from '../../src/main/core/store/database';
import { ageOf } from '../../src/shared/inbox/ageing';
import { formOfSettings, minutesOf, settingsOfForm, type ResponseSettingsForm } from '../../src/shared/inbox/settings-form';
import { item } from '../helpers/board/fixtures';
import { BRAND, inboxHarness, notification } from '../helpers/inbox/harness';
import { manualClock, tempDir } from '../helpers/temp';

const form = (over: Partial<ResponseSettingsForm> = {}): ResponseSettingsForm => ({ targetHours: '2', targetMinutes: '0', businessHours: false, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', ...over });

describe('the response-time settings form', () => {
  it('makes the target from hours and minutes, and business hours from days and times', () => {
    expect(settingsOfForm(form())).toEqual({ ok: true, settings: { targetMinutes: 120, businessHours: null } });
    expect(settingsOfForm(form({ targetHours: '', targetMinutes: '45', businessHours: true, days: [5, 1, 1], start: '8:30', end: '24:00' }))).toEqual({
      ok: true,
      settings: { targetMinutes: 45, businessHours: { days: [1, 5], start: 510, end: 1440 } },
    });
    const round = { targetMinutes: 150, businessHours: { days: [1, 2], start: 540, end: 1050 } };
    expect(settingsOfForm(formOfSettings(round))).toEqual({ ok: true, settings: round });
    expect([minutesOf('09:05'), minutesOf('24:00'), minutesOf('24:01'), minutesOf('9h'), minutesOf('12:60')]).toEqual([545, 1440, null, null, null]);
  });

  it('says what is wrong with codes and bounds', () => {
    const problems = (f: ResponseSettingsForm) => {
      const r = settingsOfForm(f);
      return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
    };
    expect(settingsOfForm(form({ targetHours: '0', targetMinutes: '4' }))).toEqual({ ok: false, problems: [{ field: 'target', code: 'target_out_of_range', params: { min: 5, max: 10080 } }] });
    expect(problems(form({ targetHours: '169' }))).toEqual(['target:target_out_of_range']);
    expect(problems(form({ targetHours: 'deux' }))).toEqual(['target:target_out_of_range']);
    expect(problems(form({ businessHours: true, days: [], start: '25:00', end: '08:00' }))).toEqual(['days:days_required', 'start:time_invalid']);
    expect(problems(form({ businessHours: true, start: '18:00', end: '09:00' }))).toEqual(['end:end_before_start']);
    expect(problems(form({ businessHours: true, end: '00:00' }))).toEqual(['end:time_invalid']);
  });
});

describe('the ageing colour', () => {
  const arrived = Date.parse('2026-12-04T16:00:00Z'); // Friday 17:00 in Paris
  it('ages against the target: fresh under half, then ageing, late from the target', () => {
    expect([ageOf(arrived, arrived + 59 * 60_000, 120), ageOf(arrived, arrived + 60 * 60_000, 120), ageOf(arrived, arrived + 120 * 60_000, 120)]).toEqual(['fresh', 'ageing', 'late']);
  });
  it('counts only business minutes when the workspace has business hours', () => {
    const hours = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 18 * 60 };
    const monday930 = Date.parse('2026-12-07T08:30:00Z'); // 60 min on Friday + 30 on Monday
    expect(ageOf(arrived, monday930, 120)).toBe('late');
    expect(ageOf(arrived, monday930, 120, hours, 'Europe/Paris')).toBe('ageing');
    expect(ageOf(arrived, monday930, 181, hours, 'Europe/Paris')).toBe('fresh');
  });
});

describe('the settings in the store', () => {
  it('are kept in the file, carried by the inbox pages, and used by the figures', async () => {
    const t = await inboxHarness();
    const arrived = t.clock.now() - 30 * 60_000; // Sunday 08:30 in Paris
    const answered = notification('mention', 1, { createdAt: arrived }, arrived);
    await t.column('notifications', [answered, notification('mention', 2, { createdAt: arrived }, arrived)]);
    const home = await t.column('home', []);
    const answer = item(900, { author: BRAND, uri: 'at://did:plc:mairie/app.bsky.feed.post/900', replyTo: { uri: answered.item!.uri, handle: 'author1.test' }, createdAt: arrived + 20 * 60_000 });
    await t.arrive(home.id, 'home', [{ kind: 'item', key: answer.uri, at: answer.createdAt, item: answer, repostedBy: null }]);
    const [left] = (await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'to_handle' })).entries;
    await t.h['inbox.setState']({ workspaceId: t.ws.id, ids: [left!.id], state: 'done' });
    const period = { workspaceId: t.ws.id, from: new Date(arrived - 60_000).toISOString(), to: new Date(t.clock.now() + 60_000).toISOString() };
    expect((await t.h['inbox.responseTimes'](period)).workspace).toEqual({ answered: 1, doneWithoutReply: 1, medianMinutes: 20, p90Minutes: 20 });

    const hours = { days: [7], start: 8 * 60 + 40, end: 18 * 60 };
    const saved = await t.h['inbox.setSettings']({ workspaceId: t.ws.id, targetMinutes: 45, businessHours: hours });
    expect(saved).toEqual({ targetMinutes: 45, businessHours: hours, includeFollows: false });
    const page = await t.h['inbox.list']({ workspaceId: t.ws.id, state: 'done' });
    expect([page.targetMinutes, page.businessHours]).toEqual([45, hours]);
    // Only the ten minutes after 8:40 count now.
    expect(await t.h['inbox.responseTimes'](period)).toMatchObject({ businessHours: true, workspace: { answered: 1, medianMinutes: 10 } });

    // Another connection to the same file reads them back.
    const dir = tempDir();
    const other = await openStore({ file: t.db.name, backupDir: `${dir}/b`, clock: manualClock(t.clock.now()) });
    expect(new InboxSettingsRepository(other.db).get(t.ws.id)).toEqual({ targetMinutes: 45, businessHours: hours, includeFollows: false });
    other.db.close();
    // Back to every hour.
    expect(await t.h['inbox.setSettings']({ workspaceId: t.ws.id, businessHours: null })).toMatchObject({ targetMinutes: 45, businessHours: null });
  });
});
