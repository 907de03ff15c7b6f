/**
 * The renderer's only door to the core: one closed object, window.tribune, built
 * from the contract. Runs sandboxed; never hands out ipcRenderer or its events.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { TribuneBridge } from '../../shared/contract';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, isCommandName, isEventName, type EventName } from '../../shared/contract-names';
import { fail, type Result } from '../../shared/result';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (!isEventName(event)) return;
  for (const listener of [...(listeners.get(event) ?? [])]) {
    try {
      listener(payload);
    } catch (error) {
      // One broken listener must not starve the others.
      console.error(`[tribune] a listener of ${event} threw`, error);
    }
  }
});

const bridge = {
  async invoke(command, input) {
    if (!isCommandName(command)) return fail('unknown_command', `Unknown command: ${String(command).slice(0, 64)}`);
    try {
      return (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, command, input)) as Result<unknown>;
    } catch (error) {
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event).slice(0, 64)}`);
    if (typeof listener !== 'function') throw new Error('A listener must be a function');
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    // Wrapped so that unsubscribing twice, or subscribing the same function twice, stays exact.
    const entry = (payload: unknown) => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
} satisfies TribuneBridge;

contextBridge.exposeInMainWorld('tribune', Object.freeze(bridge));
