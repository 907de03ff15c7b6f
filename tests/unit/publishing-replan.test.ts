/**
 * Editing a planned post re-plans it in the same transaction as the save: what the person sees
 * in the composer is what goes, to the accounts they chose, with each account's own version.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftContent, ReplanReport } from '../../src/shared/publishing';
import { createHarness, MIN, T0, type Harness } from '../helpers/publishing-harness';

let h: Harness;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  h = await createHarness();
});
afterEach(async () => {
  if (h.logLines.length) console.log(h.logLines.splice(0).join('\n'));
  await h.service.stop();
  h.db.close();
  vi.useRealTimers();
});

const adapted = (text: string): DraftContent['targets'][number]['variant'] => ({ parts: [{ text, media: [] }], contentWarning: null, language: null, visibility: null, poll: null });
const replanned = () => h.events.filter((e) => e.event === 'posts.replanned').map((e) => e.payload as ReplanReport);
const statuses = (id: string) => h.service.view(id).targets.map((t) => [t.accountId, t.status, t.heldReason]);

describe('editing a scheduled post', () => {
  it('replays the trial: the account taken out does not publish, the one kept publishes the edited text', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Marché de Noël samedi', {
      targets: [
        { accountId: sky.id, variant: null },
        { accountId: masto.id, variant: adapted('Marché de Noël samedi, version Mastodon') },
      ],
    });
    h.service.start();
    h.service.schedule(id, T0 + 60 * MIN, 'Europe/Paris');
    // Reopened: the second account unchecked, the main text edited.
    h.save(id, 'Marché de Noël samedi et dimanche', { targets: [{ accountId: sky.id, variant: null }] });
    expect(statuses(id)).toEqual([[sky.id, 'pending', null]]);
    await vi.advanceTimersByTimeAsync(60 * MIN + 10);
    expect(h.connectors.get(masto.id)?.calls ?? []).toEqual([]);
    expect(h.connectors.get(sky.id)!.calls.map((c) => c.parts[0]!.text)).toEqual(['Marché de Noël samedi et dimanche']);
    expect(h.service.view(id).state).toBe('done');
  });

  it('publishes an adapted version as adapted, even when the main text changes after scheduling', async () => {
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Principal', { targets: [{ accountId: masto.id, variant: adapted('Adapté v1') }] });
    h.service.start();
    h.service.schedule(id, T0 + 10 * MIN, 'Europe/Paris');
    h.save(id, 'Principal modifié', { targets: [{ accountId: masto.id, variant: adapted('Adapté v2') }] });
    await vi.advanceTimersByTimeAsync(10 * MIN + 10);
    expect(h.connectors.get(masto.id)!.calls.map((c) => c.parts[0]!.text)).toEqual(['Adapté v2']);
  });

  it('plans an account added to a post scheduled at a time for that same instant', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Concert', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.schedule(id, T0 + 45 * MIN, 'Europe/Paris');
    h.save(id, 'Concert', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    const due = new Date(T0 + 45 * MIN).toISOString();
    expect(h.service.view(id).targets.map((t) => [t.accountId, t.status, t.dueAt])).toEqual([
      [sky.id, 'pending', due],
      [masto.id, 'pending', due],
    ]);
    expect(replanned().map((r) => r.added)).toEqual([[masto.id]]);
  });

  it('plans an account added to a queued post at that account’s next free slot', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Expo', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.addToQueue(id);
    // Mastodon's noon slot is already taken by another post.
    const other = h.draft('Autre', { targets: [{ accountId: masto.id, variant: null }] });
    expect(h.service.addToQueue(other).post.targets[0]!.dueAt).toBe('2026-11-23T11:00:00.000Z');
    h.save(id, 'Expo', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    expect(h.service.view(id).targets.map((t) => [t.accountId, t.dueAt])).toEqual([
      [sky.id, '2026-11-23T11:00:00.000Z'],
      [masto.id, '2026-11-23T16:30:00.000Z'],
    ]);
  });

  it('blocks a target whose text went over the limit before its time, and lets it go again once fixed', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('Court', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.start();
    h.service.schedule(id, T0 + 30 * MIN, 'Europe/Paris');
    h.save(id, 'Trop long. '.repeat(40), { targets: [{ accountId: sky.id, variant: null }] });
    const held = h.service.view(id).targets[0]!;
    expect([held.status, held.heldReason, held.lastError]).toEqual(['held', 'invalid', null]);
    expect(held.heldProblems).toHaveLength(1);
    expect(replanned().flatMap((r) => r.blocked.map((b) => b.accountId))).toEqual([sky.id]);
    // Nothing goes to the network while it is blocked.
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(h.connectors.get(sky.id)?.calls ?? []).toEqual([]);
    h.save(id, 'Court à nouveau', { targets: [{ accountId: sky.id, variant: null }] });
    expect(statuses(id)).toEqual([[sky.id, 'pending', null]]);
    await vi.advanceTimersByTimeAsync(20 * MIN + 10);
    expect(h.connectors.get(sky.id)!.calls.map((c) => c.parts[0]!.text)).toEqual(['Court à nouveau']);
  });

  it('tells the person when an account taken out already received the post, and keeps it', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Déjà parti', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    h.service.start();
    h.service.schedule(id, T0 + MIN, 'Europe/Paris');
    // Mastodon's copy fails and is scheduled again; Bluesky's goes.
    h.service.publishNow(h.draft('warm-up', { targets: [{ accountId: masto.id, variant: null }] }));
    await vi.advanceTimersByTimeAsync(0);
    // The warm-up has reached the network before the failure is scripted (on a loaded machine it may take a few turns).
    for (let turn = 0; turn < 1000 && !h.connectors.get(masto.id)?.calls.length; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(h.connectors.get(masto.id)!.calls.map((c) => c.parts[0]!.text)).toEqual(['warm-up']);
    h.connectors.get(masto.id)!.script = [
      () => {
        throw new Error('socket hang up');
      },
    ];
    await vi.advanceTimersByTimeAsync(MIN + 10);
    expect(statuses(id)).toEqual([
      [sky.id, 'sent', null],
      [masto.id, 'pending', null],
    ]);
    h.save(id, 'Déjà parti', { targets: [{ accountId: masto.id, variant: null }] });
    expect(replanned().at(-1)!.notWithdrawn).toEqual([{ accountId: sky.id, why: 'sent' }]);
    expect(statuses(id)).toEqual([
      [sky.id, 'sent', null],
      [masto.id, 'pending', null],
    ]);
  });

  it('says when an account taken out is being sent right now, and never cancels that claim', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('En vol', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.schedule(id, T0 + MIN, 'Europe/Paris');
    vi.setSystemTime(T0 + MIN);
    const [claimed] = h.repos.targets.claimDue(Date.now(), 1);
    h.save(id, 'En vol', { targets: [] });
    expect(replanned().at(-1)!.notWithdrawn).toEqual([{ accountId: sky.id, why: 'in_flight' }]);
    expect(h.repos.targets.get(claimed!.id)!.status).toBe('claimed');
    expect(h.service.view(id).state).toBe('scheduled');
  });

  it('turns a post whose every account was taken out back into a draft', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('Plus personne', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.schedule(id, T0 + 30 * MIN, 'Europe/Paris');
    h.save(id, 'Plus personne', { targets: [] });
    expect(h.service.view(id)).toMatchObject({ state: 'draft', scheduledAt: null, targets: [] });
    expect(replanned().at(-1)!.backToDraft).toBe(true);
    expect(h.repos.drafts.list(h.workspaceId).map((d) => d.id)).toEqual([id]);
  });

  it('leaves a plain draft alone: saving it plans nothing', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('Brouillon', {});
    h.save(id, 'Brouillon', { targets: [{ accountId: sky.id, variant: null }] });
    expect(h.repos.targets.byDraft(id)).toEqual([]);
    expect(replanned()).toEqual([]);
  });
});

describe('the job runner refuses what must not go', () => {
  it('cancels a due job for an account that is no longer among the post’s targets', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const masto = h.account('mastodon', 'port@masto.test');
    const id = h.draft('Deux comptes', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    h.service.schedule(id, T0 + MIN, 'Europe/Paris');
    // The content changes without re-planning (as an older version did): the runner is the last guard.
    h.repos.drafts.save({ id, workspaceId: h.workspaceId, text: 'Deux comptes', now: Date.now(), contentJson: JSON.stringify({ ...h.service.content(id), targets: [{ accountId: sky.id, variant: null }] }) });
    h.service.start();
    await vi.advanceTimersByTimeAsync(MIN + 10);
    expect(h.connectors.get(masto.id)?.calls ?? []).toEqual([]);
    expect(h.repos.targets.byDraft(id).map((t) => [t.account_id, t.status])).toEqual([
      [sky.id, 'sent'],
      [masto.id, 'cancelled'],
    ]);
    expect(h.service.view(id).state).toBe('done');
  });
});

describe('publish now, with time to undo', () => {
  it('waits the undo delay, and a cancel within it sends nothing', async () => {
    h = await createHarness({ undoDelayMs: 10_000 });
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('Oups', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.start();
    expect(h.service.publishNow(id).post.targets[0]!.dueAt).toBe(new Date(T0 + 10_000).toISOString());
    await vi.advanceTimersByTimeAsync(9_000);
    expect(h.service.cancel(id).state).toBe('draft');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.connectors.get(sky.id)?.calls ?? []).toEqual([]);

    const other = h.draft('Parti', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.publishNow(other);
    await vi.advanceTimersByTimeAsync(10_010);
    expect(h.service.view(other)).toMatchObject({ state: 'done', sentAt: new Date(T0 + 69_000 + 10_000).toISOString() });
  });
});

describe('a post’s column follows its targets', () => {
  it('moves to Sent in the same transaction as its last target, and a stale column is repaired at start', async () => {
    const sky = h.account('bluesky', 'port.bsky.test');
    const id = h.draft('Colonne', { targets: [{ accountId: sky.id, variant: null }] });
    h.service.schedule(id, T0 + MIN, 'Europe/Paris');
    vi.setSystemTime(T0 + MIN);
    const [job] = h.repos.targets.claimDue(Date.now(), 1);
    h.repos.targets.markSent(job!.id, { remoteId: 'r' });
    expect(h.service.view(id).state).toBe('done');
    // A database left by an older version (the column written after the target, a kill between the two).
    h.db.prepare("UPDATE drafts SET state = 'scheduled' WHERE id = ?").run(id);
    h.service.start();
    expect(h.service.view(id).state).toBe('done');
    expect(h.service.list(h.workspaceId, 'scheduled')).toEqual([]);
  });
});
