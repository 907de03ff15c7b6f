/**
 * The inbox: 20,000 items across two accounts (one in ten flagged), opening the first page and
 * filtering it (flagged, type + language), the counts; and what the charter and the inbox add
 * to storing a page of 40 notifications (the streams cache's ingest hook) with a 50-rule charter.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBoardCore } from '../src/main/core/board';
import type { RemoteEntry } from '../src/main/core/connectors/reader';
import { createInboxCore } from '../src/main/core/inbox';
import { AccountRepository } from '../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../src/main/core/repositories/workspaces';
import { StreamCache } from '../src/main/core/streams/cache';
import { openStore } from '../src/main/core/store/database';
import { item } from '../tests/helpers/board/fixtures';
import { charter as fiftyRules } from './charter';
import { percentile, round } from './stats';

const ITEMS = 20_000;
const PAGE = 40;

const notification = (n: number): RemoteEntry => {
  const it = item(n, { text: n % 10 === 0 ? `Quelle insulte${n % 40} ce parking` : `Question ${n} sur le port`, language: n % 3 === 0 ? 'en' : 'fr' });
  return { kind: 'notification', key: `n${n}`, at: it.createdAt, type: n % 4 === 0 ? 'reply' : 'mention', actor: it.author, item: it };
};

const time = (runs: number, fn: () => unknown) => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return { p50Ms: round(percentile(samples, 50)), p95Ms: round(percentile(samples, 95)) };
};

export async function benchInbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-inbox-'));
  try {
    const clock = { now: () => Date.parse('2026-11-22T09:00:00Z') };
    const { db } = await openStore({ file: path.join(dir, 'i.sqlite3'), backupDir: path.join(dir, 'b'), clock });
    const workspaces = new WorkspaceRepository(db);
    const accounts = new AccountRepository(db);
    const ws = workspaces.create({ id: randomUUID(), name: 'Bench', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
    const mk = (handle: string) => accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network: 'bluesky', handle, displayName: handle, avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId: `did:plc:${handle}`, createdAt: 0 });
    const accountsOf = [mk('mairie.test'), mk('office.test')];
    const inbox = createInboxCore({ db, clock, workspaces, accounts, emit: () => undefined });
    const board = createBoardCore({ db, clock, accounts, workspaces, emit: () => undefined });
    const [b] = await board.handlers['board.list']({ workspaceId: ws.id });
    const columns = await Promise.all(accountsOf.map((a) => board.handlers['column.add']({ boardId: b!.id, type: 'notifications', accountId: a.id })));
    await inbox.handlers['charter.save']({ workspaceId: ws.id, charter: fiftyRules() });

    const plain = new StreamCache(db);
    const hooked = new StreamCache(db, inbox.onIngest);
    const entries = Array.from({ length: ITEMS }, (_, i) => notification(i));
    const pageMs: { plain: number[]; hooked: number[] } = { plain: [], hooked: [] };
    for (let i = 0; i < ITEMS; i += PAGE) {
      const page = entries.slice(i, i + PAGE);
      const c = (i / PAGE) % 2;
      const start = performance.now();
      if (i % (PAGE * 20) === 0) {
        // Now and then the same page without the hook (in another column's copy): the baseline.
        plain.ingest(columns[c]!.id, accountsOf[c]!.id, 'bluesky', page.map((e) => ({ ...e, key: `plain-${e.key}` })), clock.now());
        pageMs.plain.push(performance.now() - start);
      }
      const hookedStart = performance.now();
      hooked.ingest(columns[c]!.id, accountsOf[c]!.id, 'bluesky', page, clock.now());
      pageMs.hooked.push(performance.now() - hookedStart);
    }
    const stored = db.prepare<[], { n: number; flagged: number }>(`SELECT count(*) AS n, (SELECT count(DISTINCT item_id) FROM item_flags) AS flagged FROM inbox_items`).get()!;
    const h = inbox.handlers;
    return {
      inboxItems: stored.n,
      flaggedItems: stored.flagged,
      openFirstPage50: time(20, () => h['inbox.list']({ workspaceId: ws.id, state: 'to_handle', limit: 50 })),
      filterFlagged: time(20, () => h['inbox.list']({ workspaceId: ws.id, state: 'to_handle', filter: { flagged: true }, limit: 50 })),
      filterReplyInEnglish: time(20, () => h['inbox.list']({ workspaceId: ws.id, state: 'to_handle', filter: { kinds: ['reply'], languages: ['en'] }, limit: 50 })),
      counts: time(20, () => h['inbox.counts']({ workspaceId: ws.id })),
      ingestPage40: { withCharterAndInboxP50Ms: round(percentile(pageMs.hooked, 50)), cacheOnlyP50Ms: round(percentile(pageMs.plain, 50)) },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
