/**
 * What a Bluesky post embeds besides its text: its images (fitted to Bluesky's size and type
 * rules, metadata dropped unless kept, uploaded as blobs) or the card of its first link (read
 * with a time limit; a card that cannot be had is left out, its picture too).
 */
import fs from 'node:fs/promises';
import type { $Typed, AppBskyEmbedExternal, AppBskyEmbedImages } from '@atproto/api';
import { PublishError, type PublishPartInput } from '../types';
import { ImagePrepareError } from '../images';
import type { Live } from './account-session';
import { refusal, toFailure } from './errors';
import { imageForBluesky } from './images';
import type { LinkCardFetcher } from './linkcard';

const LINK_CARD_TIMEOUT_MS = 10_000;

/** A call with the account's session (BlueskySession.call). */
export type Call = <T>(what: string, signal: AbortSignal | undefined, fn: (live: Live) => Promise<T>) => Promise<T>;

/** The part's images, fitted to Bluesky's rules and uploaded as blobs. */
export async function imagesEmbed(call: Call, part: PublishPartInput, signal: AbortSignal): Promise<$Typed<AppBskyEmbedImages.Main>> {
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
    const blob = await call('uploading an image', signal, async (live) => {
      const { data } = await live.agent.com.atproto.repo.uploadBlob(fitted.bytes, { encoding: fitted.mime, signal });
      return data.blob;
    });
    images.push({ $type: 'app.bsky.embed.images#image', image: blob, alt: media.alt, aspectRatio: { width: fitted.width, height: fitted.height } });
  }
  return { $type: 'app.bsky.embed.images', images };
}

/** The card of a link, or null when it cannot be had (offline, timeout, no metadata): the post goes without. */
export async function linkCardEmbed(call: Call, fetchCard: LinkCardFetcher, uri: string, signal: AbortSignal): Promise<$Typed<AppBskyEmbedExternal.Main> | null> {
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
      external.thumb = await call('uploading the link preview image', signal, async (live) => {
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
