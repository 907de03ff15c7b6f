import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalGate, queuePorts } from '../../src/main/core/calendar/approval-gate';
import { ReviewOnEdit } from '../../src/main/core/calendar/review-on-edit';
import { PlanningRepository } from '../../src/main/core/repositories/planning';
import type { PostPlanning } from '../../src/shared/calendar/schemas';
import type { DraftContent } from '../../src/shared/publishing';
import { call, calendarCore } from '../helpers/calendar/core';
import { createHarness, MIN, T0, type Harness } from '../helpers/publishing-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.service.stop();
  h?.db.close();
  h = undefined;
  vi.useRealTimers();
});

describe('editing an approved post where approval is required', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  it('sends it back to review in the save itself, so the scheduler holds the edited post instead of publishing it', async () => {
    let gate!: ApprovalGate;
    h = await createHarness({ gate: (db) => (gate = new ApprovalGate(db)) });
    const harness = h;
    harness.db.prepare('UPDATE workspaces SET require_approval = 1 WHERE id = ?').run(harness.workspaceId);
    const planning = new PlanningRepository(harness.db);
    const reviewOnEdit = new ReviewOnEdit(harness.db);
    const sky = harness.account('bluesky', 'musee.bsky.test');
    const content: DraftContent = { targets: [{ accountId: sky.id, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null };
    const id = harness.draft('Vernissage jeudi', content);
    planning.transition(id, 'draft', 'in_review', T0);
    planning.transition(id, 'in_review', 'approved', T0);
    harness.service.start();
    harness.service.schedule(id, T0 + 30 * MIN, 'Europe/Paris');
    const edit = (text: string) =>
      harness.service.saveDraft(id, () => reviewOnEdit.save(id, () => harness.repos.drafts.save({ id, workspaceId: harness.workspaceId, text, now: Date.now(), contentJson: JSON.stringify(content) })).outcome);

    // The same words saved again (an autosave): still approved.
    edit('Vernissage jeudi');
    expect(planning.get(id)!.review_state).toBe('approved');
    // New words: back to review before anything can publish them.
    edit('Vernissage jeudi — annulé !');
    expect(planning.get(id)!.review_state).toBe('in_review');
    await vi.advanceTimersByTimeAsync(31 * MIN);
    expect(harness.connectors.get(sky.id)?.calls ?? []).toHaveLength(0);
    expect(harness.service.view(id).targets.map((t) => [t.status, t.heldReason])).toEqual([['held', 'awaiting_approval']]);

    // Approved again (the new words this time): it goes, with the new words.
    planning.transition(id, 'in_review', 'approved', Date.now());
    harness.db.transaction(() => gate.release(id, Date.now(), queuePorts(harness.repos.targets)))();
    harness.service.wake('changed');
    await vi.advanceTimersByTimeAsync(10);
    expect(harness.connectors.get(sky.id)!.calls).toHaveLength(1);
    expect(JSON.stringify(harness.connectors.get(sky.id)!.calls[0])).toContain('annulé');
  });
});

describe('draft.save and the review state, through the contract', () => {
  it('reopens review only for an approved post whose text or content changed, only where approval is required, and says so', async () => {
    const { core, events } = await calendarCore({ start: Date.parse('2027-03-22T08:00:00.000Z') });
    const ws = await call<{ id: string }>(core, 'workspace.create', { name: 'Musée', timeZone: 'Europe/Paris' });
    await call(core, 'workspace.setApproval', { id: ws.id, requireApproval: true });
    const approvedPost = async (text: string) => {
      const id = randomUUID();
      await call(core, 'draft.save', { id, workspaceId: ws.id, text });
      await call(core, 'review.submit', { draftId: id });
      await call(core, 'review.approve', { draftId: id });
      return id;
    };
    const state = async (id: string) => (await call<PostPlanning>(core, 'post.planning', { draftId: id })).reviewState;

    const id = await approvedPost('Nocturne vendredi');
    await call(core, 'draft.save', { id, workspaceId: ws.id, text: 'Nocturne vendredi' });
    expect(await state(id)).toBe('approved');
    events.length = 0;
    await call(core, 'draft.save', { id, workspaceId: ws.id, text: 'Nocturne samedi' });
    expect(await state(id)).toBe('in_review');
    expect(events).toContainEqual({ event: 'calendar.changed', payload: { workspaceId: ws.id } });

    // Content counts as much as text.
    const other = await approvedPost('Atelier');
    await call(core, 'draft.save', { id: other, workspaceId: ws.id, text: 'Atelier', content: { targets: [], media: [], contentWarning: 'Bruit', language: null, visibility: null, poll: null, threadParts: null } });
    expect(await state(other)).toBe('in_review');

    // Without the requirement, an approved post stays approved when edited.
    const free = await approvedPost('Concert');
    await call(core, 'workspace.setApproval', { id: ws.id, requireApproval: false });
    await call(core, 'draft.save', { id: free, workspaceId: ws.id, text: 'Concert annulé' });
    expect(await state(free)).toBe('approved');
    await core.close();
  });
});
