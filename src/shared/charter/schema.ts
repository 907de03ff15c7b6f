/**
 * A workspace's moderation charter (charte de modération) as data: named rules, each with a
 * severity and a suggested action. Shared so the renderer edits what the core evaluates; the
 * same schema reads and writes the charter files exchanged between workspaces.
 */
import { z } from 'zod';

export const CharterSeverity = z.enum(['info', 'warning', 'critical']);
export const CharterAction = z.enum(['flag', 'hide', 'report', 'reply']);

const term = z.string().trim().min(1).max(200);

export const CharterMatcher = z.discriminatedUnion('kind', [
  /** Words and phrases: case-, accent- and elision-insensitive, whole words. */
  z.object({ kind: z.literal('words'), terms: z.array(term).min(1).max(500) }),
  /** A regular expression, checked for catastrophic shapes and run under a time bound. */
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(500), caseInsensitive: z.boolean().default(true) }),
  /** Links to these domains (and their subdomains). */
  z.object({ kind: z.literal('link_domains'), domains: z.array(z.string().trim().toLowerCase().min(3).max(253)).min(1).max(500) }),
  /** At least this many mentions in one item. */
  z.object({ kind: z.literal('mass_mentions'), min: z.number().int().min(2).max(100) }),
  /** Shouting: at least minLetters letters, nearly all capitals. */
  z.object({ kind: z.literal('all_caps'), minLetters: z.number().int().min(5).max(1000).default(20), ratio: z.number().min(0.5).max(1).default(0.9) }),
  /** The same text from several authors within a window: a spam wave. */
  z.object({ kind: z.literal('spam_wave'), minAuthors: z.number().int().min(2).max(100).default(3), windowMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60) }),
  /** Very new or empty accounts. */
  z.object({ kind: z.literal('new_account'), maxAgeDays: z.number().int().min(0).max(365).default(7), emptyProfile: z.boolean().default(true) }),
]);
export type CharterMatcher = z.infer<typeof CharterMatcher>;

export const CharterRule = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  severity: CharterSeverity,
  action: CharterAction,
  /** Acting without asking (hide) is opt-in per rule, and always logged. */
  automatic: z.boolean().default(false),
  enabled: z.boolean().default(true),
  match: CharterMatcher,
});
export type CharterRule = z.infer<typeof CharterRule>;

export const Charter = z.object({ format: z.literal('tribune-charter'), version: z.literal(1), rules: z.array(CharterRule).max(500) });
export type Charter = z.infer<typeof Charter>;

/** What the charter is run on: an item from a network, or the brand's own draft. */
export interface CharterItem {
  id: string;
  text: string;
  authorId: string;
  /** Instant of the item (ms), for spam waves. */
  at: number;
  links?: string[];
  mentions?: number;
  /** What the network said about the author (account rules); null or absent: unknown, never matched. */
  author?: { createdAt?: number | null; postsCount?: number | null; hasAvatar?: boolean | null; hasBio?: boolean | null };
}

/** A rule's verdict on an item: which rule, and the text that made it match. */
export interface CharterFlag {
  itemId: string;
  ruleId: string;
  ruleName: string;
  severity: z.infer<typeof CharterSeverity>;
  action: z.infer<typeof CharterAction>;
  automatic: boolean;
  /** The matched words, domain, or a description code for structural rules. */
  matched: string;
}

/** A flag as a card shows it (a badge with the rule's name and the matched text). */
export const ItemFlag = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  severity: CharterSeverity,
  action: CharterAction,
  matched: z.string(),
});
export type ItemFlag = z.infer<typeof ItemFlag>;
