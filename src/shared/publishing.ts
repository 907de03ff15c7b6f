/**
 * What a post is made of, and what each network can take. Shared by the core (connectors,
 * validation before publishing) and the renderer (composer counters and reasons).
 */
import { z } from 'zod';
import { Id, Network } from './domain';
import { TextLimitsSchema } from './text/limits';

export const Visibility = z.enum(['public', 'unlisted', 'private', 'direct']);
export type Visibility = z.infer<typeof Visibility>;

/** What a network (or a given Mastodon instance) accepts; the composer validates against it. */
export const Capabilities = z.object({
  network: Network,
  text: TextLimitsSchema,
  media: z.object({
    maxCount: z.number().int().nonnegative(),
    /** The largest image the network accepts after Tribune's own resizing. */
    maxImageBytes: z.number().int().positive(),
    acceptedTypes: z.array(z.string()),
    maxAltTextLength: z.number().int().positive(),
  }),
  threads: z.boolean(),
  contentWarning: z.boolean(),
  poll: z
    .object({
      maxOptions: z.number().int().min(2),
      maxOptionCharacters: z.number().int().positive(),
      minExpirationSeconds: z.number().int().positive(),
      maxExpirationSeconds: z.number().int().positive(),
    })
    .nullable(),
  languages: z.boolean(),
  visibilities: z.array(Visibility),
  /** The server can hold a post until a time (Mastodon's scheduled_at); Tribune's queue stays the default. */
  serverScheduling: z.boolean(),
});
export type Capabilities = z.infer<typeof Capabilities>;

export const MediaRef = z.object({ mediaId: Id, alt: z.string().max(5000) });
export type MediaRef = z.infer<typeof MediaRef>;

export const Poll = z.object({
  options: z.array(z.string().trim().min(1).max(200)).min(2).max(10),
  expiresInSeconds: z.number().int().min(300).max(30 * 24 * 3600),
  multiple: z.boolean(),
});
export type Poll = z.infer<typeof Poll>;

/** One post of a thread (a single post is a thread of one). */
export const PostPart = z.object({
  text: z.string().max(100_000),
  media: z.array(MediaRef).max(10),
});
export type PostPart = z.infer<typeof PostPart>;

export const PostContent = z.object({
  parts: z.array(PostPart).min(1).max(100),
  contentWarning: z.string().max(1000).nullable(),
  /** BCP-47 language tag ("fr", "en", "pt-BR"). */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).nullable(),
  visibility: Visibility.nullable(),
  poll: Poll.nullable(),
});
export type PostContent = z.infer<typeof PostContent>;
