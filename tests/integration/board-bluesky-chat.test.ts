/**
 * Bluesky direct messages on the local network: the chat service is a stand-in following the
 * chat.bsky.convo.* lexicons (tests/helpers/bluesky/chat.ts), reached through the account's
 * PDS with `atproto-proxy: did:web:localhost%3A<port>#bsky_chat` as the real one is (the PDS
 * resolves the did:web and signs a service token the stand-in verifies). A Direct messages
 * column lists the conversations; answering sends a message; an app password without chat
 * access makes the column say why (and the account is not taken for disconnected). Opening a
 * conversation reads its messages page by page (getConvo + getMessages) and marks it read
 * (updateRead).
 */
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { Account } from '../../src/shared/domain';
import type { Board, Column, ColumnPage, ColumnStatus } from '../../src/shared/board/schemas';
import { startBlueskyNetwork, startChatStandIn, type BlueskyAccount, type BlueskyNetwork, type ChatStandIn } from '../helpers/bluesky';
import { coreOnBluesky } from '../helpers/bluesky-core';
import { value } from '../helpers/core';

const texts = (page: ColumnPage) => page.entries.flatMap((e) => (e.kind === 'item' ? [`${e.item.author.handle}: ${e.item.text}`] : []));

describe('Bluesky direct messages through the PDS proxy', () => {
  let bsky: BlueskyNetwork;
  let chat: ChatStandIn;
  let core: Core;
  let mairie: BlueskyAccount;
  let alice: BlueskyAccount;
  let bob: BlueskyAccount;
  let carole: BlueskyAccount;
  let workspaceId: string;
  let board: Board;

  let made = 0;
  const appPassword = async (account: BlueskyAccount, privileged: boolean) => {
    made++;
    const agent = new AtpAgent({ service: bsky.pdsUrl });
    const { data } = await agent.com.atproto.server.createAppPassword({ name: `tribune-${made}`, privileged }, { encoding: 'application/json', headers: { authorization: `Bearer ${account.accessJwt}` } });
    return data.password;
  };
  const connect = async (account: BlueskyAccount, privileged: boolean) =>
    (await value<{ id: string }>(core, 'account.connectBluesky', { workspaceId, identifier: account.handle, appPassword: await appPassword(account, privileged), serviceUrl: bsky.pdsUrl })).id;
  const addDirect = (accountId: string) => value<Column>(core, 'column.add', { boardId: board.id, type: 'direct', accountId });
  const refresh = (column: Column) => value<ColumnStatus>(core, 'column.refresh', { columnId: column.id });
  const page = (column: Column) => value<ColumnPage>(core, 'column.page', { columnId: column.id });

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    chat = await startChatStandIn({ plcUrl: bsky.plcUrl });
    [mairie, alice, bob, carole] = await Promise.all([bsky.createAccount('mairie.test'), bsky.createAccount('alice.test'), bsky.createAccount('bob.test'), bsky.createAccount('carole.test')]);
    ({ core, workspaceId } = await coreOnBluesky(bsky, { chatDid: chat.did }));
    board = (await value<Board[]>(core, 'board.list', { workspaceId }))[0]!;
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    await chat?.close();
    await bsky?.close();
  }, 120_000);

  it('lists the conversations of an app password with chat access, and answers in one', async () => {
    const accountId = await connect(mairie, true);
    const who = (a: BlueskyAccount) => ({ did: a.did, handle: a.handle });
    const convo = chat.convo(who(alice), who(mairie));
    chat.send(convo, who(alice), 'Bonjour, la fontaine du port fuit.');
    const direct = await addDirect(accountId);
    expect(await refresh(direct)).toMatchObject({ state: 'ok', error: null });
    expect(texts(await page(direct))).toEqual(['alice.test: Bonjour, la fontaine du port fuit.']);
    // Reached through the PDS: its service token names the account, for this method.
    expect(chat.calls).toContainEqual({ nsid: 'chat.bsky.convo.listConvos', caller: mairie.did });

    const item = (await page(direct)).entries[0]!;
    expect(item.kind).toBe('item');
    await value(core, 'item.sendMessage', { itemId: (item as { item: { id: string } }).item.id, asAccountId: accountId, text: 'Merci Alice, nous envoyons quelqu’un.' });
    expect(chat.messages(convo).map((m) => [m.sender, m.text])).toEqual([
      [alice.did, 'Bonjour, la fontaine du port fuit.'],
      [mairie.did, 'Merci Alice, nous envoyons quelqu’un.'],
    ]);
    expect(texts(await page(direct))[0]).toBe('mairie.test: Merci Alice, nous envoyons quelqu’un.');

    // The other methods of the stand-in, through the same proxy (answers validated on both sides).
    const agent = new AtpAgent({ service: bsky.pdsUrl });
    await agent.login({ identifier: mairie.handle, password: await appPassword(mairie, true) });
    const convoApi = agent.withProxy('bsky_chat', chat.did).chat.bsky.convo;
    expect((await convoApi.getMessages({ convoId: convo })).data.messages).toHaveLength(2);
    expect((await convoApi.getLog({})).data.logs.map((l) => (l as { message: { text: string } }).message.text)).toEqual(['Bonjour, la fontaine du port fuit.', 'Merci Alice, nous envoyons quelqu’un.']);
    chat.assertNoViolations();
  }, 120_000);

  it('opens a conversation: its messages page by page, oldest first, read up to the newest; an answer shows there', async () => {
    const accountId = await connect(carole, true);
    const who = (a: BlueskyAccount) => ({ did: a.did, handle: a.handle });
    const convo = chat.convo(who(alice), who(carole));
    for (let i = 1; i <= 35; i++) chat.send(convo, i % 2 ? who(alice) : who(carole), `Message ${i}`);
    const direct = await addDirect(accountId);
    await refresh(direct);
    const entry = (await page(direct)).entries[0] as { item: { id: string } };
    type View = { messages: { text: string; author: { handle: string } }[]; olderCursor: string | null; fromCache: boolean };
    const open = (before?: string) => value<View>(core, 'item.conversation', { itemId: entry.item.id, asAccountId: accountId, ...(before ? { before } : {}) });

    const first = await open();
    expect(first.fromCache).toBe(false);
    expect(first.messages.map((m) => m.text)).toEqual(Array.from({ length: 30 }, (_, i) => `Message ${i + 6}`));
    expect(first.messages[0]!.author.handle).toBe('carole.test');
    expect(first.messages[1]!.author.handle).toBe('alice.test');
    expect(chat.readUpTo(convo, carole.did)).toBe(chat.messages(convo).at(-1)!.id);
    const older = await open(first.olderCursor!);
    expect(older.messages.map((m) => m.text)).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 5']);
    expect(older.olderCursor).toBeNull();

    await value(core, 'item.sendMessage', { itemId: entry.item.id, asAccountId: accountId, text: 'Bien reçu, merci !' });
    expect((await open()).messages.at(-1)).toMatchObject({ text: 'Bien reçu, merci !', author: { handle: 'carole.test' } });
    expect(chat.calls.filter((c) => c.caller === carole.did).map((c) => c.nsid)).toEqual(expect.arrayContaining(['chat.bsky.convo.getConvo', 'chat.bsky.convo.getMessages', 'chat.bsky.convo.updateRead']));
    chat.assertNoViolations();
  }, 120_000);

  it('says why a column cannot read direct messages with an app password without chat access, without disconnecting the account', async () => {
    const accountId = await connect(bob, false);
    const direct = await addDirect(accountId);
    const status = await refresh(direct);
    expect(status).toMatchObject({ state: 'unsupported', error: { code: 'chat_not_allowed' } });
    expect(chat.calls.filter((c) => c.caller === bob.did)).toEqual([]);
    const accounts = await value<Account[]>(core, 'account.list', { workspaceId });
    expect(accounts.find((a) => a.id === accountId)?.health).not.toBe('reconnect_needed');
    chat.assertNoViolations();
  }, 120_000);
});
