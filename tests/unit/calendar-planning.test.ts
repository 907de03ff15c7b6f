import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CalendarRange, Campaign, Comment, Label, PostPlanning } from '../../src/shared/calendar/schemas';
import { call, calendarCore, failure } from '../helpers/calendar/core';

async function setup() {
  const env = await calendarCore({ start: Date.parse('2027-03-22T08:00:00.000Z') });
  const ws = await call<{ id: string }>(env.core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' });
  return { ...env, ws };
}

describe('campaigns, labels, planning and approval through the contract', () => {
  it('plans drafts and ideas on the calendar with their campaign, labels and review state, and filters them', async () => {
    const { core, ws } = await setup();
    const campaign = await call<Campaign>(core, 'campaign.save', {
      workspaceId: ws.id, name: 'Printemps', color: '#16a34a', startsOn: '2027-03-20', endsOn: '2027-04-30', goal: 'Visites +10 %',
    });
    const label = await call<Label>(core, 'label.save', { workspaceId: ws.id, name: 'Expo', color: '#db2777' });
    const other = await call<Label>(core, 'label.save', { workspaceId: ws.id, name: 'Coulisses', color: '#2563eb' });
    expect((await failure(core, 'label.save', { workspaceId: ws.id, name: 'expo', color: '#000000' })).code).toBe('label_name_taken');

    const draftId = randomUUID();
    await call(core, 'draft.save', { id: draftId, workspaceId: ws.id, text: 'Vernissage\njeudi 🎨' });
    const planned = await call<PostPlanning>(core, 'post.setPlanning', {
      draftId, campaignId: campaign.id, labelIds: [label.id, other.id], plannedAt: '2027-03-25T17:00:00.000Z',
    });
    expect(planned).toMatchObject({ campaignId: campaign.id, plannedAt: '2027-03-25T17:00:00.000Z', reviewState: 'draft', kind: 'post' });
    expect(planned.labelIds.sort()).toEqual([label.id, other.id].sort());
    const ideaId = randomUUID();
    await call(core, 'calendar.createIdea', { id: ideaId, workspaceId: ws.id, title: 'Journée des musées', plannedAt: '2027-03-28T08:00:00.000Z' });
    await call(core, 'draft.save', { id: randomUUID(), workspaceId: ws.id, text: 'Sans date' });

    const range = await call<CalendarRange>(core, 'calendar.range', { workspaceId: ws.id, from: '2027-03-22T00:00:00.000Z', to: '2027-03-29T00:00:00.000Z' });
    expect(range.timeZone).toBe('Europe/Paris');
    expect(range.items.map((i) => [i.draftId, i.status, i.excerpt])).toEqual([
      [draftId, 'draft', 'Vernissage jeudi 🎨'],
      [ideaId, 'idea', 'Journée des musées'],
    ]);
    expect(range.campaigns).toEqual([campaign]);
    expect(range.labels.map((l) => l.name)).toEqual(['Coulisses', 'Expo']);
    // No account yet: no ghost slot.
    expect(range.ghostSlots).toEqual([]);

    const filtered = await call<CalendarRange>(core, 'calendar.range', {
      workspaceId: ws.id, from: '2027-03-22T00:00:00.000Z', to: '2027-03-29T00:00:00.000Z', filters: { statuses: ['idea'] },
    });
    expect(filtered.items.map((i) => i.draftId)).toEqual([ideaId]);
    const byLabel = await call<CalendarRange>(core, 'calendar.range', {
      workspaceId: ws.id, from: '2027-03-22T00:00:00.000Z', to: '2027-03-29T00:00:00.000Z', filters: { labels: [label.id], campaigns: [campaign.id] },
    });
    expect(byLabel.items.map((i) => i.draftId)).toEqual([draftId]);

    // Deleting a label or a campaign leaves the post in place.
    await call(core, 'label.delete', { id: other.id });
    await call(core, 'campaign.delete', { id: campaign.id });
    expect(await call<PostPlanning>(core, 'post.planning', { draftId })).toMatchObject({ campaignId: null, labelIds: [label.id] });
    await core.close();
  });

  it('moves a post through review and refuses transitions out of order with a typed code', async () => {
    const { core, ws } = await setup();
    await call(core, 'settings.update', { profileName: 'Camille' });
    expect(await call(core, 'workspace.setApproval', { id: ws.id, requireApproval: true })).toEqual({ requireApproval: true });
    const draftId = randomUUID();
    await call(core, 'draft.save', { id: draftId, workspaceId: ws.id, text: 'À relire' });
    const error = await failure(core, 'review.approve', { draftId });
    expect(error).toMatchObject({ code: 'review_transition_invalid', params: { from: 'draft', to: 'approved' } });
    expect(await call<PostPlanning>(core, 'review.submit', { draftId })).toMatchObject({ reviewState: 'in_review', requireApproval: true });
    expect(await call<PostPlanning>(core, 'review.reject', { draftId, comment: 'Ajoute le lien' })).toMatchObject({ reviewState: 'draft' });
    await call(core, 'review.submit', { draftId });
    expect(await call<PostPlanning>(core, 'review.approve', { draftId })).toMatchObject({ reviewState: 'approved' });
    await call(core, 'comment.add', { draftId, text: 'Parfait' });
    const comments = await call<Comment[]>(core, 'comment.list', { draftId });
    expect(comments.map((c) => [c.author, c.text])).toEqual([
      ['Camille', 'Ajoute le lien'],
      ['Camille', 'Parfait'],
    ]);
    expect((await failure(core, 'comment.add', { draftId, text: '   ' })).code).toBe('invalid_input');
    await core.close();
  });

  it('shows the accounts\' posting slots as ghost slots in a week, in the account\'s zone across the DST change', async () => {
    const { core, ws, dir } = await setup();
    await core.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${dir}/tribune.sqlite3`);
    const accountId = randomUUID();
    db.prepare("INSERT INTO accounts (id, workspace_id, network, handle, display_name, health, created_at, posting_slots, time_zone) VALUES (?, ?, 'bluesky', 'musee.test', 'Musée', 'ok', 1, ?, 'Europe/Paris')")
      .run(accountId, ws.id, JSON.stringify([{ weekday: 6, time: '09:00' }, { weekday: 7, time: '09:00' }]));
    db.close();
    const { core: again } = await calendarCore({ dataDir: dir, start: Date.parse('2027-03-22T08:00:00.000Z') });
    const range = await call<CalendarRange>(again, 'calendar.range', { workspaceId: ws.id, from: '2027-03-22T00:00:00.000Z', to: '2027-03-29T00:00:00.000Z' });
    // Saturday 27 at 09:00 CET (08:00Z), Sunday 28 at 09:00 CEST (07:00Z).
    expect(range.ghostSlots).toEqual([
      { accountId, at: '2027-03-27T08:00:00.000Z' },
      { accountId, at: '2027-03-28T07:00:00.000Z' },
    ]);
    expect((await failure(again, 'calendar.range', { workspaceId: ws.id, from: '2027-03-29T00:00:00.000Z', to: '2027-03-22T00:00:00.000Z' })).code).toBe('calendar_range_invalid');
    await again.close();
  });
});
