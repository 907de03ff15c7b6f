/**
 * Shared set-up of the end-to-end specs on a real local Bluesky network: the network and its
 * accounts (each with an app password for Tribune) made once per spec file; a brand and its
 * community that the host reads (its PLC and AppView); and the wall-clock helper that picks a
 * whole minute to schedule a post at.
 */
import { AtpAgent } from '@atproto/api';
import { startBlueskyNetwork, type BlueskyAccount, type BlueskyNetwork } from '../../helpers/bluesky';
import { hostFixture, test } from '../fixtures';

export interface LocalAccount {
  handle: string;
  appPassword: string;
  did: string;
}

export interface LocalBluesky {
  network: BlueskyNetwork;
  accounts: LocalAccount[];
}

/** Starts the network before the file's tests and stops it after; the value is filled in beforeAll. */
export function useLocalBluesky(handles: readonly string[]): LocalBluesky {
  const local = { accounts: [] as LocalAccount[] } as unknown as LocalBluesky;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    local.network = await startBlueskyNetwork();
    for (const handle of handles) {
      const account = await local.network.createAccount(handle);
      local.accounts.push({ handle, did: account.did, appPassword: await local.network.createAppPassword(account, 'tribune') });
    }
  });
  test.afterAll(async () => {
    await local.network?.close();
  });
  return local;
}

/** The next whole minute at least `ahead` ms away, as the zone's wall clock shows it. */
export function nextMinuteIn(zone: string, ahead: number): { date: string; time: string; at: number } {
  const at = Math.ceil((Date.now() + ahead) / 60_000) * 60_000;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, at };
}

export interface BlueskyCommunity {
  network: BlueskyNetwork;
  /** Each account by handle, logged in with its own agent to act for it. */
  people: Record<string, BlueskyAccount & { agent: AtpAgent }>;
  /** The brand's (the first handle's) app password for Tribune. */
  appPassword: string;
  /** The brand's first post, indexed by the AppView. */
  brandPost: { uri: string; cid: string };
}

/**
 * A network made once for the spec file, with the brand (the first handle) and its community;
 * the `test` returned gives each test a host that reads this network (its PLC and AppView), as
 * the sandbox does. The values are filled in beforeAll.
 */
export function useBlueskyCommunity(handles: readonly string[], brandPostText: string) {
  const community = { people: {} } as BlueskyCommunity;
  const spec = test.extend({ host: hostFixture(() => ['--plc-url', community.network.plcUrl, '--appview-url', community.network.appviewUrl]) });
  spec.beforeAll(async () => {
    spec.setTimeout(240_000);
    community.network = await startBlueskyNetwork();
    for (const handle of handles) {
      const account = await community.network.createAccount(handle);
      const agent = new AtpAgent({ service: community.network.pdsUrl });
      await agent.login({ identifier: handle, password: account.password });
      community.people[handle] = { ...account, agent };
    }
    const brand = community.people[handles[0]!]!;
    community.appPassword = await community.network.createAppPassword(brand, 'tribune');
    const made = await brand.agent.post({ text: brandPostText, createdAt: new Date().toISOString() });
    community.brandPost = { uri: made.uri, cid: made.cid };
    await community.network.processAll();
  });
  spec.afterAll(async () => {
    await community.network?.close();
  });
  return { test: spec, community };
}
