/** What the moderation menus offer per network and item, and what the charter's suggestion key does. */
import { describe, expect, it } from 'vitest';
import { moderationChoices, suggestedAction } from '../../src/renderer/model/moderation/choices';

const reply = { own: false, isReply: true, quotes: false };

describe('moderation choices', () => {
  it('offers only what the network allows: no follower removal on Bluesky, no hiding on Mastodon', () => {
    expect(moderationChoices({ network: 'bluesky', ...reply })).toEqual(['hide_reply', 'mute_thread', 'mute', 'block', 'report']);
    expect(moderationChoices({ network: 'mastodon', ...reply })).toEqual(['mute_thread', 'mute', 'block', 'remove_follower', 'report']);
  });

  it('detaches only quotes, hides only replies, and never acts on the brand’s own posts', () => {
    expect(moderationChoices({ network: 'bluesky', own: false, isReply: false, quotes: true })).toEqual(['detach_quote', 'mute_thread', 'mute', 'block', 'report']);
    expect(moderationChoices({ network: 'bluesky', own: true, isReply: true, quotes: true })).toEqual([]);
  });

  it('offers a new follower (no post) only what is done to a person', () => {
    expect(moderationChoices({ network: 'mastodon', own: false, isReply: false, quotes: false, person: true })).toEqual(['mute', 'block', 'remove_follower']);
    expect(moderationChoices({ network: 'bluesky', own: false, isReply: false, quotes: false, person: true })).toEqual(['mute', 'block']);
  });

  it('turns the charter’s suggestion into the network’s action', () => {
    expect(suggestedAction('hide', { network: 'bluesky', ...reply })).toBe('hide_reply');
    expect(suggestedAction('hide', { network: 'mastodon', ...reply })).toBe('mute');
    expect(suggestedAction('report', { network: 'mastodon', ...reply })).toBe('report');
    expect(suggestedAction('flag', { network: 'bluesky', ...reply })).toBeNull();
    expect(suggestedAction('hide', { network: 'bluesky', own: true, isReply: true, quotes: false })).toBeNull();
  });
});
