/**
 * The set-up the integration tests on the local Bluesky network share: a real core (a fresh data
 * folder, the in-memory keychain, no link cards) that resolves handles with the network's PLC and
 * reads its AppView, a workspace "Port-Lumière", the brand's account connected with an app
 * password, and agents logged in as the other accounts to act for them. These suites share one
 * network and one core across their tests (started in beforeAll): the caller closes the core.
 */
import { AtpAgent } from '@atproto/api';
import { openCore } from '../../src/main/core/app';
import type { NetworkOptions } from '../../src/main/core/connectors/types';
import { MemoryKeychain } from '../../src/main/core/vault/memory-keychain';
import type { BlueskyAccount, BlueskyNetwork } from './bluesky';
import { value } from './core';
import { tempDir } from './temp';

/** A core reading the network, with the workspace (no account yet). */
export async function coreOnBluesky(bsky: BlueskyNetwork, network: Partial<NetworkOptions> = {}) {
  const core = await openCore({ dataDir: tempDir(), host: 'web', keychain: new MemoryKeychain(), network: { linkCards: false, plcUrl: bsky.plcUrl, appviewUrl: bsky.appviewUrl, ...network } });
  const workspaceId = (await value<{ id: string }>(core, 'workspace.create', { name: 'Port-Lumière' })).id;
  return { core, workspaceId };
}

/** The same, with `brand` connected through an app password. */
export async function blueskyCore(bsky: BlueskyNetwork, brand: BlueskyAccount, network: Partial<NetworkOptions> = {}) {
  const { core, workspaceId } = await coreOnBluesky(bsky, network);
  const appPassword = await bsky.createAppPassword(brand, 'tribune');
  const accountId = (await value<{ id: string }>(core, 'account.connectBluesky', { workspaceId, identifier: brand.handle, appPassword, serviceUrl: bsky.pdsUrl })).id;
  return { core, workspaceId, accountId };
}

/** An agent logged in as each account, by handle. */
export async function agentsOf(bsky: BlueskyNetwork, accounts: BlueskyAccount[]): Promise<Record<string, AtpAgent>> {
  const agents: Record<string, AtpAgent> = {};
  for (const a of accounts) {
    agents[a.handle] = new AtpAgent({ service: bsky.pdsUrl });
    await agents[a.handle]!.login({ identifier: a.handle, password: a.password });
  }
  return agents;
}
