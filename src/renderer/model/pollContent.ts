/**
 * The main version's Mastodon options as pure functions: its visibility and its poll (choices,
 * duration, several answers), and the content as it can be saved while a poll is being written.
 */
import type { DraftContent, Poll, Visibility } from '../../shared/publishing';

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
