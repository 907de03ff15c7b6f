/**
 * The board against a real local Bluesky network (PLC + PDS + AppView + PostgreSQL): the
 * community's posts, mentions, replies and follows reach Home, Notifications, Mentions and
 * Search columns through the core's contract; like, repost, follow and delete made from the
 * board are visible in the AppView; the thread matches getPostThread; read positions go to
 * the server (updateSeen).
 */
import { AtpAgent, RichText } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/types';
import type { Board, Column, ColumnEntry, ColumnPage, ThreadView } from '../../src/shared/board/schemas';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../helpers/bluesky';
import { agentsOf, blueskyCore } from '../helpers/bluesky-core';
import { value } from '../helpers/core';

const items = (page: ColumnPage) => page.entries.flatMap((e) => (e.kind === 'item' ? [e.item] : e.kind === 'notification' && e.item ? [e.item] : []));
const texts = (page: ColumnPage) => items(page).map((i) => i.text);

describe('the board on a local Bluesky network', () => {
  let bsky: BlueskyNetwork;
  let mairie: BlueskyAccount;
  let alice: BlueskyAccount;
  let bob: BlueskyAccount;
  const agents: Record<string, AtpAgent> = {};
  let core: Core;
  let accountId: string;
  let board: Board;
  const columns: Record<string, Column> = {};
  const events: { event: string; payload: unknown }[] = [];

  type Ref = { uri: string; cid: string; root?: { uri: string; cid: string } };
  const post = async (who: string, text: string, reply?: Ref): Promise<Ref> => {
    const rt = new RichText({ text });
    await rt.detectFacets(agents[who]!);
    const root = reply ? (reply.root ?? { uri: reply.uri, cid: reply.cid }) : undefined;
    const made = await agents[who]!.post({ text: rt.text, facets: rt.facets, ...(reply ? { reply: { root: root!, parent: { uri: reply.uri, cid: reply.cid } } } : {}), createdAt: new Date().toISOString() });
    return { uri: made.uri, cid: made.cid, ...(root ? { root } : {}) };
  };
  const refresh = async (name: string) => {
    const status = await value<{ state: string; error: unknown }>(core, 'column.refresh', { columnId: columns[name]!.id });
    expect(status).toMatchObject({ state: 'ok', error: null });
    return value<ColumnPage>(core, 'column.page', { columnId: columns[name]!.id });
  };

  beforeAll(async () => {
    bsky = await startBlueskyNetwork();
    [mairie, alice, bob] = await Promise.all([bsky.createAccount('mairie.test'), bsky.createAccount('alice.test'), bsky.createAccount('bob.test')]);
    Object.assign(agents, await agentsOf(bsky, [mairie, alice, bob]));
    let workspaceId: string;
    ({ core, workspaceId, accountId } = await blueskyCore(bsky, mairie));
    core.subscribe((event, payload) => events.push({ event, payload }));
    board = (await value<Board[]>(core, 'board.list', { workspaceId }))[0]!;

    // The community: the town follows Alice; Alice mentions the town; Bob follows it and answers its post.
    await agents['mairie.test']!.follow(alice.did);
    await post('alice.test', 'Le marché de Port-Lumière ouvre samedi #PortLumiere');
    await post('alice.test', 'Merci @mairie.test pour les nouveaux bancs !');
    const townPost = await post('mairie.test', 'Travaux quai des Brumes lundi à Port-Lumière');
    // Indexed before anyone answers it (a reply indexed before its parent makes no notification).
    await bsky.processAll();
    await agents['bob.test']!.follow(mairie.did);
    await post('bob.test', 'Combien de temps durent les travaux ?', townPost);
    await agents['alice.test']!.like(townPost.uri, townPost.cid);
    await bsky.processAll();

    for (const [name, type, query] of [
      ['home', 'home', undefined],
      ['notifications', 'notifications', undefined],
      ['mentions', 'mentions', undefined],
      ['search', 'search', { q: 'Port-Lumière' }],
      ['own', 'own_posts', undefined],
    ] as const) {
      columns[name] = await value<Column>(core, 'column.add', { boardId: board.id, type, accountId, ...(query ? { query } : {}) });
    }
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    await bsky?.close();
  }, 120_000);

  it('shows the community in Home, Notifications, Mentions, Search and the brand\'s own posts', async () => {
    expect(texts(await refresh('home'))).toEqual(expect.arrayContaining(['Le marché de Port-Lumière ouvre samedi #PortLumiere', 'Merci @mairie.test pour les nouveaux bancs !', 'Travaux quai des Brumes lundi à Port-Lumière']));
    const notifications = await refresh('notifications');
    const kinds = notifications.entries.map((e) => (e.kind === 'notification' ? `${e.type}:${e.actor.handle}` : e.kind));
    expect(kinds).toEqual(expect.arrayContaining(['mention:alice.test', 'reply:bob.test', 'follow:bob.test', 'like:alice.test']));
    const like = notifications.entries.find((e): e is Extract<ColumnEntry, { kind: 'notification' }> => e.kind === 'notification' && e.type === 'like')!;
    expect(like.item?.text).toBe('Travaux quai des Brumes lundi à Port-Lumière');
    const mention = notifications.entries.find((e): e is Extract<ColumnEntry, { kind: 'notification' }> => e.kind === 'notification' && e.type === 'mention')!;
    expect(mention.item?.spans).toContainEqual({ type: 'mention', text: '@mairie.test', handle: 'mairie.test', remoteId: mairie.did, url: null });

    const mentions = await refresh('mentions');
    expect(mentions.entries.map((e) => (e.kind === 'notification' ? e.type : e.kind)).sort()).toEqual(['mention', 'reply']);
    expect(texts(await refresh('search'))).toEqual(expect.arrayContaining(['Le marché de Port-Lumière ouvre samedi #PortLumiere', 'Travaux quai des Brumes lundi à Port-Lumière']));
    const own = await refresh('own');
    expect(items(own).map((i) => [i.text, i.own, i.counts.likes, i.counts.replies])).toEqual([['Travaux quai des Brumes lundi à Port-Lumière', true, 1, 1]]);
    // One row per post, shared by every column that shows it.
    const ids = new Set([...items(await value<ColumnPage>(core, 'column.page', { columnId: columns.home!.id })), ...items(own)].filter((i) => i.text.startsWith('Travaux')).map((i) => i.id));
    expect(ids.size).toBe(1);
    expect(events.some((e) => e.event === 'column.changed' && (e.payload as { columnId: string; newCount: number }).columnId === columns.home!.id && (e.payload as { newCount: number }).newCount > 0)).toBe(true);
  }, 120_000);

  it('brings new posts on refresh, counts them unread, and reads without a gap', async () => {
    await value(core, 'column.markRead', { columnId: columns.home!.id });
    await post('alice.test', 'Nouvelle publication après la lecture');
    await bsky.processAll();
    const page = await refresh('home');
    expect(page.unread).toBe(1);
    expect(page.entries[0]).toMatchObject({ kind: 'item', item: { text: 'Nouvelle publication après la lecture' } });
    expect(page.entries.some((e) => e.kind === 'gap')).toBe(false);
    expect(await value(core, 'board.unread', { workspaceId: board.workspaceId })).toMatchObject({ total: expect.any(Number) });
  }, 60_000);

  it('likes, reposts and follows from the board, visible in the AppView, and deletes the brand\'s own post', async () => {
    const home = await value<ColumnPage>(core, 'column.page', { columnId: columns.home!.id });
    const target = items(home).find((i) => i.text.startsWith('Le marché'))!;
    const liked = await value<{ state: string; item: { viewer: { liked: boolean } } }>(core, 'item.act', { itemId: target.id, asAccountId: accountId, action: 'like' });
    expect(liked).toMatchObject({ state: 'done', item: { viewer: { liked: true } } });
    await value(core, 'item.act', { itemId: target.id, asAccountId: accountId, action: 'repost' });
    await bsky.processAll();
    const appview = agents['alice.test']!;
    expect((await appview.getLikes({ uri: target.uri })).data.likes.map((l) => l.actor.did)).toEqual([mairie.did]);
    expect((await appview.getRepostedBy({ uri: target.uri })).data.repostedBy.map((a) => a.did)).toEqual([mairie.did]);

    const bobPost = items(await value<ColumnPage>(core, 'column.page', { columnId: columns.mentions!.id })).find((i) => i.author.handle === 'bob.test')!;
    await value(core, 'item.act', { itemId: bobPost.id, asAccountId: accountId, action: 'follow' });
    await value(core, 'item.act', { itemId: target.id, asAccountId: accountId, action: 'unlike' });
    await bsky.processAll();
    expect((await appview.getFollowers({ actor: bob.did })).data.followers.map((f) => f.did)).toEqual([mairie.did]);
    expect((await appview.getLikes({ uri: target.uri })).data.likes).toEqual([]);

    const own = items(await value<ColumnPage>(core, 'column.page', { columnId: columns.own!.id }))[0]!;
    const deleted = await value<{ item: { deleted: boolean } }>(core, 'item.act', { itemId: own.id, asAccountId: accountId, action: 'delete' });
    expect(deleted.item.deleted).toBe(true);
    await bsky.processAll();
    expect((await appview.getPosts({ uris: [own.uri] })).data.posts).toEqual([]);
    // Someone else's post cannot be deleted.
    expect(await core.handle('item.act', { itemId: target.id, asAccountId: accountId, action: 'delete' })).toMatchObject({ ok: false, error: { code: 'action_not_allowed' } });
  }, 120_000);

  it('opens the thread as getPostThread shows it, and from the cache when the network is gone', async () => {
    const root = await post('alice.test', 'Question sur la fête du port');
    await bsky.processAll();
    const r1 = await post('bob.test', 'Réponse de Bob', root);
    await bsky.processAll();
    await post('alice.test', 'Réponse à Bob', r1);
    await bsky.processAll();
    const page = await refresh('home');
    const rootItem = items(page).find((i) => i.text === 'Question sur la fête du port')!;
    const thread = await value<ThreadView>(core, 'item.thread', { itemId: rootItem.id, asAccountId: accountId });
    const expected = (await agents['mairie.test']!.getPostThread({ uri: root.uri })).data.thread as { replies?: { post: { uri: string }; replies?: { post: { uri: string } }[] }[] };
    expect(thread.fromCache).toBe(false);
    expect(thread.focus.uri).toBe(root.uri);
    expect(thread.replies.map((r) => [r.depth, r.item.uri])).toEqual([
      [1, expected.replies![0]!.post.uri],
      [2, expected.replies![0]!.replies![0]!.post.uri],
    ]);
    const reply = thread.replies[1]!.item;
    const fromReply = await value<ThreadView>(core, 'item.thread', { itemId: reply.id, asAccountId: accountId });
    expect(fromReply.ancestors.map((a) => a.text)).toEqual(['Question sur la fête du port', 'Réponse de Bob']);
  }, 60_000);

  it('answers and quotes a post through the publishing queue, exactly once, under the right post', async () => {
    const mentions = await value<ColumnPage>(core, 'column.page', { columnId: columns.mentions!.id });
    const bobReply = items(mentions).find((i) => i.author.handle === 'bob.test')!;
    const publish = async (text: string, ref: 'replyTo' | 'quote') => {
      const draftId = crypto.randomUUID();
      const content = { targets: [{ accountId, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null, [ref]: { itemId: bobReply.id, network: 'bluesky', uri: bobReply.uri } };
      await value(core, 'draft.save', { id: draftId, workspaceId: board.workspaceId, text, content });
      await value(core, 'post.publishNow', { draftId });
      await expect.poll(async () => (await value<{ post: { targets: { status: string }[] } }>(core, 'draft.content', { id: draftId })).post.targets[0]?.status, { timeout: 30_000 }).toBe('sent');
    };
    await publish('Environ deux semaines, merci de votre patience.', 'replyTo');
    await publish('Les travaux, on en parle ici', 'quote');
    await bsky.processAll();
    const thread = (await agents['bob.test']!.getPostThread({ uri: bobReply.uri })).data.thread as { replies?: { post: { author: { did: string }; record: { text: string; reply?: { root: { uri: string } } } } }[] };
    const answers = (thread.replies ?? []).filter((r) => r.post.author.did === mairie.did);
    expect(answers.map((r) => r.post.record.text)).toEqual(['Environ deux semaines, merci de votre patience.']);
    // The thread's root is the town's post Bob answered, not Bob's reply.
    expect(answers[0]!.post.record.reply?.root.uri).toBe(bobReply.replyTo?.uri);
    const quotes = await agents['bob.test']!.app.bsky.feed.getQuotes({ uri: bobReply.uri });
    expect(quotes.data.posts.map((p) => (p.record as { text: string }).text)).toEqual(['Les travaux, on en parle ici']);
  }, 90_000);

  it('sends the notifications read position to Bluesky (updateSeen)', async () => {
    const before = (await agents['mairie.test']!.listNotifications({ limit: 1 })).data.seenAt;
    await value(core, 'column.markRead', { columnId: columns.notifications!.id });
    await expect.poll(async () => (await agents['mairie.test']!.listNotifications({ limit: 1 })).data.seenAt, { timeout: 10_000 }).not.toBe(before);
    expect((await value<ColumnPage>(core, 'column.page', { columnId: columns.notifications!.id })).unread).toBe(0);
  }, 60_000);
});
