/**
 * The preload is the renderer's only door: one closed object, shaped by the
 * contract. Electron is replaced by a recorder (its binary cannot run here).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type TribuneBridge } from '../../src/shared/contract';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const channelListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    exposed,
    channelListeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'from main' })),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => channelListeners.set(channel, listener),
      send: vi.fn(),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: TribuneBridge;
/** What main's webContents.send(IPC_EVENT_CHANNEL, message) looks like on this side. */
const fromMain = (message: unknown) => electron.channelListeners.get(IPC_EVENT_CHANNEL)?.({ sender: 'ipcRenderer', ports: [] }, message);

beforeAll(async () => {
  await import('../../src/main/desktop/preload');
  bridge = electron.exposed.get('tribune') as TribuneBridge;
});

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear();
});

describe('window.tribune', () => {
  it('is the only thing exposed, a frozen object with invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['tribune']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('never hands out ipcRenderer', () => {
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });
});

describe('invoke', () => {
  it('sends a contract command on the one invoke channel and returns main’s answer', async () => {
    await expect(bridge.invoke('draft.get', { id: 'x' })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'draft.get', { id: 'x' });
  });

  it.each(['nope', 'constructor', '__proto__', 'toString', '', 42, null])('refuses %j locally without calling main', async (name) => {
    const result = await bridge.invoke(name as never, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a refusal from main into a typed failure instead of a rejection', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('Refused: this message was not sent by the Tribune app'));
    await expect(bridge.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal', message: /Refused/ } });
  });
});

describe('on', () => {
  it('delivers the payload alone, never the IPC event object', () => {
    const listener = vi.fn();
    const off = bridge.on('drafts.changed', listener);
    fromMain({ event: 'drafts.changed', payload: { workspaceId: 'w1' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ workspaceId: 'w1' }]);
    off();
  });

  it('only delivers the event subscribed to', () => {
    const listener = vi.fn();
    const off = bridge.on('vault.changed', listener);
    fromMain({ event: 'drafts.changed', payload: {} });
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('stops after unsubscribe, and unsubscribing twice is harmless', () => {
    const listener = vi.fn();
    const off = bridge.on('workspaces.changed', listener);
    off();
    off();
    fromMain({ event: 'workspaces.changed', payload: {} });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps two subscriptions of the same function apart', () => {
    const listener = vi.fn();
    const offFirst = bridge.on('accounts.changed', listener);
    const offSecond = bridge.on('accounts.changed', listener);
    offFirst();
    fromMain({ event: 'accounts.changed', payload: { workspaceId: 'w' } });
    expect(listener).toHaveBeenCalledTimes(1);
    offSecond();
  });

  it.each(['nope', 'constructor', '__proto__', ''])('refuses to subscribe to %j', (name) => {
    expect(() => bridge.on(name as never, () => {})).toThrow(/Unknown event/);
  });

  it('ignores messages that are not contract events', () => {
    const listener = vi.fn();
    const off = bridge.on('drafts.changed', listener);
    for (const message of [null, 'drafts.changed', { event: 'nope', payload: {} }, { event: '__proto__' }, { payload: {} }]) fromMain(message);
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('keeps delivering to the other listeners when one throws', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    const offBad = bridge.on('drafts.changed', () => {
      throw new Error('boom');
    });
    const offGood = bridge.on('drafts.changed', after);
    fromMain({ event: 'drafts.changed', payload: { workspaceId: 'w' } });
    expect(after).toHaveBeenCalledTimes(1);
    offBad();
    offGood();
    quiet.mockRestore();
  });
});
