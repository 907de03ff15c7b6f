/**
 * Account sessions checked before their posts are due (at start, on wake), and the host's
 * "the network is back" report, through the core against the Mastodon stand-in. Nothing here
 * waits a fixed time: each check waits for what the core did (a request, a status).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimerPort } from '../../src/main/core/scheduler/ports';
import type { Core } from '../../src/main/core/types';
import type { PostView } from '../../src/shared/publishing';
import type { MastodonStandIn } from '../helpers/mastodon';
import { value } from '../helpers/core';
import { mastodonCore, type MastodonCoreOptions } from '../helpers/mastodon-core';
import { startNetworkCut, type NetworkCut } from '../helpers/network-cut';

const VERIFY = 'GET /api/v1/accounts/verify_credentials';

/** A core with one Mastodon account connected through the browser, and a post planned in an hour. */
async function setup<R extends NetworkCut | null = null>(options: MastodonCoreOptions<R> = {}) {
  const setup = await mastodonCore<R>({ workspace: 'Brasserie du Port', ...options });
  const { core, ws, account } = setup;
  const draftId = randomUUID();
  const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: null, visibility: null, poll: null, threadParts: null };
  await value(core, 'draft.save', { id: draftId, workspaceId: ws.id, text: 'Concert sur le quai samedi', content });
  const at = new Date(Date.now() + 3_600_000).toISOString();
  await value(core, 'post.schedule', { draftId, at, timeZone: 'Europe/Paris' });
  return { ...setup, draftId };
}

const healthOf = async (core: Core, workspaceId: string) => (await value<{ health: string }[]>(core, 'account.list', { workspaceId }))[0]?.health;
const revokeEveryToken = (server: MastodonStandIn) => server.state.tokens.forEach((t) => (t.revoked = true));

describe('account health', () => {
  it('at start, an account whose token was revoked shows "reconnect needed" before its post is due', async () => {
    const { server, core, ws, reopen } = await setup();
    await core.close();
    revokeEveryToken(server);
    const verifiesBefore = server.requestsFor(VERIFY).length;

    const reopened = await reopen();
    const events: string[] = [];
    reopened.subscribe((event) => events.push(event));
    await expect.poll(() => healthOf(reopened, ws.id)).toBe('reconnect_needed');
    expect(events).toContain('accounts.changed');
    expect(server.requestsFor(VERIFY).length).toBeGreaterThan(verifiesBefore);
    // The post was not tried: it is an hour away.
    expect(server.requestsFor('POST /api/v1/statuses')).toHaveLength(0);
  });

  it('on wake (the computer resumed), the sessions are checked again', async () => {
    const { server, core, ws } = await setup();
    expect(await healthOf(core, ws.id)).toBe('ok');
    const verifiesBefore = server.requestsFor(VERIFY).length;
    revokeEveryToken(server);
    const events: string[] = [];
    core.subscribe((event) => events.push(event));
    core.wake('resume');
    await expect.poll(() => healthOf(core, ws.id)).toBe('reconnect_needed');
    expect(events).toContain('accounts.changed');
    expect(server.requestsFor(VERIFY).length).toBe(verifiesBefore + 1);
  });

  it('a check that cannot reach the server changes nothing', async () => {
    const logged: string[] = [];
    const { server, relay: cable, core, ws } = await setup({ via: startNetworkCut, core: { logSink: (line) => logged.push(line) } });
    const verifiesBefore = server.requestsFor(VERIFY).length;
    const events: string[] = [];
    core.subscribe((event) => events.push(event));
    cable.cut();
    core.wake('resume');
    // The core says it could not tell; only then does the cable come back.
    await expect.poll(() => logged.some((line) => line.includes('could not check mastodon account'))).toBe(true);
    // Checks run one after the other: once the next one reaches the server, the unreachable one
    // is over (had it marked the account, the next one would skip it: the event says so).
    cable.restore();
    core.wake('resume');
    await expect.poll(() => server.requestsFor(VERIFY).length > verifiesBefore || events.includes('accounts.changed'), { timeout: 30_000 }).toBe(true);
    expect(events).not.toContain('accounts.changed');
    expect(await healthOf(core, ws.id)).toBe('ok');
    expect(server.requestsFor(VERIFY)).toHaveLength(verifiesBefore + 1);
  });
});

/** Timers that never fire: the scheduler's due timer and the offline probe stay still, only a report moves a post. */
const stillTimers: TimerPort = { setTimeout: () => 0, clearTimeout: () => undefined };

describe('the host reports the network back', () => {
  it('app.networkChanged { online: true } sends the posts that waited for the connection at once', async () => {
    const { server, core, dataDir, draftId } = await setup({ core: { publishing: { timers: stillTimers } } });
    // The post is parked because the computer was offline (as the runner parks it on ENOTFOUND).
    const db = new Database(path.join(dataDir, 'tribune.sqlite3'));
    db.prepare("UPDATE post_targets SET status = 'held', hold_reason = 'offline', last_error = 'offline' WHERE draft_id = ?").run(draftId);
    db.close();
    const status = async () => (await value<{ post: PostView }>(core, 'draft.content', { id: draftId })).post.targets[0]?.status;
    expect(await status()).toBe('held');

    // Offline again: nothing moves (a report that woke the queue would have put it back before answering).
    expect(await core.handle('app.networkChanged', { online: false })).toEqual({ ok: true, value: { done: true } });
    expect(await status()).toBe('held');

    // Back online: it goes on the report itself, not at the minute's probe (whose timer never fires here).
    expect(await core.handle('app.networkChanged', { online: true })).toEqual({ ok: true, value: { done: true } });
    expect(await status()).not.toBe('held');
    await expect.poll(status, { timeout: 30_000 }).toBe('sent');
    expect(server.state.statuses.map((s) => s.text)).toEqual(['Concert sur le quai samedi']);
  });

  it('refuses a malformed report', async () => {
    const { core } = await setup();
    expect(await core.handle('app.networkChanged', { online: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
