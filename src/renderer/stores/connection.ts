import { create } from 'zustand';
import type { ConnectionState } from '../client';

interface ConnectionStore {
  state: ConnectionState;
  host: 'desktop' | 'web';
  /** Set once the connection was lost at least once (so "back online" can refresh). */
  wasOffline: boolean;
  /** The computer's own network (the page's online/offline events): the board's offline banner. */
  networkOnline: boolean;
}

export const useConnection = create<ConnectionStore>(() => ({
  state: 'connecting',
  host: 'web',
  wasOffline: false,
  networkOnline: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
}));
