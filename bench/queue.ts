import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/main/core/log';
import type { NetworkDriver } from '../src/main/core/connectors/types';
import { ConnectorRegistry } from '../src/main/core/publishing/registry';
import { PublishingService } from '../src/main/core/publishing/service';
import { AccountRepository } from '../src/main/core/repositories/accounts';
import { DraftRepository } from '../src/main/core/repositories/drafts';
import { MediaRepository } from '../src/main/core/repositories/media';
import { PostTargetRepository } from '../src/main/core/repositories/post-targets';
import { WorkspaceRepository } from '../src/main/core/repositories/workspaces';
import { WorkspaceSettingsRepository } from '../src/main/core/repositories/workspace-settings';
import { openStore } from '../src/main/core/store/database';
import { MemoryKeychain } from '../src/main/core/vault/memory-keychain';
import { Vault } from '../src/main/core/vault/vault';
import { BLUESKY_CAPABILITIES } from '../src/main/core/connectors/bluesky';
import { percentile, round } from './stats';

const POSTS = 100_000;

/**
 * 100k posts scheduled through PublishingService.schedule (validation, keys, one transaction
 * per post, as a person scheduling does), then what one scheduler wake costs with them pending.
 */
export async function benchQueue() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-bench-'));
  try {
    const clock = { now: () => Date.now() };
    const { db } = await openStore({ file: path.join(dir, 'q.sqlite3'), backupDir: path.join(dir, 'b'), clock });
    const vault = await Vault.open({ db, dataDir: dir, keychain: new MemoryKeychain(), clock });
    const driver: NetworkDriver = {
      network: 'bluesky',
      defaultCapabilities: BLUESKY_CAPABILITIES,
      link: { kind: 'password', login: () => Promise.reject(new Error('the benchmark connects no account')) },
      createConnector: () => {
        throw new Error('the benchmark never publishes');
      },
      partKeys: (n) => Array.from({ length: n }, () => randomUUID()),
    };
    const accounts = new AccountRepository(db);
    const drafts = new DraftRepository(db);
    const targets = new PostTargetRepository(db, clock.now);
    const service = new PublishingService({
      db,
      clock,
      accounts,
      drafts,
      targets,
      media: new MediaRepository(db, path.join(dir, 'media')),
      workspaceSettings: new WorkspaceSettingsRepository(db),
      connectors: new ConnectorRegistry({ bluesky: driver, mastodon: { ...driver, network: 'mastodon' } }, vault),
      log: createLogger((t) => t, () => undefined),
      emit: () => undefined,
      emitMissed: () => undefined,
    });
    const ws = randomUUID();
    new WorkspaceRepository(db).create({ id: ws, name: 'Bench', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: clock.now() });
    const account = accounts.upsert({ id: randomUUID(), workspaceId: ws, network: 'bluesky', handle: 'bench.test', displayName: 'Bench', avatarUrl: null, serviceUrl: 'https://pds.test', remoteId: 'did:plc:bench', createdAt: clock.now() });
    const content = JSON.stringify({ targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: null, poll: null, threadParts: null });
    const ids = Array.from({ length: POSTS }, () => randomUUID());
    db.transaction(() => {
      ids.forEach((id, i) => drafts.save({ id, workspaceId: ws, text: `Publication programmée n° ${i} #bench`, now: i, contentJson: content }));
    })();

    const base = clock.now() + 24 * 3600_000;
    let start = performance.now();
    ids.forEach((id, i) => service.schedule(id, base + i * 60_000, 'Europe/Paris'));
    const enqueueMs = performance.now() - start;

    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT min(due_at) AS due FROM post_targets WHERE status = 'pending'").all() as { detail: string }[]).map((p) => p.detail);
    const claimPlan = (
      db.prepare("EXPLAIN QUERY PLAN SELECT id FROM post_targets WHERE status = 'pending' AND due_at <= ? AND network = ? ORDER BY due_at, id LIMIT ?").all(0, 'bluesky', 3) as { detail: string }[]
    ).map((p) => p.detail);

    // One wake with nothing due yet: read the next due time for each network, try to claim, re-arm.
    const wakes: number[] = [];
    for (let i = 0; i < 2000; i++) {
      start = performance.now();
      targets.nextWakeAt(['bluesky', 'mastodon']);
      targets.claimDue(clock.now(), 3, 'bluesky');
      targets.claimDue(clock.now(), 3, 'mastodon');
      wakes.push(performance.now() - start);
    }
    db.close();
    return {
      posts: POSTS,
      enqueuePerSecond: Math.round(POSTS / (enqueueMs / 1000)),
      nextDuePlan: plan,
      claimPlan,
      usesIndexNoScan: plan.every((d) => !/^SCAN post_targets$/.test(d)) && plan.some((d) => d.includes('post_targets_due')),
      wakeCostMicrosP50: round(percentile(wakes, 50) * 1000, 1),
      wakeCostMicrosP99: round(percentile(wakes, 99) * 1000, 1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
