import { beforeEach, describe, expect, it } from 'vitest';
import type { PostView, TargetProblem, TargetView } from '../../src/shared/publishing';
import {
  canDeleteRemote,
  canRetry,
  displayTone,
  findTargets,
  isPending,
  postPreview,
  postTime,
  sortScheduled,
  sortSent,
  targetDisplay,
} from '../../src/renderer/model/postModel';
import { describeBlocked, describeOutcome, type OutcomeContext } from '../../src/renderer/features/publishing/outcome';
import { accountErrorText, blueskyServiceToPrefill, instanceFromServiceUrl, isHttpUrl } from '../../src/renderer/features/accounts/accountForms';
import { useMissed } from '../../src/renderer/stores/missed';
import { columnOf, usePosts } from '../../src/renderer/stores/posts';
import { i18n } from '../../src/renderer/i18n';

const WS = '00000000-0000-4000-8000-0000000000ff';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

const target = (over: Partial<TargetView> = {}): TargetView => ({
  id: id(),
  accountId: A,
  network: 'bluesky',
  status: 'pending',
  heldReason: null,
  heldProblems: [],
  dueAt: null,
  sentAt: null,
  attempts: 0,
  lastError: null,
  remoteUrl: null,
  remoteDeletedAt: null,
  partsSent: 0,
  partsTotal: 1,
  ...over,
});
const post = (over: Partial<PostView> = {}): PostView => ({
  draftId: id(),
  workspaceId: WS,
  text: 'Texte',
  state: 'scheduled',
  scheduledAt: null,
  timeZone: 'Europe/Paris',
  targets: [],
  updatedAt: '2026-05-01T10:00:00.000Z',
  sentAt: null,
  ...over,
});

describe('the Scheduled column', () => {
  it('orders by time (chosen, else the earliest queue slot); posts without a time last', () => {
    const late = post({ scheduledAt: '2026-05-03T08:00:00.000Z' });
    const queued = post({ targets: [target({ dueAt: '2026-05-02T15:30:00.000Z' }), target({ dueAt: '2026-05-02T10:00:00.000Z' })] });
    const waiting = post({ targets: [target({ status: 'held', heldReason: 'missed' })] });
    const early = post({ scheduledAt: '2026-05-01T08:00:00.000Z' });
    expect(postTime(queued)).toBe('2026-05-02T10:00:00.000Z');
    expect(postTime(waiting)).toBeNull();
    expect(sortScheduled([late, waiting, queued, early])).toEqual([early, queued, late, waiting]);
  });

  it('knows which posts can still be edited, rescheduled or cancelled', () => {
    expect(isPending(post({ targets: [target(), target({ status: 'sent' })] }))).toBe(true);
    expect(isPending(post({ targets: [target({ status: 'held' })] }))).toBe(true);
    expect(isPending(post({ targets: [target({ status: 'sent' }), target({ status: 'claimed' })] }))).toBe(false);
  });
});

describe('the Sent / Failed column', () => {
  it('puts the most recent first', () => {
    const a = post({ updatedAt: '2026-05-01T10:00:00.000Z' });
    const b = post({ updatedAt: '2026-05-02T10:00:00.000Z' });
    expect(sortSent([a, b])).toEqual([b, a]);
    // When it went out counts, not a later edit of its text.
    const wentFirst = post({ updatedAt: '2026-05-09T10:00:00.000Z', sentAt: '2026-05-03T08:00:00.000Z' });
    const wentLast = post({ updatedAt: '2026-05-04T10:00:00.000Z', sentAt: '2026-05-04T09:00:00.000Z' });
    expect(sortSent([wentFirst, wentLast])).toEqual([wentLast, wentFirst]);
  });

  it('names each target state, with partly sent threads apart', () => {
    const cases: [Partial<TargetView>, string, string][] = [
      [{ status: 'pending' }, 'scheduled', 'waiting'],
      [{ status: 'claimed' }, 'sending', 'waiting'],
      [{ status: 'sent', remoteUrl: 'https://bsky.app/x' }, 'sent', 'ok'],
      [{ status: 'failed', lastError: 'Rate limited' }, 'failed', 'error'],
      [{ status: 'failed', partsSent: 2, partsTotal: 3 }, 'partial', 'error'],
      [{ status: 'pending', partsSent: 1, partsTotal: 3 }, 'partial', 'error'],
      [{ status: 'held', heldReason: 'missed' }, 'held_missed', 'waiting'],
      [{ status: 'held', heldReason: 'reconnect_needed' }, 'held_reconnect', 'error'],
      [{ status: 'held', heldReason: 'invalid', heldProblems: [{ code: 'text_over', severity: 'block', values: { used: 348, max: 300 } }] }, 'held_blocked', 'error'],
      [{ status: 'held', heldReason: 'awaiting_approval' }, 'held_approval', 'waiting'],
      [{ status: 'skipped' }, 'skipped', 'neutral'],
      [{ status: 'cancelled' }, 'cancelled', 'neutral'],
    ];
    for (const [over, display, tone] of cases) {
      const t = target(over);
      expect(targetDisplay(t)).toBe(display);
      expect(displayTone(targetDisplay(t))).toBe(tone);
    }
    expect(canRetry(target({ status: 'failed' }))).toBe(true);
    expect(canRetry(target({ status: 'sent' }))).toBe(false);
  });

  it('offers "Delete from the network" on what went out and is still there, and says when it was deleted', () => {
    const deleted = target({ status: 'sent', partsSent: 1, remoteUrl: 'https://bsky.app/x', remoteDeletedAt: '2026-05-02T10:00:00.000Z' });
    expect([targetDisplay(deleted), displayTone(targetDisplay(deleted))]).toEqual(['deleted', 'neutral']);
    expect(canDeleteRemote(deleted)).toBe(false);
    expect(canDeleteRemote(target({ status: 'sent', partsSent: 1 }))).toBe(true);
    // A thread stopped half way: what went out can be taken down.
    expect(canDeleteRemote(target({ status: 'failed', partsSent: 2, partsTotal: 3 }))).toBe(true);
    // Nothing out, or still going out: nothing to delete yet.
    expect(canDeleteRemote(target({ status: 'failed', partsSent: 0 }))).toBe(false);
    expect(canDeleteRemote(target({ status: 'pending', partsSent: 1, partsTotal: 3 }))).toBe(false);
    expect(canDeleteRemote(target({ status: 'claimed', partsSent: 1, partsTotal: 3 }))).toBe(false);
  });

  it('finds the targets of a missed-posts event in the lists, by due time', () => {
    const t1 = target({ dueAt: '2026-05-02T10:00:00.000Z' });
    const t2 = target({ dueAt: '2026-05-01T10:00:00.000Z', accountId: B });
    const p = post({ targets: [t1, t2] });
    expect(findTargets([p, p], [t1.id, t2.id, id()]).map((f) => f.target.id)).toEqual([t2.id, t1.id]);
  });

  it('previews a post on one line', () => {
    expect(postPreview('  Deux\n\nlignes  ')).toBe('Deux lignes');
    expect(postPreview('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('the posts store', () => {
  beforeEach(() => usePosts.setState({ lists: {}, errors: {} }));

  it('moves a post the core answered with to its column (or out, back to the drafts)', () => {
    const p = post({ state: 'scheduled', scheduledAt: '2026-05-03T08:00:00.000Z' });
    usePosts.getState().put(p);
    expect(usePosts.getState().lists[WS]?.scheduled).toEqual([p]);
    const sent = { ...p, state: 'done' as const };
    usePosts.getState().put(sent);
    expect(usePosts.getState().lists[WS]).toEqual({ scheduled: [], sent: [sent] });
    const draft = { ...p, state: 'draft' as const };
    usePosts.getState().put(draft);
    expect(usePosts.getState().lists[WS]).toEqual({ scheduled: [], sent: [] });
    expect(columnOf(draft)).toBeNull();
  });
});

describe('the missed-posts queue', () => {
  beforeEach(() => useMissed.setState({ pending: [], dismissed: [] }));

  it('collects targets per workspace without duplicates, and forgets decided ones', () => {
    const [x, y, z] = [id(), id(), id()];
    useMissed.getState().add({ workspaceId: WS, targetIds: [x, y] });
    useMissed.getState().add({ workspaceId: WS, targetIds: [y, z] });
    useMissed.getState().add({ workspaceId: WS, targetIds: [] });
    expect(useMissed.getState().pending).toEqual([{ workspaceId: WS, targetIds: [x, y, z] }]);
    useMissed.getState().settle([x, y, z]);
    expect(useMissed.getState().pending).toEqual([]);
  });

  it('does not ask again about targets whose dialog was closed without a decision', () => {
    const [x, y] = [id(), id()];
    useMissed.getState().add({ workspaceId: WS, targetIds: [x] });
    useMissed.getState().dismiss([x]);
    useMissed.getState().add({ workspaceId: WS, targetIds: [x, y] });
    expect(useMissed.getState().pending).toEqual([{ workspaceId: WS, targetIds: [y] }]);
  });
});

describe('what the toast says after publishing', () => {
  const ctx: OutcomeContext = {
    t: (key, options) => `${key}${options ? JSON.stringify(options) : ''}`,
    handleOf: (accountId) => (accountId === A ? '@a' : accountId === B ? '@b' : '?'),
    formatTime: (iso) => iso.slice(11, 16),
  };

  it('names the accounts it went to', () => {
    const out = describeOutcome('publishNow', post({ state: 'done', targets: [target({ accountId: A, status: 'claimed' })] }), [], ctx);
    expect(out).toEqual({ anyGone: true, tone: 'info', message: 'publish.publishing{"handles":"@a"}' });
  });

  it('gives the queue slot each account took', () => {
    const queued = post({
      targets: [target({ accountId: A, dueAt: '2026-05-04T06:00:00.000Z' }), target({ accountId: B, dueAt: '2026-05-04T10:00:00.000Z' })],
    });
    const out = describeOutcome('addToQueue', queued, [], ctx);
    expect(out.message).toBe(
      'publish.queued{"slots":"publish.queueSlot{\\"handle\\":\\"@a\\",\\"time\\":\\"06:00\\"} ; publish.queueSlot{\\"handle\\":\\"@b\\",\\"time\\":\\"10:00\\"}"}',
    );
  });

  it('says which targets were blocked and why, while the others go', () => {
    const blocked: TargetProblem[] = [
      {
        accountId: B,
        problems: [
          { code: 'text_over', severity: 'block', values: { used: 312, max: 300 } },
          { code: 'alt_required', severity: 'block', values: { count: 1 } },
          { code: 'alt_missing', severity: 'warning', values: { count: 1 } },
        ],
      },
    ];
    const scheduled = post({ scheduledAt: '2026-05-04T06:00:00.000Z', targets: [target({ accountId: A })] });
    const out = describeOutcome('schedule', scheduled, blocked, ctx);
    expect(out.anyGone).toBe(true);
    expect(out.tone).toBe('error');
    expect(out.message).toBe(
      'publish.scheduled{"time":"06:00","handles":"@a"} publish.blockedIntro publish.blockedOne{"handle":"@b","reasons":"checks.text_over{\\"used\\":312,\\"max\\":300,\\"count\\":1} ; checks.alt_required{\\"count\\":1}"}',
    );
    expect(describeBlocked([{ accountId: A, problems: [] }], ctx)).toBe('publish.blockedOne{"handle":"@a","reasons":"publish.blockedNoReason"}');
  });

  it('says nothing went when every target was blocked', () => {
    const out = describeOutcome('publishNow', post({ state: 'draft', targets: [] }), [{ accountId: A, problems: [{ code: 'empty', severity: 'block' }] }], ctx);
    expect(out.anyGone).toBe(false);
    expect(out.message.startsWith('publish.nothingWent')).toBe(true);
  });
});

describe('account forms', () => {
  it('check a self-hosted PDS address', () => {
    expect(isHttpUrl('https://pds.example.org')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:2583')).toBe(true);
    expect(isHttpUrl('pds.example.org')).toBe(false);
    expect(isHttpUrl('ftp://pds.example.org')).toBe(false);
  });

  it('fill the instance and the PDS again when reconnecting', () => {
    expect(instanceFromServiceUrl('https://mastodon.social/')).toBe('mastodon.social');
    expect(instanceFromServiceUrl('http://127.0.0.1:3000')).toBe('127.0.0.1:3000');
    expect(blueskyServiceToPrefill('https://morel.us-east.host.bsky.network')).toBe('');
    expect(blueskyServiceToPrefill('https://bsky.social')).toBe('');
    expect(blueskyServiceToPrefill('https://pds.example.org')).toBe('https://pds.example.org');
  });

  it("show the core's own sentence for a network's refusal, and Tribune's for its own troubles", async () => {
    await i18n.changeLanguage('fr');
    expect(accountErrorText({ code: 'invalid_input', message: 'Invalid identifier or app password.' })).toBe('Invalid identifier or app password.');
    expect(accountErrorText({ code: 'vault_locked', message: 'locked' })).toBe('Le coffre des identifiants est verrouillé : déverrouillez-le d’abord.'.replace('’', "'"));
    expect(accountErrorText({ code: 'disconnected', message: 'x' })).toBe("Tribune n'est pas joignable pour l'instant (connexion perdue).");
  });
});
