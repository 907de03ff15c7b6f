/**
 * Faults between Tribune and a server (the Mastodon stand-in, validated against the spec):
 * each ends in success or in a clear failure the person sees, nothing lost, nothing silent.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PostView } from '../../src/shared/publishing';
import type { Fault, MastodonStandIn } from '../helpers/mastodon';
import { value } from '../helpers/core';
import { mastodonCore } from '../helpers/mastodon-core';

const STATUSES = 'POST /api/v1/statuses';
/** A core (real SQLite, real connectors) with one Mastodon account connected through OAuth, and short retry delays. */
async function setup(faults: Fault[] = [], limits?: { maxCharacters: number }) {
  const { server, core, ws, account } = await mastodonCore({
    standIn: limits ? { limits } : {},
    core: { publishing: { retry: { baseMs: 200, maxMs: 1000 }, maxAttempts: 3, publishTimeoutMs: 1500 } },
    workspace: 'Brasserie du Port',
    publishAtOnce: true,
  });
  for (const fault of faults) server.injectFault(STATUSES, fault);
  const publish = async (text: string) => {
    const id = randomUUID();
    const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts: null };
    await value(core, 'draft.save', { id, workspaceId: ws.id, text, content });
    await value(core, 'post.publishNow', { draftId: id });
    return id;
  };
  const settled = async (draftId: string, timeoutMs = 20_000): Promise<PostView> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const view = (await value<{ post: PostView }>(core, 'draft.content', { id: draftId })).post;
      if (view.targets.every((t) => t.status === 'sent' || t.status === 'failed')) return view;
      if (Date.now() > deadline) throw new Error(`still ${view.targets.map((t) => t.status).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { server, core, publish, settled };
}

const statusesWith = (server: MastodonStandIn, text: string) => server.state.statuses.filter((s) => s.text === text && !s.deletedAt).length;

describe('publishing through server faults', () => {
  it('a 500 is retried and the post goes out once', async () => {
    const { server, publish, settled } = await setup([{ kind: 'error', status: 500 }]);
    const view = await settled(await publish('Menu du jour : moules-frites'));
    expect(view.targets[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(statusesWith(server, 'Menu du jour : moules-frites')).toBe(1);
  });

  it('a 429 waits for Retry-After before trying again', async () => {
    const { server, publish, settled } = await setup([{ kind: 'rateLimit', retryAfterSeconds: 1 }]);
    const started = Date.now();
    const view = await settled(await publish('Concert sur le quai ce soir'));
    expect(view.targets[0]).toMatchObject({ status: 'sent', attempts: 2 });
    const attempts = server.state.requests.filter((r) => r.route === STATUSES);
    expect(attempts).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('an answer slower than the timeout is retried with the same key: one status, not two', async () => {
    const { server, publish, settled } = await setup([{ kind: 'delay', ms: 2500 }]);
    const view = await settled(await publish('Marée haute à 18 h 42'));
    expect(view.targets[0]!.status).toBe('sent');
    expect(view.targets[0]!.attempts).toBeGreaterThanOrEqual(2);
    // The slow request did reach the server; the retry carried the same Idempotency-Key.
    const keys = server.state.requests.filter((r) => r.route === STATUSES).map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(statusesWith(server, 'Marée haute à 18 h 42')).toBe(1);
  });

  it('a slow answer within the timeout simply succeeds', async () => {
    const { publish, settled } = await setup([{ kind: 'delay', ms: 700 }]);
    expect((await settled(await publish('Patience'))).targets[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a connection cut after the server committed is retried without a duplicate', async () => {
    const { server, publish, settled } = await setup([{ kind: 'destroySocket', when: 'after' }]);
    const view = await settled(await publish('Coupure réseau'));
    expect(view.targets[0]!.status).toBe('sent');
    expect(statusesWith(server, 'Coupure réseau')).toBe(1);
  });

  it('a post the server refuses fails at once with the server’s own message, and can be retried', async () => {
    // This server allows 100 characters; Tribune has not read its limits yet and assumes Mastodon's 500.
    const { server, core, publish, settled } = await setup([], { maxCharacters: 100 });
    const long = 'Programme complet des animations de la semaine sur le port. '.repeat(3);
    const draftId = await publish(long);
    const view = await settled(draftId);
    expect(view.targets[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(view.targets[0]!.lastError).toMatch(/character limit|100/i);
    expect(statusesWith(server, long)).toBe(0);
    // Nothing lost: the text is still there to fix, and the failure is listed.
    expect((await value<{ text: string }>(core, 'draft.get', { id: draftId })).text).toBe(long);
    const failed = await value<PostView[]>(core, 'post.list', { workspaceId: view.workspaceId, column: 'sent' });
    expect(failed.map((p) => p.draftId)).toContain(draftId);
  });

  it('a server that cannot be reached ends in a clear failure after the retries, never silently', async () => {
    const { server, publish, settled } = await setup();
    await server.close();
    const view = await settled(await publish('Personne ne répond'), 30_000);
    expect(view.targets[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(view.targets[0]!.lastError).toBeTruthy();
    expect(view.targets[0]!.lastError).toMatch(/reach|connect|refused|network/i);
  });
});
