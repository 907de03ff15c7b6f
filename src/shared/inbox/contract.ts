/**
 * The inbox's part of the contract (spread into contract.ts): the charter (rules, live test,
 * file exchange), the inbox (pages, states, counts, settings, response times), saved replies,
 * notes about people and the audit log.
 */
import { z } from 'zod';
import { Charter, CharterRule, ItemFlag } from '../charter/schema';
import { Id, Instant } from '../domain';
import { ModerationInput, ModerationResult, ServerRule } from './moderation';
import { AuditEntry, InboxCounts, InboxFilter, InboxPage, InboxSettings, InboxState, InboxStateSnapshot, PersonHistory, ResponseTimes, SavedReply } from './schemas';

const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const Done = z.object({ done: z.literal(true) });
const Ws = z.object({ workspaceId: Id }).strict();
const TextFile = z.object({ fileName: z.string(), text: z.string() });
/** Where in a draft a text is: the main version (accountId null) or an account's adapted one; a thread's part (from 0) or the whole (null). */
const LintPlace = z.object({ accountId: Id.nullable(), part: z.number().int().min(0).max(99).nullable() });

export const inboxCommands = {
  'charter.get': command(Ws, Charter),
  /** Replaces the workspace's charter; refused whole when a rule cannot run (charter_rule_refused). Cached items are checked again. */
  'charter.save': command(z.object({ workspaceId: Id, charter: Charter }).strict(), Charter),
  /** A rule before it is saved: its problem, what it flags in a sample text (a spam wave: with the cached items), and which cached items it would flag (live). */
  'charter.test': command(
    z
      .object({
        workspaceId: Id,
        rule: CharterRule,
        sample: z.string().max(5000).optional(),
        /** The sample's author, for account rules: how old the account is, and an empty profile (no picture, no bio, no posts). */
        sampleAuthor: z.object({ ageDays: z.number().int().min(0).max(100_000).optional(), emptyProfile: z.boolean().optional() }).strict().optional(),
      })
      .strict(),
    z.object({
      problem: z.object({ reason: z.string(), at: z.number().int().optional() }).nullable(),
      sample: z.array(ItemFlag),
      matches: z.array(z.object({ itemId: Id, text: z.string(), matched: z.string() })),
      scanned: z.number().int().nonnegative(),
    }),
  ),
  'charter.export': command(Ws, TextFile),
  /** Reads a charter file (not saved: the editor shows it, then charter.save); refused whole with the line (charter_file_invalid). */
  'charter.import': command(z.object({ workspaceId: Id, text: z.string().max(2_000_000) }).strict(), Charter),

  // The composer's lint: the brand's own draft against the charter (text rules only).
  /**
   * Flags of the workspace's text rules (words, regex, domains, capitals, mentions) on a draft; spam waves and account rules never apply.
   * `text` is the main version; `places` the draft's other texts (a thread's parts, adapted versions and their parts). `flags`: one per
   * rule over the whole draft; `places`: where each matched (accountId null: the main version; part null: the whole text, from 0: a part).
   */
  'charter.lint': command(
    z.object({ workspaceId: Id, text: z.string().max(100_000), places: z.array(LintPlace.extend({ text: z.string().max(100_000) })).max(500).optional() }).strict(),
    z.object({ flags: z.array(ItemFlag), places: z.array(LintPlace.extend({ flags: z.array(ItemFlag) })) }),
  ),

  'inbox.list': command(
    z.object({ workspaceId: Id, state: InboxState, filter: InboxFilter.optional(), before: z.string().max(200).optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    InboxPage,
  ),
  'inbox.counts': command(Ws, InboxCounts),
  /** Done, snoozed (until a time) or to handle again, for one item or many; answers what they were (inbox.restore undoes). */
  'inbox.setState': command(
    z.object({ workspaceId: Id, ids: z.array(Id).min(1).max(500), state: InboxState, snoozedUntil: Instant.optional() }).strict(),
    z.object({ previous: z.array(InboxStateSnapshot), counts: InboxCounts }),
  ),
  'inbox.restore': command(z.object({ workspaceId: Id, previous: z.array(InboxStateSnapshot).min(1).max(500) }).strict(), z.object({ counts: InboxCounts })),
  'inbox.getSettings': command(Ws, InboxSettings),
  'inbox.setSettings': command(InboxSettings.partial().extend({ workspaceId: Id }).strict(), InboxSettings),
  /** Arrival to first reply over items that arrived in [from, to): median and 90th percentile per workspace, account and day. */
  'inbox.responseTimes': command(z.object({ workspaceId: Id, from: Instant, to: Instant }).strict(), ResponseTimes),

  'reply.list': command(Ws, z.array(SavedReply)),
  'reply.save': command(SavedReply.omit({ position: true }).extend({ position: z.number().int().nonnegative().optional() }).strict(), SavedReply),
  'reply.delete': command(z.object({ id: Id }).strict(), Done),

  /** This person with the brand: exchanges in the inbox, the last one, the note kept about them. */
  'person.history': command(z.object({ workspaceId: Id, actorId: Id }).strict(), PersonHistory),
  'person.setNote': command(z.object({ workspaceId: Id, actorId: Id, note: z.string().max(5000) }).strict(), PersonHistory),

  'audit.list': command(z.object({ workspaceId: Id, before: Instant.optional(), limit: z.number().int().min(1).max(500).optional() }).strict(), z.array(AuditEntry)),
  'audit.exportCsv': command(Ws, TextFile),

  /** Hides, detaches, mutes, blocks or reports from a card or an inbox item; logged with the network's outcome; a refusal changes nothing. */
  'moderation.act': command(ModerationInput, ModerationResult),
  /** The rules of the account's server a report can name (Mastodon's instance rules; none on Bluesky). */
  'moderation.rules': command(z.object({ accountId: Id }).strict(), z.array(ServerRule)),
} as const;

export const inboxEvents = {
  /** Items entered the inbox, changed state, got flagged, or a snooze ended: repaint it. */
  'inbox.changed': z.object({ workspaceId: Id, counts: InboxCounts }),
} as const;
