/**
 * The charter's account rule on a real local Bluesky network (PLC + PDS + AppView): a reply
 * from an account created minutes ago reaches the inbox through a notifications column and is
 * flagged as a brand-new account (the AppView's createdAt on the author's view, from the profile
 * record written at sign-up), with its age.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { Board, Column } from '../../src/shared/board/schemas';
import type { InboxPage } from '../../src/shared/inbox/schemas';
import { startBlueskyNetwork, type BlueskyNetwork } from '../helpers/bluesky';
import { value } from '../helpers/core';
import { agentsOf, blueskyCore } from '../helpers/bluesky-core';

let bsky: BlueskyNetwork | undefined;
let core: Core | undefined;
afterAll(async () => {
  await core?.close();
  await bsky?.close();
}, 120_000);

describe('account rules on a local Bluesky network', () => {
  it('flags a reply from a freshly created account as a new account, with its age in days', async () => {
    bsky = await startBlueskyNetwork();
    const [mairie, newcomer] = await Promise.all([bsky.createAccount('mairie.test'), bsky.createAccount('newcomer.test')]);
    const agents = await agentsOf(bsky, [mairie, newcomer]);
    const opened = await blueskyCore(bsky, mairie);
    core = opened.core;
    const { workspaceId, accountId } = opened;
    await value(core, 'charter.save', {
      workspaceId,
      charter: { format: 'tribune-charter', version: 1, rules: [{ id: 'recent', name: 'Compte récent', severity: 'info', action: 'flag', match: { kind: 'new_account', maxAgeDays: 7, emptyProfile: false } }] },
    });

    // Signing up in the Bluesky app writes the profile record with its creation date (the AppView's createdAt).
    await agents['newcomer.test']!.com.atproto.repo.putRecord({
      repo: newcomer.did,
      collection: 'app.bsky.actor.profile',
      rkey: 'self',
      record: { $type: 'app.bsky.actor.profile', displayName: 'Nouvelle voisine', createdAt: new Date().toISOString() },
    });
    const town = await agents['mairie.test']!.post({ text: 'Marché de Noël samedi', createdAt: new Date().toISOString() });
    await bsky.processAll();
    await agents['newcomer.test']!.post({ text: 'Il ouvre à quelle heure ?', reply: { root: town, parent: town }, createdAt: new Date().toISOString() });
    await bsky.processAll();

    const board = (await value<Board[]>(core, 'board.list', { workspaceId }))[0]!;
    const column = await value<Column>(core, 'column.add', { boardId: board.id, type: 'notifications', accountId });
    expect(await value(core, 'column.refresh', { columnId: column.id })).toMatchObject({ state: 'ok' });
    const inbox = (await value<InboxPage>(core, 'inbox.list', { workspaceId, state: 'to_handle' })).entries;
    expect(inbox.map((e) => [e.actor.handle, e.item?.text, e.flags.map((f) => `${f.ruleId}:${f.matched}`)])).toEqual([
      ['newcomer.test', 'Il ouvre à quelle heure ?', ['recent:new_account:0']],
    ]);
  }, 300_000);
});
