import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalGate, queuePorts } from '../../src/main/core/calendar/approval-gate';
import { PlanningRepository } from '../../src/main/core/repositories/planning';
import { createHarness, MIN, T0, type Harness } from '../helpers/publishing-harness';

let h: Harness;
let gate: ApprovalGate;

async function setup(policy: 'publish_now' | 'ask' | 'skip' = 'ask') {
  h = await createHarness({ gate: (db) => (gate = new ApprovalGate(db)) });
  h.db.prepare('UPDATE workspaces SET require_approval = 1, missed_policy = ? WHERE id = ?').run(policy, h.workspaceId);
  return new PlanningRepository(h.db);
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(async () => {
  await h?.service.stop();
  h?.db.close();
  vi.useRealTimers();
});

describe('approval gating', () => {
  it('holds a post still in review at its time instead of publishing it, and sends it once approved', async () => {
    const planning = await setup();
    const sky = h.account('bluesky', 'musee.bsky.test');
    const id = h.draft('Vernissage jeudi', { targets: [{ accountId: sky.id, variant: null }] });
    planning.transition(id, 'draft', 'in_review', T0);
    h.service.start();
    h.service.schedule(id, T0 + 30 * MIN, 'Europe/Paris');
    await vi.advanceTimersByTimeAsync(31 * MIN);
    expect(h.connectors.get(sky.id)?.calls ?? []).toHaveLength(0);
    expect(h.service.view(id).targets.map((t) => [t.status, t.heldReason])).toEqual([['held', 'awaiting_approval']]);

    // Approved a minute after its time: within the grace, it goes now.
    planning.transition(id, 'in_review', 'approved', Date.now());
    const report = h.db.transaction(() => gate.release(id, Date.now(), queuePorts(h.repos.targets)))();
    expect(report).toMatchObject({ published: [h.service.view(id).targets[0]!.id], awaitingDecision: [], skipped: [] });
    h.service.wake('changed');
    await vi.advanceTimersByTimeAsync(10);
    expect(h.connectors.get(sky.id)!.calls).toHaveLength(1);
    expect(h.service.view(id).targets.map((t) => t.status)).toEqual(['sent']);
  });

  it('follows the missed-post policy when the approval comes long after the time', async () => {
    const planning = await setup('ask');
    const sky = h.account('bluesky', 'musee.bsky.test');
    const id = h.draft('Nocturne', { targets: [{ accountId: sky.id, variant: null }] });
    planning.transition(id, 'draft', 'in_review', T0);
    h.service.start();
    h.service.schedule(id, T0 + 10 * MIN, 'Europe/Paris');
    await vi.advanceTimersByTimeAsync(3 * 60 * MIN);
    planning.transition(id, 'in_review', 'approved', Date.now());
    const report = h.db.transaction(() => gate.release(id, Date.now(), queuePorts(h.repos.targets)))();
    expect(report?.awaitingDecision).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.connectors.get(sky.id)?.calls ?? []).toHaveLength(0);
    expect(h.service.view(id).targets.map((t) => [t.status, t.heldReason])).toEqual([['held', 'missed']]);
  });

  it('lets an approved post, or any post of a workspace without the requirement, go at its time', async () => {
    const planning = await setup();
    const sky = h.account('bluesky', 'musee.bsky.test');
    const approved = h.draft('Approuvé', { targets: [{ accountId: sky.id, variant: null }] });
    planning.transition(approved, 'draft', 'in_review', T0);
    planning.transition(approved, 'in_review', 'approved', T0);
    const free = h.draft('Libre', { targets: [{ accountId: sky.id, variant: null }] });
    expect(gate.mustWait(approved)).toBe(false);
    expect(gate.mustWait(free)).toBe(true);
    h.db.prepare('UPDATE workspaces SET require_approval = 0').run();
    expect(gate.mustWait(free)).toBe(false);
    h.service.start();
    h.service.publishNow(approved);
    h.service.publishNow(free);
    await vi.advanceTimersByTimeAsync(10);
    expect(h.connectors.get(sky.id)!.calls).toHaveLength(2);
  });
});
