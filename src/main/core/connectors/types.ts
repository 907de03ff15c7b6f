/**
 * The connector contract: everything Tribune needs from a network, declared once. A network
 * is one folder under connectors/ that exports a NetworkDriver (linking an account, its
 * connector, default capabilities, part keys), registered with one line in connectors/index.ts.
 * The UI only ever sees shared entity types; a network's own client classes stay in its folder.
 */
import type { Account, AccountHealth, Network } from '../../../shared/domain';
import type { Capabilities, Poll, Visibility } from '../../../shared/publishing';
import type { PublishFailure } from '../../../shared/schedule/retry';
import type { Reader } from './reader';
import type { Moderator } from './moderation';

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
  /** A reply from the board: the first part answers this post (the others follow it as a thread). */
  replyTo?: PostContext | null;
  /** A quote from the board: the first part quotes this post. */
  quote?: PostContext | null;
  /** Parts already published by an earlier attempt (a thread resumes after the last one). */
  alreadySent: (RemotePart | null)[];
  /** Called as soon as a part is published; the caller persists it before the next part goes. */
  onPartSent(index: number, remote: RemotePart): void;
  signal: AbortSignal;
}

/** A post a reply or a quote refers to, as the publishing account's server knows it (board cache). */
export interface PostContext {
  uri: string;
  /** Bluesky: the record's CID. */
  cid: string | null;
  /** Mastodon: the status id on the publishing account's server (null: the connector resolves the URI). */
  remoteId: string | null;
  /** Bluesky: the thread's root (the post itself when it is not a reply). */
  root: { uri: string; cid: string | null } | null;
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

/**
 * One account on one network. Sessions refresh themselves inside the connector: a refreshed
 * session or token goes back to the vault through the SecretsPort, and a session the network
 * refuses for good calls onReconnectNeeded.
 */
export interface Connector {
  readonly network: Network;
  readonly accountId: string;
  /** The account's limits, read from its server (the caller caches them for offline composing). */
  capabilities(): Promise<Capabilities>;
  /** Publishes every part not yet sent, in order, replying to the previous one. Throws PublishError. */
  publish(input: PublishInput): Promise<RemotePart[]>;
  /** Deletes one published part (a RemotePart's remoteId); already gone counts as deleted. Throws PublishError. */
  delete(remoteId: string): Promise<void>;
  /** Whether the session still works; throws when the server cannot tell (offline, down). */
  health(): Promise<AccountHealth>;
  /** Revokes the token where the network allows it (called when the account is removed). */
  revoke(): Promise<void>;
  /** Reading timelines, notifications, searches and threads, and acting on items (the board). */
  readonly reader?: Reader;
  /** Moderation (hide, detach, mute, block, report) as this account. */
  readonly moderator?: Moderator;
}

/** How a connector reads and updates its own secrets (sessions, tokens); backed by the vault. */
export interface SecretsPort {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
}

/** What a connector knows of its account. */
export type ConnectorAccount = Pick<Account, 'id' | 'network' | 'serviceUrl'>;

/** An account as its network names it, and the secret the vault keeps for it. */
export interface LinkedAccount {
  remoteId: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  /** The server the connector talks to (a Bluesky PDS, a Mastodon instance's API). */
  serviceUrl: string;
  /** Given back to the account's connector through its SecretsPort (a session, tokens). */
  secret: string;
}

/** Signing in with an identifier and a password made for apps (Bluesky's app passwords). */
export interface PasswordLink {
  kind: 'password';
  /** Throws AppFailure (a code the renderer translates) or an Error whose message can be shown. */
  login(input: { identifier: string; password: string; serviceUrl?: string }): Promise<LinkedAccount>;
}

/** Registering Tribune on the server (cached) and an OAuth authorization in the system browser. */
export interface AuthorizationLink {
  kind: 'authorization';
  begin(server: string, openBrowser: (url: string) => void): Promise<PendingAuthorization>;
}

export interface PendingAuthorization {
  authorizeUrl: string;
  /** The page that shows a code to paste, for when the browser cannot come back to Tribune. */
  outOfBandUrl: string;
  /** Settles when the browser comes back to the loopback listener (refused: AppFailure authorization_refused). */
  viaBrowser: Promise<LinkedAccount>;
  /** The out-of-band path: the person pasted the code the server showed. */
  withCode(code: string): Promise<LinkedAccount>;
  cancel(): void;
}

/** How an account of a network is linked to Tribune. */
export type AccountLink = PasswordLink | AuthorizationLink;

/** Everything the core needs from one network. */
export interface NetworkDriver {
  readonly network: Network;
  /** Used until the account's own limits were read (offline composing works with these). */
  readonly defaultCapabilities: Capabilities;
  readonly link: AccountLink;
  createConnector(account: ConnectorAccount, secrets: SecretsPort, onReconnectNeeded: () => void): Connector;
  /** Keys for `count` parts, chosen before anything is sent (Bluesky record keys, Mastodon idempotency keys). */
  partKeys(count: number): string[];
}

/** Where the networks are, for tests and the sandbox (the defaults are the public ones). */
export interface NetworkOptions {
  /** The PLC directory used to find a Bluesky handle's PDS. */
  plcUrl?: string;
  /** An AppView for reads (the sandbox's). */
  appviewUrl?: string;
  /** Link cards are fetched from the open web; off in tests. */
  linkCards?: boolean;
  /**
   * The board's image cache may fetch from loopback, private and link-local addresses: only the
   * sandbox and the tests, whose networks run on 127.0.0.1, set it (default: refused).
   */
  allowPrivateImages?: boolean;
  /** Bluesky's chat service DID (default did:web:api.bsky.chat); tests name their stand-in. */
  chatDid?: string;
}

/** What a driver is given: the options, and a place for app-wide secrets (registered OAuth apps), encrypted in the vault. */
export interface DriverContext {
  options: NetworkOptions;
  appSecrets: {
    read(id: string): Promise<string | null>;
    write(id: string, value: string): Promise<void>;
  };
}
