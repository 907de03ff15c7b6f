/**
 * Live Mastodon columns, continued (see board-mastodon-streaming.test.ts): the stream opens at
 * the address the server announces (another port and path than the API); a List column follows
 * its list stream; after a reconnect, an item streamed before the catch-up refresh does not hide
 * what the stream missed, while a stream open since a refresh carries the column on (no false
 * gap row). The core's clock is frozen and moved by hand: no sleeps.
 */
import { describe, expect, it } from 'vitest';
import { value } from '../helpers/core';
import { liveSetup, poll, texts } from '../helpers/board/mastodon-live';


describe('live Mastodon columns: where streams open, lists, continuity', () => {
  it('after a reconnect, an item streamed before the catch-up does not hide what the stream missed (read on, then a gap row)', async () => {
    const { server, core, clock, add, page, status, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice');
    server.act.post(alice, 'Avant la coupure');
    const home = await add('home');
    await settledLive(home);

    // The stream dies and the fallback polls fail: 130 posts are missed.
    server.injectFault('GET /api/v1/timelines/home', { kind: 'error', status: 503, times: 1_000 });
    server.streaming.kill();
    await poll(async () => (await status(home)).state).toBe('failing');
    for (let i = 0; i < 130; i++) server.act.post(alice, `Manqué ${i}`);
    // The stream comes back first; its catch-up refresh still fails; a new post is streamed.
    clock.t += 31_000;
    core.wake('resume');
    await poll(async () => (await status(home)).streaming).toBe(true);
    server.act.post(alice, 'En direct');
    await poll(async () => texts(await page(home))).toEqual(['En direct', 'Avant la coupure']);

    // The server answers again: the refresh reads past the streamed post, three pages, then a gap row.
    server.clearFaults();
    await poll(async () => {
      await value(core, 'column.refresh', { columnId: home.id });
      return (await page(home)).entries.length;
    }).toBe(122);
    const entries = (await page(home)).entries;
    const gap = entries.find((e) => e.kind === 'gap') as { gapId: string } | undefined;
    expect(gap).toBeDefined();
    await value(core, 'column.fillGap', { columnId: home.id, gapId: gap!.gapId });
    const all = texts(await page(home));
    expect(all.filter((t) => t.startsWith('Manqué'))).toHaveLength(130);
    expect(all).not.toContain('[gap]');
    expect(all[0]).toBe('En direct');
    server.assertNoViolations();
  }, 60_000);

  it('a stream open since the last refresh carries the column on: its safety-net poll meets the newest streamed post (no false gap row)', async () => {
    const { server, core, add, page, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice');
    server.act.post(alice, 'Avant le direct');
    const home = await add('home');
    await settledLive(home);
    // More than three pages arrive through the stream alone.
    for (let i = 0; i < 130; i++) server.act.post(alice, `En direct ${i}`);
    await poll(async () => (await page(home)).entries.length).toBe(131);
    const asked = server.requestsFor('GET /api/v1/timelines/home').length;
    await value(core, 'column.refresh', { columnId: home.id });
    // One page read (it holds the newest streamed post), nothing missing, no gap row.
    expect(server.requestsFor('GET /api/v1/timelines/home').length).toBe(asked + 1);
    expect(texts(await page(home))).not.toContain('[gap]');
    server.assertNoViolations();
  }, 60_000);

  for (const [label, options] of [['v2 configuration.urls.streaming', {}], ['v1 urls.streaming_api', { noV2Instance: true }]] as const) {
    it(`streams from the address the server announces (${label}), another port and path than the API`, async () => {
      const { server, add, page, settledLive } = await liveSetup({ streamingApart: true, ...options });
      const alice = server.act.addAccount('alice');
      const home = await add('home');
      await settledLive(home);
      expect(server.streaming.connections().map((c) => c.stream)).toEqual(['user']);
      server.act.post(alice, 'Par le relais');
      await poll(async () => texts(await page(home))).toEqual(['Par le relais']);
      // Nothing asked the API server for streaming (its health answers 404 there; an upgrade would be a violation).
      expect(server.requestsFor('GET /api/v1/streaming/health')).toEqual([]);
      server.assertNoViolations();
    }, 60_000);
  }

  it('follows a List column on its list stream: an update of a member and a delete, without polling', async () => {
    const { server, add, page, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice');
    const bob = server.act.addAccount('bob');
    const list = server.act.addList('Partenaires', [alice]);
    server.act.post(alice, 'Déjà dans la liste');
    const column = await add('list', { listId: list.id });
    await settledLive(column);
    expect(server.streaming.connections()).toEqual([{ stream: 'list', list: list.id }]);
    const polled = server.requestsFor('GET /api/v1/timelines/list/{list_id}').length;

    server.act.post(bob, 'Hors de la liste');
    const fresh = server.act.post(alice, 'Nouvelle du partenaire');
    await poll(async () => texts(await page(column))).toEqual(['Nouvelle du partenaire', 'Déjà dans la liste']);
    server.act.deleteStatus(fresh.id);
    await poll(async () => (await page(column)).entries.find((e) => e.kind === 'item' && e.item.uri.endsWith(`/${fresh.id}`))).toMatchObject({ item: { deleted: true } });

    expect(server.requestsFor('GET /api/v1/timelines/list/{list_id}').length).toBe(polled);
    expect(server.streaming.sent.filter((s) => s.stream === `list:${list.id}`).map((s) => s.event)).toEqual(['update', 'delete']);
    server.assertNoViolations();
  }, 60_000);
});
