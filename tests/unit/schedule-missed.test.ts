import { describe, expect, it } from 'vitest';
import { decideMissed, MissedPolicy } from '../../src/shared/schedule';

const now = Date.parse('2026-11-23T09:00:00Z');
const min = 60_000;
const posts = [
  { id: 'yesterday', dueAt: now - 24 * 60 * min },
  { id: 'hour-ago', dueAt: now - 60 * min },
  { id: 'just-now', dueAt: now - 30_000 },
  { id: 'later', dueAt: now + 10 * min },
];

describe('posts missed while the app was closed or asleep', () => {
  it('publish_now: every due post is published, oldest first', () => {
    expect(decideMissed(posts, now, 'publish_now')).toEqual({ publish: ['yesterday', 'hour-ago', 'just-now'], ask: [], skip: [] });
  });

  it('ask: really late posts wait for the person; one due a moment ago is simply on time', () => {
    expect(decideMissed(posts, now, 'ask')).toEqual({ publish: ['just-now'], ask: ['yesterday', 'hour-ago'], skip: [] });
  });

  it('skip: really late posts are not published', () => {
    expect(decideMissed(posts, now, 'skip')).toEqual({ publish: ['just-now'], ask: [], skip: ['yesterday', 'hour-ago'] });
  });

  it('the grace can be changed; posts not yet due are never listed', () => {
    expect(decideMissed(posts, now, 'skip', 0)).toEqual({ publish: [], ask: [], skip: ['yesterday', 'hour-ago', 'just-now'] });
    expect(decideMissed([{ id: 'later', dueAt: now + 1 }], now, 'publish_now')).toEqual({ publish: [], ask: [], skip: [] });
  });

  it('the policy is one of three values', () => {
    expect(MissedPolicy.options).toEqual(['publish_now', 'ask', 'skip']);
    expect(MissedPolicy.safeParse('later').success).toBe(false);
  });
});
