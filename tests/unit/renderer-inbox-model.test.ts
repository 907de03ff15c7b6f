/** The inbox view's pure rules: the ageing colour against the response target, keyboard moves, snooze times. */
import { describe, expect, it } from 'vitest';
import { ageing, bulkDoneKey, followFocus, moveFocus, snoozeUntil } from '../../src/renderer/model/inbox/inboxModel';

describe('the inbox view model', () => {
  it('ages an item from on time to past the target (2 h: under 1 h fresh, then ageing, late from 2 h)', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(ageing('2026-12-01T11:01:00Z', now, 120)).toBe('fresh');
    expect(ageing('2026-12-01T11:00:00Z', now, 120)).toBe('ageing');
    expect(ageing('2026-12-01T10:00:01Z', now, 120)).toBe('ageing');
    expect(ageing('2026-12-01T10:00:00Z', now, 120)).toBe('late');
  });

  it('moves with j/k and the arrows within the list, Home/End to the ends; other keys are not moves', () => {
    expect([moveFocus(0, 3, 'j'), moveFocus(2, 3, 'j'), moveFocus(1, 3, 'k'), moveFocus(0, 3, 'ArrowUp'), moveFocus(0, 3, 'End'), moveFocus(2, 3, 'Home')]).toEqual([1, 2, 0, 0, 2, 0]);
    expect(moveFocus(0, 3, 'e')).toBeNull();
    expect(moveFocus(5, 0, 'j')).toBeNull();
  });

  it('keeps the keyboard on the same item when new ones arrive above it; when it leaves, on the one after it', () => {
    const list = (...ids: string[]) => ids.map((id) => ({ id }));
    // Two mentions arrive on top while "b" is read: still "b" (not the item now at its place).
    expect(followFocus(list('a', 'b', 'c'), list('x', 'y', 'a', 'b', 'c'), 'b')).toBe('b');
    // "b" done (and a new item arrived meanwhile): the one that followed it.
    expect(followFocus(list('a', 'b', 'c'), list('x', 'a', 'c'), 'b')).toBe('c');
    // The last one done: the one before it; nothing left, or another tab: nothing.
    expect(followFocus(list('a', 'b', 'c'), list('a', 'b'), 'c')).toBe('b');
    expect(followFocus(list('a'), list(), 'a')).toBeNull();
    expect(followFocus(list('a', 'b'), list('p', 'q'), 'b')).toBeNull();
    expect(followFocus(list('a'), list('a'), null)).toBeNull();
  });

  it('the bulk button marks "all" only when the whole tab is shown, else "the N shown" (a page of 200 out of 540)', () => {
    expect(bulkDoneKey(200, 540)).toBe('inbox.shownDone');
    expect(bulkDoneKey(12, 12)).toBe('inbox.allDone');
    expect(bulkDoneKey(12, undefined)).toBe('inbox.allDone');
  });

  it('snoozes for three hours, or until tomorrow at nine', () => {
    const now = new Date(2026, 11, 1, 22, 30);
    expect(snoozeUntil('hours', now).getTime() - now.getTime()).toBe(3 * 3600_000);
    expect(snoozeUntil('tomorrow', now)).toEqual(new Date(2026, 11, 2, 9, 0, 0, 0));
  });
});
