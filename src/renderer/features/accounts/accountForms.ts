/** Small pure helpers of the account dialogs. */
import type { ClientError } from '../../client/types';
import { errorText } from '../../i18n';

/** http(s) URL with a host, as account.connectBluesky's serviceUrl must be. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** "https://mastodon.social/" → "mastodon.social" (what the Instance field shows when reconnecting). */
export function instanceFromServiceUrl(serviceUrl: string): string {
  try {
    return new URL(serviceUrl).host;
  } catch {
    return serviceUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  }
}

/** A self-hosted PDS is worth filling in again; Bluesky's own hosts are found from the handle. */
export function blueskyServiceToPrefill(serviceUrl: string): string {
  const host = instanceFromServiceUrl(serviceUrl).toLowerCase();
  if (!host || host === 'bsky.social' || host.endsWith('.bsky.network') || host.endsWith('.bsky.social')) return '';
  return serviceUrl;
}

/** Codes about Tribune itself (vault, disk, connection): their translated sentence says it best. */
const OWN_CODES = new Set([
  'vault_locked',
  'vault_unavailable',
  'vault_wrong_passphrase',
  'vault_key_mismatch',
  'storage_failed',
  'disconnected',
  'unknown_command',
  'authorization_refused',
]);

/**
 * Connecting an account fails for reasons only the network knows (a wrong app password, an
 * instance that does not answer): the core's own sentence is shown for those.
 */
export function accountErrorText(error: ClientError): string {
  if (OWN_CODES.has(error.code) || !error.message.trim()) return errorText(error);
  return error.message;
}
