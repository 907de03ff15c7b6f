/**
 * Moderation while the server cannot be reached (a relay in front of the Mastodon stand-in,
 * its cable pulled): the action waits in the durable queue (the audit log says "queued"), its
 * undo is still offered — taken before the action went, neither goes —, and when the host
 * reports the connection back, what waits goes exactly once, in order.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, InboxPage } from '../../src/shared/inbox/schemas';
import { startNetworkCut } from '../helpers/network-cut';
import { value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

describe('moderation offline', () => {
  it('queues actions taken while the server is down and sends each exactly once when the connection is back', async () => {
    const { server, relay: cable, core, ws, account, add, refresh } = await mastodonBoard({ via: startNetworkCut });
    const pest = server.act.addAccount('relou', 'Relou');
    const status = server.act.post(pest, '@tribune vous répondez quand ?', { mentionsMe: true });
    const column = await add('notifications');
    await refresh(column);
    const [entry] = (await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' })).entries;
    const act = (action: string) => value<{ undo: string | null; queued?: boolean }>(core, 'moderation.act', { workspaceId: ws.id, itemId: entry!.item!.id, asAccountId: account.id, action });
    const log = async () => (await value<AuditEntry[]>(core, 'audit.list', { workspaceId: ws.id })).map((a) => `${a.action}:${a.outcome}`).reverse();

    cable.cut();
    // Down: the thread's mute waits, with its undo still offered.
    expect(await act('mute_thread')).toEqual({ action: 'mute_thread', undo: 'unmute_thread', inboxItemId: null, queued: true });
    // Another action queues behind it (the order holds), and its undo before it went cancels both.
    expect(await act('block')).toMatchObject({ queued: true, undo: 'unblock' });
    expect(await act('unblock')).toEqual({ action: 'unblock', undo: 'block', inboxItemId: null });
    expect(server.moderation.mutedThreads.size).toBe(0);

    cable.restore();
    await value(core, 'app.networkChanged', { online: true });
    await expect.poll(log, { timeout: 30_000 }).toEqual(['mute_thread:queued', 'block:queued', 'unblock:undone', 'mute_thread:done']);
    expect([...server.moderation.mutedThreads]).toEqual([status.id]);
    // Back again (the host says so twice): nothing goes twice, and the cancelled block never went.
    await value(core, 'app.networkChanged', { online: true });
    expect(await act('unmute_thread')).toMatchObject({ undo: 'mute_thread' });
    expect(server.moderation.mutedThreads.size).toBe(0);
    expect(server.requestsFor('POST /api/v1/statuses/{id}/mute')).toHaveLength(1);
    expect(server.requestsFor('POST /api/v1/statuses/{id}/unmute')).toHaveLength(1);
    expect(server.requestsFor('POST /api/v1/accounts/{id}/block')).toHaveLength(0);
    expect(server.requestsFor('POST /api/v1/accounts/{id}/unblock')).toHaveLength(0);
    expect(await log()).toEqual(['mute_thread:queued', 'block:queued', 'unblock:undone', 'mute_thread:done', 'unmute_thread:done']);
    server.assertNoViolations();
  }, 60_000);
});
