import { describe, expect, it } from 'vitest';
import type { PostContent } from '../../src/shared/publishing';
import { BLUESKY_LIMITS, MASTODON_DEFAULT_LIMITS } from '../../src/shared/text';
import {
  checkTarget,
  counterText,
  counterTone,
  countPart,
  defaultCapabilities,
  PROBLEM_CODES,
  strictestLimits,
  type CheckOptions,
  type ProblemCode,
  type RuleProblem,
} from '../../src/shared/rules';
import type { Capabilities } from '../../src/shared/publishing';
import { withCoreProblems } from '../../src/renderer/features/composer/useTargets';
import { publishBlocker } from '../../src/renderer/features/composer/PublishBar';
import { problemMessage } from '../../src/renderer/i18n/problems';
import { BLUESKY_CAPABILITIES } from '../../src/main/core/connectors/bluesky';
import { MASTODON_DEFAULT_CAPABILITIES } from '../../src/main/core/connectors/mastodon';
import en from '../../src/renderer/i18n/en.json';
import fr from '../../src/renderer/i18n/fr.json';

const bluesky = defaultCapabilities('bluesky');
const mastodon = defaultCapabilities('mastodon');
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
    expect(report).toMatchObject({ blocked: false, tone: 'ok', problems: [] });
  });

  it('blocks a text over the limit, naming the part of a thread', () => {
    const single = checkTarget(post([{ text: 'a'.repeat(301), media: [] }]), bluesky, options);
    expect(single.blocked).toBe(true);
    expect(single.problems).toEqual([{ code: 'text_over', severity: 'block', part: undefined, values: { used: 301, max: 300 } }]);
    const thread = checkTarget(post([{ text: 'ok', media: [] }, { text: 'a'.repeat(501), media: [] }]), mastodon, options);
    expect(thread.problems).toEqual([{ code: 'text_over', severity: 'block', part: 2, values: { used: 501, max: 500 } }]);
    expect(thread.tone).toBe('over');
  });

  it('blocks bytes over the limit even when graphemes fit', () => {
    const report = checkTarget(post([{ text: '👩‍👩‍👧‍👦'.repeat(121), media: [] }]), bluesky, options); // 25 bytes each
    expect(report.counts[0]!.used).toBe(121);
    expect(report.problems.map((c) => c.code)).toEqual(['bytes_over']);
  });

  it('blocks too many images for the network', () => {
    const media = [1, 2, 3, 4, 5].map((n) => img(n, 'desc'));
    const report = checkTarget(post([{ text: 'x', media }]), bluesky, options);
    expect(report.problems).toEqual([{ code: 'too_many_images', severity: 'block', part: undefined, values: { count: 5, max: 4 } }]);
  });

  it('warns about missing alt text, and blocks when the workspace requires it', () => {
    const content = post([{ text: 'x', media: [img(1), img(2, 'ok'), img(3, '  ')] }]);
    const warned = checkTarget(content, bluesky, options);
    expect(warned.blocked).toBe(false);
    expect(warned.problems).toEqual([{ code: 'alt_missing', severity: 'warning', part: undefined, values: { count: 2 } }]);
    const required = checkTarget(content, bluesky, { requireAltText: true });
    expect(required.blocked).toBe(true);
    expect(required.problems).toEqual([{ code: 'alt_required', severity: 'block', part: undefined, values: { count: 2 } }]);
  });

  it('blocks an alt text longer than the network takes', () => {
    const report = checkTarget(post([{ text: 'x', media: [img(1, 'a'.repeat(1501))] }]), mastodon, options);
    expect(report.problems.map((c) => c.code)).toEqual(['alt_too_long']);
  });

  it('blocks an image type the network refuses, when the type is known', () => {
    const report = checkTarget(post([{ text: 'x', media: [img(1, 'd')] }]), bluesky, { ...options, mediaMime: () => 'image/heic' });
    expect(report.problems).toEqual([{ code: 'media_type', severity: 'block', part: undefined, values: { type: 'image/heic' } }]);
  });

  it('blocks an empty post, a thread where threads are not possible, and an account to reconnect', () => {
    expect(checkTarget(post([{ text: '  ', media: [] }]), bluesky, options).problems.map((c) => c.code)).toEqual(['empty']);
    const noThreads = { ...mastodon, threads: false };
    expect(checkTarget(post([{ text: 'a', media: [] }, { text: 'b', media: [] }]), noThreads, options).problems.map((c) => c.code)).toEqual(['threads_unsupported']);
    expect(checkTarget(post([{ text: 'a', media: [] }]), bluesky, { ...options, health: 'reconnect_needed' }).problems.map((c) => c.code)).toEqual(['reconnect_needed']);
  });

  it('blocks a content warning on a network without them (Bluesky), like the core does', () => {
    const content = post([{ text: 'x', media: [] }], { contentWarning: 'Spoiler' });
    expect(checkTarget(content, bluesky, options).problems.map((c) => c.code)).toEqual(['cw_unsupported']);
    expect(checkTarget(content, mastodon, options).problems).toEqual([]);
  });

  it("adds only what the core alone can know, so an answer about an older text never shows a stale reason", () => {
    const local: RuleProblem[] = [];
    const core = [
      {
        accountId: A,
        problems: [
          { code: 'text_over', severity: 'block', values: { used: 312, max: 300 } },
          { code: 'account_removed', severity: 'block' },
          { code: 'media_missing', severity: 'block', values: { count: 1 } },
        ] as RuleProblem[],
      },
    ];
    expect(withCoreProblems(local, core, A).map((p) => p.code)).toEqual(['account_removed', 'media_missing']);
    expect(withCoreProblems(local, null, A)).toEqual([]);
    expect(withCoreProblems(local, core, '00000000-0000-4000-8000-00000000000b')).toEqual([]);
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

  it('are the ones the connectors use before an account is known (one definition)', () => {
    expect(BLUESKY_CAPABILITIES).toEqual(bluesky);
    expect(MASTODON_DEFAULT_CAPABILITIES).toEqual(mastodon);
  });
});

describe('the publish buttons', () => {
  it('say why they cannot be used', () => {
    expect(publishBlocker({ hasDraft: true, ready: false, targets: [] })).toBe('loading');
    expect(publishBlocker({ hasDraft: false, ready: true, targets: [] })).toBe('noText');
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [] })).toBe('noTargets');
    const target = (content: PostContent, caps: Capabilities) => {
      const problems = checkTarget(content, caps, options).problems;
      return { problems, blocked: problems.some((p) => p.severity === 'block') };
    };
    const tooLong = post([{ text: 'x'.repeat(400), media: [] }]);
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [target(tooLong, bluesky)] })).toBe('allBlocked');
    expect(publishBlocker({ hasDraft: true, ready: true, targets: [target(tooLong, bluesky), target(tooLong, mastodon)] })).toBeNull();
  });

  it('ask for the text first when nothing is written yet (a reply just opened), not "no account can publish this"', () => {
    const empty = post([{ text: '', media: [] }]);
    const targets = [bluesky, mastodon].map((caps) => {
      const problems = checkTarget(empty, caps, options).problems;
      return { problems, blocked: problems.some((p) => p.severity === 'block') };
    });
    expect(targets.every((t) => t.blocked)).toBe(true);
    expect(publishBlocker({ hasDraft: true, ready: true, targets })).toBe('noText');
  });
});

/**
 * The rule book, one row per problem code: the content, the capabilities, and exactly what the
 * checker must say. Every code of PROBLEM_CODES has a row (account_removed is the core's own, checked
 * in the publishing tests) and a sentence in French and in English.
 */
describe('the rule book, code by code', () => {
  const poll = { options: ['Oui', 'Non'], expiresInSeconds: 3600, multiple: false };
  const rows: { code: ProblemCode; post: PostContent; caps: Capabilities; options?: Partial<CheckOptions>; expected: RuleProblem[] }[] = [
    { code: 'empty', post: post([{ text: ' \n ', media: [] }]), caps: bluesky, expected: [{ code: 'empty', severity: 'block' }] },
    { code: 'text_over', post: post([{ text: 'a'.repeat(301), media: [] }]), caps: bluesky, expected: [{ code: 'text_over', severity: 'block', values: { used: 301, max: 300 } }] },
    { code: 'text_over', post: post([{ text: 'a'.repeat(495), media: [] }], { contentWarning: 'Spoiler' }), caps: mastodon, expected: [{ code: 'text_over', severity: 'block', values: { used: 502, max: 500 } }] },
    { code: 'bytes_over', post: post([{ text: '👩‍👩‍👧‍👦'.repeat(121), media: [] }]), caps: bluesky, expected: [{ code: 'bytes_over', severity: 'block', values: { used: 3025, max: 3000 } }] },
    { code: 'too_many_images', post: post([{ text: 'x', media: [1, 2, 3, 4, 5].map((n) => img(n, 'd')) }]), caps: mastodon, expected: [{ code: 'too_many_images', severity: 'block', values: { count: 5, max: 4 } }] },
    { code: 'alt_missing', post: post([{ text: 'x', media: [img(1)] }]), caps: bluesky, expected: [{ code: 'alt_missing', severity: 'warning', values: { count: 1 } }] },
    { code: 'alt_required', post: post([{ text: 'x', media: [img(1, ' ')] }]), caps: bluesky, options: { requireAltText: true }, expected: [{ code: 'alt_required', severity: 'block', values: { count: 1 } }] },
    // Alt text is counted in graphemes: 1500 family emoji (11 UTF-16 units each) fit Mastodon's 1500.
    { code: 'alt_too_long', post: post([{ text: 'x', media: [img(1, '👩‍👩‍👧‍👦'.repeat(1501))] }]), caps: mastodon, expected: [{ code: 'alt_too_long', severity: 'block', values: { count: 1, max: 1500 } }] },
    { code: 'media_type', post: post([{ text: 'x', media: [img(1, 'd')] }]), caps: bluesky, options: { mediaMime: () => 'image/heic' }, expected: [{ code: 'media_type', severity: 'block', values: { type: 'image/heic' } }] },
    { code: 'media_missing', post: post([{ text: 'x', media: [img(1, 'd')] }]), caps: bluesky, options: { mediaExists: () => false }, expected: [{ code: 'media_missing', severity: 'block', values: { count: 1 } }] },
    { code: 'threads_unsupported', post: post([{ text: 'a', media: [] }, { text: 'b', media: [] }]), caps: { ...mastodon, threads: false }, expected: [{ code: 'threads_unsupported', severity: 'block', values: { count: 2 } }] },
    { code: 'cw_unsupported', post: post([{ text: 'x', media: [] }], { contentWarning: 'Spoiler' }), caps: bluesky, expected: [{ code: 'cw_unsupported', severity: 'block' }] },
    { code: 'poll_unsupported', post: post([{ text: 'x', media: [] }], { poll }), caps: bluesky, expected: [{ code: 'poll_unsupported', severity: 'block' }] },
    { code: 'poll_with_images', post: post([{ text: 'x', media: [img(1, 'd')] }], { poll }), caps: mastodon, expected: [{ code: 'poll_with_images', severity: 'block' }] },
    { code: 'poll_too_many_options', post: post([{ text: 'x', media: [] }], { poll: { ...poll, options: ['a', 'b', 'c', 'd', 'e'] } }), caps: mastodon, expected: [{ code: 'poll_too_many_options', severity: 'block', values: { count: 5, max: 4 } }] },
    { code: 'poll_incomplete', post: post([{ text: 'x', media: [] }], { poll: { ...poll, options: ['Oui', ' '] } }), caps: mastodon, expected: [{ code: 'poll_incomplete', severity: 'block' }] },
    { code: 'visibility_unsupported', post: post([{ text: 'x', media: [] }], { visibility: 'unlisted' }), caps: bluesky, expected: [{ code: 'visibility_unsupported', severity: 'block', values: { visibility: 'unlisted' } }] },
    { code: 'reconnect_needed', post: post([{ text: 'x', media: [] }]), caps: bluesky, options: { health: 'reconnect_needed' }, expected: [{ code: 'reconnect_needed', severity: 'block' }] },
  ];

  it.each(rows.map((r, i) => [`${r.code} (${r.caps.network}, row ${i + 1})`, r] as const))('%s', (_name, row) => {
    const report = checkTarget(row.post, row.caps, { requireAltText: false, ...row.options });
    expect(report.problems).toEqual(row.expected);
    expect(report.blocked).toBe(row.expected.some((p) => p.severity === 'block'));
  });

  it('names the part of a thread a problem is about', () => {
    const report = checkTarget(post([{ text: 'ok', media: [] }, { text: ' ', media: [] }, { text: 'a'.repeat(501), media: [] }]), mastodon, options);
    expect(report.problems).toEqual([
      { code: 'empty', severity: 'block', part: 2 },
      { code: 'text_over', severity: 'block', part: 3, values: { used: 501, max: 500 } },
    ]);
  });

  it('covers every code, and every code has a sentence in French and in English', () => {
    const covered = new Set<string>([...rows.map((r) => r.code), 'account_removed']);
    expect([...PROBLEM_CODES].filter((c) => !covered.has(c))).toEqual([]);
    for (const [lang, dict] of [['fr', fr.checks], ['en', en.checks]] as [string, Record<string, unknown>][]) {
      for (const code of PROBLEM_CODES) {
        expect(dict[code] ?? dict[`${code}_one`], `${code} in ${lang}`).toEqual(expect.any(String));
      }
    }
    const t = (key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ''}`;
    expect(problemMessage({ code: 'text_over', severity: 'block', part: 2, values: { used: 312, max: 300 } }, t)).toBe(
      'checks.inPart{"n":2,"sentence":"checks.text_over{\\"used\\":312,\\"max\\":300,\\"count\\":1}"}',
    );
  });
});
