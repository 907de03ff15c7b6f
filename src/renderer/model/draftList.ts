import type { Draft } from '../../shared/domain';
import type { PostView } from '../../shared/publishing';

/** Newest first: most recently edited on top, then most recently created. */
export function sortDrafts(drafts: readonly Draft[]): Draft[] {
  return [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Puts one acknowledged draft into a list. An acknowledgement older than what the list
 * already holds (lower revision) is stale and ignored.
 */
export function upsertDraft(list: readonly Draft[], draft: Draft): Draft[] {
  const existing = list.find((d) => d.id === draft.id);
  if (existing && existing.revision > draft.revision) return [...list];
  return sortDrafts([...list.filter((d) => d.id !== draft.id), draft]);
}

/**
 * A fresh list from the core is authoritative about which drafts exist; for a draft
 * both sides know, the higher revision wins (an acknowledgement may arrive after a
 * list that was read before it).
 */
export function mergeFreshDrafts(fresh: readonly Draft[], local: readonly Draft[]): Draft[] {
  const localById = new Map(local.map((d) => [d.id, d]));
  return sortDrafts(
    fresh.map((d) => {
      const mine = localById.get(d.id);
      return mine && mine.revision > d.revision ? mine : d;
    }),
  );
}

/** The first line of a draft, trimmed, for a card or an accessible name. */
export function draftPreview(text: string, max = 280): string {
  const compact = text.replace(/\s+/gu, ' ').trim();
  return compact.length > max ? `${compact.slice(0, max - 1)}…` : compact;
}

/** The Drafts column without the posts that are planned or sent (they have their own card in their column). */
export function withoutPlanned(drafts: readonly Draft[], posts: readonly Pick<PostView, 'draftId' | 'state'>[]): readonly Draft[] {
  const planned = new Set(posts.filter((p) => p.state !== 'draft').map((p) => p.draftId));
  return planned.size === 0 ? drafts : drafts.filter((d) => !planned.has(d.id));
}
