/**
 * The one rule book: why a target can or cannot go, for the version it will publish. The
 * composer calls it on every keystroke, the core before planning and before each publication;
 * both get the same typed problems (problems.ts), which only the renderer turns into words.
 */
import type { AccountHealth } from '../domain';
import type { Capabilities, PostContent } from '../publishing';
import { countText, graphemeCount, type TextCount, type TextLimits } from '../text';
import type { RuleProblem } from './problems';

export type CounterTone = 'ok' | 'near' | 'over';

export interface TargetReport {
  /** One count per post (a single post is a thread of one). */
  counts: TextCount[];
  problems: RuleProblem[];
  blocked: boolean;
  /** The tone of the worst post: amber from 90 %, red over. */
  tone: CounterTone;
}

export interface CheckOptions {
  requireAltText: boolean;
  health?: AccountHealth;
  /** The image's type when known, to check that the network accepts it. */
  mediaMime?: (mediaId: string) => string | undefined;
  /** Whether an image is still in the data folder (the core knows; the composer does not ask). */
  mediaExists?: (mediaId: string) => boolean;
}

export const counterTone = (count: TextCount): CounterTone => (count.over ? 'over' : count.nearLimit ? 'near' : 'ok');

/** "287/300" */
export const counterText = (count: TextCount): string => `${count.used}/${count.max}`;

const worst = (tones: readonly CounterTone[]): CounterTone => (tones.includes('over') ? 'over' : tones.includes('near') ? 'near' : 'ok');

/**
 * Counts one post for a target. On Mastodon the content warning shares the text's budget
 * (StatusLengthValidator counts spoiler_text + text), so it is added to the count.
 */
export function countPart(text: string, limits: TextLimits, contentWarning: string | null): TextCount {
  const count = countText(text, limits);
  if (limits.network !== 'mastodon' || !contentWarning) return count;
  const used = count.used + graphemeCount(contentWarning);
  const over = used > count.max || (count.bytes !== undefined && count.maxBytes !== undefined && count.bytes > count.maxBytes);
  return {
    ...count,
    used,
    over,
    nearLimit: count.nearLimit || used * 10 >= count.max * 9,
    reason: over ? `Mastodon: ${used}/${count.max} characters` : null,
  };
}

/** Every problem of one target for the version it will publish. */
export function checkTarget(post: PostContent, caps: Capabilities, options: CheckOptions): TargetReport {
  const problems: RuleProblem[] = [];
  const block = (code: RuleProblem['code'], part?: number, values?: RuleProblem['values']) =>
    problems.push({ code, severity: 'block', ...(part ? { part } : {}), ...(values ? { values } : {}) });
  const parts = post.parts;
  const numbered = parts.length > 1;
  const partNo = (i: number) => (numbered ? i + 1 : undefined);
  const cw = caps.contentWarning ? post.contentWarning : null;
  const counts = parts.map((part) => countPart(part.text, caps.text, cw));

  if (options.health === 'reconnect_needed') block('reconnect_needed');

  parts.forEach((p, i) => {
    if (p.text.trim() === '' && p.media.length === 0 && !(i === 0 && post.poll)) block('empty', partNo(i));
  });

  if (numbered && !caps.threads) block('threads_unsupported', undefined, { count: parts.length });
  if (post.contentWarning && !caps.contentWarning) block('cw_unsupported');
  if (post.poll) {
    if (!caps.poll) block('poll_unsupported');
    else if (post.poll.options.length > caps.poll.maxOptions) block('poll_too_many_options', undefined, { count: post.poll.options.length, max: caps.poll.maxOptions });
    if (parts[0]?.media.length) block('poll_with_images');
    if (caps.poll && post.poll.options.some((o) => o.trim() === '')) block('poll_incomplete');
  }
  if (post.visibility && !caps.visibilities.includes(post.visibility)) block('visibility_unsupported', undefined, { visibility: post.visibility });

  counts.forEach((count, i) => {
    if (count.used > count.max) block('text_over', partNo(i), { used: count.used, max: count.max });
    if (count.bytes !== undefined && count.maxBytes !== undefined && count.bytes > count.maxBytes) {
      block('bytes_over', partNo(i), { used: count.bytes, max: count.maxBytes });
    }
  });

  parts.forEach((p, i) => {
    const part = partNo(i);
    if (p.media.length > caps.media.maxCount) block('too_many_images', part, { count: p.media.length, max: caps.media.maxCount });
    const missing = p.media.filter((m) => m.alt.trim() === '').length;
    if (missing > 0) {
      if (options.requireAltText) block('alt_required', part, { count: missing });
      else problems.push({ code: 'alt_missing', severity: 'warning', ...(part ? { part } : {}), values: { count: missing } });
    }
    const tooLong = p.media.filter((m) => graphemeCount(m.alt) > caps.media.maxAltTextLength).length;
    if (tooLong > 0) block('alt_too_long', part, { count: tooLong, max: caps.media.maxAltTextLength });
    const refused = p.media
      .map((m) => options.mediaMime?.(m.mediaId))
      .filter((mime): mime is string => !!mime && caps.media.acceptedTypes.length > 0 && !caps.media.acceptedTypes.includes(mime));
    if (refused.length > 0) block('media_type', part, { type: refused[0]! });
    const gone = options.mediaExists ? p.media.filter((m) => !options.mediaExists!(m.mediaId)).length : 0;
    if (gone > 0) block('media_missing', part, { count: gone });
  });

  return { counts, problems, blocked: problems.some((c) => c.severity === 'block'), tone: worst(counts.map(counterTone)) };
}
