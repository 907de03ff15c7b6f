/**
 * What a Mastodon token is worth: verify_credentials (does it still work, whose is it, named as
 * other servers name them) and its revocation when the account is removed.
 */
import { createOAuthAPIClient, createRestAPIClient } from 'masto';
import { readInstance } from './capabilities';
import { DEFAULT_TIMEOUT_MS, fromMastoError } from './http';
import { normalizeInstanceUrl } from './instance-url';

export interface VerifiedAccount {
  remoteId: string;
  /** user@handle-domain: the instance's own domain (v2 `domain`, v1 `uri`), else the API host. */
  handle: string;
  displayName: string;
  avatarUrl: string | null;
}

async function credentials(base: string, accessToken: string, timeoutMs: number) {
  try {
    return await createRestAPIClient({ url: base, accessToken, timeout: timeoutMs }).v1.accounts.verifyCredentials();
  } catch (error) {
    throw fromMastoError(base, error);
  }
}

/** GET /api/v1/accounts/verify_credentials: whether the token still works. Throws PublishError (401: reconnectNeeded). */
export async function checkToken(instanceUrl: string, accessToken: string, opts: { timeoutMs?: number } = {}): Promise<void> {
  await credentials(normalizeInstanceUrl(instanceUrl), accessToken, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/**
 * Who the token belongs to, named as other servers name them: the handle domain comes from the
 * instance document, because a server's handles may live on another domain than its API
 * (Mastodon's LOCAL_DOMAIN vs WEB_DOMAIN). Throws PublishError (401: reconnectNeeded).
 */
export async function verifyAccount(instanceUrl: string, accessToken: string, opts: { timeoutMs?: number } = {}): Promise<VerifiedAccount> {
  const base = normalizeInstanceUrl(instanceUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const [me, instance] = await Promise.all([credentials(base, accessToken, timeoutMs), readInstance(base, { timeoutMs })]);
  const domain = instance.domain ?? new URL(base).host;
  return {
    remoteId: me.id,
    handle: me.acct.includes('@') ? me.acct : `${me.username}@${domain}`,
    displayName: me.displayName || me.username,
    avatarUrl: me.avatar || null,
  };
}

/** POST /oauth/revoke. */
export async function revokeToken(instanceUrl: string, opts: { clientId: string; clientSecret: string; token: string; timeoutMs?: number }): Promise<void> {
  const base = normalizeInstanceUrl(instanceUrl);
  try {
    await createOAuthAPIClient({ url: base, timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS }).revoke({
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      token: opts.token,
    });
  } catch (error) {
    throw fromMastoError(base, error);
  }
}
