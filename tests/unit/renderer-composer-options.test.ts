import { describe, expect, it } from 'vitest';
import { DraftContent as DraftContentSchema, EMPTY_DRAFT_CONTENT, type DraftContent, type PostContent } from '../../src/shared/publishing';
import { checkTarget, defaultCapabilities } from '../../src/shared/rules';
import { adaptTarget, addMedia, mainPostContent, targetPostContent, toggleTarget } from '../../src/renderer/model/content';
import {
  addPollOption,
  DEFAULT_POLL_DURATION,
  removePollOption,
  savableContent,
  setPollDuration,
  setPollEnabled,
  setPollMultiple,
  setPollOption,
  setVisibility,
} from '../../src/renderer/model/pollContent';
import { problemMessage } from '../../src/renderer/i18n/problems';
import { snapshotOf } from '../../src/renderer/model/draftSnapshot';
import en from '../../src/renderer/i18n/en.json';
import fr from '../../src/renderer/i18n/fr.json';

const A = '00000000-0000-4000-8000-00000000000a';
const M1 = '00000000-0000-4000-8000-000000000001';
const bluesky = defaultCapabilities('bluesky');
const mastodon = defaultCapabilities('mastodon');
const options = { requireAltText: false };

const withPoll = (...choices: string[]): DraftContent =>
  choices.reduce((c, text, i) => setPollOption(i < 2 ? c : addPollOption(c), i, text), setPollEnabled(EMPTY_DRAFT_CONTENT, true));

describe('visibility', () => {
  it('is saved in DraftContent.visibility, null for the default', () => {
    const unlisted = setVisibility(EMPTY_DRAFT_CONTENT, 'unlisted');
    expect(unlisted.visibility).toBe('unlisted');
    expect(EMPTY_DRAFT_CONTENT.visibility).toBeNull();
    expect(setVisibility(unlisted, null).visibility).toBeNull();
    expect(mainPostContent(setVisibility(EMPTY_DRAFT_CONTENT, 'direct'), 'Salut').visibility).toBe('direct');
    expect(DraftContentSchema.safeParse(unlisted).success).toBe(true);
  });

  it('is blocked on a network that does not offer it', () => {
    const post = mainPostContent(setVisibility(EMPTY_DRAFT_CONTENT, 'private'), 'Salut');
    expect(checkTarget(post, mastodon, options).blocked).toBe(false);
    const report = checkTarget(post, bluesky, options);
    expect(report.problems).toEqual([{ code: 'visibility_unsupported', severity: 'block', values: { visibility: 'private' } }]);
  });
});

describe('poll', () => {
  it('starts with two empty choices and a one-day duration, and goes back to null when off', () => {
    const on = setPollEnabled(EMPTY_DRAFT_CONTENT, true);
    expect(on.poll).toEqual({ options: ['', ''], expiresInSeconds: DEFAULT_POLL_DURATION, multiple: false });
    expect(setPollEnabled(on, true)).toBe(on);
    expect(setPollEnabled(on, false).poll).toBeNull();
    expect(setPollEnabled(EMPTY_DRAFT_CONTENT, false)).toBe(EMPTY_DRAFT_CONTENT);
  });

  it('adds choices up to the maximum and keeps at least two', () => {
    let c = setPollEnabled(EMPTY_DRAFT_CONTENT, true);
    c = addPollOption(c);
    c = addPollOption(c);
    expect(c.poll!.options).toHaveLength(4);
    expect(addPollOption(c).poll!.options).toHaveLength(4); // 4 without the instance's own maximum
    expect(addPollOption(c, 5).poll!.options).toHaveLength(5);
    expect(addPollOption(addPollOption(c, 3), 3).poll!.options).toHaveLength(4);
    c = setPollOption(setPollOption(setPollOption(c, 0, 'Oui'), 1, 'Non'), 2, 'Peut-être');
    c = removePollOption(c, 1);
    expect(c.poll!.options).toEqual(['Oui', 'Peut-être', '']);
    c = removePollOption(removePollOption(c, 2), 0);
    expect(c.poll!.options).toEqual(['Oui', 'Peut-être']);
    expect(removePollOption(removePollOption(c, 0), 9).poll!.options).toEqual(['Oui', 'Peut-être']);
  });

  it('saves duration, multiple and choices in DraftContent.poll', () => {
    const c = setPollMultiple(setPollDuration(withPoll('Oui', 'Non', 'Sans avis'), 3600), true);
    expect(c.poll).toEqual({ options: ['Oui', 'Non', 'Sans avis'], expiresInSeconds: 3600, multiple: true });
    expect(DraftContentSchema.safeParse(c).success).toBe(true);
    expect(setPollOption(EMPTY_DRAFT_CONTENT, 0, 'x')).toBe(EMPTY_DRAFT_CONTENT);
  });

  it('saves only what draft.save accepts while a choice is still blank', () => {
    const half = withPoll('Oui', '', 'Non');
    expect(savableContent(half).poll!.options).toEqual(['Oui', 'Non']);
    expect(savableContent(withPoll('Oui', '')).poll).toBeNull();
    const complete = withPoll('Oui', 'Non');
    expect(savableContent(complete)).toBe(complete);
    const saved = JSON.parse(snapshotOf('Votre avis ?', withPoll('Oui', ' '))) as { content: DraftContent };
    expect(DraftContentSchema.safeParse(saved.content).success).toBe(true);
    expect(checkTarget(mainPostContent(half, 'Votre avis ?'), mastodon, options).problems.map((c) => c.code)).toEqual(['poll_incomplete']);
  });

  it('goes to Mastodon, a post with only a poll is not empty', () => {
    const post = mainPostContent(withPoll('Oui', 'Non'), '');
    expect(checkTarget(post, mastodon, options)).toMatchObject({ blocked: false, problems: [] });
  });

  it('is refused on a Bluesky target, with the reason in both languages', () => {
    const content = toggleTarget(withPoll('Oui', 'Non'), A);
    const post = targetPostContent(content, 'Votre avis ?', A);
    const report = checkTarget(post, bluesky, options);
    expect(report.blocked).toBe(true);
    expect(report.problems).toEqual([{ code: 'poll_unsupported', severity: 'block' }]);
    expect(fr.checks.poll_unsupported).toMatch(/sondage/);
    expect(en.checks.poll_unsupported).toMatch(/poll/);
    // Adapting for Bluesky leaves the poll out of its version.
    const adapted = adaptTarget(content, 'Votre avis ?', A, { contentWarning: false, poll: false, visibility: false });
    expect(checkTarget(targetPostContent(adapted, 'Votre avis ?', A), bluesky, options).blocked).toBe(false);
  });

  it('with images is blocked on every network', () => {
    const content = addMedia(withPoll('Oui', 'Non'), null, M1);
    const post: PostContent = mainPostContent(content, 'Votre avis ?');
    post.parts[0]!.media[0]!.alt = 'Une photo';
    for (const caps of [mastodon, bluesky]) {
      const report = checkTarget(post, caps, options);
      expect(report.blocked).toBe(true);
      expect(report.problems.map((c) => c.code)).toContain('poll_with_images');
    }
    const t = (key: string) => key;
    expect(problemMessage({ code: 'poll_with_images', severity: 'block' }, t)).toBe('checks.poll_with_images');
  });

  it('with more choices than the instance takes is blocked', () => {
    const small = { ...mastodon, poll: { ...mastodon.poll!, maxOptions: 3 } };
    const post = mainPostContent(withPoll('a', 'b', 'c', 'd'), 'x');
    expect(checkTarget(post, small, options).problems).toEqual([{ code: 'poll_too_many_options', severity: 'block', values: { count: 4, max: 3 } }]);
  });
});
