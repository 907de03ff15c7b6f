/** Commands about the networks themselves: the connection coming back, deleting a post from its network. */
import type { PostView } from '../../shared/publishing';
import { defineHandlers } from './handler-types';

export interface NetworkHandlerDeps {
  /** The connection may be back: parked posts go now, accounts not checked lately are checked. */
  online: () => void;
  deleteRemote: (targetId: string) => Promise<PostView>;
}

export function createNetworkHandlers(d: NetworkHandlerDeps) {
  return defineHandlers({
    'app.networkChanged': ({ online }) => {
      if (online) d.online();
      return { done: true as const };
    },
    'post.deleteRemote': ({ targetId }) => d.deleteRemote(targetId),
  });
}
