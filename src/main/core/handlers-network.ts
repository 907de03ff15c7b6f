/** Commands about the networks themselves: the connection coming back. */
import { defineHandlers } from './handler-types';

export interface NetworkHandlerDeps {
  /** The connection may be back: parked posts go now, accounts not checked lately are checked. */
  online: () => void;
}

export function createNetworkHandlers(d: NetworkHandlerDeps) {
  return defineHandlers({
    'app.networkChanged': ({ online }) => {
      if (online) d.online();
      return { done: true as const };
    },
  });
}
