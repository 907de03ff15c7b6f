/**
 * When sessions are checked: at start, every 30 minutes, and shortly before an account's next
 * post (the clock and timers are the test's; the accounts are real Mastodon connectors talking
 * to the stand-in, their tokens in a real vault, their posts in a real SQLite file).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { networkDrivers } from '../../src/main/core/connectors';
import { startLoopbackAuthorization } from '../../src/main/core/connectors/mastodon';
import { createLogger } from '../../src/main/core/log';
import { AccountHealthMonitor, HEALTH_AHEAD_MS, HEALTH_PERIOD_MS } from '../../src/main/core/publishing/health';
import { accountSecretId, ConnectorRegistry, vaultDriverContext } from '../../src/main/core/publishing/registry';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { DraftRepository } from '../../src/main/core/repositories/drafts';
import { PostTargetRepository } from '../../src/main/core/repositories/post-targets';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import type { TimerPort } from '../../src/main/core/scheduler/ports';
import { openStore } from '../../src/main/core/store/database';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { Vault } from '../../src/main/core/vault/vault';
import { startMastodonStandIn, type MastodonStandIn } from '../helpers/mastodon';
import { tempDir } from '../helpers/temp';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const MIN = 60_000;
const VERIFY = 'GET /api/v1/accounts/verify_credentials';

let server: MastodonStandIn | undefined;
let monitor: AccountHealthMonitor | undefined;
afterEach(async () => {
  monitor?.stop();
  await server?.close();
  server?.assertNoViolations();
  server = undefined;
});

/** Timers the test fires by hand: the one pending timer and when it is due. */
function manualTimers(now: () => number) {
  let pending: { fn: () => void; at: number } | null = null;
  const timers: TimerPort = {
    setTimeout: (fn, ms) => (pending = { fn, at: now() + ms }),
    clearTimeout: (handle) => {
      if (handle === pending) pending = null;
    },
  };
  return { timers, next: () => pending };
}

async function setup() {
  server = await startMastodonStandIn();
  const dir = tempDir();
  let now = T0;
  const clock = { now: () => now };
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const vault = await Vault.open({ db, dataDir: dir, keychain: new MemoryKeychain(), clock });
  const accounts = new AccountRepository(db);
  const drafts = new DraftRepository(db);
  const targets = new PostTargetRepository(db, clock.now);
  const workspaceId = randomUUID();
  new WorkspaceRepository(db).create({ id: workspaceId, name: 'Halle aux Poissons', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: T0 });

  const connect = async (handle: string) => {
    const auth = await (await startLoopbackAuthorization(server!.url, { cache: { get: async () => null, put: async () => {} }, openBrowser: async (url) => void (await fetch(url)) })).result;
    const account = accounts.upsert({ id: randomUUID(), workspaceId, network: 'mastodon', handle, displayName: handle, avatarUrl: null, serviceUrl: server!.url, remoteId: handle, createdAt: T0 });
    vault.storeSecret(accountSecretId(account.id), account.id, JSON.stringify({ accessToken: auth.accessToken }));
    return { account, token: auth.accessToken };
  };
  const planPost = (accountId: string, dueAt: number) => {
    const draftId = randomUUID();
    drafts.save({ id: draftId, workspaceId, text: 'Arrivage de sardines', now: T0 });
    targets.insert([{ id: randomUUID(), draftId, accountId, network: 'mastodon', dueAt, idempotencyKey: randomUUID(), partKeys: [randomUUID()] }]);
  };
  const revoke = (token: string) => server!.state.tokens.filter((t) => t.accessToken === token).forEach((t) => (t.revoked = true));

  const manual = manualTimers(clock.now);
  const changed: string[] = [];
  monitor = new AccountHealthMonitor({
    clock,
    log: createLogger((t) => t, () => undefined),
    accounts,
    connectors: new ConnectorRegistry(networkDrivers(vaultDriverContext(vault)), vault),
    emit: (ws) => changed.push(ws),
    timers: manual.timers,
  });
  /** Moves the clock to the pending timer and runs it; returns when it fired. */
  const fireNext = async () => {
    const next = manual.next();
    if (!next) throw new Error('no timer armed');
    now = next.at;
    next.fn();
    await monitor!.idle();
    return next.at;
  };
  const verifies = () => server!.requestsFor(VERIFY).length;
  const health = (id: string) => accounts.get(id)!.health;
  return { monitor, connect, planPost, revoke, fireNext, verifies, health, changed, workspaceId, next: manual.next };
}

describe('account health checks', () => {
  it('checks every account at start, then every 30 minutes', async () => {
    const t = await setup();
    await t.connect('a');
    await t.connect('b');
    await t.monitor.start();
    expect(t.verifies()).toBe(2);
    expect(t.next()?.at).toBe(T0 + HEALTH_PERIOD_MS);
    expect(await t.fireNext()).toBe(T0 + HEALTH_PERIOD_MS);
    expect(t.verifies()).toBe(4);
    expect(await t.fireNext()).toBe(T0 + 2 * HEALTH_PERIOD_MS);
    expect(t.verifies()).toBe(6);
  });

  it('checks an account shortly before its next post, and marks it "reconnect needed" before the post is due', async () => {
    const t = await setup();
    const a = await t.connect('a');
    const b = await t.connect('b');
    const due = T0 + 25 * MIN;
    t.planPost(a.account.id, due);
    await t.monitor.start();
    expect(t.verifies()).toBe(2);
    // Before the period ends, 10 minutes ahead of the post.
    expect(t.next()?.at).toBe(due - HEALTH_AHEAD_MS);

    t.revoke(a.token);
    t.revoke(b.token);
    const firedAt = await t.fireNext();
    expect(firedAt).toBeLessThan(due);
    expect(t.verifies()).toBe(3); // only the account with a post
    expect([t.health(a.account.id), t.health(b.account.id)]).toEqual(['reconnect_needed', 'ok']);
    expect(t.changed).toEqual([t.workspaceId]);

    // The other one at the next period; an account waiting for the person is not asked again.
    expect(t.next()?.at).toBe(T0 + HEALTH_PERIOD_MS);
    await t.fireNext();
    expect(t.verifies()).toBe(4);
    expect(t.health(b.account.id)).toBe('reconnect_needed');
    expect(t.changed).toEqual([t.workspaceId, t.workspaceId]);
  });

  it('a newly planned post re-arms the check before it; a recent check is enough', async () => {
    const t = await setup();
    const a = await t.connect('a');
    await t.monitor.start();
    expect(t.next()?.at).toBe(T0 + HEALTH_PERIOD_MS);
    t.planPost(a.account.id, T0 + 35 * MIN);
    t.monitor.postsChanged();
    expect(t.next()?.at).toBe(T0 + 25 * MIN);
    // A sooner post: checked 5 minutes after the last check, 3 minutes before it goes...
    t.planPost(a.account.id, T0 + 8 * MIN);
    t.monitor.postsChanged();
    expect(t.next()?.at).toBe(T0 + 5 * MIN);
    await t.fireNext();
    expect(t.verifies()).toBe(2);
    // ...and that check covers it: next comes the period.
    expect(t.next()?.at).toBe(T0 + HEALTH_PERIOD_MS);
  });
});
