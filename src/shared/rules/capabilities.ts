/**
 * What each network accepts before Tribune has read an account's own limits (offline composing,
 * a fresh account). Defined once: the connectors start from these, the composer counts with them.
 */
import type { Network } from '../domain';
import type { Capabilities } from '../publishing';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS, type TextLimits } from '../text/limits';

/** Bluesky's app view and PDS limits (app.bsky.embed.images, app.bsky.feed.post). */
export const BLUESKY_DEFAULTS = {
  maxImages: 4,
  /** The blob limit of an image embed. */
  maxImageBytes: 1_000_000,
  maxAltGraphemes: 2000,
  imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
} as const;

/** Mastodon 4.x defaults (app/models/media_attachment.rb, poll.rb, status_length_validator.rb). */
export const MASTODON_DEFAULTS = {
  maxMediaAttachments: 4,
  imageSizeLimit: 16 * 1024 * 1024,
  imageMatrixLimit: 33_177_600,
  descriptionLimit: 1_500,
  imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/heic', 'image/heif', 'image/webp', 'image/avif'],
  poll: { maxOptions: 4, maxOptionCharacters: 50, minExpirationSeconds: 300, maxExpirationSeconds: 2_629_746 },
} as const;

/** A network's capabilities before an account's own are known; a fresh copy each call. */
export function defaultCapabilities(network: Network): Capabilities {
  if (network === 'bluesky') {
    return {
      network,
      text: { ...BLUESKY_LIMITS },
      media: {
        maxCount: BLUESKY_DEFAULTS.maxImages,
        maxImageBytes: BLUESKY_DEFAULTS.maxImageBytes,
        acceptedTypes: [...BLUESKY_DEFAULTS.imageTypes],
        maxAltTextLength: BLUESKY_DEFAULTS.maxAltGraphemes,
      },
      threads: true,
      // Bluesky's self-labels only say "adult content"; a free-text warning like Mastodon's has no place in a post.
      contentWarning: false,
      poll: null,
      languages: true,
      visibilities: ['public'],
    };
  }
  return {
    network,
    text: { ...MASTODON_DEFAULT_LIMITS },
    media: {
      maxCount: MASTODON_DEFAULTS.maxMediaAttachments,
      maxImageBytes: MASTODON_DEFAULTS.imageSizeLimit,
      acceptedTypes: [...MASTODON_DEFAULTS.imageTypes],
      maxAltTextLength: MASTODON_DEFAULTS.descriptionLimit,
    },
    threads: true,
    contentWarning: true,
    poll: { ...MASTODON_DEFAULTS.poll },
    languages: true,
    visibilities: ['public', 'unlisted', 'private', 'direct'],
  };
}

/**
 * The strictest text limits among the selected targets: thread mode cuts for it, so every part
 * fits every target. With no target yet, Bluesky's (the smallest) is used.
 */
export function strictestLimits(limits: readonly TextLimits[]): TextLimits {
  let best: TextLimits | null = null;
  for (const candidate of limits) {
    if (
      !best ||
      candidate.maxCharacters < best.maxCharacters ||
      (candidate.maxCharacters === best.maxCharacters && candidate.maxBytes !== undefined && best.maxBytes === undefined)
    ) {
      best = candidate;
    }
  }
  return best ?? BLUESKY_LIMITS;
}
