/**
 * The board's figures:
 * - ingest: 50,000 network items (pages of 40, one transaction each, as the streams module
 *   stores them: actors, items, each account's view, column entries) through StreamCache vs
 *   raw better-sqlite3 inserting the same rows with plain INSERTs in the same pages (ratio of
 *   throughputs, goal >= 0.5);
 * - polling budget: a 10-column board per account (Mastodon and Bluesky) polled for 30
 *   simulated minutes by the real engine against readers that always have something new:
 *   the most requests any 5-minute window saw, against the network's limit (goal <= half).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBoardCore } from '../src/main/core/board';
import type { Reader, RemoteEntry } from '../src/main/core/connectors/reader';
import { AccountRepository } from '../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../src/main/core/repositories/workspaces';
import { StreamCache } from '../src/main/core/streams/cache';
import { openStore } from '../src/main/core/store/database';
import type { ColumnType } from '../src/shared/board/schemas';
import type { Network } from '../src/shared/domain';
import { entry } from '../tests/helpers/board/fixtures';
import { round } from './stats';

const ITEMS = 50_000;
const PAGE = 40;

async function fresh(dir: string, name: string) {
  const now = { now: () => 0 };
  const { db } = await openStore({ file: path.join(dir, `${name}.sqlite3`), backupDir: path.join(dir, `${name}-b`), clock: now });
  const ws = new WorkspaceRepository(db).create({ id: randomUUID(), name: 'Bench', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const accounts = new AccountRepository(db);
  const mk = (network: Network, handle: string) => accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network, handle, displayName: handle, avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: `did:plc:${handle}`, createdAt: 0 });
  return { db, ws, accounts, mastodon: mk('mastodon', 'mairie@port.test'), bluesky: mk('bluesky', 'mairie.test') };
}

export async function benchBoardIngest() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-board-'));
  try {
    const entries: RemoteEntry[] = Array.from({ length: ITEMS }, (_, i) => entry(i));
    // Streams module
    const a = await fresh(dir, 'streams');
    const board = createBoardCore({ db: a.db, clock: { now: () => 0 }, accounts: a.accounts, workspaces: new WorkspaceRepository(a.db), emit: () => undefined });
    const [b] = await board.handlers['board.list']({ workspaceId: a.ws.id });
    const column = await board.handlers['column.add']({ boardId: b!.id, type: 'home', accountId: a.bluesky.id });
    const cache = new StreamCache(a.db);
    let start = performance.now();
    for (let i = 0; i < ITEMS; i += PAGE) cache.ingest(column.id, a.bluesky.id, 'bluesky', entries.slice(i, i + PAGE), 1);
    const streamsMs = performance.now() - start;
    const stored = a.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM column_entries').get()!.n;
    a.db.close();

    // Raw better-sqlite3: the same rows, plain INSERTs, same pages.
    const r = await fresh(dir, 'raw');
    r.db.prepare("INSERT INTO boards VALUES ('b', ?, 'B', 0, 0)").run(r.ws.id);
    r.db.prepare("INSERT INTO board_columns (id, board_id, workspace_id, position, type, account_id, created_at) VALUES ('c', 'b', ?, 0, 'home', ?, 0)").run(r.ws.id, r.bluesky.id);
    const actor = r.db.prepare('INSERT OR IGNORE INTO actors (id, network, remote_id, handle, display_name, avatar_url, url, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1)');
    const item = r.db.prepare('INSERT INTO items (id, network, uri, author_id, created_at, body, fetched_at) VALUES (?, ?, ?, ?, ?, ?, 1)');
    const view = r.db.prepare('INSERT INTO item_views (item_id, account_id, remote_id, cid) VALUES (?, ?, ?, ?)');
    const col = r.db.prepare("INSERT INTO column_entries (column_id, sort_key, kind, item_id, remote_key, at) VALUES ('c', ?, 'item', ?, ?, ?)");
    const actorIds = new Map<string, string>();
    start = performance.now();
    for (let i = 0; i < ITEMS; i += PAGE) {
      r.db.transaction(() => {
        for (const e of entries.slice(i, i + PAGE)) {
          const it = e.item!;
          let aid = actorIds.get(it.author.remoteId);
          if (!aid) {
            aid = randomUUID();
            actorIds.set(it.author.remoteId, aid);
            actor.run(aid, 'bluesky', it.author.remoteId, it.author.handle, it.author.displayName, it.author.avatarUrl, it.author.url);
          }
          const id = randomUUID();
          item.run(id, 'bluesky', it.uri, aid, it.createdAt, JSON.stringify({ url: it.url, text: it.text, spans: it.spans, media: it.media, counts: it.counts }));
          view.run(id, r.bluesky.id, it.remoteId, it.cid);
          col.run(`${String(e.at).padStart(13, '0')}.${id.slice(0, 8)}`, id, e.key, e.at);
        }
      })();
    }
    const rawMs = performance.now() - start;
    r.db.close();
    return {
      items: ITEMS,
      pageSize: PAGE,
      storedEntries: stored,
      streamsItemsPerSecond: Math.round(ITEMS / (streamsMs / 1000)),
      rawItemsPerSecond: Math.round(ITEMS / (rawMs / 1000)),
      ratio: round(rawMs / streamsMs, 2),
      goal: '>= 0.5',
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A reader that always has one new post (the worst case: intervals never grow). */
function busyReader(counter: { requests: number[] }, clock: { now(): number }): Reader {
  let n = 0;
  return {
    supports: () => true,
    read(source) {
      counter.requests.push(clock.now());
      n++;
      const e = entry(1_000_000 + n);
      if (source.type === 'notifications' || source.type === 'mentions') counter.requests.push(clock.now());
      return Promise.resolve({ entries: [{ ...e, key: `${e.key}:${n}`, at: clock.now() }], olderCursor: null });
    },
    thread: () => Promise.reject(new Error('unused')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
  };
}

export async function benchPollingBudget() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-poll-'));
  try {
    const f = await fresh(dir, 'poll');
    let now = Date.parse('2026-12-01T08:00:00Z');
    const clock = { now: () => now };
    const counters = new Map<string, { requests: number[] }>([[f.mastodon.id, { requests: [] }], [f.bluesky.id, { requests: [] }]]);
    const readers = new Map([...counters].map(([id, c]) => [id, busyReader(c, clock)]));
    const board = createBoardCore({
      db: f.db,
      clock,
      accounts: f.accounts,
      workspaces: new WorkspaceRepository(f.db),
      emit: () => undefined,
      network: { log: { info: () => undefined, error: () => undefined }, readerFor: (id) => readers.get(id) ?? null, keyFor: () => null, imageDir: path.join(dir, 'images') },
    });
    const [b] = await board.handlers['board.list']({ workspaceId: f.ws.id });
    const types: [ColumnType, object?][] = [['home'], ['notifications'], ['mentions'], ['search', { q: 'Port-Lumière' }], ['search', { tag: 'PortLumiere' }], ['search', { q: 'marché' }], ['list', { listId: 'l1' }], ['profile', { handle: 'alice' }], ['own_posts'], ['notifications', { kinds: ['follow'] }]];
    for (const account of [f.mastodon, f.bluesky]) for (const [type, query] of types) await board.handlers['column.add']({ boardId: b!.id, type, accountId: account.id, ...(query ? { query } : {}) });
    const engine = board.streams!.engine;
    engine.replan();
    const end = now + 30 * 60_000;
    while (now < end) {
      await engine.tick();
      now = Math.max(now + 1_000, engine.plan.nextAt() ?? end);
    }
    const perAccount = (id: string) => {
      const times = counters.get(id)!.requests;
      let max = 0;
      for (let i = 0; i < times.length; i++) max = Math.max(max, times.filter((t) => t >= times[i]! && t < times[i]! + 5 * 60_000).length);
      return max;
    };
    return {
      columnsPerAccount: types.length,
      simulatedMinutes: 30,
      mastodon: { maxRequestsPer5Min: perAccount(f.mastodon.id), networkLimit: 300, goal: '<= 150' },
      bluesky: { maxRequestsPer5Min: perAccount(f.bluesky.id), networkLimit: 3000, goal: '<= 1500' },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
