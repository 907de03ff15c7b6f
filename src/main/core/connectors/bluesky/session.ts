/** What Tribune keeps in the vault for a Bluesky account: the atproto session and where it lives. */
import type { AtpSessionData } from '@atproto/api';
import { z } from 'zod';

export const StoredSession = z.object({
  v: z.literal(1),
  /** Where the session was created and is refreshed (the PDS, or an entryway such as bsky.social). */
  service: z.string(),
  /** The PDS named in the account's DID document, when it differs from `service`. */
  pdsUrl: z.string().nullable(),
  session: z.object({
    did: z.string(),
    handle: z.string(),
    accessJwt: z.string(),
    refreshJwt: z.string(),
    email: z.string().optional(),
    emailConfirmed: z.boolean().optional(),
    emailAuthFactor: z.boolean().optional(),
    active: z.boolean(),
    status: z.string().optional(),
  }),
});
export type StoredSession = z.infer<typeof StoredSession>;

export function serializeSession(service: string, pdsUrl: URL | string | undefined | null, session: AtpSessionData): string {
  const value: StoredSession = {
    v: 1,
    service,
    pdsUrl: pdsUrl ? new URL(pdsUrl).origin : null,
    session: {
      did: session.did,
      handle: session.handle,
      accessJwt: session.accessJwt,
      refreshJwt: session.refreshJwt,
      ...(session.email !== undefined ? { email: session.email } : {}),
      ...(session.emailConfirmed !== undefined ? { emailConfirmed: session.emailConfirmed } : {}),
      ...(session.emailAuthFactor !== undefined ? { emailAuthFactor: session.emailAuthFactor } : {}),
      active: session.active,
      ...(session.status !== undefined ? { status: session.status } : {}),
    },
  };
  return JSON.stringify(value);
}

/** The stored session, or null when the value is missing or unreadable (the account then needs reconnecting). */
export function parseSession(value: string | null): StoredSession | null {
  if (value === null) return null;
  try {
    const parsed = StoredSession.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A PDS address as typed ("bsky.social", "https://pds.example.org/") → its origin. */
export function normalizeServiceUrl(input: string): string {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`"${input}" is not a server address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${input}" is not an http(s) server address.`);
  return url.origin;
}
