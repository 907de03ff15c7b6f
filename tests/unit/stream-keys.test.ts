/** Entries of the same millisecond keep the network's order, so "read up to here" names the newest. */
import { describe, expect, it } from 'vitest';
import { gapSortKey, sortKey } from '../../src/main/core/streams/keys';

const newestFirst = (keys: string[]) => [...keys].sort().reverse();

describe('column sort keys', () => {
  it('orders Mastodon ids of the same millisecond by id, even across lengths', () => {
    const at = 1_764_590_000_000;
    expect(newestFirst([sortKey(at, '110004'), sortKey(at, '110005'), sortKey(at, '99999')])).toEqual([sortKey(at, '110005'), sortKey(at, '110004'), sortKey(at, '99999')]);
    expect(sortKey(at, 'notification:12') > sortKey(at, 'notification:9')).toBe(true);
  });

  it('orders Bluesky records of the same millisecond by their TID', () => {
    const at = 1_764_590_000_000;
    const older = 'at://did:plc:abc/app.bsky.feed.post/3lbc2aaaaaa22';
    const newer = 'at://did:plc:abc/app.bsky.feed.post/3lbc2aaaaab22';
    expect(sortKey(at, newer) > sortKey(at, older)).toBe(true);
  });

  it('still sorts by time first, keeps other keys stable, and puts a gap below the entries of its millisecond', () => {
    expect(sortKey(2, '1') > sortKey(1, '999')).toBe(true);
    expect(sortKey(5, 'opaque key')).toBe(sortKey(5, 'opaque key'));
    expect(gapSortKey(5, 'gap-1') < sortKey(5, 'opaque key')).toBe(true);
    expect(gapSortKey(5, 'gap-1') < sortKey(5, '1')).toBe(true);
  });
});
