/**
 * Why a target can or cannot go, computed in the renderer while the person types (the core's
 * post.validate says the last word; its reasons are shown beside these).
 */
import type { AccountHealth } from '../../../shared/domain';
import type { Capabilities, PostContent, TargetProblem } from '../../../shared/publishing';
import { countText, graphemeCount, type TextCount, type TextLimits } from '../../../shared/text';

export type CheckCode =
  | 'empty'
  | 'text_over'
  | 'bytes_over'
  | 'too_many_images'
  | 'alt_missing'
  | 'alt_required'
  | 'alt_too_long'
  | 'media_type'
  | 'threads_unsupported'
  | 'cw_unsupported'
  | 'poll_unsupported'
  | 'poll_with_images'
  | 'poll_too_many_options'
  | 'poll_incomplete'
  | 'visibility_unsupported'
  | 'reconnect_needed';

export interface TargetCheck {
  code: CheckCode;
  /** block: the target cannot go as it is; warning: it can, but something deserves a look. */
  severity: 'block' | 'warning';
  /** 1-based post of the thread the check is about, when it is about one. */
  part?: number;
  values?: Record<string, number | string>;
}

export type CounterTone = 'ok' | 'near' | 'over';

export interface TargetReport {
  /** One count per post (a single post is a thread of one). */
  counts: TextCount[];
  checks: TargetCheck[];
  blocked: boolean;
  /** The tone of the worst post: amber from 90 %, red over. */
  tone: CounterTone;
}

export interface CheckOptions {
  requireAltText: boolean;
  health?: AccountHealth;
  /** The image's type when known (from media.import), to check the network accepts it. */
  mediaMime?: (mediaId: string) => string | undefined;
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

/** Everything the composer says about one target for the version it will publish. */
export function checkTarget(post: PostContent, caps: Capabilities, options: CheckOptions): TargetReport {
  const checks: TargetCheck[] = [];
  const parts = post.parts;
  const numbered = parts.length > 1;
  const cw = caps.contentWarning ? post.contentWarning : null;
  const counts = parts.map((part) => countPart(part.text, caps.text, cw));

  if (options.health === 'reconnect_needed') checks.push({ code: 'reconnect_needed', severity: 'block' });

  parts.forEach((p, i) => {
    if (p.text.trim() === '' && p.media.length === 0 && !(i === 0 && post.poll)) checks.push({ code: 'empty', severity: 'block', part: numbered ? i + 1 : undefined });
  });

  if (numbered && !caps.threads) checks.push({ code: 'threads_unsupported', severity: 'block', values: { count: parts.length } });
  if (post.contentWarning && !caps.contentWarning) checks.push({ code: 'cw_unsupported', severity: 'block' });
  if (post.poll) {
    if (!caps.poll) checks.push({ code: 'poll_unsupported', severity: 'block' });
    else if (post.poll.options.length > caps.poll.maxOptions) {
      checks.push({ code: 'poll_too_many_options', severity: 'block', values: { count: post.poll.options.length, max: caps.poll.maxOptions } });
    }
    if (parts[0]?.media.length) checks.push({ code: 'poll_with_images', severity: 'block' });
    if (caps.poll && post.poll.options.some((o) => o.trim() === '')) checks.push({ code: 'poll_incomplete', severity: 'block' });
  }
  if (post.visibility && !caps.visibilities.includes(post.visibility)) {
    checks.push({ code: 'visibility_unsupported', severity: 'block', values: { visibility: post.visibility } });
  }

  counts.forEach((count, i) => {
    const part = numbered ? i + 1 : undefined;
    if (count.used > count.max) checks.push({ code: 'text_over', severity: 'block', part, values: { used: count.used, max: count.max } });
    if (count.bytes !== undefined && count.maxBytes !== undefined && count.bytes > count.maxBytes) {
      checks.push({ code: 'bytes_over', severity: 'block', part, values: { used: count.bytes, max: count.maxBytes } });
    }
  });

  parts.forEach((p, i) => {
    const part = numbered ? i + 1 : undefined;
    if (p.media.length > caps.media.maxCount) {
      checks.push({ code: 'too_many_images', severity: 'block', part, values: { count: p.media.length, max: caps.media.maxCount } });
    }
    const missing = p.media.filter((m) => m.alt.trim() === '').length;
    if (missing > 0) {
      checks.push(
        options.requireAltText
          ? { code: 'alt_required', severity: 'block', part, values: { count: missing } }
          : { code: 'alt_missing', severity: 'warning', part, values: { count: missing } },
      );
    }
    const tooLong = p.media.filter((m) => graphemeCount(m.alt) > caps.media.maxAltTextLength).length;
    if (tooLong > 0) checks.push({ code: 'alt_too_long', severity: 'block', part, values: { count: tooLong, max: caps.media.maxAltTextLength } });
    const refused = p.media
      .map((m) => options.mediaMime?.(m.mediaId))
      .filter((mime): mime is string => !!mime && caps.media.acceptedTypes.length > 0 && !caps.media.acceptedTypes.includes(mime));
    if (refused.length > 0) checks.push({ code: 'media_type', severity: 'block', part, values: { type: refused[0]! } });
  });

  return {
    counts,
    checks,
    blocked: checks.some((c) => c.severity === 'block'),
    tone: worst(counts.map(counterTone)),
  };
}

/**
 * The core's reasons for a target that the composer does not already say in the person's language:
 * the core words its reasons with the shared rules (publishing-rules.ts), so a reason those rules
 * give for the same content here is left out; what remains (an account removed, an image file
 * missing…) is shown as the core wrote it.
 */
export function extraServerReasons(problems: readonly TargetProblem[] | null | undefined, accountId: string, sameRules: readonly string[]): string[] {
  const reasons = problems?.find((p) => p.accountId === accountId)?.reasons ?? [];
  const known = new Set(sameRules);
  return reasons.filter((reason) => !known.has(reason));
}
