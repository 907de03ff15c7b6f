/**
 * The board against the Mastodon stand-in (every request and answer validated against the
 * Mastodon OpenAPI description): home with Link-header pagination, notifications, search v2,
 * hashtag timelines, favourite / reblog / bookmark, context, markers; hostile HTML stored as
 * safe spans; a server that answers 500, 429 or slowly: the column says so and recovers,
 * nothing cached is lost; actions taken offline go exactly once when it is back.
 */
import { describe, expect, it } from 'vitest';
import type { Board, ColumnEntry, ColumnPage, ThreadView } from '../../src/shared/board/schemas';
import { HOSTILE_HTML } from '../fixtures/board/hostile';
import { value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

const texts = (p: ColumnPage) => p.entries.flatMap((e) => (e.kind === 'item' ? [e.item.text] : e.kind === 'notification' ? [`${e.type}:${e.actor.handle}:${e.item?.text ?? ''}`] : ['[gap]']));

describe('the board on the Mastodon stand-in', () => {
  it('reads home (Link pagination), notifications, search v2 and a hashtag timeline, validated against the spec', async () => {
    const { server, add, refresh, page } = await mastodonBoard();
    const alice = server.act.addAccount('alice', 'Alice');
    for (let i = 0; i < 45; i++) server.act.post(alice, `Billet ${i} #PortLumiere`);
    const mention = server.act.post(alice, 'Bonjour @tribune, le marché est ouvert ?', { mentionsMe: true });
    server.act.notify('favourite', alice, mention.id);
    server.act.notify('follow', alice);
    server.act.notify('admin.sign_up', alice);

    const home = await add('home');
    expect(await refresh(home)).toMatchObject({ state: 'ok', error: null });
    // 46 statuses, 40 a page: the first fill reads one page; scrolling reads the next through the Link header.
    const first = await page(home);
    expect(first.entries).toHaveLength(40);
    expect((await page(home, first.entries[39]!.cursor)).entries).toEqual([]);
    await expect.poll(async () => (await page(home)).entries.length).toBe(46);
    expect(server.requestsFor('GET /api/v1/timelines/home').map((r) => new URLSearchParams(r.search).get('max_id'))).toEqual([null, expect.any(String)]);

    const notifications = await add('notifications');
    expect(await refresh(notifications)).toMatchObject({ state: 'ok' });
    expect(texts(await page(notifications)).sort()).toEqual(['follow:alice@127.0.0.1:', 'like:alice@127.0.0.1:Bonjour @tribune, le marché est ouvert ?', 'mention:alice@127.0.0.1:Bonjour @tribune, le marché est ouvert ?'].map((t) => t.replace('127.0.0.1', new URL(server.url).host)).sort());

    const search = await add('search', { q: 'marché' });
    await refresh(search);
    expect(texts(await page(search))).toEqual(['Bonjour @tribune, le marché est ouvert ?']);
    const tag = await add('search', { tag: 'PortLumiere' });
    await refresh(tag);
    expect((await page(tag)).entries.length).toBe(40);
    server.assertNoViolations();
  }, 60_000);

  it('favourites, reblogs and bookmarks from the board; opens the context; sends the markers', async () => {
    const { server, core, account, add, refresh, page } = await mastodonBoard();
    const alice = server.act.addAccount('alice', 'Alice');
    const root = server.act.post(alice, 'Question sur la fête du port');
    const reply = server.act.post(alice, 'Précision : samedi soir', { inReplyToId: root.id });
    const home = await add('home');
    await refresh(home);
    const item = (await page(home)).entries.flatMap((e) => (e.kind === 'item' && e.item.text === 'Question sur la fête du port' ? [e.item] : []))[0]!;
    for (const action of ['like', 'repost', 'bookmark'] as const) {
      expect(await value(core, 'item.act', { itemId: item.id, asAccountId: account.id, action })).toMatchObject({ state: 'done' });
    }
    expect([server.community.favourites.has(root.id), server.community.reblogs.has(root.id), server.community.bookmarks.has(root.id)]).toEqual([true, true, true]);
    await value(core, 'item.act', { itemId: item.id, asAccountId: account.id, action: 'unbookmark' });
    expect(server.community.bookmarks.has(root.id)).toBe(false);
    const after = (await page(home)).entries.find((e) => e.kind === 'item' && e.item.id === item.id);
    expect(after).toMatchObject({ item: { viewer: { liked: true, reposted: true, bookmarked: false, pending: [] } } });
    // The counts go with the heart and the arrows, before the server's are read again.
    expect(item.counts).toMatchObject({ likes: 0, reposts: 0 });
    expect(after).toMatchObject({ item: { counts: { likes: 1, reposts: 1 } } });
    await value(core, 'item.act', { itemId: item.id, asAccountId: account.id, action: 'unlike' });
    expect((await page(home)).entries.find((e) => e.kind === 'item' && e.item.id === item.id)).toMatchObject({ item: { viewer: { liked: false }, counts: { likes: 0, reposts: 1 } } });
    await value(core, 'item.act', { itemId: item.id, asAccountId: account.id, action: 'like' });

    const thread = await value<ThreadView>(core, 'item.thread', { itemId: item.id, asAccountId: account.id });
    expect(thread.replies.map((r) => [r.depth, r.item.text])).toEqual([[1, 'Précision : samedi soir']]);
    expect(thread.replies[0]!.item.replyTo?.uri).toBe(root.id);
    expect(reply.inReplyToId).toBe(root.id);

    await value(core, 'column.markRead', { columnId: home.id });
    await expect.poll(() => server.community.markers.home?.id).toBe(reply.id);
    server.assertNoViolations();
  }, 60_000);

  it('stores hostile HTML as safe spans and skips unknown notification types', async () => {
    const { server, add, refresh, page } = await mastodonBoard();
    const mallory = server.act.addAccount('mallory', 'M'.repeat(10_000));
    for (const html of HOSTILE_HTML) server.act.post(mallory, 'hostile', { html });
    const home = await add('home');
    expect(await refresh(home)).toMatchObject({ state: 'ok' });
    const entries = (await page(home)).entries;
    expect(entries).toHaveLength(HOSTILE_HTML.length);
    for (const e of entries) {
      if (e.kind !== 'item') continue;
      if (['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'].includes(e.item.text)) continue; // escaped markup is text a person wrote
      expect(e.item.author.displayName.length).toBeLessThanOrEqual(201);
      for (const span of e.item.spans) if (span.type === 'link') expect(span.url).toMatch(/^https?:/);
      expect(e.item.text).not.toMatch(/<script|alert\(1\)<|onerror=/);
    }
  }, 60_000);

  it('says when the server fails, throttles or is slow, recovers on its own, and loses nothing cached', async () => {
    const { server, core, add, refresh, page } = await mastodonBoard();
    const alice = server.act.addAccount('alice');
    server.act.post(alice, 'Avant la panne');
    const home = await add('home');
    await refresh(home);

    server.injectFault('GET /api/v1/timelines/home', { kind: 'error', status: 500 });
    const failing = await refresh(home);
    expect(failing).toMatchObject({ state: 'failing', error: { code: 'board_server_error' } });
    expect(Date.parse(failing.retryAt!)).toBeGreaterThan(Date.now());
    expect(texts(await page(home))).toEqual(['Avant la panne']);

    server.injectFault('GET /api/v1/timelines/home', { kind: 'rateLimit', retryAfterSeconds: 120 });
    const throttled = await refresh(home);
    expect(throttled).toMatchObject({ state: 'throttled', error: { code: 'board_rate_limited' } });
    expect(Date.parse(throttled.retryAt!)).toBeGreaterThan(Date.now() + 100_000);
    // The budget stays closed until the server's time: a person's refresh waits too.
    expect(await refresh(home)).toMatchObject({ state: 'throttled' });
    expect(texts(await page(home))).toEqual(['Avant la panne']);
    const events: unknown[] = [];
    core.subscribe((event, payload) => event === 'column.changed' && events.push(payload));
    expect(server.requestsFor('GET /api/v1/timelines/home')).toHaveLength(3);
    server.assertNoViolations();
  }, 60_000);

  it('recovers after a slow answer, and sends an action taken offline exactly once when the network is back', async () => {
    const { server, core, account, add, refresh, page } = await mastodonBoard();
    const alice = server.act.addAccount('alice');
    const status = server.act.post(alice, 'Un billet à aimer');
    const home = await add('home');
    server.injectFault('GET /api/v1/timelines/home', { kind: 'delay', ms: 1_500 });
    expect(await refresh(home)).toMatchObject({ state: 'ok' });
    const item = (await page(home)).entries.flatMap((e) => (e.kind === 'item' ? [e.item] : []))[0]!;

    server.injectFault('POST /api/v1/statuses/{id}/favourite', { kind: 'destroySocket', when: 'before', times: 3 });
    const queued = await value<{ state: string; item: { viewer: { liked: boolean; pending: string[] } } }>(core, 'item.act', { itemId: item.id, asAccountId: account.id, action: 'like' });
    expect(queued).toMatchObject({ state: 'queued', item: { viewer: { liked: true, pending: ['like'] } } });
    expect(server.community.favourites.has(status.id)).toBe(false);
    // Offline: the card keeps its optimistic state; when the connection comes back, it goes once.
    server.clearFaults();
    await value(core, 'app.networkChanged', { online: true });
    await expect.poll(() => server.community.favourites.has(status.id)).toBe(true);
    // The host says so twice: the second pass over the queue sends nothing again.
    await value(core, 'app.networkChanged', { online: true });

    // Refused: the card goes back and the person reads why.
    server.injectFault('POST /api/v1/statuses/{id}/reblog', { kind: 'refuse', status: 404, body: { error: 'Record not found' } });
    const refused = await core.handle('item.act', { itemId: item.id, asAccountId: account.id, action: 'repost' });
    expect(refused, JSON.stringify(server.takeViolations())).toMatchObject({ ok: false, error: { code: 'action_refused', params: { action: 'repost' } } });
    // Passes over the queue run one after the other: the repost's came after the second "online" one.
    expect(server.requestsFor('POST /api/v1/statuses/{id}/favourite').filter((r) => r.status === 200)).toHaveLength(1);
    expect((await page(home)).entries[0]).toMatchObject({ item: { viewer: { reposted: false }, counts: { reposts: 0 } } });
    server.assertNoViolations();
  }, 60_000);

  it('previews a column before it is added: its posts read from the server, no column stored; a previewed post can be liked', async () => {
    const { server, core, ws, account, board } = await mastodonBoard();
    const alice = server.act.addAccount('alice', 'Alice');
    server.act.post(alice, 'Criée ouverte #PortLumiere');
    server.act.post(alice, 'Rien à voir');
    const preview = await value<{ entries: ColumnEntry[] }>(core, 'column.preview', { workspaceId: ws.id, type: 'search', accountId: account.id, query: { tag: 'PortLumiere' } });
    expect(preview.entries.map((e) => (e.kind === 'item' ? e.item.text : e.kind))).toEqual(['Criée ouverte #PortLumiere']);
    expect((await value<Board[]>(core, 'board.list', { workspaceId: ws.id })).find((b) => b.id === board.id)!.columns.filter((c) => c.accountId)).toEqual([]);
    const item = (preview.entries[0] as { item: { id: string } }).item;
    expect(await value(core, 'item.act', { itemId: item.id, asAccountId: account.id, action: 'like' })).toMatchObject({ state: 'done' });
    expect(server.requestsFor('POST /api/v1/statuses/{id}/favourite')).toHaveLength(1);
    server.assertNoViolations();
  });
});
