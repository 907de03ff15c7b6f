/**
 * The shell tells the core when the computer's connection comes back (Electron's net.isOnline,
 * checked every few seconds: Electron has no event for it in the main process), so posts that
 * waited for the network go at once, even with no window open. Windows also report the page's
 * online event through the contract (app.networkChanged).
 */
import { net } from 'electron';
import type { Core } from '../core/types';

export const NETWORK_POLL_MS = 5_000;

export function watchNetwork(core: Pick<Core, 'wake'>, intervalMs = NETWORK_POLL_MS): () => void {
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) core.wake('online');
    online = now;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
