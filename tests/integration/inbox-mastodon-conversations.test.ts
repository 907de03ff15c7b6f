/**
 * Mastodon's direct conversations in the inbox, on the stand-in (spec-validated): a private
 * message read through GET /api/v1/conversations (the Direct messages column) is a direct item
 * of the inbox, once, even when the notifications (which Mastodon also sends as a mention) were
 * read first; the charter flags it like any item, and a public mention stays a mention.
 */
import { describe, expect, it } from 'vitest';
import type { InboxPage } from '../../src/shared/inbox/schemas';
import { value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

describe('Mastodon conversations in the inbox', () => {
  it('makes each direct conversation a direct item, once, flagged by the charter', async () => {
    const { server, core, ws, add, refresh } = await mastodonBoard();
    await value(core, 'charter.save', {
      workspaceId: ws.id,
      charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'arnaque', name: 'Arnaque', severity: 'critical', action: 'report', match: { kind: 'words', terms: ['virement'] } }] },
    });
    const alice = server.act.addAccount('alice', 'Alice');
    const scam = server.act.addAccount('promo', 'Promo');
    server.act.directMessage(alice, 'Bonjour, le musée est-il accessible en fauteuil ?');
    server.act.directMessage(scam, 'Gagnez 1000 € : faites un virement de 10 €');
    server.act.post(alice, '@tribune merci pour l’expo !', { mentionsMe: true });

    // The notifications first: Mastodon sends the private messages there too, as mentions.
    const notifications = await add('notifications');
    await refresh(notifications);
    const direct = await add('direct');
    await refresh(direct);

    const inbox = await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' });
    expect(inbox.entries.map((e) => [e.kind, e.actor.handle.split('@')[0], e.item?.text, e.flags.map((f) => f.ruleName)]).sort()).toEqual([
      ['dm', 'alice', '@tribune Bonjour, le musée est-il accessible en fauteuil ?', []],
      ['dm', 'promo', '@tribune Gagnez 1000 € : faites un virement de 10 €', ['Arnaque']],
      ['mention', 'alice', '@tribune merci pour l’expo !', []],
    ]);
    expect(inbox.counts.toHandle).toBe(3);
    // Read again: nothing doubles.
    await refresh(direct);
    await refresh(notifications);
    expect((await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' })).entries).toHaveLength(3);
    expect(server.requestsFor('GET /api/v1/conversations').length).toBeGreaterThan(0);
    server.assertNoViolations();
  }, 60_000);
});
