import type { Network } from '../../../shared/domain';
import type { Capabilities } from '../../../shared/publishing';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS, type TextLimits } from '../../../shared/text';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/**
 * What a network accepts when the account's own capabilities are not known yet (the core
 * answers account.capabilities from the instance; until then the composer counts with these).
 */
export function fallbackCapabilities(network: Network): Capabilities {
  if (network === 'bluesky') {
    return {
      network,
      text: { ...BLUESKY_LIMITS },
      media: { maxCount: 4, maxImageBytes: 1_000_000, acceptedTypes: IMAGE_TYPES, maxAltTextLength: 2000 },
      threads: true,
      contentWarning: false,
      poll: null,
      languages: true,
      visibilities: ['public'],
    };
  }
  return {
    network,
    text: { ...MASTODON_DEFAULT_LIMITS },
    media: { maxCount: 4, maxImageBytes: 16_777_216, acceptedTypes: IMAGE_TYPES, maxAltTextLength: 1500 },
    threads: true,
    contentWarning: true,
    poll: { maxOptions: 4, maxOptionCharacters: 50, minExpirationSeconds: 300, maxExpirationSeconds: 2_629_746 },
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
