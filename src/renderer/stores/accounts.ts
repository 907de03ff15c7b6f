import { create } from 'zustand';
import type { Account } from '../../shared/domain';
import { getClient, type ClientError } from '../client';

interface AccountStore {
  byWorkspace: Record<string, Account[]>;
  errors: Record<string, ClientError | undefined>;
  load(workspaceId: string): Promise<void>;
}

export const useAccounts = create<AccountStore>((set) => ({
  byWorkspace: {},
  errors: {},
  async load(workspaceId) {
    const result = await getClient().invoke('account.list', { workspaceId });
    set((s) =>
      result.ok
        ? { byWorkspace: { ...s.byWorkspace, [workspaceId]: result.value }, errors: { ...s.errors, [workspaceId]: undefined } }
        : { errors: { ...s.errors, [workspaceId]: result.error } },
    );
  },
}));
