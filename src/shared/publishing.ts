/**
 * What a post is made of, and what each network can take. Shared by the core (connectors,
 * validation before publishing) and the renderer (composer counters and reasons).
 */
import { z } from 'zod';
import { PostRef } from './board/schemas';
import { RuleProblem, TargetProblem } from './rules/problems';
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

/** BCP-47 language tag as a post carries it ("fr", "en", "pt-BR"). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const LanguageTag = z.string().regex(LANGUAGE_TAG);

/**
 * The language a reply starts with: the answered post's, when the network gave a tag a post can
 * carry ("FR" is read as "fr"); null (unset) for anything else.
 */
export function replyLanguage(tag: string | null | undefined): string | null {
  if (!tag || tag.length > 35) return null;
  const dash = tag.indexOf('-');
  const normalised = dash < 0 ? tag.toLowerCase() : tag.slice(0, dash).toLowerCase() + tag.slice(dash);
  return LANGUAGE_TAG.test(normalised) ? normalised : null;
}

export const PostContent = z.object({
  parts: z.array(PostPart).min(1).max(100),
  contentWarning: z.string().max(1000).nullable(),
  language: LanguageTag.nullable(),
  visibility: Visibility.nullable(),
  poll: Poll.nullable(),
});
export type PostContent = z.infer<typeof PostContent>;

/** A target of a draft: an account, with its own version of the post when adapted. */
export const DraftTarget = z.object({
  accountId: Id,
  /** null: the target publishes the main content. */
  variant: PostContent.nullable(),
});
export type DraftTarget = z.infer<typeof DraftTarget>;

/**
 * Everything the composer holds beyond the main text, autosaved with the draft. The main
 * text is the draft's text; `parts` is set when thread mode split it (and the person edited it).
 */
export const DraftContent = z.object({
  targets: z.array(DraftTarget).max(50),
  media: z.array(MediaRef).max(10),
  contentWarning: z.string().max(1000).nullable(),
  language: LanguageTag.nullable(),
  visibility: Visibility.nullable(),
  poll: Poll.nullable(),
  threadParts: z.array(z.string().max(100_000)).max(100).nullable(),
  /** A reply from the board: the post answered (each target replies under it as its own account). */
  replyTo: PostRef.nullable().optional(),
  /** A quote from the board: the post quoted. */
  quote: PostRef.nullable().optional(),
});
export type DraftContent = z.infer<typeof DraftContent>;
export const EMPTY_DRAFT_CONTENT: DraftContent = {
  targets: [],
  media: [],
  contentWarning: null,
  language: null,
  visibility: null,
  poll: null,
  threadParts: null,
};

export const Media = z.object({
  id: Id,
  workspaceId: Id,
  fileName: z.string(),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Media = z.infer<typeof Media>;

/** Why a target cannot go as it is: typed problems (rules/problems.ts) the renderer translates. */
export { TargetProblem, RuleProblem } from './rules/problems';
/** What a blocked target's hold carries: the rule book's problems for that account (codes, never sentences). */
export const HeldProblems = z.array(RuleProblem);
export type HeldProblems = z.infer<typeof HeldProblems>;

export const TargetStatus = z.enum(['pending', 'claimed', 'held', 'sent', 'failed', 'skipped', 'cancelled']);
export type TargetStatusValue = z.infer<typeof TargetStatus>;

/**
 * Why a held target waits, as data (never read from an error text):
 * - missed: its time passed while Tribune was closed; the person decides (publish now / skip);
 * - offline: the computer had no network; it goes by itself when the connection is back;
 * - reconnect_needed: the account must be reconnected; it goes after that;
 * - invalid: a publishing rule blocks it (text too long, missing alt text...); `heldProblems` says which;
 * - awaiting_approval: reserved for the approval workflow.
 */
export const HoldReason = z.enum(['missed', 'offline', 'reconnect_needed', 'invalid', 'awaiting_approval']);
export type HoldReason = z.infer<typeof HoldReason>;

/** One account's side of a scheduled or sent post, as the Scheduled and Sent / Failed columns show it. */
export const TargetView = z.object({
  id: Id,
  accountId: Id,
  network: Network,
  status: TargetStatus,
  /** Set exactly when status is 'held'. */
  heldReason: HoldReason.nullable(),
  /** When heldReason is 'invalid': the rules' problems for this account (codes, never sentences). */
  heldProblems: HeldProblems,
  dueAt: z.iso.datetime().nullable(),
  /** When the network took it (status 'sent'). */
  sentAt: z.iso.datetime().nullable(),
  attempts: z.number().int().nonnegative(),
  /** What a server said last (never a local state). */
  lastError: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  /** When the post was deleted from its network ("Delete from the network"); null while it is there. */
  remoteDeletedAt: z.iso.datetime().nullable(),
  partsSent: z.number().int().nonnegative(),
  partsTotal: z.number().int().positive(),
});
export type TargetView = z.infer<typeof TargetView>;

export const PostState = z.enum(['draft', 'scheduled', 'done']);
export const PostView = z.object({
  draftId: Id,
  workspaceId: Id,
  text: z.string(),
  state: PostState,
  scheduledAt: z.iso.datetime().nullable(),
  timeZone: z.string().nullable(),
  targets: z.array(TargetView),
  updatedAt: z.iso.datetime(),
  /** When the last of its targets went out (null until one did). */
  sentAt: z.iso.datetime().nullable(),
});
export type PostView = z.infer<typeof PostView>;


/**
 * What re-planning a scheduled post after an edit did that the person must know: accounts taken
 * out whose copy is already out or going out right now (it cannot be taken back), targets a
 * rule now blocks, and targets added.
 */
export const ReplanReport = z.object({
  workspaceId: Id,
  draftId: Id,
  notWithdrawn: z.array(z.object({ accountId: Id, why: z.enum(['sent', 'in_flight']) })),
  blocked: z.array(TargetProblem),
  added: z.array(Id),
  /** Every target was taken out: the post is a draft again. */
  backToDraft: z.boolean(),
});
export type ReplanReport = z.infer<typeof ReplanReport>;
