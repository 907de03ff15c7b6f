/** A reply to a private (direct) post names its participants, never the answering account, each once. */
import { describe, expect, it } from 'vitest';
import type { BoardItem } from '../../src/shared/board/schemas';
import { directParticipants, directReplyText } from '../../src/renderer/model/board/directReply';

const mention = (handle: string | null) => ({ type: 'mention' as const, text: `@${handle ?? 'x'}`, handle, remoteId: null, url: null });
const item = (author: string, spans: BoardItem['spans']) => ({ author: { handle: author }, spans }) as unknown as BoardItem;

describe('the start of a private reply', () => {
  it('names the author and the mentioned accounts, not the answering account, each once', () => {
    const dm = item('alice@example.social', [mention('musee@port.example'), { type: 'text', text: ' et ' } as BoardItem['spans'][number], mention('bob@example.org'), mention('Alice@example.social'), mention(null)]);
    expect(directParticipants(dm, '@Musee@port.example')).toEqual(['alice@example.social', 'bob@example.org']);
    expect(directReplyText(dm, 'musee@port.example')).toBe('@alice@example.social @bob@example.org ');
  });

  it('says nothing when the answering account wrote it alone', () => {
    expect(directReplyText(item('musee@port.example', [mention('musee@port.example')]), 'musee@port.example')).toBe('');
  });
});
