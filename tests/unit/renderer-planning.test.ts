/** The renderer's side of re-planning and of the undo delay: pure functions, real dictionaries. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src/shared/domain';
import type { PostView, ReplanReport } from '../../src/shared/publishing';
import { withoutPlanned } from '../../src/renderer/model/draftList';
import { describeReplan } from '../../src/renderer/features/publishing/replanNotice';
import { undoUntil } from '../../src/renderer/features/publishing/publishActions';
import { i18n } from '../../src/renderer/i18n';

const WS = '00000000-0000-4000-8000-0000000000ff';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const D1 = '00000000-0000-4000-8000-000000000001';
const D2 = '00000000-0000-4000-8000-000000000002';
const draft = (id: string): Draft => ({ id, workspaceId: WS, text: id, createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z', revision: 1 });
const ctx = { t: (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {}), handleOf: (id: string) => (id === A ? '@halle.test' : '@criee.test') };

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('the Drafts column while a planned post is edited', () => {
  it('leaves out drafts that are planned or sent posts, and keeps one cancelled back to a draft', () => {
    const posts = [
      { draftId: D1, state: 'scheduled' as const },
      { draftId: D2, state: 'draft' as const },
    ];
    expect(withoutPlanned([draft(D1), draft(D2)], posts).map((d) => d.id)).toEqual([D2]);
  });
});

describe('what the person is told after re-planning', () => {
  const report = (over: Partial<ReplanReport>): ReplanReport => ({ workspaceId: WS, draftId: D1, notWithdrawn: [], blocked: [], added: [], backToDraft: false, ...over });

  it('names the accounts that keep the post and why, and the targets a rule now blocks, with translated reasons', () => {
    const lines = describeReplan(
      report({
        notWithdrawn: [
          { accountId: A, why: 'sent' },
          { accountId: B, why: 'in_flight' },
        ],
        blocked: [{ accountId: A, problems: [{ code: 'text_over', severity: 'block', values: { used: 312, max: 300 } }] }],
      }),
      ctx,
    );
    expect(lines).toEqual([
      i18n.t('planning.replanned.sent', { handle: '@halle.test' }),
      i18n.t('planning.replanned.in_flight', { handle: '@criee.test' }),
      i18n.t('planning.replanned.blocked', { handle: '@halle.test', reasons: i18n.t('checks.text_over', { used: 312, max: 300, count: 1 }) }),
    ]);
    expect(lines[2]).toContain('312');
  });

  it('says nothing when an edit only added an account, and says when the post is a draft again', () => {
    expect(describeReplan(report({ added: [B] }), ctx)).toEqual([]);
    expect(describeReplan(report({ backToDraft: true }), ctx)).toEqual([i18n.t('planning.replanned.backToDraft')]);
  });
});

describe('the undo delay of "Publish now"', () => {
  const post = (dueAt: string | null, status: 'pending' | 'sent' = 'pending'): PostView => ({
    draftId: D1,
    workspaceId: WS,
    text: 'x',
    state: 'scheduled',
    scheduledAt: dueAt,
    timeZone: 'Europe/Paris',
    updatedAt: '2026-05-01T10:00:00.000Z',
    sentAt: null,
    targets: [{ id: D2, accountId: A, network: 'bluesky', status, heldReason: null, heldProblems: [], dueAt, sentAt: null, attempts: 0, lastError: null, remoteUrl: null, partsSent: 0, partsTotal: 1, remoteDeletedAt: null }],
  });
  const now = Date.parse('2026-05-01T10:00:00.000Z');

  it('counts down to when the post really goes, and offers no undo when it goes at once', () => {
    expect(undoUntil(post('2026-05-01T10:00:10.000Z'), now)).toBe(now + 10_000);
    expect(undoUntil(post('2026-05-01T10:00:00.000Z'), now)).toBeNull();
    expect(undoUntil(post('2026-05-01T10:00:10.000Z', 'sent'), now)).toBeNull();
  });
});
