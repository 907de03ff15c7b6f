/**
 * Publishing to Bluesky, exactly once: each part is written with com.atproto.repo.createRecord
 * under the record key chosen when the post was scheduled (a TID). A retry of a part the server
 * already committed finds the record under that key (the create fails, or the pre-check finds
 * it) and confirms it instead of writing a second post. A thread resumes after the last part in
 * `alreadySent`, replying to it; a reply or a quote from the board goes with the first part.
 */
import { AppBskyRichtextFacet, AtUri, RichText, XRPCError, type AppBskyFeedPost, type ComAtprotoRepoStrongRef } from '@atproto/api';
import { BLUESKY_DEFAULTS } from '../../../../shared/rules/capabilities';
import { BLUESKY_LIMITS, countText, graphemeCount } from '../../../../shared/text';
import { PublishError, type PublishInput, type PublishPartInput, type RemotePart } from '../types';
import type { BlueskySession } from './account-session';
import { imagesEmbed, linkCardEmbed, type Call } from './embeds';
import { refusal } from './errors';
import type { LinkCardFetcher } from './linkcard';
import { isValidTid } from './tid';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const MAX_IMAGES = BLUESKY_DEFAULTS.maxImages;
export const MAX_ALT_GRAPHEMES = BLUESKY_DEFAULTS.maxAltGraphemes;
export const ACCEPTED_IMAGE_TYPES: readonly string[] = BLUESKY_DEFAULTS.imageTypes;

type Ref = ComAtprotoRepoStrongRef.Main;

function isNotFound(err: unknown): boolean {
  return err instanceof XRPCError && (err.error === 'RecordNotFound' || (err.status === 400 && /could not locate record/i.test(err.message)));
}

/** Refuses, before anything is sent, what Bluesky would refuse (or what the keys make unsafe to send). */
export function validateForBluesky(input: PublishInput): void {
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

export class BlueskyPublisher {
  private readonly call: Call;

  constructor(
    private readonly s: BlueskySession,
    private readonly fetchLinkCard: LinkCardFetcher | undefined,
  ) {
    this.call = (what, signal, fn) => s.call(what, signal, fn);
  }

  async publishParts(input: PublishInput): Promise<RemotePart[]> {
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
    const handle = this.s.handle;
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
    return this.s.call('checking whether the post is already published', signal, async (live) => {
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
      const images = await imagesEmbed(this.call, part, signal);
      record.embed = quoted ? { $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: quoted }, media: images } : images;
    } else if (quoted) {
      record.embed = { $type: 'app.bsky.embed.record', record: quoted };
    } else if (this.fetchLinkCard) {
      const firstLink = facets.flatMap((f) => f.features).find((f) => AppBskyRichtextFacet.isLink(f));
      if (firstLink) {
        const card = await linkCardEmbed(this.call, this.fetchLinkCard, firstLink.uri, signal);
        if (card) record.embed = card;
      }
    }

    try {
      return await this.s.call('publishing', signal, async (live) => {
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
      did = await this.s.call(`looking up @${handle}`, signal, async (live) => {
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
}
