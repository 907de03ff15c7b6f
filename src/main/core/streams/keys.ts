/** Sort keys and image paths: small pure helpers shared by the streams module. */
import { createHash } from 'node:crypto';
import { REMOTE_IMAGE_PATH } from '../../../shared/board/schemas';

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable tie-breaker for entries of the same millisecond. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const pad = (ms: number) => String(Math.max(0, Math.min(Math.floor(ms), 9_999_999_999_999))).padStart(13, '0');

/**
 * Within one millisecond, entries keep the network's own order when their id carries it (a Mastodon
 * id or a `notification:<id>`, which grow with time; a Bluesky record key, a sortable TID), so
 * "read up to here" sends the newest one; other keys fall back to a stable hash.
 */
export function tieBreaker(remoteKey: string): string {
  const last = remoteKey.slice(Math.max(remoteKey.lastIndexOf('/'), remoteKey.lastIndexOf(':')) + 1);
  if (/^[0-9]{1,20}$/.test(last)) return `n${last.padStart(20, '0')}`;
  if (/^[2-7a-z]{13}$/.test(last)) return `t${last}`;
  return `h${shortHash(remoteKey)}`;
}

/** Entries sort newest first by this key; it is also the cursor the renderer pages with. */
export const sortKey = (at: number, remoteKey: string): string => `${pad(at)}.${tieBreaker(remoteKey)}`;
/** A gap sorts just below the oldest entry of the page that could not reach the known ones. */
export const gapSortKey = (at: number, gapId: string): string => `${pad(at)}.!${gapId.slice(0, 8)}`;

/** The key of a remote image in the disk cache. */
export const imageKey = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 40);
/** Same-origin path the hosts serve (desktop app:// protocol, web host route): never a remote address. */
export const REMOTE_IMAGE_PREFIX = REMOTE_IMAGE_PATH;
export const imagePath = (url: string | null): string | null => (url ? `${REMOTE_IMAGE_PREFIX}${imageKey(url)}` : null);
