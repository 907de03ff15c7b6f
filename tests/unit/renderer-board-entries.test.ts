import { describe, expect, it } from 'vitest';
import type { BoardItem, ColumnEntry, ColumnStatus } from '../../src/shared/board/schemas';
import { appendPage, mergeFirstPage, optimistic, patchItem, toggleFor } from '../../src/renderer/model/board/entries';
import { parseSearch, querySummary, statusLine } from '../../src/renderer/model/board/columnLabel';

const actor = { id: '00000000-0000-4000-8000-000000000001', network: 'bluesky' as const, remoteId: 'did:plc:a', handle: 'alice.test', displayName: 'Alice', avatar: null, url: null };
const item = (id: string, patch: Partial<BoardItem> = {}): BoardItem => ({
  id,
  network: 'bluesky',
  uri: `at://did:plc:a/app.bsky.feed.post/${id}`,
  url: null,
  author: actor,
  createdAt: '2026-12-01T10:00:00.000Z',
  text: 'Bonjour',
  spans: [{ type: 'text', text: 'Bonjour' }],
  media: [],
  contentWarning: null,
  sensitive: false,
  language: 'fr',
  replyTo: null,
  quote: null,
  counts: { replies: 0, reposts: 2, likes: 5, quotes: 0 },
  viewer: { accountId: null, liked: false, reposted: true, bookmarked: false, followingAuthor: false, pending: [] },
  own: false,
  deleted: false,
  ...patch,
});
const entry = (key: string, it = item(key)): ColumnEntry => ({ kind: 'item', key, cursor: key, item: it, repostedBy: null });

describe('a column’s entries', () => {
  it('a fresh first page keeps the older entries it reaches into, and drops them when it does not', () => {
    const current = [entry('c'), entry('b'), entry('a')];
    expect(mergeFirstPage(current, [entry('d'), entry('c')]).map((e) => e.key)).toEqual(['d', 'c', 'b', 'a']);
    expect(mergeFirstPage(current, [entry('f'), entry('e')]).map((e) => e.key)).toEqual(['f', 'e']);
    expect(mergeFirstPage([], [entry('x')]).map((e) => e.key)).toEqual(['x']);
  });

  it('older pages append without duplicates', () => {
    expect(appendPage([entry('c'), entry('b')], [entry('b'), entry('a')]).map((e) => e.key)).toEqual(['c', 'b', 'a']);
  });

  it('an item changes everywhere it shows', () => {
    const liked = item('p', { counts: { replies: 0, reposts: 2, likes: 6, quotes: 0 } });
    const entries = [entry('k1', item('p')), { kind: 'gap', key: 'g', cursor: 'g', gapId: '00000000-0000-4000-8000-000000000009' } as ColumnEntry, entry('k2', item('p'))];
    const patched = patchItem(entries, liked);
    expect(patched.filter((e) => e.kind === 'item').map((e) => (e.kind === 'item' ? e.item.counts.likes : 0))).toEqual([6, 6]);
    expect(patchItem(entries, item('other'))).toBe(entries);
  });

  it('the optimistic card: like adds one, unrepost takes one, delete marks it deleted; toggles pick the undo', () => {
    const base = item('p');
    expect(optimistic(base, 'like')).toMatchObject({ counts: { likes: 6 }, viewer: { liked: true, pending: ['like'] } });
    expect(optimistic(base, 'unrepost')).toMatchObject({ counts: { reposts: 1 }, viewer: { reposted: false } });
    expect(optimistic(base, 'delete').deleted).toBe(true);
    expect(optimistic(optimistic(base, 'like'), 'like').counts.likes).toBe(6);
    expect(toggleFor(base, 'like')).toBe('like');
    expect(toggleFor(base, 'repost')).toBe('unrepost');
    expect(toggleFor(base, 'follow')).toBe('follow');
  });
});

describe('column headers', () => {
  it('say the query in a few words', () => {
    expect(querySummary('search', { tag: 'PortLumiere' })).toBe('#PortLumiere');
    expect(querySummary('search', { q: '"marché de nuit"', exclude: ['spam'], lang: 'fr' })).toBe('"marché de nuit" · -spam · fr');
    expect(querySummary('profile', { handle: 'alice.test' })).toBe('@alice.test');
    expect(querySummary('home', {})).toBeNull();
  });

  it('read what the person typed in the picker', () => {
    expect(parseSearch('#PortLumiere')).toEqual({ tag: 'PortLumiere' });
    expect(parseSearch('marché nuit -spam', 'fr')).toEqual({ q: 'marché nuit', exclude: ['spam'], lang: 'fr' });
    expect(parseSearch('   ')).toEqual({});
  });

  it('say offline, throttled, stale or reconnect with the times, and nothing when all is well', () => {
    const status = (state: ColumnStatus['state']): ColumnStatus => ({ state, lastRefreshAt: '2026-12-01T10:00:00.000Z', retryAt: '2026-12-01T10:05:00.000Z', error: null, streaming: false });
    expect(statusLine(status('ok'), { online: true, reconnectNeeded: false })).toBeNull();
    expect(statusLine(status('ok'), { online: false, reconnectNeeded: false })).toMatchObject({ key: 'offline', tone: 'warn', lastRefreshAt: '2026-12-01T10:00:00.000Z' });
    expect(statusLine(status('throttled'), { online: true, reconnectNeeded: false })).toMatchObject({ key: 'throttled', retryAt: '2026-12-01T10:05:00.000Z' });
    expect(statusLine(status('ok'), { online: true, reconnectNeeded: true })).toMatchObject({ key: 'reconnect', tone: 'error' });
    expect(statusLine(status('stale'), { online: true, reconnectNeeded: false })?.key).toBe('stale');
    expect(statusLine(null, { online: true, reconnectNeeded: false })).toBeNull();
  });
});
