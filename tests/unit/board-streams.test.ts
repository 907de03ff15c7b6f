/**
 * The streams module with a scripted reader (real SQLite, real engine): gaps when a refresh
 * cannot reach the known entries, and loading them; a closed budget makes the column say
 * "throttled" and when it retries; retention caps; the remote image cache (a real HTTP server
 * on 127.0.0.1) with its LRU cap and offline copy.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBoardCore } from '../../src/main/core/board';
import { ReadError, type ReadPage, type Reader, type RemoteEntry } from '../../src/main/core/connectors/reader';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { ImageCache } from '../../src/main/core/streams/images';
import { imageKey } from '../../src/main/core/streams/keys';
import { pruneCache } from '../../src/main/core/streams/retention';
import { openStore } from '../../src/main/core/store/database';
import { DEFAULT_RETENTION } from '../../src/shared/board/schemas';
import { entry } from '../helpers/board/fixtures';
import { manualClock, tempDir } from '../helpers/temp';

/** A timeline of `n` posts, newest first, paged 40 at a time with a numeric cursor; `fail` throws instead. */
function scriptedReader(state: { posts: RemoteEntry[]; fail?: ReadError | null; calls: number; olderCalls?: number }): Reader {
  return {
    supports: () => true,
    read(_source, cursor, limit): Promise<ReadPage> {
      state.calls++;
      if (cursor) state.olderCalls = (state.olderCalls ?? 0) + 1;
      if (state.fail) return Promise.reject(state.fail);
      const from = cursor ? Number(cursor) : 0;
      const entries = state.posts.slice(from, from + limit);
      return Promise.resolve({ entries, olderCursor: from + limit < state.posts.length ? String(from + limit) : null });
    },
    thread: () => Promise.reject(new ReadError('unsupported', 'no')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
  };
}

async function setup(posts = 30) {
  const dir = tempDir();
  const clock = manualClock(Date.parse('2026-12-01T08:00:00Z'));
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const workspaces = new WorkspaceRepository(db);
  const accounts = new AccountRepository(db);
  const ws = workspaces.create({ id: randomUUID(), name: 'W', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const account = accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'mastodon', handle: 'mairie@port.test', displayName: 'Mairie', avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: '1', createdAt: 0 });
  const state = { posts: Array.from({ length: posts }, (_, i) => entry(1000 + i)), fail: null as ReadError | null, calls: 0, olderCalls: 0 };
  const events: { event: string; payload: unknown }[] = [];
  const board = createBoardCore({
    db,
    clock,
    accounts,
    workspaces,
    emit: (event, payload) => events.push({ event, payload }),
    network: { log: { info: () => undefined, error: () => undefined }, readerFor: () => scriptedReader(state), keyFor: () => null, imageDir: path.join(dir, 'img') },
  });
  const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
  const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: account.id });
  // The first fill column.add started is over when the column says so.
  await expect.poll(() => events.some((e) => e.event === 'column.changed' && (e.payload as { columnId: string }).columnId === column.id)).toBe(true);
  return { db, clock, state, board, column, events, dir };
}

/** Newer posts: smaller n, later times (entry(n) is n seconds before 08:00). */
const newer = (count: number, base: number) => Array.from({ length: count }, (_, i) => entry(base + i));

describe('streams: gaps, throttling, retention', () => {
  it('leaves a gap row when a refresh cannot reach the known posts, and fills it on demand', async () => {
    const { state, board, column } = await setup();
    const h = board.handlers;
    expect((await h['column.page']({ columnId: column.id })).entries).toHaveLength(30);
    // 200 new posts arrive: 3 pages of 40 do not reach the known ones.
    state.posts = [...newer(200, 500), ...state.posts];
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'ok' });
    const page = await h['column.page']({ columnId: column.id, limit: 200 });
    const kinds = page.entries.map((e) => e.kind);
    expect(kinds.slice(0, 120).every((k) => k === 'item')).toBe(true);
    expect(kinds[120]).toBe('gap');
    expect(page.unread).toBe(120);
    const gap = page.entries[120]!;
    if (gap.kind !== 'gap') throw new Error('expected a gap');
    // Loading at the gap reads on from the network's cursor until it meets the known posts.
    await h['column.fillGap']({ columnId: column.id, gapId: gap.gapId });
    let after = await h['column.page']({ columnId: column.id, limit: 200 });
    const second = after.entries.find((e) => e.kind === 'gap');
    if (second?.kind === 'gap') await h['column.fillGap']({ columnId: column.id, gapId: second.gapId });
    after = await h['column.page']({ columnId: column.id, limit: 200 });
    expect(after.entries.filter((e) => e.kind === 'gap')).toEqual([]);
    expect(after.entries.map((e) => (e.kind === 'item' ? e.item.text : '')).slice(0, 200)).toEqual(state.posts.slice(0, 200).map((p) => p.item!.text));
    expect(await Promise.resolve()
      .then(() => h['column.fillGap']({ columnId: column.id, gapId: gap.gapId }))
      .catch((e: { code: string }) => e.code)).toBe('gap_not_found');
  });

  it('says when a column is throttled, offline or failing and when it tries again, keeping the cache', async () => {
    const { state, board, column, clock, events } = await setup();
    const h = board.handlers;
    state.fail = new ReadError('rate_limited', 'Too many requests', 429, clock.now() + 300_000);
    const throttled = await h['column.refresh']({ columnId: column.id });
    expect(throttled).toMatchObject({ state: 'throttled', error: { code: 'board_rate_limited' }, retryAt: new Date(clock.now() + 300_000).toISOString() });
    // The budget is closed until the server's time: no request goes meanwhile.
    const calls = state.calls;
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'throttled' });
    expect(state.calls).toBe(calls);
    clock.advance(301_000);
    state.fail = new ReadError('unreachable', 'getaddrinfo ENOTFOUND');
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'offline', error: { code: 'network_unreachable' } });
    state.fail = new ReadError('server', 'HTTP 502', 502);
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'failing', error: { code: 'board_server_error' } });
    expect((await h['column.page']({ columnId: column.id })).entries).toHaveLength(30);
    state.fail = null;
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'ok', error: null });
    expect(events.filter((e) => e.event === 'column.changed').map((e) => (e.payload as { status: { state: string } }).status.state)).toEqual(expect.arrayContaining(['throttled', 'offline', 'failing', 'ok']));
  });

  it('past the end of the cache, asks for older posts only when the column is not waiting for its retry (throttled, failing)', async () => {
    const { state, board, column, clock, events } = await setup(100);
    const h = board.handlers;
    const changes = () => events.filter((e) => e.event === 'column.changed').length;
    const end = async () => {
      const first = await h['column.page']({ columnId: column.id, limit: 200 });
      return h['column.page']({ columnId: column.id, before: first.entries.at(-1)!.cursor, limit: 40 });
    };
    // Throttled: the page answers from the cache, no request, no new status (the renderer would reload and ask again).
    state.fail = new ReadError('rate_limited', 'Too many requests', 429, clock.now() + 300_000);
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'throttled' });
    const before = changes();
    expect((await end()).entries).toEqual([]);
    expect(changes()).toBe(before);
    // Failing: the same until its retry time.
    clock.advance(301_000);
    state.fail = new ReadError('server', 'HTTP 502', 502);
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'failing' });
    await end();
    await h['column.refresh']({ columnId: column.id }); // waits for a read of older posts, had one started
    expect(state.olderCalls).toBe(0);
    // Back: the end of the cache reads the network's older page.
    state.fail = null;
    clock.advance(600_000);
    expect(await h['column.refresh']({ columnId: column.id })).toMatchObject({ state: 'ok' });
    await end();
    await expect.poll(() => state.olderCalls).toBe(1);
    await expect.poll(async () => (await h['column.page']({ columnId: column.id, limit: 200 })).entries.length).toBe(80);
  });

  it('keeps each column under its cap and the cache under its total', async () => {
    const { db, state, board, column, clock } = await setup();
    state.posts = [...newer(150, 100), ...state.posts];
    await board.handlers['column.refresh']({ columnId: column.id });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM column_entries')).toBeGreaterThan(100);
    pruneCache(db, { ...DEFAULT_RETENTION, maxItemsPerColumn: 100 }, clock.now() + 2 * 86_400_000);
    expect(count('SELECT count(*) AS n FROM column_entries')).toBe(100);
    // Items no column shows anymore are gone after a day; the newest 100 stay.
    expect(count('SELECT count(*) AS n FROM items')).toBe(100);
    expect((await board.handlers['column.page']({ columnId: column.id })).entries[0]).toMatchObject({ kind: 'item', item: { text: state.posts[0]!.item!.text } });
  });
});

describe('remote images', () => {
  it('fetches registered images once, serves them offline, refuses what is not an image, and keeps the LRU cap', async () => {
    const { db, dir, clock } = await setup();
    const png = fs.readFileSync(path.join(process.cwd(), 'assets', fs.readdirSync(path.join(process.cwd(), 'assets')).find((f) => f.endsWith('.png'))!));
    let hits = 0;
    const server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/page.html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) }).end(png);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const register = (url: string) => db.prepare('INSERT OR IGNORE INTO remote_images (key, url, used_at) VALUES (?, ?, 0)').run(imageKey(url), url);
    let cap = 10 * png.length;
    // The test server is on 127.0.0.1: allowed here as in the sandbox (board-image-guard.test.ts covers the default refusal).
    const cache = new ImageCache(db, path.join(dir, 'images'), () => cap, () => clock.now(), fetch, { allowPrivateAddresses: true });
    try {
      for (const name of ['a', 'b', 'c', 'page.html']) register(`${base}/${name === 'page.html' ? name : `${name}.png`}`);
      const a = await cache.get(imageKey(`${base}/a.png`));
      expect(a?.mime).toBe('image/png');
      expect(fs.readFileSync(a!.file)).toEqual(png);
      await cache.get(imageKey(`${base}/a.png`));
      expect(hits).toBe(1);
      expect(await cache.get(imageKey(`${base}/page.html`))).toBeNull();
      expect(await cache.get(imageKey('http://127.0.0.1:1/never-registered.png'))).toBeNull();
      expect(await cache.get('../../etc/passwd')).toBeNull();
      clock.advance(1000);
      await cache.get(imageKey(`${base}/b.png`));
      clock.advance(1000);
      await cache.get(imageKey(`${base}/c.png`));
      cap = 2 * png.length;
      expect(cache.prune()).toBe(1);
      expect(fs.existsSync(path.join(dir, 'images', imageKey(`${base}/a.png`)))).toBe(false);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    // Offline: what is stored still shows.
    expect((await cache.get(imageKey(`${base}/c.png`)))?.mime).toBe('image/png');
  });
});
