import { describe, expect, it } from 'vitest';
import { mergeChoices } from '../../src/renderer/model/calendar/importChoices';
import { accountColor, itemColor } from '../../src/renderer/model/calendar/calendarColors';
import { WORKSPACE_COLORS } from '../../src/shared/domain';

describe('import choices', () => {
  it('send only skipped posts and the fields whose side was chosen', () => {
    expect(
      mergeChoices({
        'uid-a': { skip: true, fields: {} },
        'uid-b': { skip: false, fields: { text: 'theirs', plannedAt: 'mine' } },
        'uid-c': { skip: false, fields: {} },
      }),
    ).toEqual([
      { uid: 'uid-a', skip: true },
      { uid: 'uid-b', fields: { text: 'theirs', plannedAt: 'mine' } },
    ]);
  });
});

describe('colours of posts', () => {
  const a = '5b0c0f1e-0000-4000-8000-000000000001';
  const b = '5b0c0f1e-0000-4000-8000-000000000002';
  it('give each account a stable colour of the palette', () => {
    expect(accountColor(a)).toBe(accountColor(a));
    expect(WORKSPACE_COLORS).toContain(accountColor(b));
  });

  it('follow the first account, or the campaign, or stay neutral', () => {
    const campaigns = new Map([['c1', '#123456']]);
    expect(itemColor({ targets: [{ accountId: a }], campaignId: 'c1' }, 'account', campaigns)).toBe(accountColor(a));
    expect(itemColor({ targets: [{ accountId: a }], campaignId: 'c1' }, 'campaign', campaigns)).toBe('#123456');
    expect(itemColor({ targets: [], campaignId: null }, 'campaign', campaigns)).toBe('#64748b');
    expect(itemColor({ targets: [], campaignId: null }, 'account', campaigns)).toBe('#64748b');
  });
});
