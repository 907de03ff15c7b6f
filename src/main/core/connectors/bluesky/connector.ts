/**
 * The Bluesky connector: one account's session (account-session.ts: resumed from the vault,
 * refreshed by itself, the reconnect state), publishing through its PDS exactly once
 * (publish.ts, embeds.ts), the board's reads (read.ts) and moderation (moderate.ts) with the
 * same session, and deleting a post, checking the session and revoking it.
 *
 * A refused session puts the account in the reconnect state: publish throws PublishError with
 * reconnectNeeded, health() answers 'reconnect_needed', and nothing is retried with that
 * session until the vault holds a different one (after the person reconnects).
 */
import { AtUri } from '@atproto/api';
import type { AccountHealth } from '../../../../shared/domain';
import type { Capabilities } from '../../../../shared/publishing';
import { BLUESKY_DEFAULTS, defaultCapabilities } from '../../../../shared/rules/capabilities';
import type { Reader } from '../reader';
import { PublishError, type Connector, type PublishInput, type RemotePart, type SecretsPort } from '../types';
import { BlueskySession } from './account-session';
import { refusal } from './errors';
import type { LinkCardFetcher } from './linkcard';
import { createBlueskyModerator } from './moderate';
import { BlueskyPublisher, POST_COLLECTION, validateForBluesky } from './publish';
import { createBlueskyReader } from './read';

export const MAX_IMAGE_BYTES = BLUESKY_DEFAULTS.maxImageBytes;
/** What Bluesky accepts: the shared defaults (a PDS announces no limits of its own). */
export const BLUESKY_CAPABILITIES: Capabilities = defaultCapabilities('bluesky');

export interface BlueskyConnectorOptions {
  accountId: string;
  /** Where the session is refreshed (the login's `service`, kept with the account). */
  serviceUrl: string;
  /** An AppView for reads (tests point it at the local one); publishing only talks to the PDS. */
  appviewUrl?: string;
  /** Bluesky's chat service DID for direct messages (default did:web:api.bsky.chat). */
  chatDid?: string;
  secrets: SecretsPort;
  /** Reads a link's card; absent: no cards. A failure (offline, timeout, no metadata) just skips the card. */
  fetchLinkCard?: LinkCardFetcher;
  /** Called once when the account enters the reconnect state. */
  onReconnectNeeded?: () => void;
  /** Per request (default 30 s; uploads of images are requests too). */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export function createBlueskyConnector(opts: BlueskyConnectorOptions): Connector {
  return new BlueskyConnector(opts);
}

class BlueskyConnector implements Connector {
  readonly network = 'bluesky' as const;
  readonly accountId: string;
  private readonly session: BlueskySession;
  private readonly publisher: BlueskyPublisher;

  /** The board's reads and actions (read.ts), with this account's session. */
  readonly reader: Reader;

  /** Moderation (moderate.ts), with the same session. */
  readonly moderator: ReturnType<typeof createBlueskyModerator>;

  constructor(opts: BlueskyConnectorOptions) {
    this.accountId = opts.accountId;
    this.session = new BlueskySession({
      serviceUrl: opts.serviceUrl,
      secrets: opts.secrets,
      onReconnectNeeded: opts.onReconnectNeeded,
      timeoutMs: opts.timeoutMs ?? 30_000,
      fetch: opts.fetch,
    });
    this.publisher = new BlueskyPublisher(this.session, opts.fetchLinkCard);
    const withAgent = this.session.withAgent.bind(this.session);
    this.reader = createBlueskyReader({
      withAgent: (what, fn, signal) => withAgent(what, fn, signal),
      ...(opts.chatDid ? { chatDid: opts.chatDid } : {}),
    });
    this.moderator = createBlueskyModerator({ withAgent: (what, fn, signal) => withAgent(what, fn, signal) });
  }

  capabilities(): Promise<Capabilities> {
    return Promise.resolve(structuredClone(BLUESKY_CAPABILITIES));
  }

  async publish(input: PublishInput): Promise<RemotePart[]> {
    validateForBluesky(input);
    try {
      return await this.publisher.publishParts(input);
    } finally {
      await this.session.settle();
    }
  }

  async delete(remoteId: string): Promise<void> {
    let at: AtUri;
    try {
      at = new AtUri(remoteId);
    } catch {
      throw refusal(`"${remoteId}" is not a Bluesky post address.`);
    }
    try {
      await this.session.call('deleting the post', undefined, async (live) => {
        if (at.host !== live.did) throw refusal('This post belongs to another account.');
        await live.agent.com.atproto.repo.deleteRecord({ repo: live.did, collection: at.collection || POST_COLLECTION, rkey: at.rkey });
      });
    } finally {
      await this.session.settle();
    }
  }

  async health(): Promise<AccountHealth> {
    try {
      await this.session.call('checking the session', undefined, async (live) => {
        await live.agent.com.atproto.server.getSession();
      });
      return 'ok';
    } catch (err) {
      if (err instanceof PublishError && err.reconnectNeeded) return 'reconnect_needed';
      throw err; // offline or a server problem: the session's state is unknown
    } finally {
      await this.session.settle();
    }
  }

  async revoke(): Promise<void> {
    await this.session.end();
  }
}
