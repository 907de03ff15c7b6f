/**
 * How long a post is, counted the way each network's server will count it.
 *
 * Bluesky (lexicon app.bsky.feed.post, checked by the PDS): the record's text as written, at most 300 graphemes
 * (maxGraphemes) and 3,000 UTF-8 bytes (maxLength). Links count in full: the official app shortens link text in
 * the record before posting (social-app shortenLinks), but what counts is the text that goes in the record, and
 * Tribune sends the text as written.
 *
 * Mastodon (app/validators/status_length_validator.rb): graphemes (`each_grapheme_cluster.size`) of the text
 * after rewriting each URL to `charactersReservedPerUrl` characters and each mention to "@user" (its domain
 * dropped); a blank text counts 0. The content warning shares the same budget; Tribune has none yet.
 */
import { findMentions, findUrls } from './entities';
import { graphemeCount, utf8ByteLength } from './graphemes';
import type { TextLimits } from './limits';

export interface TextCount {
  used: number;
  max: number;
  bytes?: number;
  maxBytes?: number;
  over: boolean;
  /** At least 90% of a limit is used (also true when over). */
  nearLimit: boolean;
  /** Why the text is over, with the network and the numbers ("Bluesky: 312/300 characters"); null when it fits. */
  reason: string | null;
}

const NETWORK_NAMES = { bluesky: 'Bluesky', mastodon: 'Mastodon' } as const;
const DEFAULT_CHARACTERS_PER_URL = 23;

/**
 * The text Mastodon measures: URLs become `perUrl` x's, mentions become "@user".
 * Entities that overlap an earlier one are dropped, as twitter-text's remove_overlapping_entities does.
 */
export function mastodonCountableText(text: string, charactersReservedPerUrl = DEFAULT_CHARACTERS_PER_URL): string {
  if (/^\p{White_Space}*$/u.test(text)) return ''; // Ruby's String#blank?
  const entities = [
    ...findUrls(text).map((u) => ({ start: u.start, end: u.end, replacement: 'x'.repeat(charactersReservedPerUrl) })),
    ...findMentions(text).map((m) => ({ start: m.start, end: m.end, replacement: `@${m.username}` })),
  ].sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const entity of entities) {
    if (entity.start < cursor) continue;
    result += text.slice(cursor, entity.start) + entity.replacement;
    cursor = entity.end;
  }
  return result + text.slice(cursor);
}

/** Counts a text against one target's limits. */
export function countText(text: string, limits: TextLimits): TextCount {
  const used =
    limits.network === 'mastodon'
      ? graphemeCount(mastodonCountableText(text, limits.charactersReservedPerUrl ?? DEFAULT_CHARACTERS_PER_URL))
      : graphemeCount(text);
  const max = limits.maxCharacters;
  const count: TextCount = { used, max, over: false, nearLimit: used * 10 >= max * 9, reason: null };
  const problems: string[] = [];
  if (used > max) problems.push(`${used}/${max} characters`);
  if (limits.maxBytes !== undefined) {
    const bytes = utf8ByteLength(text);
    count.bytes = bytes;
    count.maxBytes = limits.maxBytes;
    if (bytes * 10 >= limits.maxBytes * 9) count.nearLimit = true;
    if (bytes > limits.maxBytes) problems.push(`${bytes}/${limits.maxBytes} bytes`);
  }
  if (problems.length > 0) {
    count.over = true;
    count.reason = `${NETWORK_NAMES[limits.network]}: ${problems.join(', ')}`;
  }
  return count;
}
