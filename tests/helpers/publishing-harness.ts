/**
 * The publishing core over a real SQLite file, with connector doubles that record what they were
 * asked to publish (the real connectors are exercised against a real Bluesky network and the
 * Mastodon stand-in in tests/integration). Shared by the publishing unit tests.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../src/main/core/log';
import type { Connector, NetworkDriver, PublishInput, RemotePart } from '../../src/main/core/connectors/types';
import { ConnectorRegistry } from '../../src/main/core/publishing/registry';
import { PublishingService } from '../../src/main/core/publishing/service';
import { AccountRepository } from '../../src/main/core/repositories/accounts';
import { DraftRepository } from '../../src/main/core/repositories/drafts';
import { MediaRepository } from '../../src/main/core/repositories/media';
import { PostTargetRepository } from '../../src/main/core/repositories/post-targets';
import { WorkspaceRepository } from '../../src/main/core/repositories/workspaces';
import { WorkspaceSettingsRepository } from '../../src/main/core/repositories/workspace-settings';
import { openStore, type Db } from '../../src/main/core/store/database';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import { Vault } from '../../src/main/core/vault/vault';
import type { Capabilities, DraftContent } from '../../src/shared/publishing';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../../src/shared/text/limits';
import { tempDir } from './temp';

// Monday 23 November 2026, 09:00 in Paris.
export const T0 = Date.parse('2026-11-23T08:00:00.000Z');
export const MIN = 60_000;

export const caps = (network: 'bluesky' | 'mastodon'): Capabilities => ({
  network,
  text: network === 'bluesky' ? BLUESKY_LIMITS : MASTODON_DEFAULT_LIMITS,
  media: { maxCount: 4, maxImageBytes: 1_000_000, acceptedTypes: ['image/png'], maxAltTextLength: 2000 },
  threads: true,
  contentWarning: network === 'mastodon',
  poll: null,
  languages: true,
  visibilities: ['public'],
});

/** A connector double that records what it was asked to publish. */
export class RecordingConnector implements Connector {
  calls: PublishInput[] = [];
  /** What the next calls do, in order; when empty, they succeed. */
  script: ((input: PublishInput) => RemotePart[] | never)[] = [];
  constructor(
    readonly network: 'bluesky' | 'mastodon',
    readonly accountId: string,
  ) {}
  async capabilities() {
    return caps(this.network);
  }
  async publish(input: PublishInput): Promise<RemotePart[]> {
    this.calls.push(input);
    const step = this.script.shift();
    if (step) return step(input);
    return input.parts.map((_, i) => {
      const remote = input.alreadySent[i] ?? { remoteId: `${this.accountId}/${input.partKeys[i]}`, url: `https://example.test/${input.partKeys[i]}` };
      if (!input.alreadySent[i]) input.onPartSent(i, remote);
      return remote;
    });
  }
  async delete() {}
  async health() {
    return 'ok' as const;
  }
  async revoke() {}
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export async function createHarness(options: { maxAttempts?: number; undoDelayMs?: number; gate?: (db: Db) => { mustWait(draftId: string): boolean } } = {}) {
  const dir = tempDir();
  const clock = { now: () => Date.now() };
  const db: Db = (await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock })).db;
  const vault = await Vault.open({ db, dataDir: dir, keychain: new MemoryKeychain(), clock });
  const connectors = new Map<string, RecordingConnector>();
  const driver = (network: 'bluesky' | 'mastodon'): NetworkDriver => ({
    network,
    defaultCapabilities: caps(network),
    link: { kind: 'password', login: () => Promise.reject(new Error('accounts are created directly in this test')) },
    createConnector: (account) => {
      const c = connectors.get(account.id) ?? new RecordingConnector(network, account.id);
      connectors.set(account.id, c);
      return c;
    },
    partKeys: (n) => Array.from({ length: n }, () => randomUUID()),
  });
  const repos = {
    accounts: new AccountRepository(db),
    drafts: new DraftRepository(db),
    targets: new PostTargetRepository(db, clock.now),
    settings: new WorkspaceSettingsRepository(db),
  };
  const events: { event: string; payload: unknown }[] = [];
  const logLines: string[] = [];
  const service = new PublishingService({
    db,
    clock,
    accounts: repos.accounts,
    drafts: repos.drafts,
    targets: repos.targets,
    media: new MediaRepository(db, path.join(dir, 'media')),
    workspaceSettings: repos.settings,
    connectors: new ConnectorRegistry({ bluesky: driver('bluesky'), mastodon: driver('mastodon') }, vault),
    log: createLogger((t) => t, (line) => logLines.push(line)),
    emit: (event, payload) => events.push({ event, payload }),
    emitMissed: (payload) => events.push({ event: 'posts.missed', payload }),
    emitReplanned: (payload) => events.push({ event: 'posts.replanned', payload }),
    undoDelayMs: () => options.undoDelayMs ?? 0,
    ...(options.gate ? { gate: options.gate(db) } : {}),
    retry: { baseMs: 1000, maxMs: 10_000 },
    maxAttempts: options.maxAttempts ?? 4,
  });
  const workspaceId = randomUUID();
  new WorkspaceRepository(db).create({ id: workspaceId, name: 'Office de Tourisme', color: '#2563eb', timeZone: 'Europe/Paris', createdAt: T0 });

  const account = (network: 'bluesky' | 'mastodon', handle: string) =>
    repos.accounts.upsert({
      id: randomUUID(),
      workspaceId,
      network,
      handle,
      displayName: handle,
      avatarUrl: null,
      serviceUrl: `https://${network}.test`,
      remoteId: `id-${handle}`,
      createdAt: T0,
    });
  const fullContent = (content: Partial<DraftContent>): DraftContent => ({
    targets: [],
    media: [],
    contentWarning: null,
    language: null,
    visibility: null,
    poll: null,
    threadParts: null,
    ...content,
  });
  /** A draft written straight to the repository (no re-planning). */
  const draft = (text: string, content: Partial<DraftContent>) => {
    const id = randomUUID();
    repos.drafts.save({ id, workspaceId, text, now: Date.now(), contentJson: JSON.stringify(fullContent(content)) });
    return id;
  };
  /** What the draft.save command does: the save and, for a planned post, its re-planning, in one transaction. */
  const save = (id: string, text: string, content: Partial<DraftContent>) =>
    service.saveDraft(id, () => repos.drafts.save({ id, workspaceId, text, now: Date.now(), contentJson: JSON.stringify(fullContent(content)) }));

  return { db, service, connectors, repos, events, logLines, workspaceId, account, draft, save };
}
