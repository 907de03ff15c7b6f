/**
 * Mastodon direct conversations on the stand-in: a private post is answered privately (the
 * request's visibility is `direct`, in reply to the conversation's last status, naming its
 * participants, as the composer prepares it: model/board/directReply), each new message of a
 * conversation is a new entry (its last status), and the panel shows the conversation's
 * statuses (context).
 */
import { describe, expect, it } from 'vitest';
import type { BoardItem, ThreadView } from '../../src/shared/board/schemas';
import type { Account } from '../../src/shared/domain';
import { directReplyText } from '../../src/renderer/model/board/directReply';
import { value } from '../helpers/core';
import { mastodonBoard } from '../helpers/mastodon-core';

describe('Mastodon direct conversations', () => {
  it('answers privately, in reply to the last status and naming its participants; the panel shows the conversation', async () => {
    const { server, core, ws, account, add, refresh, page } = await mastodonBoard();
    const me = (await value<Account[]>(core, 'account.list', { workspaceId: ws.id })).find((a) => a.id === account.id)!;
    const direct = await add('direct');
    const newest = async (): Promise<BoardItem> => {
      await refresh(direct);
      const entry = (await page(direct)).entries[0]!;
      return (entry as { item: BoardItem }).item;
    };

    const alice = server.act.addAccount('alice', 'Alice');
    const question = server.act.directMessage(alice, 'Le musée est-il accessible en fauteuil ?');
    const item = await newest();
    expect(item).toMatchObject({ text: '@tribune Le musée est-il accessible en fauteuil ?', direct: true });

    // What the composer prepares for a reply to it, published through the queue.
    const text = `${directReplyText(item, me.handle)}Oui, par l’entrée du quai.`;
    expect(text).toBe(`@${item.author.handle} Oui, par l’entrée du quai.`);
    const draftId = crypto.randomUUID();
    const content = { targets: [{ accountId: account.id, variant: null }], media: [], contentWarning: null, language: 'fr', visibility: 'direct', poll: null, threadParts: null, replyTo: { itemId: item.id, network: 'mastodon', uri: item.uri } };
    await value(core, 'draft.save', { id: draftId, workspaceId: ws.id, text, content });
    await value(core, 'post.publishNow', { draftId });
    await expect
      .poll(async () => (await value<{ post: { targets: { status: string }[] } }>(core, 'draft.content', { id: draftId })).post.targets[0]?.status, { timeout: 30_000 })
      .toBe('sent');
    const answer = server.state.statuses.at(-1)!;
    expect(answer).toMatchObject({ visibility: 'direct', inReplyToId: question.id, text });

    // Alice answers back: the conversation's new last status is a new entry, and its context is the conversation.
    server.act.directMessage(alice, 'Merci beaucoup !', { inReplyToId: answer.id });
    const followUp = await newest();
    expect(followUp).toMatchObject({ text: '@tribune Merci beaucoup !', direct: true });
    const thread = await value<ThreadView>(core, 'item.thread', { itemId: followUp.id, asAccountId: account.id });
    expect(thread.ancestors.map((a) => a.text)).toEqual(['@tribune Le musée est-il accessible en fauteuil ?', text]);
    expect(thread.ancestors.every((a) => a.direct)).toBe(true);
    server.assertNoViolations();
  }, 60_000);
});
