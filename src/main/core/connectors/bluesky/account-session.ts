/**
 * One Bluesky account's session with its PDS: resumed from the vault value (@atproto/api's
 * CredentialSession, which refreshes itself; every refreshed session goes back to the vault, in
 * order), and the reconnect state: a refused session (401, ExpiredToken or InvalidToken, once a
 * refresh has failed too) makes every call throw PublishError with reconnectNeeded, and that
 * vault value is not tried again until the vault holds another one.
 */
import { Agent, CredentialSession, type AtpSessionData, type AtpSessionEvent } from '@atproto/api';
import { PublishError, type SecretsPort } from '../types';
import { isSessionError, reconnectError, toFailure } from './errors';
import { parseSession, serializeSession } from './session';

export interface Live {
  credentials: CredentialSession;
  agent: Agent;
  did: string;
}

export interface BlueskySessionOptions {
  /** Where the session is refreshed (the login's `service`, kept with the account). */
  serviceUrl: string;
  secrets: SecretsPort;
  /** Called once when the account enters the reconnect state. */
  onReconnectNeeded?: () => void;
  /** Per request (uploads of images are requests too). */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
}

/** Every request of a session (and of a login) ends after `timeoutMs`, or when its own signal aborts. */
export function withTimeout(fetchImpl: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (input instanceof Request) signals.push(input.signal);
    if (init?.signal) signals.push(init.signal);
    return fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

export class BlueskySession {
  private readonly fetchImpl: typeof globalThis.fetch;
  private live: Live | null = null;
  /** The vault value the live session came from, or last saved. */
  private currentValue: string | null = null;
  /** A vault value Bluesky refused: not tried again until the vault holds another one. */
  private refusedValue: string | null = null;
  private reconnectNeeded = false;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly o: BlueskySessionOptions) {
    this.fetchImpl = withTimeout(o.fetch ?? globalThis.fetch, o.timeoutMs);
  }

  /** The account's handle as the live session knows it (null before one is open). */
  get handle(): string | null {
    return this.live?.credentials.session?.handle ?? null;
  }

  /** For the reader and the moderator: a call with the agent and the account's DID, the session saved after. */
  async withAgent<T>(what: string, fn: (agent: Agent, did: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      return await this.call(what, signal, (live) => fn(live.agent, live.did));
    } finally {
      await this.settle();
    }
  }

  /** Ends the session on the server (its events are ignored from now on); nothing usable: nothing to do. */
  async end(): Promise<void> {
    let live: Live;
    try {
      live = await this.open();
    } catch {
      return;
    }
    this.live = null;
    // deleteSession with the refresh token ends this session on the server (the app password
    // stays: only the account's main password can revoke app passwords). Errors are ignored:
    // already gone, or offline, the vault entry is deleted by the caller anyway.
    await live.credentials.logout();
  }

  private enterReconnect(): void {
    this.refusedValue = this.currentValue;
    this.live = null;
    if (!this.reconnectNeeded) {
      this.reconnectNeeded = true;
      this.o.onReconnectNeeded?.();
    }
  }

  private onSessionEvent(credentials: CredentialSession, event: AtpSessionEvent, session: AtpSessionData | undefined): void {
    if (this.live?.credentials !== credentials) return; // a session dropped meanwhile
    if ((event === 'update' || event === 'create') && session) {
      const value = serializeSession(this.o.serviceUrl, credentials.pdsUrl, session);
      this.currentValue = value;
      // In order, and awaited before publish/health return: a refresh token is single-use.
      this.saving = this.saving.then(() => this.o.secrets.save(value)).catch(() => undefined);
    } else if (event === 'expired') {
      this.enterReconnect();
    }
  }

  /** The live session, resumed from the vault when there is none. */
  async open(): Promise<Live> {
    if (this.live?.credentials.hasSession) return this.live;
    const value = await this.o.secrets.load();
    const stored = parseSession(value);
    if (!stored || value === this.refusedValue) {
      this.currentValue = value;
      this.enterReconnect();
      throw reconnectError(stored ? undefined : 'This Bluesky account has no session: reconnect it.');
    }
    const credentials: CredentialSession = new CredentialSession(new URL(this.o.serviceUrl || stored.service), this.fetchImpl, (event, session) =>
      this.onSessionEvent(credentials, event, session),
    );
    // Resumed as is: the access token is refreshed when the PDS says it expired, not on every start.
    credentials.session = { ...stored.session };
    if (stored.pdsUrl) credentials.pdsUrl = new URL(stored.pdsUrl);
    this.live = { credentials, agent: new Agent(credentials), did: stored.session.did };
    this.currentValue = value;
    this.reconnectNeeded = false;
    return this.live;
  }

  /** Runs a call with the session; a refused session is refreshed once, then means "reconnect". */
  async call<T>(what: string, signal: AbortSignal | undefined, fn: (live: Live) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new PublishError(toFailure(signal.reason, what, signal));
    const live = await this.open();
    try {
      return await fn(live);
    } catch (err) {
      if (!isSessionError(err)) throw new PublishError(toFailure(err, what, signal));
    }
    // The library refreshes on 401 and ExpiredToken by itself; InvalidToken (a damaged or
    // revoked access token) it does not. One refresh, one more try.
    if (!live.credentials.hasSession || this.live !== live) {
      this.enterReconnect();
      throw reconnectError();
    }
    try {
      await live.credentials.refreshSession();
    } catch (err) {
      if (isSessionError(err) || !live.credentials.hasSession) {
        this.enterReconnect();
        throw reconnectError();
      }
      throw new PublishError(toFailure(err, what, signal));
    }
    try {
      return await fn(live);
    } catch (err) {
      if (isSessionError(err)) {
        this.enterReconnect();
        throw reconnectError();
      }
      throw new PublishError(toFailure(err, what, signal));
    }
  }

  /** Waits for the refreshed sessions to be in the vault (a refresh token is single-use). */
  async settle(): Promise<void> {
    await this.saving;
  }
}
