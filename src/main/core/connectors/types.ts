/**
 * The one interface every network implements (one folder per network under connectors/).
 * The UI only ever sees shared entity types; a network's own client classes stay in its folder.
 */
import type { AccountHealth, Network } from '../../../shared/domain';
import type { Capabilities, Poll, Visibility } from '../../../shared/publishing';
import type { PublishFailure } from '../../../shared/schedule/retry';

/** An image ready to publish: the original file (never modified) and its description. */
export interface MediaFile {
  /** Absolute path of the original, as the person gave it. Connectors resize copies in memory. */
  path: string;
  mime: string;
  alt: string;
  width: number;
  height: number;
  /**
   * The workspace keeps photo metadata (EXIF, GPS...) in what it sends. Absent or false: the
   * copy sent drops it (connectors/images.ts), orientation applied first.
   */
  keepMetadata?: boolean;
}

export interface PublishPartInput {
  text: string;
  media: MediaFile[];
}

/** Where one part of a post landed. */
export interface RemotePart {
  /** Mastodon status id, or Bluesky at:// URI. */
  remoteId: string;
  /** Bluesky: the record's CID (needed to reply to it). */
  cid?: string;
  /** A link a person can open. */
  url: string | null;
}

export interface PublishInput {
  parts: PublishPartInput[];
  contentWarning: string | null;
  language: string | null;
  visibility: Visibility | null;
  poll: Poll | null;
  /**
   * One key per part, chosen when the post was scheduled and stored with it: Mastodon sends it
   * as Idempotency-Key; Bluesky uses it as the record key (a TID), so a retry after a crash
   * finds the record instead of creating a second post.
   */
  partKeys: string[];
  /** Parts already published by an earlier attempt (a thread resumes after the last one). */
  alreadySent: (RemotePart | null)[];
  /** Called as soon as a part is published; the caller persists it before the next part goes. */
  onPartSent(index: number, remote: RemotePart): void;
  signal: AbortSignal;
}

/** A failure the scheduler can classify (retry or fail) and show as is. */
export class PublishError extends Error {
  constructor(
    readonly failure: PublishFailure,
    /** The session is expired or revoked: the account needs the person to reconnect it. */
    readonly reconnectNeeded = false,
  ) {
    super(failure.message);
    this.name = 'PublishError';
  }
}

export interface Connector {
  readonly network: Network;
  readonly accountId: string;
  capabilities(): Promise<Capabilities>;
  /** Publishes every part not yet sent, in order, replying to the previous one. Throws PublishError. */
  publish(input: PublishInput): Promise<RemotePart[]>;
  delete(remoteId: string): Promise<void>;
  health(): Promise<AccountHealth>;
  /** Revokes the token where the network allows it (called when the account is removed). */
  revoke(): Promise<void>;
}

/** How a connector reads and updates its own secrets (sessions, tokens); backed by the vault. */
export interface SecretsPort {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
}
