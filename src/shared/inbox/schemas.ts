/**
 * The inbox, saved replies, notes, the audit log and response-time figures as shared shapes.
 * An inbox item is a board item (or, for a follow, only its actor) with its state in the
 * workspace's inbox; flags come from the workspace's charter.
 */
import { z } from 'zod';
import { Actor, BoardItem } from '../board/schemas';
import { ItemFlag } from '../charter/schema';
import { Id, Instant, Network } from '../domain';

export const INBOX_KINDS = ['mention', 'reply', 'quote', 'dm', 'follow'] as const;
export const InboxKind = z.enum(INBOX_KINDS);
export type InboxKind = z.infer<typeof InboxKind>;
export const InboxState = z.enum(['to_handle', 'done', 'snoozed']);
export type InboxState = z.infer<typeof InboxState>;

export const InboxFilter = z
  .object({
    accountIds: z.array(Id).max(100).optional(),
    networks: z.array(Network).max(2).optional(),
    kinds: z.array(InboxKind).max(INBOX_KINDS.length).optional(),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(),
    flagged: z.boolean().optional(),
    /** Words searched in the item's text and the person's name and handle (case and accents ignored). */
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type InboxFilter = z.infer<typeof InboxFilter>;

export const InboxEntry = z.object({
  id: Id,
  accountId: Id,
  network: Network,
  kind: InboxKind,
  /** A snoozed item whose time passed is to_handle again (back on top). */
  state: InboxState,
  snoozedUntil: Instant.nullable(),
  arrivedAt: Instant,
  doneAt: Instant.nullable(),
  firstReplyAt: Instant.nullable(),
  /** A reply from Tribune to it is on its way (publishing, scheduled, held offline) and has not gone out yet. */
  replyWaiting: z.boolean(),
  actor: Actor,
  item: BoardItem.nullable(),
  flags: z.array(ItemFlag),
  /** Ordering cursor for the next page. */
  cursor: z.string(),
});
export type InboxEntry = z.infer<typeof InboxEntry>;

export const InboxCounts = z.object({
  toHandle: z.number().int().nonnegative(),
  snoozed: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  flagged: z.number().int().nonnegative(),
});
export type InboxCounts = z.infer<typeof InboxCounts>;


/** One inbox item's state before a change, to undo it. */
export const InboxStateSnapshot = z.object({ id: Id, state: InboxState, snoozedUntil: Instant.nullable(), doneAt: Instant.nullable() });
export type InboxStateSnapshot = z.infer<typeof InboxStateSnapshot>;

/** Business hours in the workspace's zone: ISO weekdays (1 = Monday) and minutes after midnight. */
export const BusinessHours = z.object({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), start: z.number().int().min(0).max(1439), end: z.number().int().min(1).max(1440) }).refine((b) => b.end > b.start, 'end_before_start');
export type BusinessHours = z.infer<typeof BusinessHours>;

export const InboxSettings = z.object({
  /** "Answer within 2 h": inbox items age from green to red against it. */
  targetMinutes: z.number().int().min(5).max(7 * 24 * 60),
  businessHours: BusinessHours.nullable(),
  includeFollows: z.boolean(),
});
export type InboxSettings = z.infer<typeof InboxSettings>;

/** A page of the inbox, with what its ageing colours read: the target and the business hours (in the workspace's zone). */
export const InboxPage = z.object({
  entries: z.array(InboxEntry),
  nextCursor: z.string().nullable(),
  counts: InboxCounts,
  targetMinutes: z.number().int().positive(),
  businessHours: BusinessHours.nullable(),
});
export type InboxPage = z.infer<typeof InboxPage>;

const Figure = z.object({
  /** Items answered (arrival to the brand's first reply). */
  answered: z.number().int().nonnegative(),
  /** Done without a reply: counted apart, not in the times. */
  doneWithoutReply: z.number().int().nonnegative(),
  medianMinutes: z.number().nonnegative().nullable(),
  p90Minutes: z.number().nonnegative().nullable(),
});
export const ResponseTimes = z.object({
  workspace: Figure,
  byAccount: z.array(Figure.extend({ accountId: Id })),
  /** Calendar days of the workspace's zone (YYYY-MM-DD), by arrival. */
  byDay: z.array(Figure.extend({ day: z.string() })),
  businessHours: z.boolean(),
});
export type ResponseTimes = z.infer<typeof ResponseTimes>;

export const SavedReply = z.object({
  id: Id,
  workspaceId: Id,
  name: z.string().trim().min(1).max(80),
  language: z.enum(['fr', 'en']),
  /** With variables: {name}, {handle}, {account}, and custom ones ({date}...) the composer asks for. */
  text: z.string().min(1).max(5000),
  position: z.number().int().nonnegative(),
});
export type SavedReply = z.infer<typeof SavedReply>;

export const AUDIT_OUTCOMES = ['done', 'refused', 'unreachable', 'queued', 'undone'] as const;
export const AuditEntry = z.object({
  id: Id,
  at: Instant,
  accountId: Id.nullable(),
  itemId: Id.nullable(),
  itemUri: z.string().nullable(),
  actorHandle: z.string().nullable(),
  /** The charter rule that asked for it, or null: by hand. */
  ruleId: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  message: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const PersonHistory = z.object({
  actor: Actor,
  exchanges: z.number().int().nonnegative(),
  lastAt: Instant.nullable(),
  note: z.string(),
});
export type PersonHistory = z.infer<typeof PersonHistory>;
