/**
 * Moderation actions as the contract names them, the same words for every network; each
 * network's connector says which it can do (hide a reply and detach a quote are Bluesky's).
 */
import { z } from 'zod';
import { Id, type Network } from '../domain';

export const MODERATION_ACTIONS = [
  'hide_reply',
  'unhide_reply',
  'detach_quote',
  'reattach_quote',
  'mute',
  'unmute',
  'mute_thread',
  'unmute_thread',
  'block',
  'unblock',
  'remove_follower',
  'report',
] as const;
export const ModerationAction = z.enum(MODERATION_ACTIONS);
export type ModerationAction = z.infer<typeof ModerationAction>;

/** The action that undoes each one (a report cannot be taken back). */
export const UNDO_OF: Partial<Record<ModerationAction, ModerationAction>> = {
  hide_reply: 'unhide_reply',
  unhide_reply: 'hide_reply',
  detach_quote: 'reattach_quote',
  reattach_quote: 'detach_quote',
  mute: 'unmute',
  unmute: 'mute',
  mute_thread: 'unmute_thread',
  unmute_thread: 'mute_thread',
  block: 'unblock',
  unblock: 'block',
};

/**
 * What each network lets an account do (the moderation part of its capabilities): the renderer
 * offers only these, the core refuses the others before anything is sent. Bluesky has no way to
 * remove a follower (only a block, which is offered as a block); hiding replies and detaching
 * quotes are Bluesky's gates.
 */
export const MODERATION_CAPABILITIES: Record<Network, readonly ModerationAction[]> = {
  bluesky: ['hide_reply', 'unhide_reply', 'detach_quote', 'reattach_quote', 'mute', 'unmute', 'mute_thread', 'unmute_thread', 'block', 'unblock', 'report'],
  mastodon: ['mute', 'unmute', 'mute_thread', 'unmute_thread', 'block', 'unblock', 'remove_follower', 'report'],
};

export const canModerate = (network: Network, action: ModerationAction): boolean => MODERATION_CAPABILITIES[network].includes(action);

/** Actions asked to confirm first (they cut the person off, or cannot be taken back). */
export const CONFIRMED: readonly ModerationAction[] = ['block', 'remove_follower', 'report'];

/** Why a report is made; each network maps it to its own reasons (Bluesky reasonType, Mastodon category). */
export const ReportReason = z.enum(['spam', 'rude', 'violation', 'misleading', 'sexual', 'illegal', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;

export const ReportDetails = z
  .object({
    reason: ReportReason,
    comment: z.string().max(1000).optional(),
    /** Mastodon: the instance's rules broken (GET /api/v1/instance/rules). */
    ruleIds: z.array(z.string().max(50)).max(20).optional(),
    /** Mastodon: forward a remote account's report to its server. */
    forward: z.boolean().optional(),
  })
  .strict();
export type ReportDetails = z.infer<typeof ReportDetails>;

/** What can be done to a person without a post of theirs (a new follower in the inbox). */
export const PERSON_ACTIONS: readonly ModerationAction[] = ['mute', 'unmute', 'block', 'unblock', 'remove_follower'];

export const ModerationInput = z
  .object({
    workspaceId: Id,
    /** The post acted on; or, for a person without a post (a follower), `actorId`. */
    itemId: Id.optional(),
    actorId: Id.optional(),
    asAccountId: Id,
    action: ModerationAction,
    /** The charter rule whose suggestion this follows (null: by hand). */
    ruleId: z.string().max(64).optional(),
    report: ReportDetails.optional(),
  })
  .strict()
  .refine((v) => (v.itemId === undefined) !== (v.actorId === undefined), { message: 'Give either itemId or actorId.', path: ['itemId'] });

export const ModerationResult = z.object({
  action: ModerationAction,
  /** What undoes it, when the network allows it. */
  undo: ModerationAction.nullable(),
  /** The inbox item this settled (marked done), if any. */
  inboxItemId: Id.nullable(),
  /** The network could not be reached: the action waits and goes once the connection is back. */
  queued: z.literal(true).optional(),
});
export type ModerationResult = z.infer<typeof ModerationResult>;

/** One of a server's rules (Mastodon GET /api/v1/instance/rules), offered when a report is for a violation. */
export const ServerRule = z.object({ id: z.string().max(50), text: z.string().max(2000), hint: z.string().max(2000) });
export type ServerRule = z.infer<typeof ServerRule>;
