import type { TribuneBridge } from '../../shared/contract';
import { createBridgeTransport, createUnreachableTransport } from './bridgeTransport';
import { createSocketTransport, type SocketLike } from './socketTransport';
import { resolveWebToken, rpcUrl } from './token';
import { createTypedClient } from './typedClient';
import { bridgeUploader, httpUploader, type MediaUploader } from './upload';
import type { TribuneClient } from './types';

export type { MediaUploader, UploadRequest } from './upload';
export type { ClientError, ClientResult, CommandClientResult, ConnectionState, TribuneClient } from './types';

declare global {
  interface Window {
    tribune?: TribuneBridge;
  }
}

let client: TribuneClient | null = null;
let uploader: MediaUploader | null = null;

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The one client of the core: the preload bridge on desktop, a WebSocket on the web host. */
export function getClient(): TribuneClient {
  if (client) return client;
  if (window.tribune) {
    client = createTypedClient(createBridgeTransport(window.tribune));
    return client;
  }
  const token = resolveWebToken(window.location.hash, safeSessionStorage());
  client = createTypedClient(
    token
      ? createSocketTransport({ url: rpcUrl(window.location, token), connect: (url) => new WebSocket(url) as unknown as SocketLike })
      : createUnreachableTransport(),
  );
  return client;
}

/** How image files reach the core: media.import over the bridge, the upload route in the browser. */
export function getMediaUploader(): MediaUploader {
  if (uploader) return uploader;
  const token = window.tribune ? null : resolveWebToken(window.location.hash, safeSessionStorage());
  uploader = token ? httpUploader(window.location.origin, token) : bridgeUploader(getClient());
  return uploader;
}

/** Lets tests and stories install a client of their own (and its uploader: media.import by default). */
export function setClient(next: TribuneClient, nextUploader?: MediaUploader): void {
  client = next;
  uploader = nextUploader ?? bridgeUploader(next);
}
