/**
 * Which moderation actions a card or an inbox item offers, as one account: only what the
 * account's network allows (MODERATION_CAPABILITIES: no "remove a follower" on Bluesky), never
 * on the brand's own posts, hiding only replies and detaching only quotes.
 */
import type { Network } from '../../../shared/domain';
import { PERSON_ACTIONS, canModerate, type ModerationAction } from '../../../shared/inbox/moderation';

/** One moderation request: the item, the account that acts, and the charter rule that suggested it. */
export interface ModerationRequest {
  workspaceId: string;
  /** The post acted on, or (a new follower, no post) the person: `actorId`. */
  itemId?: string;
  actorId?: string;
  accountId: string;
  network: Network;
  action: ModerationAction;
  /** The item's author, for the confirmation's words. */
  authorHandle: string;
  ruleId?: string;
}

export interface ModerationSubject {
  network: Network;
  own: boolean;
  isReply: boolean;
  quotes: boolean;
  /** A person without a post (a new follower): only what is done to a person. */
  person?: boolean;
}

const ORDER: readonly ModerationAction[] = ['hide_reply', 'detach_quote', 'mute_thread', 'mute', 'block', 'remove_follower', 'report'];

export function moderationChoices(s: ModerationSubject): ModerationAction[] {
  if (s.own) return [];
  if (s.person) return ORDER.filter((a) => PERSON_ACTIONS.includes(a) && canModerate(s.network, a));
  return ORDER.filter((a) => canModerate(s.network, a) && (a !== 'hide_reply' || s.isReply) && (a !== 'detach_quote' || s.quotes));
}

/**
 * What the charter's suggestion means for this item (the "apply the suggestion" key): hide is a
 * hidden reply where the network hides replies, else a muted author; report opens the report.
 */
export function suggestedAction(suggestion: string | undefined, s: ModerationSubject): ModerationAction | null {
  if (s.own) return null;
  if (suggestion === 'hide') return canModerate(s.network, 'hide_reply') && s.isReply ? 'hide_reply' : 'mute';
  if (suggestion === 'report') return s.person ? null : 'report';
  return null;
}
