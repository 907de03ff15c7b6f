/**
 * Moderation on the Mastodon stand-in (every request and answer validated against the
 * Mastodon OpenAPI description): a rude mention arrives, the charter flags it in the inbox;
 * reporting it sends the category, the instance's rule ids and the status; mute and block
 * (and undoing them) reach the server; a report the server refuses leaves the item as it was
 * with the server's words, and the audit log says so; Bluesky-only actions are refused. Muting
 * a thread (and unmuting it) and removing a follower — from their post, or from the "new
 * follower" item itself — reach the server and are logged.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, InboxPage } from '../../src/shared/inbox/schemas';
import { refusal, value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

describe('moderation on the Mastodon stand-in', () => {
  it('reports with category, rule ids and the status; mutes and blocks and undoes them; a refusal changes nothing and is logged', async () => {
    const { server, core, ws, account, add, refresh } = await mastodonBoard();
    await value(core, 'charter.save', {
      workspaceId: ws.id,
      charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'insultes', name: 'Insultes', severity: 'warning', action: 'report', match: { kind: 'words', terms: ['incompétents'] } }] },
    });

    const troll = server.act.addAccount('troll', 'Troll');
    const rude = server.act.post(troll, '@tribune bande d’INCOMPÉTENTS', { mentionsMe: true });
    const column = await add('notifications');
    await refresh(column);
    const inbox = await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle', filter: { flagged: true } });
    expect(inbox.entries).toHaveLength(1);
    const entry = inbox.entries[0]!;
    expect(entry.flags).toEqual([{ ruleId: 'insultes', ruleName: 'Insultes', severity: 'warning', action: 'report', matched: 'incompétents' }]);

    // The report dialog offers the server's own rules.
    expect(await value(core, 'moderation.rules', { accountId: account.id })).toEqual(server.moderation.rules);
    // A rule id the instance does not have: the server refuses; nothing changed, the log says why.
    const refused = await refusal(core, 'moderation.act', { workspaceId: ws.id, itemId: entry.item!.id, asAccountId: account.id, action: 'report', report: { reason: 'violation', ruleIds: ['99'] } });
    expect(refused).toMatchObject({ code: 'moderation_refused', params: { action: 'report' } });
    expect(refused.message).toContain('Rule ids are invalid');
    expect(server.moderation.reports).toEqual([]);
    expect((await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' })).entries.map((e) => e.id)).toEqual([entry.id]);

    const done = await value(core, 'moderation.act', { workspaceId: ws.id, itemId: entry.item!.id, asAccountId: account.id, action: 'report', ruleId: 'insultes', report: { reason: 'rude', ruleIds: ['2'], comment: 'Insultes répétées' } });
    expect(done).toEqual({ action: 'report', undo: null, inboxItemId: entry.id });
    expect(server.moderation.reports).toEqual([{ id: expect.any(String), accountId: troll.id, category: 'violation', ruleIds: ['2'], statusIds: [rude.id], comment: 'Insultes répétées', forward: false }]);
    // Reported at the rule's suggestion: the item is done, by the rule.
    expect((await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'done' })).entries.map((e) => e.id)).toEqual([entry.id]);

    for (const action of ['mute', 'block'] as const) {
      expect(await value(core, 'moderation.act', { workspaceId: ws.id, itemId: entry.item!.id, asAccountId: account.id, action })).toMatchObject({ undo: `un${action}` });
    }
    expect([...server.moderation.mutes, ...server.moderation.blocks]).toEqual([troll.id, troll.id]);
    await value(core, 'moderation.act', { workspaceId: ws.id, itemId: entry.item!.id, asAccountId: account.id, action: 'unblock' });
    expect([...server.moderation.blocks]).toEqual([]);

    expect(await refusal(core, 'moderation.act', { workspaceId: ws.id, itemId: entry.item!.id, asAccountId: account.id, action: 'hide_reply' })).toMatchObject({ code: 'moderation_unsupported', params: { action: 'hide_reply', network: 'mastodon' } });

    const audit = await value<AuditEntry[]>(core, 'audit.list', { workspaceId: ws.id });
    expect(audit.map((a) => [a.action, a.outcome, a.ruleId]).reverse()).toEqual([
      ['report', 'refused', null],
      ['report', 'done', 'insultes'],
      ['mute', 'done', null],
      ['block', 'done', null],
      ['unblock', 'done', null],
    ]);
    expect(audit.find((a) => a.outcome === 'refused')!.message).toContain('Rule ids are invalid');
    server.assertNoViolations();
  }, 60_000);

  it('mutes a thread and unmutes it, removes a follower; each is logged', async () => {
    const { server, core, ws, account, add, refresh } = await mastodonBoard();
    const pest = server.act.addAccount('relou', 'Relou');
    const status = server.act.post(pest, '@tribune alors, ce marché ?', { mentionsMe: true });
    const column = await add('notifications');
    await refresh(column);
    const [entry] = (await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' })).entries;
    const act = (action: string) => value<{ undo: string | null }>(core, 'moderation.act', { workspaceId: ws.id, itemId: entry!.item!.id, asAccountId: account.id, action });

    expect(await act('mute_thread')).toMatchObject({ action: 'mute_thread', undo: 'unmute_thread' });
    expect([...server.moderation.mutedThreads]).toEqual([status.id]);
    expect(await act('unmute_thread')).toMatchObject({ undo: 'mute_thread' });
    expect([...server.moderation.mutedThreads]).toEqual([]);
    // Removing a follower cannot be taken back from here (they would have to follow again).
    expect(await act('remove_follower')).toMatchObject({ action: 'remove_follower', undo: null });
    expect(server.moderation.removedFollowers).toEqual([pest.id]);

    // A new follower (no post of theirs) is removed from the follow item itself, which is then handled.
    await value(core, 'inbox.setSettings', { workspaceId: ws.id, includeFollows: true });
    const fan = server.act.addAccount('faux-fan', 'Faux fan');
    server.act.notify('follow', fan);
    await refresh(column);
    const follow = (await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' })).entries.find((e) => e.kind === 'follow')!;
    expect(follow).toMatchObject({ item: null, actor: { handle: expect.stringMatching(/^faux-fan@/) } });
    const removed = await value(core, 'moderation.act', { workspaceId: ws.id, actorId: follow.actor.id, asAccountId: account.id, action: 'remove_follower' });
    expect(removed).toEqual({ action: 'remove_follower', undo: null, inboxItemId: follow.id });
    expect(server.moderation.removedFollowers).toEqual([pest.id, fan.id]);
    // A person takes only the actions about a person.
    expect(await refusal(core, 'moderation.act', { workspaceId: ws.id, actorId: follow.actor.id, asAccountId: account.id, action: 'report' })).toMatchObject({ code: 'moderation_unsupported' });
    expect((await refusal(core, 'moderation.act', { workspaceId: ws.id, actorId: follow.actor.id, itemId: entry!.item!.id, asAccountId: account.id, action: 'mute' })).code).toBe('invalid_input');

    const audit = await value<AuditEntry[]>(core, 'audit.list', { workspaceId: ws.id });
    expect(audit.map((a) => `${a.action}:${a.outcome}:${a.actorHandle?.split('@')[0]}`).reverse()).toEqual(['mute_thread:done:relou', 'unmute_thread:done:relou', 'remove_follower:done:relou', 'remove_follower:done:faux-fan']);
    server.assertNoViolations();
  }, 60_000);
});
