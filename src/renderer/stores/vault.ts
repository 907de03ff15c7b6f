import { create } from 'zustand';
import type { VaultStatus } from '../../shared/domain';
import { getClient, type ClientResult } from '../client';

interface VaultStore {
  status: VaultStatus | null;
  load(): Promise<void>;
  set(status: VaultStatus): void;
  setupPassphrase(passphrase: string): Promise<ClientResult<VaultStatus>>;
  unlock(passphrase: string): Promise<ClientResult<VaultStatus>>;
  storeKeyUnprotected(): Promise<ClientResult<VaultStatus>>;
}

export const useVault = create<VaultStore>((set) => {
  const apply = (result: ClientResult<VaultStatus>) => {
    if (result.ok) set({ status: result.value });
    return result;
  };
  return {
    status: null,
    async load() {
      const result = await getClient().invoke('vault.status', {});
      if (result.ok) set({ status: result.value });
    },
    set: (status) => set({ status }),
    setupPassphrase: async (passphrase) => apply(await getClient().invoke('vault.setupPassphrase', { passphrase })),
    unlock: async (passphrase) => apply(await getClient().invoke('vault.unlock', { passphrase })),
    storeKeyUnprotected: async () => apply(await getClient().invoke('vault.useUnprotectedKey', { acknowledgeRisk: true })),
  };
});
