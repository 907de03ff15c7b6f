/**
 * The Bluesky connector: publishes through the account's PDS with an app-password session
 * (@atproto/api's CredentialSession, which refreshes itself; every refreshed session goes back
 * to the vault through the SecretsPort).
 *
 * Exactly once: each part is written with com.atproto.repo.createRecord under the record key
 * chosen when the post was scheduled (a TID). A retry of a part the server already committed
 * finds the record under that key (the create fails, or the pre-check finds it) and confirms it
 * instead of writing a second post. A thread resumes after the last part in `alreadySent`,
 * replying to it.
 *
 * A refused session (401, ExpiredToken or InvalidToken, once a refresh has failed too) puts the
 * account in the reconnect state: publish throws PublishError with reconnectNeeded, health()
 * answers 'reconnect_needed', and nothing is retried with that session until the vault holds
 * a different one (after the person reconnects).
 */
import { BLUESKY_DEFAULTS, defaultCapabilities } from '../../../../shared/rules/capabilities';
import fs from 'node:fs/promises';
import {
  Agent,
  AppBskyRichtextFacet,
  AtUri,
  CredentialSession,
  RichText,
  XRPCError,
  type AppBskyEmbedExternal,
  type AppBskyEmbedImages,
  type AppBskyFeedPost,
  type $Typed,
  type AtpSessionData,
  type AtpSessionEvent,
  type ComAtprotoRepoStrongRef,
} from '@atproto/api';
import type { AccountHealth } from '../../../../shared/domain';
import type { Capabilities } from '../../../../shared/publishing';
import { BLUESKY_LIMITS, countText, graphemeCount } from '../../../../shared/text';
import { PublishError, type Connector, type PublishInput, type PublishPartInput, type RemotePart, type SecretsPort } from '../types';
import { isSessionError, reconnectError, refusal, toFailure } from './errors';
import { ImagePrepareError } from '../images';
import { imageForBluesky } from './images';
import type { LinkCardFetcher } from './linkcard';
import { parseSession, serializeSession } from './session';
import { isValidTid } from './tid';
import { createBlueskyReader } from './read';
import type { Reader } from '../reader';
import { createBlueskyModerator } from './moderate';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const MAX_IMAGE_BYTES = BLUESKY_DEFAULTS.maxImageBytes;
export const MAX_IMAGES = BLUESKY_DEFAULTS.maxImages;
export const MAX_ALT_GRAPHEMES = BLUESKY_DEFAULTS.maxAltGraphemes;
export const ACCEPTED_IMAGE_TYPES: readonly string[] = BLUESKY_DEFAULTS.imageTypes;
const LINK_CARD_TIMEOUT_MS = 10_000;
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

interface Live {
  credentials: CredentialSession;
  agent: Agent;
  did: string;
}

type Ref = ComAtprotoRepoStrongRef.Main;

function withTimeout(fetchImpl: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (input instanceof Request) signals.push(input.signal);
    if (init?.signal) signals.push(init.signal);
    return fetchImpl(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

function rkeyOf(uri: string): string {
  return new AtUri(uri).rkey;
}

function isNotFound(err: unknown): boolean {
  return err instanceof XRPCError && (err.error === 'RecordNotFound' || (err.status === 400 && /could not locate record/i.test(err.message)));
}

export function createBlueskyConnector(opts: BlueskyConnectorOptions): Connector {
  return new BlueskyConnector(opts);
}

class BlueskyConnector implements Connector {
  readonly network = 'bluesky' as const;
  readonly accountId: string;
  private readonly fetchImpl: typeof globalThis.fetch;
  private live: Live | null = null;
  /** The vault value the live session came from, or last saved. */
  private currentValue: string | null = null;
  /** A vault value Bluesky refused: not tried again until the vault holds another one. */
  private refusedValue: string | null = null;
  private reconnectNeeded = false;
  private saving: Promise<void> = Promise.resolve();

  /** The board's reads and actions (read.ts), with this account's session. */
  readonly reader: Reader;

  /** Moderation (moderate.ts), with the same session. */
  readonly moderator = createBlueskyModerator({
    withAgent: async (what, fn, signal) => {
      try {
        return await this.call(what, signal, (live) => fn(live.agent, live.did));
      } finally {
        await this.settle();
      }
    },
  });

  constructor(private readonly opts: BlueskyConnectorOptions) {
    this.accountId = opts.accountId;
    this.reader = createBlueskyReader({
      withAgent: async (what, fn, signal) => {
        try {
          return await this.call(what, signal, (live) => fn(live.agent, live.did));
        } finally {
          await this.settle();
        }
      },
      ...(opts.chatDid ? { chatDid: opts.chatDid } : {}),
    });
    this.fetchImpl = withTimeout(opts.fetch ?? globalThis.fetch, opts.timeoutMs ?? 30_000);
  }

  capabilities(): Promise<Capabilities> {
    return Promise.resolve(structuredClone(BLUESKY_CAPABILITIES));
  }

  // ---- session -------------------------------------------------------------------------------

  private enterReconnect(): void {
    this.refusedValue = this.currentValue;
    this.live = null;
    if (!this.reconnectNeeded) {
      this.reconnectNeeded = true;
      this.opts.onReconnectNeeded?.();
    }
  }

  private onSessionEvent(credentials: CredentialSession, event: AtpSessionEvent, session: AtpSessionData | undefined): void {
    if (this.live?.credentials !== credentials) return; // a session dropped meanwhile
    if ((event === 'update' || event === 'create') && session) {
      const value = serializeSession(this.opts.serviceUrl, credentials.pdsUrl, session);
      this.currentValue = value;
      // In order, and awaited before publish/health return: a refresh token is single-use.
      this.saving = this.saving.then(() => this.opts.secrets.save(value)).catch(() => undefined);
    } else if (event === 'expired') {
      this.enterReconnect();
    }
  }

  private async session(): Promise<Live> {
    if (this.live?.credentials.hasSession) return this.live;
    const value = await this.opts.secrets.load();
    const stored = parseSession(value);
    if (!stored || value === this.refusedValue) {
      this.currentValue = value;
      this.enterReconnect();
      throw reconnectError(stored ? undefined : 'This Bluesky account has no session: reconnect it.');
    }
    const credentials: CredentialSession = new CredentialSession(new URL(this.opts.serviceUrl || stored.service), this.fetchImpl, (event, session) =>
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
  private async call<T>(what: string, signal: AbortSignal | undefined, fn: (live: Live) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new PublishError(toFailure(signal.reason, what, signal));
    const live = await this.session();
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

  private async settle(): Promise<void> {
    await this.saving;
  }

  // ---- publishing ----------------------------------------------------------------------------

  private validate(input: PublishInput): void {
    const { parts, partKeys, alreadySent } = input;
    if (parts.length === 0) throw refusal('Nothing to publish.');
    if (partKeys.length !== parts.length) throw refusal(`Each part needs its record key (${partKeys.length} keys for ${parts.length} parts).`);
    if (new Set(partKeys).size !== partKeys.length) throw refusal('Two parts have the same record key.');
    for (const key of partKeys) if (!isValidTid(key)) throw refusal(`"${key}" is not a valid Bluesky record key (TID).`);
    if (alreadySent.length > parts.length) throw refusal('More parts sent than the post has.');
    if (input.contentWarning !== null && input.contentWarning.trim() !== '') {
      throw refusal('Bluesky has no content warnings: remove the warning, or write it in the text.');
    }
    if (input.poll !== null) throw refusal('Bluesky has no polls.');
    if (input.visibility !== null && input.visibility !== 'public') throw refusal('Bluesky posts are always public.');
    parts.forEach((part, index) => {
      if (alreadySent[index]) return;
      const where = parts.length > 1 ? `Part ${index + 1}: ` : '';
      const count = countText(part.text, BLUESKY_LIMITS);
      if (count.over) throw refusal(`${where}the text is too long (${count.reason}).`);
      if (part.text.trim() === '' && part.media.length === 0) throw refusal(`${where}the post is empty.`);
      if (part.media.length > MAX_IMAGES) throw refusal(`${where}Bluesky takes at most ${MAX_IMAGES} images per post.`);
      for (const media of part.media) {
        if (!ACCEPTED_IMAGE_TYPES.includes(media.mime.toLowerCase())) throw refusal(`${where}Bluesky does not take ${media.mime} images.`);
        if (graphemeCount(media.alt) > MAX_ALT_GRAPHEMES) throw refusal(`${where}an image description is longer than ${MAX_ALT_GRAPHEMES} characters.`);
      }
    });
  }

  async publish(input: PublishInput): Promise<RemotePart[]> {
    this.validate(input);
    try {
      return await this.publishParts(input);
    } finally {
      await this.settle();
    }
  }

  private async publishParts(input: PublishInput): Promise<RemotePart[]> {
    const { signal } = input;
    const results: RemotePart[] = [];
    // A reply from the board: the first part answers that post, under its thread's root.
    const answered = input.replyTo?.cid ? { uri: input.replyTo.uri, cid: input.replyTo.cid } : null;
    let root: Ref | null = answered ? (input.replyTo?.root?.cid ? { uri: input.replyTo.root.uri, cid: input.replyTo.root.cid } : answered) : null;
    let parent: Ref | null = answered;
    const mentions = new Map<string, string | null>();

    for (let index = 0; index < input.parts.length; index++) {
      const part = input.parts[index]!;
      const rkey = input.partKeys[index]!;
      const sent = input.alreadySent[index];
      let remote: RemotePart;
      let ref: Ref;
      if (sent) {
        ref = await this.refOf(sent, signal);
        remote = { ...sent, cid: ref.cid };
      } else {
        // With images, look first: a retry after a crash must not upload them all again.
        const existing = part.media.length > 0 ? await this.findRecord(rkey, signal) : null;
        ref = existing ?? (await this.createPost(part, rkey, input, root && parent ? { root, parent } : null, mentions));
        remote = { remoteId: ref.uri, cid: ref.cid, url: this.postUrl(ref.uri) };
        input.onPartSent(index, remote);
      }
      results.push(remote);
      root ??= ref;
      parent = ref;
    }
    return results;
  }

  private postUrl(uri: string): string {
    const at = new AtUri(uri);
    const handle = this.live?.credentials.session?.handle;
    const who = handle && handle !== 'handle.invalid' ? handle : at.host;
    return `https://bsky.app/profile/${who}/post/${at.rkey}`;
  }

  /** The strong ref of a part sent earlier (its CID is read back when it was not kept). */
  private async refOf(sent: RemotePart, signal: AbortSignal): Promise<Ref> {
    if (sent.cid) return { uri: sent.remoteId, cid: sent.cid };
    const at = new AtUri(sent.remoteId);
    const found = await this.findRecord(at.rkey, signal, at.host);
    if (!found) throw refusal(`The earlier part ${sent.remoteId} no longer exists: the thread cannot go on.`);
    return found;
  }

  /** The post under `rkey` in the account's repo, or null. */
  private async findRecord(rkey: string, signal: AbortSignal, repo?: string): Promise<Ref | null> {
    return this.call('checking whether the post is already published', signal, async (live) => {
      try {
        const { data } = await live.agent.com.atproto.repo.getRecord({ repo: repo ?? live.did, collection: POST_COLLECTION, rkey }, { signal });
        if (!data.cid) throw new Error(`the server returned ${data.uri} without its CID`);
        return { uri: data.uri, cid: data.cid };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    });
  }

  private async createPost(
    part: PublishPartInput,
    rkey: string,
    input: PublishInput,
    reply: AppBskyFeedPost.ReplyRef | null,
    mentions: Map<string, string | null>,
  ): Promise<Ref> {
    const { signal } = input;
    const rt = new RichText({ text: part.text });
    rt.detectFacetsWithoutResolution();
    const facets = await this.resolveFacets(rt.facets ?? [], mentions, signal);

    const record: AppBskyFeedPost.Record = {
      $type: POST_COLLECTION,
      text: rt.text,
      createdAt: new Date().toISOString(),
    };
    if (facets.length > 0) record.facets = facets;
    if (reply) record.reply = reply;
    if (input.language) record.langs = [input.language];
    // A quote from the board goes with the first part (alone, or with its images).
    const quoted = input.quote?.cid && rkey === input.partKeys[0] ? { uri: input.quote.uri, cid: input.quote.cid } : null;
    if (part.media.length > 0) {
      const images = await this.imagesEmbed(part, signal);
      record.embed = quoted ? { $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: quoted }, media: images } : images;
    } else if (quoted) {
      record.embed = { $type: 'app.bsky.embed.record', record: quoted };
    } else if (this.opts.fetchLinkCard) {
      const firstLink = facets.flatMap((f) => f.features).find((f) => AppBskyRichtextFacet.isLink(f));
      if (firstLink) {
        const card = await this.linkCardEmbed(firstLink.uri, signal);
        if (card) record.embed = card;
      }
    }

    try {
      return await this.call('publishing', signal, async (live) => {
        const { data } = await live.agent.com.atproto.repo.createRecord({ repo: live.did, collection: POST_COLLECTION, rkey, record }, { signal });
        return { uri: data.uri, cid: data.cid };
      });
    } catch (err) {
      if (err instanceof PublishError && err.reconnectNeeded) throw err;
      // The key is taken (an earlier attempt got through; the PDS answers with an error,
      // a 500 "There is already a value at key" today) or the answer was lost: look.
      const existing = await this.findRecord(rkey, signal).catch(() => null);
      if (existing) return existing;
      throw err;
    }
  }

  /** Facets with mentions resolved to DIDs; a handle that resolves to nothing stays plain text. */
  private async resolveFacets(facets: AppBskyRichtextFacet.Main[], cache: Map<string, string | null>, signal: AbortSignal): Promise<AppBskyRichtextFacet.Main[]> {
    const out: AppBskyRichtextFacet.Main[] = [];
    for (const facet of facets) {
      const features: AppBskyRichtextFacet.Main['features'] = [];
      for (const feature of facet.features) {
        if (feature.$type === 'app.bsky.richtext.facet#mention') {
          const handle = (feature as AppBskyRichtextFacet.Mention).did.toLowerCase();
          const did = await this.resolveMention(handle, cache, signal);
          if (did) features.push({ $type: 'app.bsky.richtext.facet#mention', did: did as `did:${string}:${string}` });
        } else {
          features.push(feature);
        }
      }
      if (features.length > 0) out.push({ ...facet, features });
    }
    return out;
  }

  private async resolveMention(handle: string, cache: Map<string, string | null>, signal: AbortSignal): Promise<string | null> {
    if (cache.has(handle)) return cache.get(handle)!;
    let did: string | null;
    try {
      did = await this.call(`looking up @${handle}`, signal, async (live) => {
        const { data } = await live.agent.com.atproto.identity.resolveHandle({ handle }, { signal });
        return data.did;
      });
    } catch (err) {
      // "Unable to resolve handle" (400): nobody by that name; anything else is worth a retry.
      if (err instanceof PublishError && err.failure.kind === 'http' && err.failure.status === 400) did = null;
      else throw err;
    }
    cache.set(handle, did);
    return did;
  }

  private async imagesEmbed(part: PublishPartInput, signal: AbortSignal): Promise<$Typed<AppBskyEmbedImages.Main>> {
    const images: AppBskyEmbedImages.Image[] = [];
    for (const media of part.media) {
      let original: Uint8Array;
      try {
        original = await fs.readFile(media.path);
      } catch (err) {
        throw refusal(`The image ${media.path} cannot be read: ${(err as Error).message}`);
      }
      let fitted;
      try {
        fitted = await imageForBluesky(original, media.mime, { keepMetadata: media.keepMetadata ?? false });
      } catch (err) {
        if (err instanceof ImagePrepareError) throw refusal(`The image ${media.path} cannot be used: ${err.message}`);
        throw err;
      }
      const blob = await this.call('uploading an image', signal, async (live) => {
        const { data } = await live.agent.com.atproto.repo.uploadBlob(fitted.bytes, { encoding: fitted.mime, signal });
        return data.blob;
      });
      images.push({ $type: 'app.bsky.embed.images#image', image: blob, alt: media.alt, aspectRatio: { width: fitted.width, height: fitted.height } });
    }
    return { $type: 'app.bsky.embed.images', images };
  }

  /** The card of a link, or null when it cannot be had (offline, timeout, no metadata): the post goes without. */
  private async linkCardEmbed(uri: string, signal: AbortSignal): Promise<$Typed<AppBskyEmbedExternal.Main> | null> {
    const fetchCard = this.opts.fetchLinkCard;
    if (!fetchCard) return null;
    let card;
    try {
      card = await fetchCard(uri, AbortSignal.any([signal, AbortSignal.timeout(LINK_CARD_TIMEOUT_MS)]));
    } catch {
      card = null;
    }
    if (signal.aborted) throw new PublishError(toFailure(signal.reason, 'reading the link preview', signal));
    if (!card) return null;
    const external: AppBskyEmbedExternal.External = {
      $type: 'app.bsky.embed.external#external',
      uri,
      title: card.title.slice(0, 3000),
      description: card.description.slice(0, 3000),
    };
    if (card.imageBytes && card.imageBytes.byteLength > 0) {
      try {
        const fitted = await imageForBluesky(card.imageBytes, card.imageMime ?? 'image/jpeg', { keepMetadata: false });
        external.thumb = await this.call('uploading the link preview image', signal, async (live) => {
          const { data } = await live.agent.com.atproto.repo.uploadBlob(fitted.bytes, { encoding: fitted.mime, signal });
          return data.blob;
        });
      } catch (err) {
        if (err instanceof PublishError && (err.reconnectNeeded || signal.aborted)) throw err;
        // The card goes without its picture.
      }
    }
    return { $type: 'app.bsky.embed.external', external };
  }

  // ---- the rest -----------------------------------------------------------------------------

  async delete(remoteId: string): Promise<void> {
    let at: AtUri;
    try {
      at = new AtUri(remoteId);
    } catch {
      throw refusal(`"${remoteId}" is not a Bluesky post address.`);
    }
    try {
      await this.call('deleting the post', undefined, async (live) => {
        if (at.host !== live.did) throw refusal('This post belongs to another account.');
        await live.agent.com.atproto.repo.deleteRecord({ repo: live.did, collection: at.collection || POST_COLLECTION, rkey: rkeyOf(remoteId) });
      });
    } finally {
      await this.settle();
    }
  }

  async health(): Promise<AccountHealth> {
    try {
      await this.call('checking the session', undefined, async (live) => {
        await live.agent.com.atproto.server.getSession();
      });
      return 'ok';
    } catch (err) {
      if (err instanceof PublishError && err.reconnectNeeded) return 'reconnect_needed';
      throw err; // offline or a server problem: the session's state is unknown
    } finally {
      await this.settle();
    }
  }

  async revoke(): Promise<void> {
    let live: Live;
    try {
      live = await this.session();
    } catch {
      return; // nothing usable to revoke
    }
    this.live = null; // its events are ignored from now on
    // deleteSession with the refresh token ends this session on the server (the app password
    // stays: only the account's main password can revoke app passwords). Errors are ignored:
    // already gone, or offline, the vault entry is deleted by the caller anyway.
    await live.credentials.logout();
  }
}
