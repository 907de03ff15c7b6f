/**
 * The board's core on a real SQLite file, as the unit tests drive it: a store, a workspace with
 * an account, a scripted reader (only `read` differs from one test to another) and the core
 * wired to them. One place for what every board test used to repeat.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createBoardCore, type BoardCoreDeps } from '../../../src/main/core/board';
import { ReadError, type Reader } from '../../../src/main/core/connectors/reader';
import { AccountRepository } from '../../../src/main/core/repositories/accounts';
import { WorkspaceRepository } from '../../../src/main/core/repositories/workspaces';
import { openStore } from '../../../src/main/core/store/database';
import type { Clock } from '../../../src/main/core/clock';
import type { Network } from '../../../src/shared/domain';
import { tempDir } from '../temp';

/** A reader that answers `read` as given and nothing else (no threads, actions or markers kept). */
export function scriptedReader(read: Reader['read'], extra: Partial<Reader> = {}): Reader {
  return {
    supports: () => true,
    read,
    thread: () => Promise.reject(new ReadError('unsupported', 'no')),
    act: () => Promise.resolve({ ref: null }),
    markSeen: () => Promise.resolve(),
    readSeen: () => Promise.resolve(null),
    ...extra,
  };
}

/** A store in a fresh folder with the repositories the board needs. */
export async function boardStore<C extends Clock>(clock: C, dir = tempDir()) {
  const { db } = await openStore({ file: path.join(dir, 't.sqlite3'), backupDir: path.join(dir, 'b'), clock });
  return { dir, db, clock, workspaces: new WorkspaceRepository(db), accounts: new AccountRepository(db) };
}

type Store = Awaited<ReturnType<typeof boardStore>>;

/** A workspace with one account (a Bluesky "mairie.test" unless told otherwise). */
export function workspaceWithAccount(
  store: Pick<Store, 'workspaces' | 'accounts'>,
  over: { network?: Network; handle?: string; remoteId?: string; workspace?: string; displayName?: string } = {},
) {
  const { network = 'bluesky', handle = 'mairie.test', remoteId = 'did:plc:mairie', workspace = 'Port-Lumière', displayName = 'Mairie' } = over;
  const ws = store.workspaces.create({ id: randomUUID(), name: workspace, color: '#2563eb', timeZone: 'Europe/Paris', createdAt: 0 });
  const account = store.accounts.upsert({ id: randomUUID(), workspaceId: ws.id, network, handle, displayName, avatarUrl: null, serviceUrl: 'http://127.0.0.1:1', remoteId, createdAt: 0 });
  return { ws, account };
}

/** The board core on that store, reading through `readerFor`. */
export function boardOn(store: Store, readerFor: (accountId: string) => Reader | null, over: { emit?: BoardCoreDeps['emit']; onIngest?: NonNullable<BoardCoreDeps['network']>['onIngest'] } = {}) {
  return createBoardCore({
    db: store.db,
    clock: store.clock,
    accounts: store.accounts,
    workspaces: store.workspaces,
    emit: over.emit ?? (() => undefined),
    network: { log: { info: () => undefined, error: () => undefined }, readerFor, keyFor: () => null, imageDir: path.join(store.dir, 'img'), onIngest: over.onIngest },
  });
}
