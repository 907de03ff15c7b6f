import { create } from 'zustand';
import type { Account } from '../../shared/domain';
import type { Capabilities } from '../../shared/publishing';
import { getClient, type ClientError, type ClientResult } from '../client';
import { defaultCapabilities } from '../../shared/rules';

interface AccountStore {
  byWorkspace: Record<string, Account[]>;
  errors: Record<string, ClientError | undefined>;
  /** What each account's network (or instance) accepts, asked once per account. */
  capabilities: Record<string, Capabilities | undefined>;
  load(workspaceId: string): Promise<void>;
  loadCapabilities(account: Pick<Account, 'id'>): Promise<void>;
  /** Puts a newly connected (or reconnected) account in its workspace's list. */
  upsert(account: Account): void;
  remove(account: Account, deleteHistory: boolean): Promise<ClientResult<unknown>>;
}

const asking = new Set<string>();

export const useAccounts = create<AccountStore>((set, get) => ({
  byWorkspace: {},
  errors: {},
  capabilities: {},
  async load(workspaceId) {
    const result = await getClient().invoke('account.list', { workspaceId });
    set((s) =>
      result.ok
        ? { byWorkspace: { ...s.byWorkspace, [workspaceId]: result.value }, errors: { ...s.errors, [workspaceId]: undefined } }
        : { errors: { ...s.errors, [workspaceId]: result.error } },
    );
  },
  async loadCapabilities({ id }) {
    if (get().capabilities[id] || asking.has(id)) return;
    asking.add(id);
    try {
      const result = await getClient().invoke('account.capabilities', { id });
      if (result.ok) set((s) => ({ capabilities: { ...s.capabilities, [id]: result.value } }));
    } finally {
      asking.delete(id);
    }
  },
  upsert(account) {
    set((s) => {
      const list = s.byWorkspace[account.workspaceId] ?? [];
      const next = list.some((a) => a.id === account.id) ? list.map((a) => (a.id === account.id ? account : a)) : [...list, account];
      // A reconnection may change what the account can do: ask again.
      const { [account.id]: _dropped, ...capabilities } = s.capabilities;
      return { byWorkspace: { ...s.byWorkspace, [account.workspaceId]: next }, capabilities };
    });
  },
  async remove(account, deleteHistory) {
    const result = await getClient().invoke('account.remove', { id: account.id, deleteHistory });
    if (result.ok) {
      set((s) => ({
        byWorkspace: { ...s.byWorkspace, [account.workspaceId]: (s.byWorkspace[account.workspaceId] ?? []).filter((a) => a.id !== account.id) },
      }));
    }
    return result;
  },
}));

/** The account's capabilities, or the network's usual ones until the core answered. */
export function capabilitiesOf(account: Account, known: Record<string, Capabilities | undefined>): Capabilities {
  return known[account.id] ?? defaultCapabilities(account.network);
}
