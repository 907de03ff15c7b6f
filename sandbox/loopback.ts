/**
 * Forces servers onto 127.0.0.1 while something starts.
 *
 * @atproto/dev-env's servers call `listen(port)` with no host, which binds every interface.
 * While `forceLoopback()` is active, `net.Server.prototype.listen` (and so http, express,
 * ws servers) is wrapped: a listen with no host, or with a wildcard host ('0.0.0.0', '::',
 * ''), binds 127.0.0.1 instead. Listens on a pipe/Unix path, an fd or a handle, and on an
 * explicit non-wildcard host, are left alone. Every server that listened is recorded.
 */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '::0', '0:0:0:0:0:0:0:0']);

type Listen = (this: net.Server, ...args: unknown[]) => net.Server;

let original: Listen | undefined;
let active = 0;
const recorders = new Set<(server: net.Server) => void>();

function isPortLike(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

function isHostLike(value: unknown): value is string {
  return typeof value === 'string';
}

/** The listen arguments with the host forced to 127.0.0.1 where it was missing or a wildcard. */
export function loopbackListenArgs(args: readonly unknown[]): unknown[] {
  const [first, second, ...rest] = args;
  // listen() / listen(callback)
  if (args.length === 0 || typeof first === 'function') return [0, LOOPBACK, ...args];
  // listen(undefined | null, ...)
  if (first === undefined || first === null) return loopbackListenArgs([0, ...args.slice(1)]);
  // listen(port, [host], [backlog], [callback])
  if (isPortLike(first)) {
    if (isHostLike(second)) return WILDCARD_HOSTS.has(second) ? [first, LOOPBACK, ...rest] : [...args];
    return [first, LOOPBACK, ...args.slice(1)];
  }
  // listen(options, [callback])
  if (typeof first === 'object' && !(first instanceof net.Server)) {
    const options = first as Record<string, unknown>;
    const isPathOrHandle = options.path !== undefined || options.fd !== undefined || options.handle !== undefined || '_handle' in options;
    if (isPathOrHandle) return [...args];
    const host = options.host;
    if (host === undefined || host === null || (typeof host === 'string' && WILDCARD_HOSTS.has(host))) {
      return [{ ...options, host: LOOPBACK }, ...args.slice(1)];
    }
  }
  // listen(path) / listen(handle) / explicit host
  return [...args];
}

/**
 * Starts forcing listens onto 127.0.0.1; `record` (optional) sees every server that listens
 * while active. Returns a function that stops (nesting is counted).
 */
export function forceLoopback(record?: (server: net.Server) => void): () => void {
  if (active++ === 0) {
    const prototype = net.Server.prototype as unknown as { listen: Listen };
    const originalListen = prototype.listen;
    original = originalListen;
    prototype.listen = function listen(this: net.Server, ...args: unknown[]): net.Server {
      for (const r of recorders) r(this);
      return originalListen.apply(this, loopbackListenArgs(args));
    };
  }
  if (record) recorders.add(record);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (record) recorders.delete(record);
    if (--active === 0 && original) {
      (net.Server.prototype as unknown as { listen: Listen }).listen = original;
      original = undefined;
    }
  };
}
