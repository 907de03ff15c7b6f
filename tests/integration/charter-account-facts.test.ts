/**
 * The charter's account rule ("very new or empty accounts") on what the networks say about
 * authors: mentions from the Mastodon stand-in (every answer validated against the Mastodon
 * OpenAPI description) come in through a board column; the author created yesterday is flagged
 * with its age, the one with no bio, no picture and no other post is flagged as empty, a settled
 * account is not. The facts are kept in the cache, so a charter saved later flags the same items.
 * Bluesky's views map to the same facts (an unknown one stays unknown).
 */
import { describe, expect, it } from 'vitest';
import { mapActor } from '../../src/main/core/connectors/bluesky/map';
import type { InboxPage } from '../../src/shared/inbox/schemas';
import { value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

const DAY = 24 * 60 * 60 * 1000;
const accountRule = { id: 'recent', name: 'Compte récent', severity: 'info', action: 'flag', match: { kind: 'new_account', maxAgeDays: 7, emptyProfile: true } };

describe('account rules on what the networks say about authors', () => {
  it('flags a Mastodon account created yesterday and an empty one, not a settled one, from the board and from the cache', async () => {
    const { server, core, ws, add, refresh } = await mastodonBoard();
    await value(core, 'charter.save', { workspaceId: ws.id, charter: { format: 'tribune-charter', version: 1, rules: [accountRule] } });

    const newbie = server.act.addAccount('newbie', 'Newbie', { createdAt: new Date(Date.now() - DAY).toISOString(), note: '', statusesCount: 0, avatar: true });
    const empty = server.act.addAccount('vide', 'Vide', { createdAt: '2021-03-02T00:00:00.000Z', note: '<p></p>', statusesCount: 1 });
    const settled = server.act.addAccount('habitue', 'Habitué', { createdAt: '2019-05-06T00:00:00.000Z', note: '<p>Guide du port</p>', statusesCount: 0 });
    server.act.post(newbie, '@tribune première question !', { mentionsMe: true });
    server.act.post(empty, '@tribune bonjour', { mentionsMe: true });
    server.act.post(settled, '@tribune merci pour la visite', { mentionsMe: true });

    const column = await add('notifications');
    await refresh(column);
    const flagsByAuthor = async () => {
      const inbox = await value<InboxPage>(core, 'inbox.list', { workspaceId: ws.id, state: 'to_handle' });
      return Object.fromEntries(inbox.entries.map((e) => [e.actor.handle.split('@')[0], (e.flags ?? []).map((f) => `${f.ruleId}:${f.matched}`)]));
    };
    const expected = { newbie: ['recent:new_account:1'], vide: ['recent:empty_account'], habitue: [] };
    expect(await flagsByAuthor()).toEqual(expected);

    // The facts stayed in the cache: the charter saved again flags the cached items the same way.
    await value(core, 'charter.save', { workspaceId: ws.id, charter: { format: 'tribune-charter', version: 1, rules: [] } });
    expect(Object.values(await flagsByAuthor()).flat()).toEqual([]);
    await value(core, 'charter.save', { workspaceId: ws.id, charter: { format: 'tribune-charter', version: 1, rules: [accountRule] } });
    expect(await flagsByAuthor()).toEqual(expected);
    server.assertNoViolations();
  });

  it('reads Bluesky views: createdAt and description when the view has them, unknown otherwise, no guessed posts count', () => {
    const did = 'did:plc:abcdefghijklmnopqrstuvwx';
    // app.bsky.actor.defs#profileView: createdAt and description, no posts count.
    expect(mapActor({ did, handle: 'alice.test', description: '  ', createdAt: '2026-11-30T08:00:00.000Z' })).toMatchObject({
      createdAt: Date.parse('2026-11-30T08:00:00.000Z'),
      hasBio: false,
      hasAvatar: false,
      postsCount: null,
    });
    // #profileViewBasic: no description, createdAt optional.
    expect(mapActor({ did, handle: 'alice.test', avatar: 'https://cdn.example/a.jpg' })).toMatchObject({ createdAt: null, hasBio: null, hasAvatar: true, postsCount: null });
    // #profileViewDetailed counts posts.
    expect(mapActor({ did, handle: 'alice.test', description: 'Guide', postsCount: 12, createdAt: 'pas une date' })).toMatchObject({ createdAt: null, hasBio: true, postsCount: 12 });
  });
});
