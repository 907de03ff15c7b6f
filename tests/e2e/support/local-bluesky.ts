/**
 * Shared set-up of the end-to-end specs that publish to a real local Bluesky network: the
 * network and its accounts (each with an app password for Tribune) made once per spec file,
 * and the wall-clock helper that picks a whole minute to schedule a post at.
 */
import { startBlueskyNetwork, type BlueskyNetwork } from '../../helpers/bluesky';
import { test } from '../fixtures';

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
