/** What each network allows in one post. */
import { z } from 'zod';

export interface TextLimits {
  network: 'bluesky' | 'mastodon';
  /** Graphemes after the network's own rewriting (Mastodon shortens URLs and remote mentions). */
  maxCharacters: number;
  /** Mastodon only: what every URL counts, whatever its length (the instance's characters_reserved_per_url; 23 if absent). */
  charactersReservedPerUrl?: number;
  /** UTF-8 bytes of the text as written (Bluesky: the record's maxLength). */
  maxBytes?: number;
}

export const TextLimitsSchema = z.object({
  network: z.enum(['bluesky', 'mastodon']),
  maxCharacters: z.number().int().positive(),
  charactersReservedPerUrl: z.number().int().nonnegative().optional(),
  maxBytes: z.number().int().positive().optional(),
}) satisfies z.ZodType<TextLimits>;

/** app.bsky.feed.post: text has maxGraphemes 300 and maxLength 3000 (UTF-8 bytes). */
export const BLUESKY_LIMITS: TextLimits = Object.freeze({ network: 'bluesky', maxCharacters: 300, maxBytes: 3000 });

/** Mastodon's StatusLengthValidator: MAX_CHARS 500, URL_PLACEHOLDER_CHARS 23. Instances may change both. */
export const MASTODON_DEFAULT_LIMITS: TextLimits = Object.freeze({ network: 'mastodon', maxCharacters: 500, charactersReservedPerUrl: 23 });

/**
 * Limits of one Mastodon instance from its /api/v2/instance `configuration.statuses`.
 * A missing or nonsensical value falls back to Mastodon's default.
 */
export function mastodonLimitsFromInstance(statuses: { max_characters?: unknown; characters_reserved_per_url?: unknown } | null | undefined): TextLimits {
  const max = statuses?.max_characters;
  const perUrl = statuses?.characters_reserved_per_url;
  return {
    network: 'mastodon',
    maxCharacters: Number.isInteger(max) && (max as number) > 0 ? (max as number) : MASTODON_DEFAULT_LIMITS.maxCharacters,
    charactersReservedPerUrl: Number.isInteger(perUrl) && (perUrl as number) >= 0 ? (perUrl as number) : 23,
  };
}
