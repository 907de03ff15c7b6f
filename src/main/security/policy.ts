/**
 * What the app's pages may load, open and ask for. Pure decisions (plus a realpath
 * check on the served folder), shared by the Electron shell and the web host, and
 * never importing electron so that every rule runs under plain Node tests.
 */
import fs from 'node:fs';
import path from 'node:path';

export const APP_PROTOCOL = 'app';
export const APP_HOST = 'tribune';
export const APP_ORIGIN = `${APP_PROTOCOL}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/**
 * Sites a link in the app may open in the system browser, besides the person's own
 * instances. Exact host names: a subdomain is a different site.
 */
export const DEFAULT_EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'bsky.app',
  'bsky.social',
  'atproto.com',
  'docs.bsky.app',
  'joinmastodon.org',
  'docs.joinmastodon.org',
]);

const MAX_URL_LENGTH = 2048;
// Whitespace and control characters are silently dropped or rewritten by URL parsers,
// so a string that holds any is not what it looks like: refuse it outright.
const AMBIGUOUS_CHARACTERS = /[\p{Cc}\p{Cf}\p{Z}\\]/u;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const hasNoUserinfo = (u: URL) => u.username === '' && u.password === '';

/** True for a URL of the app itself (app://tribune/...), the only origin that may talk to the core. */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_PROTOCOL}:` && u.hostname === APP_HOST && u.port === '' && hasNoUserinfo(u);
}

/**
 * An IPC message is trusted only when it comes from the top-level frame of a page of
 * the app: an iframe, or a page that navigated elsewhere, gets nothing.
 */
export function isTrustedSender(frameUrl: unknown, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(frameUrl);
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase();
}

/**
 * The normalised URL to hand to the system browser, or null when the link must not
 * leave the app: https only, no credentials, exact host from the allow-list or from
 * the person's own instances (`instanceHosts`, "host" or "host:port").
 */
export function toAllowedExternalUrl(url: unknown, instanceHosts: ReadonlySet<string> = new Set()): string | null {
  if (typeof url !== 'string' || AMBIGUOUS_CHARACTERS.test(url)) return null;
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || !hasNoUserinfo(u)) return null;
  const host = normaliseHost(u.host);
  const allowed = DEFAULT_EXTERNAL_HOSTS.has(host) || [...instanceHosts].some((h) => normaliseHost(h) === host);
  return allowed ? u.href : null;
}

export function isAllowedExternalUrl(url: unknown, instanceHosts?: ReadonlySet<string>): boolean {
  return toAllowedExternalUrl(url, instanceHosts) !== null;
}

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'deny' }
  | { action: 'deny-and-open-externally'; url: string };

/**
 * For will-navigate, will-redirect and window.open alike: the app's window never
 * loads another document (the renderer routes in memory) and never opens a second
 * window; an allowed https link goes to the system browser instead. Only a
 * same-document move inside the app (a hash change) goes ahead, since it cannot
 * leave the page.
 */
export function decideNavigation(
  targetUrl: unknown,
  instanceHosts?: ReadonlySet<string>,
  options: { sameDocument?: boolean } = {},
): NavigationDecision {
  if (options.sameDocument === true && isAppUrl(targetUrl)) return { action: 'allow' };
  const external = toAllowedExternalUrl(targetUrl, instanceHosts);
  return external === null ? { action: 'deny' } : { action: 'deny-and-open-externally', url: external };
}

/**
 * Every permission is refused except writing plain text to the clipboard ("copy
 * link"), and that only for the app's own top-level page.
 */
export function decidePermission(permission: string, requestingUrl: unknown, isMainFrame: boolean): boolean {
  return permission === 'clipboard-sanitized-write' && isTrustedSender(requestingUrl, isMainFrame);
}

/**
 * Hosts of the person's own Mastodon instances, from handles such as
 * "@alice@social.example" (a Bluesky handle names a person, not a server), and from the
 * address the account was connected at: a server's handle domain may differ from the host
 * that serves its pages (Mastodon's LOCAL_DOMAIN and WEB_DOMAIN).
 */
export function instanceHostsOf(accounts: readonly { network: string; handle: string; serviceUrl?: string }[]): Set<string> {
  const hosts = new Set<string>();
  const add = (candidate: string) => {
    const host = normaliseHost(candidate);
    if (!/^[a-z0-9.-]+(?::\d{1,5})?$/.test(host) || !host.includes('.')) return;
    const u = parse(`https://${host}/`);
    if (u && u.host === host) hosts.add(host);
  };
  for (const account of accounts) {
    if (account.network !== 'mastodon') continue;
    const match = /^@?[^@\s]+@([^@\s]+)$/.exec(account.handle);
    if (match?.[1]) add(match[1]);
    const service = account.serviceUrl ? parse(account.serviceUrl) : null;
    if (service?.protocol === 'https:' && !service.username && !service.password) add(service.host);
  }
  return hosts;
}

// One segment of a served path: letters, digits and a few punctuation marks, never
// starting with a dot (no "..", no hidden files such as .env). Vite's asset names fit.
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._~@+-]*$/;

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Schemes whose requests carry a path into the served folder: app:// (desktop) and the web host's http://127.0.0.1. */
const SERVED_SCHEMES = new Set([`${APP_PROTOCOL}:`, 'http:', 'https:']);

/**
 * The file under `rootDir` that a request may read, or null. Only the path counts:
 * each host checks the origin itself (app://tribune, or the web host's own
 * 127.0.0.1:port). Refuses anything that is not a plain path of safe segments once
 * decoded (traversal with "..", encoded or double-encoded dots and slashes,
 * backslashes, NUL, drive letters, non-ASCII look-alikes), anything that resolves
 * outside the root even through a symbolic link, and anything that is not an
 * existing regular file. "/" serves index.html; other unknown paths are 404s, not
 * the page.
 */
export function resolveAppPath(rootDir: string, requestUrl: unknown): string | null {
  const u = parse(requestUrl);
  if (!u || !SERVED_SCHEMES.has(u.protocol) || !hasNoUserinfo(u)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.slice(1).split('/');
  if (!segments.every((s) => SAFE_SEGMENT.test(s))) return null;

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = fs.realpathSync(rootDir);
    const candidate = path.resolve(realRoot, ...segments);
    if (!isInside(realRoot, candidate)) return null;
    realFile = fs.realpathSync(candidate);
    if (!isInside(realRoot, realFile) || !fs.statSync(realFile).isFile()) return null;
  } catch {
    return null;
  }
  return realFile;
}
