/**
 * The desktop shell reports the connection coming back to the core. Electron is replaced by a
 * stand-in module (its binary cannot run here): net.isOnline answers what the test says.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ online: true }));
vi.mock('electron', () => ({ net: { isOnline: () => electron.online } }));

const { watchNetwork, NETWORK_POLL_MS } = await import('../../src/main/desktop/network');

afterEach(() => {
  vi.useRealTimers();
  electron.online = true;
});

describe('desktop shell: network changes', () => {
  it('wakes the core with "online" when the connection comes back, once per return', () => {
    vi.useFakeTimers();
    const wakes: string[] = [];
    const stop = watchNetwork({ wake: (reason) => wakes.push(reason) });
    vi.advanceTimersByTime(NETWORK_POLL_MS * 3);
    expect(wakes).toEqual([]); // online all along: nothing to report

    electron.online = false;
    vi.advanceTimersByTime(NETWORK_POLL_MS * 2);
    expect(wakes).toEqual([]);
    electron.online = true;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    expect(wakes).toEqual(['online']);
    vi.advanceTimersByTime(NETWORK_POLL_MS * 3);
    expect(wakes).toEqual(['online']);

    stop();
    electron.online = false;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    electron.online = true;
    vi.advanceTimersByTime(NETWORK_POLL_MS);
    expect(wakes).toEqual(['online']);
  });

  it('started offline, the first connection counts as a return', () => {
    vi.useFakeTimers();
    electron.online = false;
    const wakes: string[] = [];
    const stop = watchNetwork({ wake: (reason) => wakes.push(reason) }, 1_000);
    electron.online = true;
    vi.advanceTimersByTime(1_000);
    expect(wakes).toEqual(['online']);
    stop();
  });
});
