/**
 * Live columns on the Mastodon stand-in's streaming API (WebSocket, payloads validated against
 * the OpenAPI entities): updates, notifications and conversations arrive without polling;
 * delete and status.update are applied; a stream that dies or goes quiet falls back to polling
 * with nothing lost (a gap row when too much was missed) and comes back with backoff; a server
 * without streaming is polled. The core's clock is frozen and moved by hand: no sleeps.
 * (Where streams open, List streams and continuity after a reconnect: board-mastodon-streams.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { LIVE_INTERVAL_MS } from '../../src/main/core/streams/poller';
import { QUIET_MS } from '../../src/main/core/streams/live';
import type { ColumnPage } from '../../src/shared/board/schemas';
import { value } from '../helpers/core';
import { liveSetup, poll, texts } from '../helpers/board/mastodon-live';


describe('live columns on the Mastodon streaming API', () => {
  it('receives updates, notifications and conversations without polling, and applies delete and status.update', async () => {
    const { server, add, page, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice', 'Alice');
    server.act.post(alice, 'Déjà là');
    const home = await add('home');
    const mentions = await add('mentions');
    const direct = await add('direct');
    const tag = await add('search', { tag: 'PortLumiere' });
    for (const c of [home, mentions, direct, tag]) await settledLive(c);
    expect(server.streaming.connections().map((c) => c.stream).sort()).toEqual(['direct', 'hashtag', 'user', 'user:notification']);
    const polled = server.state.requests.filter((r) => r.route?.startsWith('GET /api/v1/timelines') || r.route === 'GET /api/v1/notifications' || r.route === 'GET /api/v1/conversations').length;

    const fresh = server.act.post(alice, 'En direct du port #PortLumiere');
    server.act.post(alice, 'Bonjour @tribune !', { mentionsMe: true });
    server.act.directMessage(alice, 'Un message privé');
    await poll(async () => texts(await page(home))).toEqual(expect.arrayContaining(['En direct du port #PortLumiere', 'Bonjour @tribune !']));
    await poll(async () => texts(await page(tag))).toEqual(['En direct du port #PortLumiere']);
    // A direct message mentions the account too, as on Mastodon.
    await poll(async () => texts(await page(mentions)).sort()).toEqual(['mention:@tribune Un message privé', 'mention:Bonjour @tribune !']);
    await poll(async () => texts(await page(direct))).toEqual(['@tribune Un message privé']);

    server.act.editStatus(fresh.id, 'En direct du port (corrigé) #PortLumiere');
    await poll(async () => texts(await page(tag))).toEqual(['En direct du port (corrigé) #PortLumiere']);
    server.act.deleteStatus(fresh.id);
    await poll(async () => (await page(home)).entries.find((e) => e.kind === 'item' && e.item.uri.endsWith(`/${fresh.id}`))).toMatchObject({ item: { deleted: true } });

    // Nothing of this came from polling: the timelines were not asked again.
    const after = server.state.requests.filter((r) => r.route?.startsWith('GET /api/v1/timelines') || r.route === 'GET /api/v1/notifications' || r.route === 'GET /api/v1/conversations').length;
    expect(after).toBe(polled);
    expect(server.streaming.sent.map((s) => s.event)).toEqual(expect.arrayContaining(['update', 'notification', 'conversation', 'status.update', 'delete']));
    server.assertNoViolations();
  }, 60_000);

  it('falls back to polling when the stream dies, loses nothing (gap row past three pages), and reconnects with backoff', async () => {
    const { server, core, clock, add, page, status, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice');
    server.act.post(alice, 'Avant la coupure');
    const home = await add('home');
    await settledLive(home);

    server.streaming.kill();
    for (let i = 0; i < 130; i++) server.act.post(alice, `Manqué ${i}`);
    // The stream's end makes the column poll at once: three pages, then a gap row for the rest.
    await poll(async () => (await page(home)).entries.length).toBe(122);
    const entries = (await page(home)).entries;
    expect(texts({ entries } as ColumnPage).slice(0, 3)).toEqual(['Manqué 129', 'Manqué 128', 'Manqué 127']);
    const gap = entries.find((e) => e.kind === 'gap');
    expect(gap).toBeDefined();
    expect(await status(home)).toMatchObject({ streaming: false });
    await value(core, 'column.fillGap', { columnId: home.id, gapId: (gap as { gapId: string }).gapId });
    const all = texts(await page(home));
    expect(all.filter((t) => t.startsWith('Manqué'))).toHaveLength(130);
    expect(all).toContain('Avant la coupure');

    // The stream is tried again after its backoff (30 s on the core's clock).
    expect(server.streaming.accepted()).toBe(1);
    clock.t += 31_000;
    core.wake('resume');
    await settledLive(home);
    expect(server.streaming.accepted()).toBe(2);
    server.act.post(alice, 'De retour en direct');
    await poll(async () => texts(await page(home))[0]).toBe('De retour en direct');
    server.assertNoViolations();
  }, 60_000);

  it('drops a stream that went quiet and polls instead', async () => {
    const { server, core, clock, add, page, status, settledLive } = await liveSetup();
    const alice = server.act.addAccount('alice');
    const home = await add('home');
    await settledLive(home);
    server.streaming.quiet(true);
    server.act.post(alice, 'Jamais diffusé');
    clock.t += QUIET_MS + 1_000;
    core.wake('resume');
    await poll(() => server.streaming.connections().length).toBe(0);
    await poll(async () => texts(await page(home))).toEqual(['Jamais diffusé']);
    expect(await status(home)).toMatchObject({ streaming: false });
    server.assertNoViolations();
  }, 60_000);

  it('polls a server without streaming (home, direct conversations), and asks its health again only much later', async () => {
    const { server, add, page, status } = await liveSetup({ streaming: false });
    const alice = server.act.addAccount('alice');
    server.act.post(alice, 'Sans flux');
    const home = await add('home');
    await poll(async () => texts(await page(home))).toEqual(['Sans flux']);
    await poll(() => server.requestsFor('GET /api/v1/streaming/health').map((r) => r.status)).toEqual([404]);
    await poll(async () => (await status(home)).state).toBe('ok');
    const s = await status(home);
    expect(s.streaming).toBe(false);
    expect(Date.parse(s.retryAt!)).toBeLessThan(Date.now() + LIVE_INTERVAL_MS);
    expect(server.streaming.accepted()).toBe(0);

    // Direct conversations are polled too (GET /api/v1/conversations), each by its last status.
    server.act.directMessage(alice, 'Une question privée');
    const direct = await add('direct');
    await poll(async () => texts(await page(direct))).toEqual(['@tribune Une question privée']);
    expect(server.requestsFor('GET /api/v1/conversations').length).toBeGreaterThan(0);
    server.assertNoViolations();
  }, 60_000);
});
