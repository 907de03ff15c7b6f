/** Connecting a Bluesky account with its handle (or email) and an app password. */
import { Agent, CredentialSession, XRPCError, type AtpSessionData } from '@atproto/api';
import { IdentityError, isDid, resolvePds, type IdentityResolverOptions } from './identity';
import { normalizeServiceUrl, serializeSession } from './session';
import { withTimeout } from './account-session';

/** Where accounts whose server cannot be found from the identifier (an email) sign in. */
export const DEFAULT_SERVICE = 'https://bsky.social';

export interface BlueskyLoginOptions {
  /** Handle ("@alice.bsky.social" or "alice.bsky.social"), DID, or the account's email. */
  identifier: string;
  appPassword: string;
  /** PDS URL (self-hosted). When absent: handle → DID → PDS from the DID document (PLC or did:web). */
  service?: string;
  /** PLC directory used for did:plc (default https://plc.directory; tests pass the local one). */
  plcUrl?: string;
  /** How handles are resolved (DNS and fetch); tests route them to 127.0.0.1. */
  resolver?: Omit<IdentityResolverOptions, 'plcUrl'>;
  /** fetch used for the PDS itself (default: global fetch). */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export interface BlueskyProfile {
  did: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  /** Where the session is created and refreshed: the PDS (or entryway) the connector talks to. */
  serviceUrl: string;
}

export interface BlueskyLoginResult {
  profile: BlueskyProfile;
  /** JSON for the vault; give it back to the connector through its SecretsPort. */
  session: string;
}

const APP_PASSWORD_HINT =
  'Use an app password (Bluesky: Settings → Privacy and security → App passwords) rather than your main password.';

function loginErrorMessage(err: unknown, service: string): string {
  if (err instanceof XRPCError) {
    if (err.error === 'AuthFactorTokenRequired') {
      return `This Bluesky account asks for a code sent by email when signing in with its main password. ${APP_PASSWORD_HINT}`;
    }
    if (err.error === 'AccountTakedown') return `Bluesky has suspended this account: ${err.message}`;
    if (err.status === 401 || err.error === 'AuthenticationRequired') {
      return `Bluesky refused this handle and app password. Check both (an app password looks like xxxx-xxxx-xxxx-xxxx). ${APP_PASSWORD_HINT}`;
    }
    if (err.status === 429) return `Bluesky refuses new sign-ins for now (too many attempts). Try again in a few minutes.`;
    if (err.status !== 1 && err.status !== 2) return `Bluesky (${new URL(service).host}) refused the sign-in: ${err.message}`;
  }
  const cause = (err as { cause?: unknown })?.cause;
  const detail = cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err);
  return `Could not reach the Bluesky server ${new URL(service).host}: ${detail}`;
}

/**
 * Signs in and returns the account's profile and the session to keep in the vault.
 * Throws an Error whose message can be shown as is.
 */
export async function loginBluesky(opts: BlueskyLoginOptions): Promise<BlueskyLoginResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let identifier = opts.identifier.trim();
  if (identifier.startsWith('@')) identifier = identifier.slice(1);
  const isEmail = identifier.includes('@');
  if (!isEmail && !isDid(identifier)) identifier = identifier.toLowerCase();
  if (!identifier) throw new Error('Enter the account’s handle or email.');
  if (!opts.appPassword) throw new Error(`Enter an app password. ${APP_PASSWORD_HINT}`);

  let service: string;
  if (opts.service && opts.service.trim()) {
    service = normalizeServiceUrl(opts.service);
  } else if (isEmail) {
    service = DEFAULT_SERVICE;
  } else {
    try {
      const resolverOptions: IdentityResolverOptions = { ...opts.resolver, timeoutMs: Math.min(timeoutMs, opts.resolver?.timeoutMs ?? 10_000) };
      if (opts.plcUrl) resolverOptions.plcUrl = opts.plcUrl;
      service = (await resolvePds(identifier, resolverOptions)).pdsUrl;
    } catch (err) {
      if (err instanceof IdentityError) throw new Error(err.message, { cause: err });
      throw err;
    }
  }

  let latest: AtpSessionData | undefined;
  const credentials = new CredentialSession(new URL(service), withTimeout(opts.fetch ?? globalThis.fetch, timeoutMs), (_event, session) => {
    if (session) latest = session;
  });
  try {
    await credentials.login({ identifier, password: opts.appPassword });
  } catch (err) {
    throw new Error(loginErrorMessage(err, service), { cause: err });
  }
  const session = latest ?? credentials.session;
  if (!session) throw new Error('Bluesky accepted the sign-in but returned no session.');

  const agent = new Agent(credentials);
  let displayName = '';
  let avatarUrl: string | null = null;
  let handle = session.handle;
  try {
    // Proxied by the PDS to its AppView; a brand-new account may not be indexed yet.
    const { data } = await agent.app.bsky.actor.getProfile({ actor: session.did });
    displayName = data.displayName?.trim() ?? '';
    avatarUrl = data.avatar ?? null;
    if (data.handle && data.handle !== 'handle.invalid') handle = data.handle;
  } catch {
    // The profile is cosmetic: the session is what matters.
  }

  return {
    profile: { did: session.did, handle, displayName: displayName || handle, avatarUrl, serviceUrl: service },
    session: serializeSession(service, credentials.pdsUrl, credentials.session ?? session),
  };
}
