import { isEventName, type CommandName, type EventName } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { realTimers, type Timers } from '../lib/timers';
import { disconnectedError, type ConnectionState, type Transport } from './types';

/** The part of the browser's WebSocket this transport uses (a fake one in tests). */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface SocketTransportOptions {
  url: string;
  connect: (url: string) => SocketLike;
  timers?: Timers;
  /** Delay before reconnect attempt n (0-based). */
  backoff?: (attempt: number) => number;
  /** How long a request may wait for the connection before it fails. */
  offlineTimeoutMs?: number;
}

/** Exponential backoff: 250 ms, 500 ms, 1 s, 2 s, then every 4 s. */
export const defaultBackoff = (attempt: number): number => Math.min(250 * 2 ** attempt, 4000);

/**
 * Commands that can be sent again after a connection drop without applying anything
 * twice: reads, and writes keyed by an id the renderer chose (upserts).
 */
export function isSafeToResend(command: CommandName, input: unknown): boolean {
  const has = (key: string) => !!input && typeof input === 'object' && typeof (input as Record<string, unknown>)[key] === 'string';
  // Publishing twice, taking two queue slots, retrying twice or deciding twice must not happen
  // because the connection dropped; nor connecting an account (an app password or a code is used once);
  // nor an image (a message too big for the socket closes it: sent again, it would close it again, forever).
  switch (command) {
    case 'workspace.create':
      return has('id');
    case 'draft.duplicate':
      return has('newId');
    case 'workspace.delete':
    case 'draft.delete':
    case 'draft.restore':
    case 'vault.setupPassphrase':
    case 'vault.useUnprotectedKey':
    case 'post.publishNow':
    case 'post.addToQueue':
    case 'post.retryTarget':
    case 'post.resolveMissed':
    case 'post.cancel':
    case 'account.connectBluesky':
    case 'account.remove':
    case 'media.import':
      return false;
    case 'account.completeMastodon':
      // Waiting for the browser can start again; a pasted code is used once.
      return !has('code');
    default:
      return true;
  }
}

/** The bridge's Result only knows the core's codes; the typed client widens it again. */
const disconnected = (message: string): Result<never> => ({ ok: false, error: disconnectedError(message) as unknown as AppError });

interface Pending {
  id: number;
  command: CommandName;
  input: unknown;
  sent: boolean;
  resolve: (result: Result<unknown>) => void;
  offlineTimer: unknown;
}

/**
 * The web transport: one WebSocket to the host, JSON RpcRequest out, RpcMessage in.
 * When the socket drops it reconnects with backoff. Requests never vanish: unsent ones
 * wait for the connection (up to offlineTimeoutMs); sent-but-unanswered ones are sent
 * again when that is safe, and otherwise fail with a `disconnected` error.
 */
export function createSocketTransport(options: SocketTransportOptions): Transport & { close(): void } {
  const timers = options.timers ?? realTimers;
  const backoff = options.backoff ?? defaultBackoff;
  const offlineTimeoutMs = options.offlineTimeoutMs ?? 15_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: unknown = null;
  let closed = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const settle = (entry: Pending, result: Result<unknown>) => {
    if (!pending.delete(entry.id)) return;
    if (entry.offlineTimer !== null) timers.clearTimeout(entry.offlineTimer);
    entry.resolve(result);
  };

  const fail = (entry: Pending, message: string) => settle(entry, disconnected(message));

  const waitForConnection = (entry: Pending) => {
    entry.sent = false;
    if (entry.offlineTimer !== null) return;
    entry.offlineTimer = timers.setTimeout(() => {
      entry.offlineTimer = null;
      if (!entry.sent) fail(entry, `No connection to Tribune's core: "${entry.command}" could not be sent.`);
    }, offlineTimeoutMs);
  };

  const trySend = (entry: Pending) => {
    if (state !== 'online' || !socket) return waitForConnection(entry);
    try {
      socket.send(JSON.stringify({ id: entry.id, command: entry.command, input: entry.input }));
      entry.sent = true;
      if (entry.offlineTimer !== null) {
        timers.clearTimeout(entry.offlineTimer);
        entry.offlineTimer = null;
      }
    } catch {
      waitForConnection(entry);
    }
  };

  const onMessage = (raw: unknown) => {
    let message: unknown;
    try {
      message = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return;
    }
    if (!message || typeof message !== 'object') return;
    const m = message as { kind?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (m.kind === 'result' && typeof m.id === 'number') {
      const entry = pending.get(m.id);
      if (entry) settle(entry, m.result as Result<unknown>);
    } else if (m.kind === 'event' && isEventName(m.event)) {
      for (const listener of [...(listeners.get(m.event) ?? [])]) {
        try {
          listener(m.payload);
        } catch (error) {
          console.error('[tribune] event listener failed', error);
        }
      }
    }
  };

  const onDrop = (dropped: SocketLike) => {
    if (dropped !== socket) return;
    socket = null;
    for (const entry of [...pending.values()]) {
      if (!entry.sent) continue;
      if (isSafeToResend(entry.command, entry.input)) waitForConnection(entry);
      else fail(entry, `The connection to Tribune's core was lost during "${entry.command}"; it may or may not have been applied.`);
    }
    if (closed) return;
    setState('offline');
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      open();
    }, backoff(attempt++));
  };

  const open = () => {
    if (closed) return;
    let s: SocketLike;
    try {
      s = options.connect(options.url);
    } catch {
      socket = { send() {}, close() {}, onopen: null, onclose: null, onerror: null, onmessage: null };
      onDrop(socket);
      return;
    }
    socket = s;
    s.onopen = () => {
      if (s !== socket) return;
      attempt = 0;
      setState('online');
      for (const entry of [...pending.values()]) if (!entry.sent) trySend(entry);
    };
    s.onmessage = (event) => {
      if (s === socket) onMessage(event.data);
    };
    s.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };
    s.onclose = () => onDrop(s);
  };

  open();

  return {
    host: 'web',
    connectionState: () => state,
    onConnectionState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    invoke(command, input) {
      return new Promise<Result<unknown>>((resolve) => {
        if (closed) {
          resolve(disconnected('The connection was closed.'));
          return;
        }
        const entry: Pending = { id: nextId++, command, input, sent: false, resolve, offlineTimer: null };
        pending.set(entry.id, entry);
        trySend(entry);
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
      const s = socket;
      socket = null;
      s?.close(1000, 'closed');
      for (const entry of [...pending.values()]) fail(entry, 'The connection was closed.');
      setState('offline');
    },
  };
}
