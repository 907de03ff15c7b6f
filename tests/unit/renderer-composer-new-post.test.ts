/**
 * The targets a post starts with in the composer (real stores, a recording client): a new post in
 * a workspace with one account goes to it; with several accounts the person chooses; a reply goes
 * from the card's account; a stored draft keeps what it had.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTypedClient } from '../../src/renderer/client/typedClient';
import type { Transport } from '../../src/renderer/client/types';
import { setClient } from '../../src/renderer/client';
import { newPostAt } from '../../src/renderer/features/calendar/calendarActions';
import { newPostTargets } from '../../src/renderer/model/content';
import { useAccounts } from '../../src/renderer/stores/accounts';
import { useComposer } from '../../src/renderer/stores/composer';
import { usePlanning } from '../../src/renderer/stores/planning';
import type { BoardItem } from '../../src/shared/board/schemas';
import type { Account } from '../../src/shared/domain';
import { EMPTY_DRAFT_CONTENT, type DraftContent } from '../../src/shared/publishing';
import type { Result } from '../../src/shared/result';

const WS = '0b8a5f6c-58c5-4e1e-9a5c-7c2f3a8d9e10';
const A = '1c9b6a7d-69d6-4f2f-8b6d-8d3a4b9e0f21';
const B = '2dac7b8e-7ae7-4a3a-9c7e-9e4b5c0f1a32';
const STORED = '3ebd8c9f-8bf8-4b4b-8d8f-af5c6d1a2b43';
const NOW = '2027-03-25T09:00:00.000Z';

const account = (id: string, handle: string): Account => ({
  id,
  workspaceId: WS,
  network: 'mastodon',
  handle,
  displayName: handle,
  avatarUrl: null,
  health: 'ok',
  createdAt: NOW,
  serviceUrl: 'http://127.0.0.1:1',
});

/** A client that answers the composer's saves and a stored draft's content (with no target). */
function recordingClient() {
  const saves: { id: string; content?: DraftContent }[] = [];
  const answer = (command: string, input: Record<string, unknown>): Result<unknown> => {
    if (command === 'draft.save') {
      saves.push({ id: input.id as string, content: input.content as DraftContent | undefined });
      return { ok: true, value: { id: input.id, workspaceId: WS, text: input.text, createdAt: NOW, updatedAt: NOW, revision: saves.length } };
    }
    if (command === 'draft.content') {
      return { ok: true, value: {
          content: EMPTY_DRAFT_CONTENT,
          post: { draftId: input.id, workspaceId: WS, text: 'Idée', state: 'draft', scheduledAt: null, timeZone: null, targets: [], updatedAt: NOW, sentAt: null },
        } };
    }
    if (command === 'post.planning') return { ok: true, value: { draftId: input.draftId, kind: 'post', campaignId: null, labelIds: [], plannedAt: null, reviewState: 'draft', requireApproval: false } };
    if (command === 'comment.list') return { ok: true, value: [] };
    return { ok: false, error: { code: 'internal', message: `not in this test: ${command}` } };
  };
  const transport: Transport = {
    host: 'web',
    invoke: (async (command: string, input: unknown) => answer(command, input as Record<string, unknown>)) as Transport['invoke'],
    on: () => () => {},
    connectionState: () => 'online',
    onConnectionState: () => () => {},
  };
  setClient(createTypedClient(transport, () => {}));
  return saves;
}

const withAccounts = (...accounts: Account[]) => useAccounts.setState({ byWorkspace: { [WS]: accounts } });
const targets = () => useComposer.getState().content.targets.map((t) => t.accountId);

afterEach(async () => {
  // Each test's draft is saved and the composer closed before the next one opens.
  expect(await useComposer.getState().close(false)).toBe(true);
  usePlanning.setState({ pendingAt: null, pendingSession: null, draftId: null, planning: null, comments: [] });
  useAccounts.setState({ byWorkspace: {} });
});

describe('the targets a post starts with', () => {
  it('is the only account of the workspace, and none when there are several', () => {
    expect(newPostTargets([])).toEqual([]);
    expect(newPostTargets([{ id: A }])).toEqual([{ accountId: A, variant: null }]);
    expect(newPostTargets([{ id: A }, { id: B }])).toEqual([]);
  });

  it('a new post in a one-account workspace goes to that account, saved with its first text', async () => {
    const saves = recordingClient();
    withAccounts(account(A, 'brasserie@port.example'));
    await useComposer.getState().openNew(WS);
    expect(targets()).toEqual([A]);
    // Opening alone creates no draft.
    expect(useComposer.getState().draftId).toBeNull();
    expect(await useComposer.getState().flush()).toBe(true);
    expect(saves).toEqual([]);

    useComposer.getState().setText('Moules-frites ce midi');
    expect(await useComposer.getState().flush()).toBe(true);
    expect(saves.at(-1)?.content?.targets).toEqual([{ accountId: A, variant: null }]);
  });

  it('a new post in a workspace with two accounts starts with none chosen', async () => {
    recordingClient();
    withAccounts(account(A, 'brasserie@port.example'), account(B, 'brasserie.bsky.example'));
    await useComposer.getState().openNew(WS);
    expect(targets()).toEqual([]);
  });

  it('a post started on a calendar slot goes to the only account too', async () => {
    recordingClient();
    withAccounts(account(A, 'brasserie@port.example'));
    await newPostAt(WS, Date.parse('2027-03-25T10:30:00.000Z'));
    expect(targets()).toEqual([A]);
  });

  it('a reply goes from the account whose card it answers, even with several accounts', async () => {
    recordingClient();
    withAccounts(account(A, 'brasserie@port.example'), account(B, 'brasserie.bsky.example'));
    const item = { id: '4fce9d0a-9c09-4c5c-9e90-b06d7e2b3c54', network: 'bluesky', uri: 'at://did:plc:abc/app.bsky.feed.post/1', language: 'fr' } as unknown as BoardItem;
    await useComposer.getState().openReply(WS, B, 'reply', item);
    expect(targets()).toEqual([B]);
  });

  it('a stored draft without targets keeps none: the person may have taken the account out', async () => {
    recordingClient();
    withAccounts(account(A, 'brasserie@port.example'));
    await useComposer.getState().openDraft({ id: STORED, workspaceId: WS, text: 'Idée', createdAt: NOW, updatedAt: NOW, revision: 1 });
    await expect.poll(() => useComposer.getState().contentStatus).toBe('ready');
    expect(targets()).toEqual([]);
  });
});
