/**
 * The composer's content beyond the main text (DraftContent), as pure functions: targets,
 * per-target versions ("Adapter pour ce compte"), images with their alt text, thread parts.
 * Every function returns a new object; the store saves what they return.
 */
import type { DraftContent, DraftTarget, MediaRef, Poll, PostContent, PostPart, Visibility } from '../../shared/publishing';
import { splitThread, type TextLimits } from '../../shared/text';
import { contentForTarget, mainPostContent } from '../../shared/rules/content';

/** Which version of the post an edit applies to: the main one (null) or an adapted target's. */
export type ContentScope = string | null;

export const MAX_MEDIA = 10;

// ---------------------------------------------------------------------------------------------
// Targets

export const targetIds = (content: DraftContent): string[] => content.targets.map((t) => t.accountId);

export const findTarget = (content: DraftContent, accountId: string): DraftTarget | undefined =>
  content.targets.find((t) => t.accountId === accountId);

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

// ---------------------------------------------------------------------------------------------
// Thread mode (main version)

const SUFFIX = /(?:^|[ \u00A0])(\d{1,4})\/(\d{1,4})$/u;

/**
 * The " 2/5" that thread mode appended, taken off every part. Only a suffix whose total is the
 * thread's (read on the first or last part) counts, so a text ending in "du 12/2024" keeps it.
 */
export function stripThreadNumbering(parts: readonly string[]): string[] {
  const first = SUFFIX.exec(parts[0] ?? '');
  const last = SUFFIX.exec(parts[parts.length - 1] ?? '');
  const total = last && last[1] === last[2] ? last[2] : first && first[1] === '1' ? first[2] : null;
  if (!total) return [...parts];
  return parts.map((part) => {
    const m = SUFFIX.exec(part);
    return m && m[2] === total && Number(m[1]) >= 1 && Number(m[1]) <= Number(total) ? part.slice(0, m.index) : part;
  });
}

/** Puts " i/N" at the end of every part (replacing an older numbering); a single part stays bare. */
export function renumber(parts: readonly string[]): string[] {
  const bare = stripThreadNumbering(parts);
  if (bare.length <= 1) return bare;
  return bare.map((text, i) => {
    const body = text.replace(/\s+$/u, '');
    return body ? `${body} ${i + 1}/${bare.length}` : `${i + 1}/${bare.length}`;
  });
}

/** The thread as one text again (what the drafts list shows and what leaving thread mode gives back). */
export function joinThreadParts(parts: readonly string[]): string {
  return stripThreadNumbering(parts)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

function insertPart(parts: readonly string[], after: number): string[] {
  const next = stripThreadNumbering(parts);
  next.splice(Math.min(Math.max(after + 1, 0), next.length), 0, '');
  return renumber(next);
}

/** Joins part `index` to the one before it (nothing typed is lost); the first part cannot be merged. */
function mergePart(parts: readonly string[], index: number): string[] {
  if (parts.length <= 1 || index < 1 || index >= parts.length) return [...parts];
  const bare = stripThreadNumbering(parts);
  const merged = [bare[index - 1]!.trim(), bare[index]!.trim()].filter((p) => p.length > 0).join('\n\n');
  return renumber([...bare.slice(0, index - 1), merged, ...bare.slice(index + 1)]);
}

/** Turns thread mode on: the text is cut for the strictest target; returns the parts to keep. */
export function enterThreadMode(content: DraftContent, text: string, limits: TextLimits): DraftContent {
  const parts = splitThread(text, limits);
  return { ...content, threadParts: parts.length > 0 ? parts : [text] };
}

/** Turns thread mode off: the parts become one text again. */
export function leaveThreadMode(content: DraftContent): { content: DraftContent; text: string } {
  return { content: { ...content, threadParts: null }, text: joinThreadParts(content.threadParts ?? []) };
}

/** Cuts the thread again from its whole text (after the targets changed, say). */
export function resplitThread(content: DraftContent, limits: TextLimits): DraftContent {
  const text = joinThreadParts(content.threadParts ?? []);
  const parts = splitThread(text, limits);
  return { ...content, threadParts: parts.length > 0 ? parts : [''] };
}

export function setThreadPart(content: DraftContent, index: number, text: string): DraftContent {
  if (!content.threadParts) return content;
  return { ...content, threadParts: content.threadParts.map((p, i) => (i === index ? text : p)) };
}

export function addThreadPart(content: DraftContent, after: number): DraftContent {
  return { ...content, threadParts: insertPart(content.threadParts ?? [], after) };
}

/** Merges a part into the one before it. */
export function mergeThreadPart(content: DraftContent, index: number): DraftContent {
  if (!content.threadParts) return content;
  return { ...content, threadParts: mergePart(content.threadParts, index) };
}

// ---------------------------------------------------------------------------------------------
// Visibility and poll (main version, Mastodon)

export function setVisibility(content: DraftContent, visibility: Visibility | null): DraftContent {
  return { ...content, visibility };
}

export const MIN_POLL_OPTIONS = 2;
/** Choices offered when the account's instance has not said its own maximum. */
export const DEFAULT_MAX_POLL_OPTIONS = 4;
/** The durations offered, in seconds: 5 min, 30 min, 1 h, 6 h, 1 day, 3 days, 7 days. */
export const POLL_DURATIONS = [300, 1800, 3600, 21_600, 86_400, 259_200, 604_800] as const;
export const DEFAULT_POLL_DURATION = 86_400;

const clampMax = (max: number) => Math.min(Math.max(Math.floor(max), MIN_POLL_OPTIONS), 10);

/** Adds a poll with two empty choices, or takes it off (null). */
export function setPollEnabled(content: DraftContent, on: boolean): DraftContent {
  if (!on) return content.poll ? { ...content, poll: null } : content;
  if (content.poll) return content;
  return { ...content, poll: { options: ['', ''], expiresInSeconds: DEFAULT_POLL_DURATION, multiple: false } };
}

const updatePoll = (content: DraftContent, update: (poll: Poll) => Poll): DraftContent =>
  content.poll ? { ...content, poll: update(content.poll) } : content;

export function setPollOption(content: DraftContent, index: number, text: string): DraftContent {
  return updatePoll(content, (p) => (index < 0 || index >= p.options.length ? p : { ...p, options: p.options.map((o, i) => (i === index ? text : o)) }));
}

/** One more empty choice, up to `max` (the instance's maximum). */
export function addPollOption(content: DraftContent, max: number = DEFAULT_MAX_POLL_OPTIONS): DraftContent {
  return updatePoll(content, (p) => (p.options.length >= clampMax(max) ? p : { ...p, options: [...p.options, ''] }));
}

/** Takes a choice out; a poll keeps at least two. */
export function removePollOption(content: DraftContent, index: number): DraftContent {
  return updatePoll(content, (p) =>
    p.options.length <= MIN_POLL_OPTIONS || index < 0 || index >= p.options.length ? p : { ...p, options: p.options.filter((_, i) => i !== index) },
  );
}

export function setPollDuration(content: DraftContent, expiresInSeconds: number): DraftContent {
  return updatePoll(content, (p) => ({ ...p, expiresInSeconds }));
}

export function setPollMultiple(content: DraftContent, multiple: boolean): DraftContent {
  return updatePoll(content, (p) => ({ ...p, multiple }));
}

/** True when every choice of the poll has text. */
export const pollComplete = (poll: Poll): boolean => poll.options.every((o) => o.trim() !== '');

/** A poll as it can be saved: choices still blank are left out; with fewer than two left, none is saved yet. */
function savablePoll(poll: Poll | null): Poll | null {
  if (!poll || pollComplete(poll)) return poll;
  const options = poll.options.filter((o) => o.trim() !== '');
  return options.length >= MIN_POLL_OPTIONS ? { ...poll, options } : null;
}

/** The content as draft.save takes it (a poll being written may still have blank choices). */
export function savableContent(content: DraftContent): DraftContent {
  const blank = (p: Poll | null) => !!p && !pollComplete(p);
  if (!blank(content.poll) && !content.targets.some((t) => blank(t.variant?.poll ?? null))) return content;
  return {
    ...content,
    poll: savablePoll(content.poll),
    targets: content.targets.map((t) => (t.variant && blank(t.variant.poll) ? { ...t, variant: { ...t.variant, poll: savablePoll(t.variant.poll) } } : t)),
  };
}
