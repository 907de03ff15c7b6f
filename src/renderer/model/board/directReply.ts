/**
 * Answering a private (direct) post: the answer stays private (visibility `direct`) and names
 * every participant, as Mastodon only delivers a direct status to the accounts it mentions.
 */
import type { BoardItem } from '../../../shared/board/schemas';

const bare = (handle: string) => handle.replace(/^@/, '').toLowerCase();

/** The participants of a private post (its author and the accounts it mentions), without the answering account. */
export function directParticipants(item: BoardItem, ownHandle: string): string[] {
  const own = bare(ownHandle);
  const out: string[] = [];
  const add = (handle: string | null) => {
    if (!handle) return;
    const h = handle.replace(/^@/, '');
    if (bare(h) !== own && !out.some((x) => bare(x) === bare(h))) out.push(h);
  };
  add(item.author.handle);
  for (const span of item.spans) if (span.type === 'mention') add(span.handle);
  return out;
}

/** The start of the answer's text: "@alice@example.social @bob@example.org ". */
export const directReplyText = (item: BoardItem, ownHandle: string): string =>
  directParticipants(item, ownHandle)
    .map((h) => `@${h} `)
    .join('');
