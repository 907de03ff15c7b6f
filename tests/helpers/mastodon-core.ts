/**
 * The set-up the Mastodon integration tests share: a real core (a fresh data folder, the
 * in-memory keychain, no link cards) beside a Mastodon stand-in that validates every request
 * and answer against the OpenAPI description, one workspace whose account is connected through
 * the stand-in's OAuth page, and, for the board's tests, its first board with what a column test
 * does. Everything is closed when the test finishes, then the stand-in must have recorded no
 * violation (a test that provokes one takes it with `server.takeViolations()`).
 */
import { onTestFinished } from 'vitest';
import { openCore } from '../../src/main/core/app';
import type { Core, CoreOptions } from '../../src/main/core/types';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import type { Board, Column, ColumnPage, ColumnStatus } from '../../src/shared/board/schemas';
import { value, workspaceWithMastodon } from './core';
import { startMastodonStandIn, type MastodonStandInOptions } from './mastodon';
import { tempDir } from './temp';

/** Something standing between the core and the stand-in (a relay whose cable can be pulled). */
interface Relay {
  url: string;
  close(): Promise<void>;
}

export interface MastodonCoreOptions<R extends Relay | null = null> {
  /** Over the stand-in's defaults here: no media processing polls. */
  standIn?: MastodonStandInOptions;
  /** Over the core's: a clock, the scheduler's delays… */
  core?: Partial<Omit<CoreOptions, 'dataDir' | 'host'>>;
  workspace?: string;
  /** "Publish now" goes at once (its undo delay is tested in publishing-replan.test.ts and the e2e suite). */
  publishAtOnce?: boolean;
  /** What the account is connected through instead of the stand-in itself. */
  via?: (standInUrl: string) => Promise<R>;
}

/** A core and a stand-in, with one workspace and its Mastodon account; `reopen` opens another core on the same folder and keychain. */
export async function mastodonCore<R extends Relay | null = null>(options: MastodonCoreOptions<R> = {}) {
  const server = await startMastodonStandIn({ mediaProcessingPolls: 0, ...options.standIn });
  const cores: Core[] = [];
  let relay = null as R;
  onTestFinished(async () => {
    for (const core of cores) await core.close();
    await relay?.close();
    await server.close();
    server.assertNoViolations();
  });
  if (options.via) relay = await options.via(server.url);
  const dataDir = tempDir();
  const keychain = new MemoryKeychain();
  const reopen = async () => {
    const core = await openCore({ dataDir, host: 'web', keychain, ...options.core, network: { linkCards: false, ...options.core?.network } });
    cores.push(core);
    return core;
  };
  const core = await reopen();
  if (options.publishAtOnce) await value(core, 'settings.update', { publishUndoSeconds: 0 });
  const { ws, account } = await workspaceWithMastodon(core, relay?.url ?? server.url, options.workspace);
  return { server, relay: relay as R, core, dataDir, ws, account, reopen };
}

/** The same, with the workspace's first board: columns of the account to add, refresh and read. */
export async function mastodonBoard<R extends Relay | null = null>(options: MastodonCoreOptions<R> = {}) {
  const setup = await mastodonCore(options);
  const { core, ws, account } = setup;
  const board = (await value<Board[]>(core, 'board.list', { workspaceId: ws.id }))[0]!;
  const add = (type: string, query?: object) => value<Column>(core, 'column.add', { boardId: board.id, type, accountId: account.id, ...(query ? { query } : {}) });
  const refresh = (column: Column) => value<ColumnStatus>(core, 'column.refresh', { columnId: column.id });
  const page = (column: Column, before?: string) => value<ColumnPage>(core, 'column.page', { columnId: column.id, limit: 200, ...(before ? { before } : {}) });
  /** The column's status as the board lists it. */
  const status = async (column: Column): Promise<ColumnStatus> => (await value<Board[]>(core, 'board.list', { workspaceId: ws.id })).flatMap((b) => b.columns).find((c) => c.id === column.id)!.status;
  return { ...setup, board, add, refresh, page, status };
}

/** The stand-in alone (the connector's own tests), closed when the test finishes, then checked for violations. */
export async function standIn(options: MastodonStandInOptions = {}) {
  const server = await startMastodonStandIn(options);
  onTestFinished(async () => {
    await server.close();
    server.assertNoViolations();
  });
  return server;
}
