/**
 * One specification for the scheduler's queue, run against both implementations: the SQL queue
 * (PostTargetRepository, on a real SQLite file) and the in-memory double the scheduler tests use
 * (tests/helpers/memory-queue.ts). If they diverge, one of them fails here.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { DraftRepository } from '../../src/main/core/repositories/drafts';
import { PostTargetRepository } from '../../src/main/core/repositories/post-targets';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import type { QueuePort } from '../../src/main/core/scheduler/ports';
import { openStore } from '../../src/main/core/store/database';
import type { Network } from '../../src/shared/domain';
import { MemoryQueue } from '../helpers/memory-queue';
import { manualClock, tempDir } from '../helpers/temp';

const T0 = Date.parse('2026-11-23T08:00:00.000Z');

/** What a test can see of a job, in the same terms for both queues. */
interface Seen {
  status: string;
  holdReason: string | null;
  dueAt: number;
  attempt: number;
}

interface Subject {
  queue: QueuePort;
  add(id: string, dueAt: number, network?: Network): void;
  seen(id: string): Seen;
  close(): void;
}

const memory = async (): Promise<Subject> => {
  const queue = new MemoryQueue();
  return {
    queue,
    add: (id, dueAt, network = 'bluesky') => queue.add({ id, network, accountId: `acct-${network}`, dueAt }),
    seen: (id) => {
      const e = queue.get(id);
      return { status: e.state, holdReason: e.hold?.reason ?? null, dueAt: e.job.dueAt, attempt: e.job.attempt };
    },
    close: () => undefined,
  };
};

const sql = async (): Promise<Subject> => {
  const dir = tempDir();
  const clock = manualClock(T0);
  const { db } = await openStore({ file: path.join(dir, 'q.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  const workspaceId = randomUUID();
  new WorkspaceRepository(db).create({ id: workspaceId, name: 'File', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: T0 });
  const accounts = new AccountRepository(db);
  const accountOf = new Map<Network, string>();
  for (const network of ['bluesky', 'mastodon'] as const) {
    const account = accounts.upsert({ id: randomUUID(), workspaceId, network, handle: network, displayName: network, avatarUrl: null, serviceUrl: `https://${network}.test`, remoteId: network, createdAt: T0 });
    accountOf.set(network, account.id);
  }
  const drafts = new DraftRepository(db);
  const queue = new PostTargetRepository(db, () => clock.now());
  return {
    queue,
    add: (id, dueAt, network = 'bluesky') => {
      const draftId = randomUUID();
      drafts.save({ id: draftId, workspaceId, text: id, now: T0 });
      db.prepare("UPDATE drafts SET state = 'scheduled' WHERE id = ?").run(draftId);
      queue.insert([{ id, draftId, accountId: accountOf.get(network)!, network, dueAt, idempotencyKey: `key-${id}`, partKeys: ['k'] }]);
    },
    seen: (id) => {
      const row = queue.get(id)!;
      return { status: row.status, holdReason: row.hold_reason, dueAt: row.due_at ?? 0, attempt: row.attempts };
    },
    close: () => db.close(),
  };
};

const attempt = (number: number) => ({ number, startedAt: T0, finishedAt: T0 + 1, result: 'retry' as const, error: { kind: 'network' as const, message: 'socket hang up' }, retryAt: null });

for (const [name, make] of [
  ['the SQL queue', sql],
  ['the in-memory queue', memory],
] as const) {
  describe(`${name} (one specification for both)`, () => {
    let s: Subject;
    afterEach(() => s?.close());
    const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id);

    it('wakes for the earliest pending job, per network when asked', async () => {
      s = await make();
      expect(s.queue.nextWakeAt()).toBeNull();
      s.add('later', T0 + 20);
      s.add('sooner', T0 + 10, 'mastodon');
      expect(s.queue.nextWakeAt()).toBe(T0 + 10);
      expect(s.queue.nextWakeAt(['bluesky'])).toBe(T0 + 20);
      expect(s.queue.nextWakeAt([])).toBeNull();
    });

    it('claims due jobs earliest first, within the limit and the network, never twice', async () => {
      s = await make();
      s.add('b', T0 + 2);
      s.add('a', T0 + 1);
      s.add('c', T0 + 3);
      s.add('m', T0 + 1, 'mastodon');
      s.add('future', T0 + 100);
      expect(ids(s.queue.claimDue(T0 + 3, 2, 'bluesky'))).toEqual(['a', 'b']);
      expect(ids(s.queue.claimDue(T0 + 3, 10, 'bluesky'))).toEqual(['c']);
      expect(ids(s.queue.claimDue(T0 + 3, 10))).toEqual(['m']);
      expect(s.queue.claimDue(T0 + 3, 10)).toEqual([]);
      expect(s.seen('a').status).toBe('claimed');
      expect(s.queue.nextWakeAt()).toBe(T0 + 100);
    });

    it('hands out a job with its key and the attempts already recorded', async () => {
      s = await make();
      s.add('j', T0);
      const [first] = s.queue.claimDue(T0, 1);
      expect(first).toMatchObject({ id: 'j', network: 'bluesky', dueAt: T0, attempt: 0, idempotencyKey: 'key-j' });
      s.queue.recordAttempt('j', attempt(1));
      s.queue.reschedule('j', T0 + 50);
      expect(s.queue.listOverdue(T0 + 49)).toEqual([]);
      const [again] = s.queue.claimDue(T0 + 50, 1);
      expect(again).toMatchObject({ id: 'j', dueAt: T0 + 50, attempt: 1, idempotencyKey: 'key-j' });
    });

    it('ends a job sent or failed, and an ended job never comes back by a late write', async () => {
      s = await make();
      s.add('ok', T0);
      s.add('ko', T0);
      s.queue.claimDue(T0, 2);
      s.queue.markSent('ok', { remoteId: 'r1', url: 'https://example.test/r1' });
      s.queue.markFailed('ko', 'Record/text must not be longer than 300 graphemes');
      expect([s.seen('ok').status, s.seen('ko').status]).toEqual(['sent', 'failed']);
      s.queue.reschedule('ok', T0 + 1);
      s.queue.hold('ok', { reason: 'offline' });
      s.queue.cancel('ok');
      s.queue.markFailed('ok', 'late');
      expect(s.seen('ok')).toMatchObject({ status: 'sent', holdReason: null });
      expect(s.queue.claimDue(T0 + 10, 10)).toEqual([]);
    });

    it('holds a job with a reason (not due meanwhile), and a reschedule releases it', async () => {
      s = await make();
      s.add('j', T0);
      s.queue.claimDue(T0, 1);
      s.queue.hold('j', { reason: 'reconnect_needed' });
      expect(s.seen('j')).toMatchObject({ status: 'held', holdReason: 'reconnect_needed' });
      expect(s.queue.nextWakeAt()).toBeNull();
      expect(s.queue.listOverdue(T0 + 1000)).toEqual([]);
      // A hold for another reason does not replace it.
      s.queue.hold('j', { reason: 'offline' });
      expect(s.seen('j').holdReason).toBe('reconnect_needed');
      s.queue.reschedule('j', T0 + 5);
      expect(s.seen('j')).toMatchObject({ status: 'pending', holdReason: null, dueAt: T0 + 5 });
    });

    it('cancels an open job (pending, in flight or held), so it never goes', async () => {
      s = await make();
      s.add('pending', T0);
      s.add('claimed', T0);
      s.add('held', T0);
      s.queue.claimDue(T0, 1);
      s.queue.hold('held', { reason: 'invalid', problems: [{ code: 'text_over', severity: 'block', values: { used: 312, max: 300 } }] });
      for (const id of ['pending', 'claimed', 'held']) s.queue.cancel(id);
      expect(['pending', 'claimed', 'held'].map((id) => s.seen(id).status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(s.queue.claimDue(T0 + 10, 10)).toEqual([]);
    });

    it('sets missed jobs aside for a decision, or skips them, and lists only pending overdue ones', async () => {
      s = await make();
      s.add('yesterday', T0 - 86_400_000);
      s.add('morning', T0 - 3_600_000);
      s.add('tonight', T0 + 3_600_000);
      expect(ids(s.queue.listOverdue(T0))).toEqual(['yesterday', 'morning']);
      s.queue.holdForDecision(['yesterday']);
      s.queue.markSkipped(['morning']);
      expect(s.seen('yesterday')).toMatchObject({ status: 'held', holdReason: 'missed' });
      expect(s.seen('morning')).toMatchObject({ status: 'skipped', holdReason: null });
      expect(s.queue.listOverdue(T0)).toEqual([]);
      // The person chooses to skip the held one too.
      s.queue.markSkipped(['yesterday']);
      expect(s.seen('yesterday')).toMatchObject({ status: 'skipped', holdReason: null });
    });
  });
}
