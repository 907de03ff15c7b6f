/**
 * The inbox's "a" key (the charter's suggestion in one key): on an item that every rule only
 * flags, nothing is sent to the network and a toast says there is no suggested action,
 * instead of the key doing nothing without a word.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxEntry } from '../../src/shared/inbox/schemas';
import { applySuggestion } from '../../src/renderer/features/inbox/inboxActions';
import { i18n } from '../../src/renderer/i18n';
import { useToasts } from '../../src/renderer/stores/toasts';

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

const flaggedOnly: InboxEntry = {
  id: ID(1),
  accountId: ID(2),
  network: 'bluesky',
  kind: 'reply',
  state: 'to_handle',
  snoozedUntil: null,
  arrivedAt: '2026-12-01T08:00:00.000Z',
  doneAt: null,
  firstReplyAt: null,
  replyWaiting: false,
  actor: { id: ID(3), network: 'bluesky', remoteId: 'did:plc:x', handle: 'x.test', displayName: 'X', avatar: null, url: null },
  item: null,
  flags: [{ ruleId: 'spam-wave', ruleName: 'Vague', severity: 'warning', action: 'flag', matched: '3 auteurs' }],
  cursor: 'c',
};

beforeAll(async () => {
  await i18n.changeLanguage('fr');
});

describe('the charter suggestion key', () => {
  it('says there is no suggested action when the rules only flag', () => {
    expect(applySuggestion(ID(9), flaggedOnly)).toBe(false);
    expect(useToasts.getState().toasts.at(-1)?.message).toBe('Aucune action suggérée : la règle signale seulement ce message.');
  });
});
