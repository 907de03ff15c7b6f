import { describe, expect, it } from 'vitest';
import { arrivedAbove, anchorIndex, pendingAbove, stillUnseen } from '../../src/renderer/model/board/scrollAnchor';
import { keyboardTarget, moveByKey, moveItem } from '../../src/renderer/model/board/columnOrder';
import { clampText, linkLabel, normaliseTag, safeHref } from '../../src/renderer/model/board/safeLinks';
import { notifiesByDefault } from '../../src/renderer/model/board/notify';

describe('scroll anchor: items arriving above keep the view still', () => {
  const before = ['c', 'd', 'e'];
  const after = ['a', 'b', 'c', 'd', 'e'];

  it('finds the anchor in the new list', () => {
    expect(anchorIndex(after, { key: 'd', offset: 12 })).toBe(3);
    expect(anchorIndex(after, { key: 'gone', offset: 0 })).toBeNull();
    expect(anchorIndex(after, null)).toBeNull();
  });

  it('counts what arrived above the first shown item, not what arrived below it', () => {
    expect(arrivedAbove(before, after, { key: 'c', offset: 0 })).toEqual(['a', 'b']);
    expect(arrivedAbove(before, [...after, 'f'], { key: 'c', offset: 0 })).toEqual(['a', 'b']);
    expect(arrivedAbove(before, after, null)).toEqual([]);
  });

  it('a page appended below brings nothing above, and a key replaced above still counts', () => {
    expect(arrivedAbove(after, [...after, 'f', 'g'], { key: 'd', offset: 0 })).toEqual([]);
    expect(arrivedAbove(after, ['a', 'x', 'c', 'd', 'e', 'f'], { key: 'd', offset: 0 })).toEqual(['x']);
  });

  it('the pill counts unseen items still above the view and forgets those scrolled into view', () => {
    const unseen = new Set(['a', 'b']);
    expect(pendingAbove(after, unseen, 2)).toBe(2);
    expect(pendingAbove(after, unseen, 1)).toBe(1);
    expect(pendingAbove(after, unseen, 0)).toBe(0);
    expect([...stillUnseen(after, unseen, 1)]).toEqual(['a']);
  });
});

describe('column order', () => {
  it('moves an element and clamps out-of-range positions', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 99)).toEqual(['a', 'c', 'b']);
    expect(moveItem([], 0, 1)).toEqual([]);
  });

  it('drag and drop moves by keys', () => {
    const list = [{ id: 'home' }, { id: 'mentions' }, { id: 'search' }];
    expect(moveByKey(list, (c) => c.id, 'search', 'home').map((c) => c.id)).toEqual(['search', 'home', 'mentions']);
    expect(moveByKey(list, (c) => c.id, 'nope', 'home').map((c) => c.id)).toEqual(['home', 'mentions', 'search']);
  });

  it('keyboard moves go one step sideways or to either end, never past them', () => {
    expect(keyboardTarget(1, 4, 'ArrowLeft')).toBe(0);
    expect(keyboardTarget(1, 4, 'ArrowRight')).toBe(2);
    expect(keyboardTarget(0, 4, 'ArrowLeft')).toBeNull();
    expect(keyboardTarget(3, 4, 'ArrowRight')).toBeNull();
    expect(keyboardTarget(2, 4, 'Home')).toBe(0);
    expect(keyboardTarget(2, 4, 'End')).toBe(3);
    expect(keyboardTarget(2, 4, 'x')).toBeNull();
  });
});

describe('links from untrusted network text', () => {
  it('keeps only absolute http(s) addresses', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    for (const hostile of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '//evil.example', '/relative', '', 'https://user:pw@evil.example/']) {
      expect(safeHref(hostile), hostile).toBeNull();
    }
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref('https://' + 'a'.repeat(5000) + '.example')).toBeNull();
  });

  it('shows links without their scheme, cut when long', () => {
    expect(linkLabel('https://example.org/')).toBe('example.org');
    expect(linkLabel('https://example.org/' + 'x'.repeat(80), 20)).toHaveLength(20);
  });

  it('normalises hashtags and clamps huge names by characters, not bytes', () => {
    expect(normaliseTag('#PortLumiere')).toBe('portlumiere');
    expect(clampText('é'.repeat(10_000), 80)).toHaveLength(80);
    expect(clampText('Port Lumière', 80)).toBe('Port Lumière');
  });
});

describe('notifications', () => {
  it('is on by default only for mentions and direct messages', () => {
    expect(notifiesByDefault('mentions')).toBe(true);
    expect(notifiesByDefault('direct')).toBe(true);
    expect(notifiesByDefault('home')).toBe(false);
  });
});
