/**
 * The composer's content beyond the main text (DraftContent), as pure functions: targets,
 * per-target versions ("Adapter pour ce compte"), images with their alt text (thread mode of the
 * main version: threadParts.ts; its visibility and poll: pollContent.ts).
 * Every function returns a new object; the store saves what they return.
 */
import type { DraftContent, DraftTarget, MediaRef, PostContent, PostPart } from '../../shared/publishing';
import { splitThread, type TextLimits } from '../../shared/text';
import { contentForTarget, mainPostContent } from '../../shared/rules/content';
import { insertPart, joinThreadParts, mergePart } from './threadParts';

/** Which version of the post an edit applies to: the main one (null) or an adapted target's. */
export type ContentScope = string | null;

export const MAX_MEDIA = 10;

// ---------------------------------------------------------------------------------------------
// Targets

export const targetIds = (content: DraftContent): string[] => content.targets.map((t) => t.accountId);

export const findTarget = (content: DraftContent, accountId: string): DraftTarget | undefined =>
  content.targets.find((t) => t.accountId === accountId);

/**
 * The targets a new post starts with: the workspace's only account when it has exactly one
 * (there is nothing to choose), none when it has several (the person picks).
 */
export function newPostTargets(accounts: readonly { id: string }[]): DraftTarget[] {
  const [only] = accounts;
  return only && accounts.length === 1 ? [{ accountId: only.id, variant: null }] : [];
}

/** Adds the account as a target, or takes it out (its adapted version goes with it). */
export function toggleTarget(content: DraftContent, accountId: string): DraftContent {
  return findTarget(content, accountId)
    ? { ...content, targets: content.targets.filter((t) => t.accountId !== accountId) }
    : { ...content, targets: [...content.targets, { accountId, variant: null }] };
}

/** Keeps only targets whose account still exists (a removed account leaves the drafts). */
export function pruneTargets(content: DraftContent, accountIds: readonly string[]): DraftContent {
  const known = new Set(accountIds);
  const targets = content.targets.filter((t) => known.has(t.accountId));
  return targets.length === content.targets.length ? content : { ...content, targets };
}

// ---------------------------------------------------------------------------------------------
// The main version and the adapted ones

export { mainTexts, mainPostContent } from '../../shared/rules/content';

/** What a target will publish: its own version when adapted, else the main one. */
export function targetPostContent(content: DraftContent, text: string, accountId: string): PostContent {
  return contentForTarget(text, content, findTarget(content, accountId) ?? { variant: null });
}

export const isAdapted = (content: DraftContent, accountId: string): boolean => !!findTarget(content, accountId)?.variant;

/**
 * "Adapter pour ce compte": the target gets its own copy of the main version, edited apart from now on.
 * A network without content warnings (Bluesky) gets the copy without it.
 */
export function adaptTarget(
  content: DraftContent,
  text: string,
  accountId: string,
  options: { contentWarning?: boolean; poll?: boolean; visibility?: boolean } = {},
): DraftContent {
  const target = findTarget(content, accountId);
  if (!target || target.variant) return content;
  const copy = mainPostContent(content, text);
  const variant = {
    ...copy,
    contentWarning: options.contentWarning === false ? null : copy.contentWarning,
    poll: options.poll === false ? null : copy.poll,
    visibility: options.visibility === false ? null : copy.visibility,
  };
  return { ...content, targets: content.targets.map((t) => (t.accountId === accountId ? { ...t, variant } : t)) };
}

/** Back to the main version: the adapted text is dropped. */
export function unadaptTarget(content: DraftContent, accountId: string): DraftContent {
  return { ...content, targets: content.targets.map((t) => (t.accountId === accountId ? { ...t, variant: null } : t)) };
}

function updateVariant(content: DraftContent, accountId: string, update: (variant: PostContent) => PostContent): DraftContent {
  return {
    ...content,
    targets: content.targets.map((t) => (t.accountId === accountId && t.variant ? { ...t, variant: update(t.variant) } : t)),
  };
}

/** Edits the text of one post of an adapted version. */
export function setVariantPart(content: DraftContent, accountId: string, index: number, text: string): DraftContent {
  return updateVariant(content, accountId, (v) => ({ ...v, parts: v.parts.map((p, i) => (i === index ? { ...p, text } : p)) }));
}

/** Rebuilds a version's posts from texts; its images stay with the first post. */
const withTexts = (variant: PostContent, texts: readonly string[]): PostContent => {
  const media = variant.parts.flatMap((p) => p.media);
  return { ...variant, parts: texts.map((text, i) => ({ text, media: i === 0 ? media : [] })) };
};

/** Adapted version: cuts its text into a thread for that target, or joins the thread back. */
export function setVariantThread(content: DraftContent, accountId: string, on: boolean, limits: TextLimits): DraftContent {
  return updateVariant(content, accountId, (v) => {
    const whole = joinThreadParts(v.parts.map((p) => p.text));
    if (!on) return withTexts(v, [whole]);
    const parts = splitThread(whole, limits);
    return withTexts(v, parts.length > 0 ? parts : ['']);
  });
}

export function addVariantPart(content: DraftContent, accountId: string, after: number): DraftContent {
  return updateVariant(content, accountId, (v) => withTexts(v, insertPart(v.parts.map((p) => p.text), after)));
}

export function mergeVariantPart(content: DraftContent, accountId: string, index: number): DraftContent {
  return updateVariant(content, accountId, (v) => withTexts(v, mergePart(v.parts.map((p) => p.text), index)));
}

export function setVariantContentWarning(content: DraftContent, accountId: string, warning: string | null): DraftContent {
  return updateVariant(content, accountId, (v) => ({ ...v, contentWarning: warning }));
}

// ---------------------------------------------------------------------------------------------
// Images

/** The images of a version (the main one's, or an adapted target's first post). */
export function mediaOf(content: DraftContent, scope: ContentScope): MediaRef[] {
  if (scope === null) return content.media;
  const variant = findTarget(content, scope)?.variant;
  return variant ? variant.parts.flatMap((p) => p.media) : content.media;
}

const mapVariantMedia = (variant: PostContent, fn: (media: MediaRef[], partIndex: number) => MediaRef[]): PostContent => ({
  ...variant,
  parts: variant.parts.map((p: PostPart, i) => ({ ...p, media: fn(p.media, i) })),
});

/** Adds an image to a version; with no description yet. */
export function addMedia(content: DraftContent, scope: ContentScope, mediaId: string): DraftContent {
  if (mediaOf(content, scope).some((m) => m.mediaId === mediaId) || mediaOf(content, scope).length >= MAX_MEDIA) return content;
  if (scope === null || !isAdapted(content, scope)) return { ...content, media: [...content.media, { mediaId, alt: '' }] };
  return updateVariant(content, scope, (v) => mapVariantMedia(v, (media, i) => (i === 0 ? [...media, { mediaId, alt: '' }] : media)));
}

export function removeMedia(content: DraftContent, scope: ContentScope, mediaId: string): DraftContent {
  if (scope === null || !isAdapted(content, scope)) return { ...content, media: content.media.filter((m) => m.mediaId !== mediaId) };
  return updateVariant(content, scope, (v) => mapVariantMedia(v, (media) => media.filter((m) => m.mediaId !== mediaId)));
}

/** The image's description ("Texte alternatif"), for one version. */
export function setAlt(content: DraftContent, scope: ContentScope, mediaId: string, alt: string): DraftContent {
  const set = (media: MediaRef[]) => media.map((m) => (m.mediaId === mediaId ? { ...m, alt } : m));
  if (scope === null || !isAdapted(content, scope)) return { ...content, media: set(content.media) };
  return updateVariant(content, scope, (v) => mapVariantMedia(v, set));
}

/** Moves an image one place earlier (-1) or later (+1) in its version. */
export function moveMedia(content: DraftContent, scope: ContentScope, mediaId: string, step: -1 | 1): DraftContent {
  const move = (media: MediaRef[]) => {
    const from = media.findIndex((m) => m.mediaId === mediaId);
    const to = from + step;
    if (from < 0 || to < 0 || to >= media.length) return media;
    const next = [...media];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return next;
  };
  if (scope === null || !isAdapted(content, scope)) return { ...content, media: move(content.media) };
  return updateVariant(content, scope, (v) => mapVariantMedia(v, (media, i) => (i === 0 ? move(media) : media)));
}
