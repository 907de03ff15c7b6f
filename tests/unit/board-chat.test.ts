/** Bluesky direct messages: conversations as column entries, chat refusals told apart from a refused session. */
import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { convoEntries, isChatDenied } from '../../src/main/core/connectors/bluesky/chat';
import { isSessionError } from '../../src/main/core/connectors/bluesky/errors';
import { ReadError } from '../../src/main/core/connectors/reader';
import { failureStatus } from '../../src/main/core/streams/status';
import { statusLine } from '../../src/renderer/model/board/columnLabel';

const alice = { did: 'did:plc:alice', handle: 'alice.test', displayName: 'Alice' };
const mairie = { did: 'did:plc:mairie', handle: 'mairie.test' };

describe('Bluesky direct messages', () => {
  it('shows each conversation by its last message, from its sender, and skips what is not a message', () => {
    const entries = convoEntries(
      [
        { id: 'c1', rev: '2', members: [alice, mairie], muted: false, unreadCount: 1, lastMessage: { $type: 'chat.bsky.convo.defs#messageView', id: 'm2', rev: '2', text: 'Bonjour <b>!</b>', sender: { did: alice.did }, sentAt: '2026-12-01T10:00:00.000Z' } },
        { id: 'c2', rev: '1', members: [alice, mairie], muted: false, unreadCount: 0, lastMessage: { $type: 'chat.bsky.convo.defs#deletedMessageView', id: 'm1', rev: '1', sender: { did: alice.did }, sentAt: '2026-12-01T09:00:00.000Z' } },
        { id: 'c3', rev: '0', members: [], muted: false, unreadCount: 0 },
      ],
      0,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'item', key: 'chat:c1:m2', at: Date.parse('2026-12-01T10:00:00.000Z'), item: { uri: 'chat:c1:m2', text: 'Bonjour <b>!</b>', author: { remoteId: alice.did, handle: 'alice.test', displayName: 'Alice' } } });
  });

  it('tells an app password without chat access from a refused session', () => {
    const badMethod = new XRPCError(400, 'InvalidToken', 'Bad token method');
    expect(isChatDenied(badMethod)).toBe(true);
    // The connector would take it for a refused session: chat calls must catch it first.
    expect(isSessionError(badMethod)).toBe(true);
    expect(isChatDenied(new XRPCError(400, 'ExpiredToken', 'Token has expired'))).toBe(false);
    expect(isChatDenied(new XRPCError(500, 'InternalServerError', 'oops'))).toBe(false);
    expect(isChatDenied(new Error('offline'))).toBe(false);
  });

  it('makes the column say how to enable chat, and offers to reconnect', () => {
    const patch = failureStatus(new ReadError('chat_not_allowed', 'no chat', 403), 1, 1_000);
    expect(patch).toMatchObject({ state: 'unsupported', error_code: 'chat_not_allowed' });
    const line = statusLine({ state: 'unsupported', lastRefreshAt: null, retryAt: null, error: { code: 'chat_not_allowed', message: 'no chat' }, streaming: false }, { online: true, reconnectNeeded: false });
    expect(line).toMatchObject({ key: 'chatNotAllowed', tone: 'warn', detail: null });
  });
});
