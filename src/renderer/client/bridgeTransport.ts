import type { TribuneBridge } from '../../shared/contract';
import type { Transport } from './types';

/** The desktop transport: the preload's window.tribune, always connected. */
export function createBridgeTransport(bridge: TribuneBridge): Transport {
  return {
    host: 'desktop',
    invoke: (command, input) => bridge.invoke(command, input),
    on: (event, listener) => bridge.on(event, listener),
    connectionState: () => 'online',
    onConnectionState: () => () => {},
  };
}

/** A transport with nowhere to go (web page opened without its token). */
export function createUnreachableTransport(): Transport {
  return {
    host: 'web',
    invoke: async () => ({ ok: false, error: { code: 'internal', message: 'No access token: open the address printed by the Tribune host.' } }),
    on: () => () => {},
    connectionState: () => 'no_token',
    onConnectionState: () => () => {},
  };
}
