import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PublishError } from '../../src/main/core/connectors/types';
import type { PublishingService } from '../../src/main/core/publishing/service';
import type { Db } from '../../src/main/core/store/database';
import type { DraftContent } from '../../src/shared/publishing';
import { createHarness, MIN, T0, type Harness } from '../helpers/publishing-harness';

let h: Harness;
let db: Db;
let service: PublishingService;
let connectors: Harness['connectors'];
let repos: Harness['repos'];
let events: Harness['events'];
let logLines: string[] = [];
let workspaceId: string;

async function setup(options: { maxAttempts?: number } = {}) {
  h = await createHarness(options);
  ({ db, service, connectors, repos, events, logLines, workspaceId } = h);
}
const account = (network: 'bluesky' | 'mastodon', handle: string) => h.account(network, handle);
const draft = (text: string, content: Partial<DraftContent>) => h.draft(text, content);

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(async () => {
  if (logLines.length) console.log(logLines.splice(0).join('\n'));
  await service?.stop();
  db?.close();
  vi.useRealTimers();
});

describe('publishing a draft to several accounts', () => {
  it('publishes now to every target, each with its own keys, and the post moves to Sent', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const masto = account('mastodon', 'port@masto.test');
    const id = draft('Marché de Noël samedi 🎄', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    service.start();
    const { post, blocked } = service.publishNow(id);
    expect(blocked).toEqual([]);
    expect(post.state).toBe('scheduled');
    await vi.advanceTimersByTimeAsync(10);
    const view = service.view(id);
    expect(view.state).toBe('done');
    expect(view.targets.map((t) => t.status)).toEqual(['sent', 'sent']);
    expect(view.targets.every((t) => t.remoteUrl?.startsWith('https://example.test/'))).toBe(true);
    const [a, b] = [connectors.get(sky.id)!.calls[0]!, connectors.get(masto.id)!.calls[0]!];
    expect(a.parts[0]!.text).toBe('Marché de Noël samedi 🎄');
    expect(a.partKeys[0]).not.toBe(b.partKeys[0]);
    expect(service.list(workspaceId, 'sent').map((p) => p.draftId)).toEqual([id]);
    expect(service.list(workspaceId, 'scheduled')).toEqual([]);
    // A scheduled or sent post leaves the Drafts column: that column is told once, the others at each step.
    expect(repos.drafts.list(workspaceId)).toEqual([]);
    expect(events.filter((e) => e.event === 'drafts.changed')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'posts.changed').length).toBeGreaterThanOrEqual(3);
  });

  it('sends each target its own variant, and blocks only the target that cannot take the post', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const masto = account('mastodon', 'port@masto.test');
    const long = 'Un long texte pour Mastodon. '.repeat(12); // 348 characters: over Bluesky's 300
    const id = draft(long, {
      targets: [
        { accountId: sky.id, variant: null },
        { accountId: masto.id, variant: { parts: [{ text: 'Version Mastodon', media: [] }], contentWarning: 'Spoiler', language: 'fr', visibility: null, poll: null } },
      ],
    });
    expect(service.validate(id)).toEqual([{ accountId: sky.id, problems: [{ code: 'text_over', severity: 'block', values: { used: 348, max: 300 } }] }]);
    service.start();
    const { blocked } = service.publishNow(id);
    expect(blocked).toEqual([{ accountId: sky.id, problems: [{ code: 'text_over', severity: 'block', values: { used: 348, max: 300 } }] }]);
    await vi.advanceTimersByTimeAsync(10);
    expect(connectors.get(sky.id)).toBeUndefined();
    const sent = connectors.get(masto.id)!.calls[0]!;
    expect(sent.parts[0]!.text).toBe('Version Mastodon');
    expect(sent.contentWarning).toBe('Spoiler');
    // The blocked account is held with its problems (data, not an error), so editing the text can release it.
    const views = service.view(id).targets;
    expect(views.map((t) => [t.accountId, t.status, t.heldReason])).toEqual([
      [sky.id, 'held', 'invalid'],
      [masto.id, 'sent', null],
    ]);
    expect(views[0]!.heldProblems).toEqual([{ code: 'text_over', severity: 'block', values: { used: 348, max: 300 } }]);
    expect(views[0]!.lastError).toBeNull();
  });

  it('publishes a scheduled post at its time, not before', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const id = draft('Feu d’artifice ce soir', { targets: [{ accountId: sky.id, variant: null }] });
    service.start();
    service.schedule(id, T0 + 90 * MIN, 'Europe/Paris');
    expect(service.list(workspaceId, 'scheduled').map((p) => p.scheduledAt)).toEqual([new Date(T0 + 90 * MIN).toISOString()]);
    await vi.advanceTimersByTimeAsync(90 * MIN - 1);
    expect(connectors.get(sky.id)?.calls ?? []).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2);
    expect(connectors.get(sky.id)!.calls).toHaveLength(1);
    expect(() => service.schedule(draft('x', { targets: [{ accountId: sky.id, variant: null }] }), T0, 'Europe/Paris')).toThrow(/already past/);
  });

  it('adds to the queue at each account’s next free slot, never twice the same slot', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const first = draft('Premier', { targets: [{ accountId: sky.id, variant: null }] });
    const second = draft('Deuxième', { targets: [{ accountId: sky.id, variant: null }] });
    // Monday 09:00 in Paris: the next default slots are 12:00 then 17:30 (Paris time).
    const a = service.addToQueue(first).post.targets[0]!.dueAt;
    const b = service.addToQueue(second).post.targets[0]!.dueAt;
    expect(a).toBe('2026-11-23T11:00:00.000Z');
    expect(b).toBe('2026-11-23T16:30:00.000Z');
    repos.accounts.setSlots(sky.id, [{ weekday: 2, time: '07:45' }], 'America/New_York');
    const c = service.addToQueue(draft('Troisième', { targets: [{ accountId: sky.id, variant: null }] })).post.targets[0]!.dueAt;
    expect(c).toBe('2026-11-24T12:45:00.000Z');
  });

  it('refuses to go anywhere without a target', async () => {
    await setup();
    const id = draft('Sans compte', {});
    expect(() => service.publishNow(id)).toThrow(/Choose at least one account/);
  });
});

describe('failures', () => {
  it('retries a server error with backoff, then shows the server’s own message when the post is refused', async () => {
    await setup({ maxAttempts: 3 });
    const sky = account('bluesky', 'port.bsky.test');
    const id = draft('Bonjour', { targets: [{ accountId: sky.id, variant: null }] });
    service.start();
    service.publishNow(id);
    const connector = () => connectors.get(sky.id)!;
    await vi.advanceTimersByTimeAsync(0);
    // The connector exists after the first call: script the next attempts.
    expect(connector().calls).toHaveLength(1);
    const id2 = draft('Deuxième essai', { targets: [{ accountId: sky.id, variant: null }] });
    connector().script = [
      () => {
        throw new PublishError({ kind: 'http', status: 503, message: 'Service Unavailable' });
      },
      () => {
        throw new PublishError({ kind: 'http', status: 400, message: 'Record/text must not be longer than 300 graphemes' });
      },
    ];
    service.publishNow(id2);
    await vi.advanceTimersByTimeAsync(0);
    expect(service.view(id2).targets[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Service Unavailable' });
    await vi.advanceTimersByTimeAsync(10_000);
    const failed = service.view(id2).targets[0]!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, lastError: 'Record/text must not be longer than 300 graphemes' });
    expect(service.list(workspaceId, 'sent').find((p) => p.draftId === id2)?.targets[0]?.status).toBe('failed');

    // The person fixes nothing and retries: it goes.
    service.retryTarget(failed.id);
    await vi.advanceTimersByTimeAsync(10);
    expect(service.view(id2).targets[0]!.status).toBe('sent');
  });

  it('parks the posts of an account whose session expired, and sends them once it is reconnected', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    service.start();
    const warmup = draft('Premier', { targets: [{ accountId: sky.id, variant: null }] });
    service.publishNow(warmup);
    await vi.advanceTimersByTimeAsync(0);
    connectors.get(sky.id)!.script = [
      () => {
        throw new PublishError({ kind: 'http', status: 401, message: 'Token has expired' }, true);
      },
    ];
    const id = draft('Ne pas perdre', { targets: [{ accountId: sky.id, variant: null }] });
    service.publishNow(id);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(repos.accounts.get(sky.id)!.health).toBe('reconnect_needed');
    expect(service.view(id).targets[0]).toMatchObject({ status: 'held', heldReason: 'reconnect_needed' });
    expect(connectors.get(sky.id)!.calls).toHaveLength(2); // no retry storm while it waits
    expect(events.some((e) => e.event === 'accounts.changed')).toBe(true);

    repos.accounts.setHealth(sky.id, 'ok');
    service.accountReconnected(sky.id, workspaceId);
    await vi.advanceTimersByTimeAsync(10);
    expect(service.view(id).targets[0]!.status).toBe('sent');
  });

  it('keeps a post waiting while the computer is offline, without using up its attempts, and sends it when the connection is back', async () => {
    await setup({ maxAttempts: 2 });
    const sky = account('bluesky', 'port.bsky.test');
    service.start();
    const warmup = draft('Premier', { targets: [{ accountId: sky.id, variant: null }] });
    service.publishNow(warmup);
    await vi.advanceTimersByTimeAsync(0);
    const offline = () => {
      throw new PublishError({ kind: 'network', message: 'Could not reach Bluesky: getaddrinfo ENOTFOUND bsky.social', offline: true });
    };
    connectors.get(sky.id)!.script = [offline, offline, offline, offline];
    const id = draft('Écrit dans le train', { targets: [{ accountId: sky.id, variant: null }] });
    service.publishNow(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(service.view(id).targets[0]).toMatchObject({ status: 'held', heldReason: 'offline' });
    // Four probes a minute apart, all offline: still waiting, never failed (maxAttempts is 2).
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 10);
    expect(service.view(id).targets[0]).toMatchObject({ status: 'held', heldReason: 'offline' });
    // The host sees the network come back.
    service.wake('online');
    await vi.advanceTimersByTimeAsync(10);
    expect(service.view(id).targets[0]!.status).toBe('sent');
  });

  it('resumes a thread after the last part that went out', async () => {
    await setup();
    const masto = account('mastodon', 'port@masto.test');
    service.start();
    const warmup = draft('x', { targets: [{ accountId: masto.id, variant: null }] });
    service.publishNow(warmup);
    await vi.advanceTimersByTimeAsync(0);
    connectors.get(masto.id)!.script = [
      (input) => {
        input.onPartSent(0, { remoteId: '1', url: 'https://masto.test/1' });
        throw new PublishError({ kind: 'network', message: 'socket hang up' });
      },
    ];
    const id = draft('ignored', { targets: [{ accountId: masto.id, variant: null }], threadParts: ['1/3 Début', '2/3 Milieu', '3/3 Fin'] });
    service.publishNow(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(service.view(id).targets[0]).toMatchObject({ status: 'pending', partsSent: 1, partsTotal: 3 });
    await vi.advanceTimersByTimeAsync(10_000);
    const calls = connectors.get(masto.id)!.calls;
    const retry = calls[calls.length - 1]!;
    expect(retry.alreadySent[0]).toEqual({ remoteId: '1', url: 'https://masto.test/1' });
    expect(retry.partKeys).toEqual(calls[calls.length - 2]!.partKeys);
    expect(service.view(id).targets[0]).toMatchObject({ status: 'sent', partsSent: 3 });
  });
});

describe('after a crash or a long sleep', () => {
  it('puts interrupted publications back in the queue with their keys', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const id = draft('Interrompu', { targets: [{ accountId: sky.id, variant: null }] });
    service.schedule(id, T0 + MIN, 'Europe/Paris');
    vi.setSystemTime(T0 + MIN);
    // A previous run claimed it and died.
    const [job] = repos.targets.claimDue(Date.now(), 10);
    expect(repos.targets.get(job!.id)!.status).toBe('claimed');
    repos.settings.set(workspaceId, { missedPolicy: 'publish_now' });
    service.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(connectors.get(sky.id)!.calls[0]!.partKeys).toEqual(JSON.parse(repos.targets.get(job!.id)!.part_keys));
    expect(service.view(id).targets[0]!.status).toBe('sent');
  });

  it.each([
    ['publish_now', 'sent', 'published'],
    ['skip', 'skipped', 'skipped'],
    ['ask', 'held', 'awaitingDecision'],
  ] as const)('follows the workspace policy "%s" for posts missed while closed', async (policy, status, list) => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const id = draft('Raté', { targets: [{ accountId: sky.id, variant: null }] });
    service.schedule(id, T0 + MIN, 'Europe/Paris');
    repos.settings.set(workspaceId, { missedPolicy: policy });
    vi.setSystemTime(T0 + 3 * 60 * MIN); // Tribune was closed for three hours
    service.start();
    await vi.advanceTimersByTimeAsync(10);
    const target = service.view(id).targets[0]!;
    expect(target.status).toBe(status);
    const missed = events.find((e) => e.event === 'posts.missed')!.payload as Record<string, string[]>;
    expect(missed[list]).toEqual([target.id]);
    if (policy === 'ask') {
      service.resolveMissed([target.id], 'publish_now');
      await vi.advanceTimersByTimeAsync(10);
      expect(service.view(id).targets[0]!.status).toBe('sent');
    }
  });
});

describe('editing before it goes', () => {
  it('cancels a scheduled post back to a draft, and reschedules keeping what already went', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const masto = account('mastodon', 'port@masto.test');
    const id = draft('À annuler', { targets: [{ accountId: sky.id, variant: null }] });
    service.schedule(id, T0 + 60 * MIN, 'Europe/Paris');
    expect(service.cancel(id).state).toBe('draft');
    expect(repos.drafts.list(workspaceId).map((d) => d.id)).toContain(id);

    const both = draft('Aux deux', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    service.start();
    service.publishNow(both);
    await vi.advanceTimersByTimeAsync(10);
    service.schedule(both, T0 + 60 * MIN, 'Europe/Paris');
    // Both went already: nothing is scheduled twice.
    expect(service.view(both).targets.map((t) => t.status)).toEqual(['sent', 'sent']);
  });

  it('never plans a second publication for an account whose post is going out right now', async () => {
    await setup();
    const sky = account('bluesky', 'port.bsky.test');
    const masto = account('mastodon', 'port@masto.test');
    const id = draft('En cours d’envoi', { targets: [{ accountId: sky.id, variant: null }, { accountId: masto.id, variant: null }] });
    service.schedule(id, T0 + MIN, 'Europe/Paris');
    vi.setSystemTime(T0 + MIN);
    // The Bluesky target is claimed (in flight) when the person reschedules the post.
    const [claimed] = repos.targets.claimDue(Date.now(), 1, 'bluesky');
    service.schedule(id, T0 + 30 * MIN, 'Europe/Paris');
    const targets = repos.targets.byDraft(id).filter((t) => t.status !== 'cancelled');
    expect(targets.filter((t) => t.account_id === sky.id).map((t) => [t.id, t.status])).toEqual([[claimed!.id, 'claimed']]);
    expect(targets.filter((t) => t.account_id === masto.id).map((t) => [t.status, t.due_at])).toEqual([['pending', T0 + 30 * MIN]]);
  });

  it('uses the post-targets index for the next due time, never a scan', async () => {
    await setup();
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT min(due_at) FROM post_targets WHERE status = 'pending'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX post_targets_due/);
  });
});
