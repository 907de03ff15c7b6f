import { describe, expect, it } from 'vitest';
import type { PostContent } from '../../src/shared/publishing';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../../src/shared/text';
import { checkTarget, counterText, counterTone, countPart, extraServerReasons } from '../../src/renderer/features/composer/checks';
import { fallbackCapabilities, strictestLimits } from '../../src/renderer/features/publishing/capabilities';
import { publishBlocker } from '../../src/renderer/features/composer/PublishBar';
import { targetProblems } from '../../src/shared/publishing-rules';

const bluesky = fallbackCapabilities('bluesky');
const mastodon = fallbackCapabilities('mastodon');
const A = '00000000-0000-4000-8000-00000000000a';
const img = (n: number, alt = '') => ({ mediaId: `00000000-0000-4000-8000-00000000000${n}`, alt });
const post = (parts: PostContent['parts'], extra: Partial<PostContent> = {}): PostContent => ({
  parts,
  contentWarning: null,
  language: null,
  visibility: null,
  poll: null,
  ...extra,
});
const options = { requireAltText: false };

describe('counters', () => {
  it('say "used/max", amber from 90 % and red over', () => {
    const ok = countPart('a'.repeat(269), BLUESKY_LIMITS, null);
    const near = countPart('a'.repeat(270), BLUESKY_LIMITS, null);
    const full = countPart('a'.repeat(300), BLUESKY_LIMITS, null);
    const over = countPart('a'.repeat(301), BLUESKY_LIMITS, null);
    expect(counterText(near)).toBe('270/300');
    expect([ok, near, full, over].map(counterTone)).toEqual(['ok', 'near', 'near', 'over']);
  });

  it('count with the network rules: graphemes for Bluesky, 23 per link on Mastodon', () => {
    const text = `Programme : https://example.org/${'x'.repeat(200)} 👩‍👩‍👧‍👦`;
    expect(countPart(text, MASTODON_DEFAULT_LIMITS, null).used).toBe('Programme : '.length + 23 + 2);
    expect(countPart(text, BLUESKY_LIMITS, null).used).toBe('Programme : https://example.org/'.length + 200 + 2);
  });

  it("add Mastodon's content warning to its budget, not Bluesky's", () => {
    expect(countPart('abc', MASTODON_DEFAULT_LIMITS, 'Spoiler').used).toBe(10);
    expect(countPart('abc', BLUESKY_LIMITS, 'Spoiler').used).toBe(3);
    const over = countPart('a'.repeat(495), MASTODON_DEFAULT_LIMITS, 'Spoiler');
    expect(over.over).toBe(true);
    expect(over.reason).toBe('Mastodon: 502/500 characters');
  });

  it('turn amber on bytes too (Bluesky counts 3000 UTF-8 bytes)', () => {
    const heavy = countPart('👩‍👩‍👧‍👦'.repeat(108), BLUESKY_LIMITS, null); // 25 bytes each: 2700 bytes, 108 graphemes
    expect(heavy.bytes).toBe(2700);
    expect(counterTone(heavy)).toBe('near');
  });
});

describe('checks per target', () => {
  it('a short text with described images is ready', () => {
    const report = checkTarget(post([{ text: 'Bonjour', media: [img(1, 'Une photo du port')] }]), bluesky, options);
    expect(report).toMatchObject({ blocked: false, tone: 'ok', checks: [] });
  });

  it('blocks a text over the limit, naming the part of a thread', () => {
    const single = checkTarget(post([{ text: 'a'.repeat(301), media: [] }]), bluesky, options);
    expect(single.blocked).toBe(true);
    expect(single.checks).toEqual([{ code: 'text_over', severity: 'block', part: undefined, values: { used: 301, max: 300 } }]);
    const thread = checkTarget(post([{ text: 'ok', media: [] }, { text: 'a'.repeat(501), media: [] }]), mastodon, options);
    expect(thread.checks).toEqual([{ code: 'text_over', severity: 'block', part: 2, values: { used: 501, max: 500 } }]);
    expect(thread.tone).toBe('over');
  });

  it('blocks bytes over the limit even when graphemes fit', () => {
    const report = checkTarget(post([{ text: '👩‍👩‍👧‍👦'.repeat(121), media: [] }]), bluesky, options); // 25 bytes each
    expect(report.counts[0]!.used).toBe(121);
    expect(report.checks.map((c) => c.code)).toEqual(['bytes_over']);
  });

  it('blocks too many images for the network', () => {
    const media = [1, 2, 3, 4, 5].map((n) => img(n, 'desc'));
    const report = checkTarget(post([{ text: 'x', media }]), bluesky, options);
    expect(report.checks).toEqual([{ code: 'too_many_images', severity: 'block', part: undefined, values: { count: 5, max: 4 } }]);
  });

  it('warns about missing alt text, and blocks when the workspace requires it', () => {
    const content = post([{ text: 'x', media: [img(1), img(2, 'ok'), img(3, '  ')] }]);
    const warned = checkTarget(content, bluesky, options);
    expect(warned.blocked).toBe(false);
    expect(warned.checks).toEqual([{ code: 'alt_missing', severity: 'warning', part: undefined, values: { count: 2 } }]);
    const required = checkTarget(content, bluesky, { requireAltText: true });
    expect(required.blocked).toBe(true);
    expect(required.checks).toEqual([{ code: 'alt_required', severity: 'block', part: undefined, values: { count: 2 } }]);
  });

  it('blocks an alt text longer than the network takes', () => {
    const report = checkTarget(post([{ text: 'x', media: [img(1, 'a'.repeat(1501))] }]), mastodon, options);
    expect(report.checks.map((c) => c.code)).toEqual(['alt_too_long']);
  });

  it('blocks an image type the network refuses, when the type is known', () => {
    const report = checkTarget(post([{ text: 'x', media: [img(1, 'd')] }]), bluesky, { ...options, mediaMime: () => 'image/heic' });
    expect(report.checks).toEqual([{ code: 'media_type', severity: 'block', part: undefined, values: { type: 'image/heic' } }]);
  });

  it('blocks an empty post, a thread where threads are not possible, and an account to reconnect', () => {
    expect(checkTarget(post([{ text: '  ', media: [] }]), bluesky, options).checks.map((c) => c.code)).toEqual(['empty']);
    const noThreads = { ...mastodon, threads: false };
    expect(checkTarget(post([{ text: 'a', media: [] }, { text: 'b', media: [] }]), noThreads, options).checks.map((c) => c.code)).toEqual(['threads_unsupported']);
    expect(checkTarget(post([{ text: 'a', media: [] }]), bluesky, { ...options, health: 'reconnect_needed' }).checks.map((c) => c.code)).toEqual(['reconnect_needed']);
  });

  it('blocks a content warning on a network without them (Bluesky), like the core does', () => {
    const content = post([{ text: 'x', media: [] }], { contentWarning: 'Spoiler' });
    expect(checkTarget(content, bluesky, options).checks.map((c) => c.code)).toEqual(['cw_unsupported']);
    expect(checkTarget(content, mastodon, options).checks).toEqual([]);
  });

  it("shows only the core's reasons that the shared rules do not already give here", () => {
    const content = post([{ text: 'a'.repeat(312), media: [img(1)] }]);
    const same = targetProblems(content, bluesky, { requireAltText: true });
    expect(same).toEqual(['Bluesky: 312/300 characters', 'Bluesky: an image has no alt text']);
    const problems = [{ accountId: A, reasons: [...same, 'This account was removed from the workspace'] }];
    expect(extraServerReasons(problems, A, same)).toEqual(['This account was removed from the workspace']);
    expect(extraServerReasons(null, A, same)).toEqual([]);
    expect(extraServerReasons(problems, '00000000-0000-4000-8000-00000000000b', same)).toEqual([]);
  });

  it('agrees with the core on what blocks a target', () => {
    const cases: PostContent[] = [
      post([{ text: 'a'.repeat(301), media: [] }]),
      post([{ text: 'ok', media: [1, 2, 3, 4, 5].map((n) => img(n, 'd')) }]),
      post([{ text: 'ok', media: [img(1, 'a'.repeat(2001))] }]),
      post([{ text: ' ', media: [] }]),
      post([{ text: 'ok', media: [] }], { contentWarning: 'cw' }),
      post([{ text: 'ok', media: [img(1, 'fine')] }]),
      post([{ text: 'un', media: [] }, { text: '  ', media: [] }]),
    ];
    for (const requireAltText of [false, true]) {
      for (const c of cases) {
        for (const caps of [bluesky, mastodon]) {
          expect(checkTarget(c, caps, { requireAltText }).blocked, JSON.stringify(c)).toBe(targetProblems(c, caps, { requireAltText }).length > 0);
        }
      }
    }
    const missing = post([{ text: 'ok', media: [img(1)] }]);
    expect(checkTarget(missing, bluesky, { requireAltText: true }).blocked).toBe(true);
    expect(checkTarget(missing, bluesky, { requireAltText: false }).blocked).toBe(false);
  });
});

describe('limits and capabilities', () => {
  it('thread mode cuts for the strictest selected target (Bluesky when none)', () => {
    expect(strictestLimits([MASTODON_DEFAULT_LIMITS, BLUESKY_LIMITS])).toBe(BLUESKY_LIMITS);
    expect(strictestLimits([MASTODON_DEFAULT_LIMITS])).toBe(MASTODON_DEFAULT_LIMITS);
    expect(strictestLimits([])).toBe(BLUESKY_LIMITS);
    const big = { ...MASTODON_DEFAULT_LIMITS, maxCharacters: 5000 };
    expect(strictestLimits([big, MASTODON_DEFAULT_LIMITS])).toBe(MASTODON_DEFAULT_LIMITS);
  });

  it('fall back to what each network usually accepts', () => {
    expect(bluesky).toMatchObject({ network: 'bluesky', contentWarning: false, threads: true, media: { maxCount: 4 } });
    expect(bluesky.text).toEqual(BLUESKY_LIMITS);
    expect(mastodon).toMatchObject({ network: 'mastodon', contentWarning: true });
  });
});

describe('the publish buttons', () => {
  it('say why they cannot be used', () => {
    expect(publishBlocker({ hasDraft: true, ready: false, targets: [] })).toBe('loading');
    expect(publishBlocker({ hasDraft: false, ready: true, targets: [] })).toBe('noText');
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [] })).toBe('noTargets');
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [{ blocked: true }] })).toBe('allBlocked');
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [{ blocked: true }, { blocked: false }] })).toBeNull();
  });
});
