import type { BoardItem } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import { t } from '../../i18n';
import { toggleFor } from '../../model/board/entries';
import { safeHref } from '../../model/board/safeLinks';
import { useComposer } from '../../stores/composer';
import { usePanel } from '../../stores/panel';
import { useStreams } from '../../stores/streams';
import { useToasts } from '../../stores/toasts';

/** Everything a card can do, as one account of the workspace ("act as"). */
export interface CardActor {
  workspaceId: string;
  account: Account;
}

export const reply = (item: BoardItem, actor: CardActor) => void useComposer.getState().openReply(actor.workspaceId, actor.account.id, 'reply', item);
export const quote = (item: BoardItem, actor: CardActor) => void useComposer.getState().openReply(actor.workspaceId, actor.account.id, 'quote', item);

/** The card's like/repost state is the column account's; another account only knows it liked once it did. */
export const viewerIs = (item: BoardItem, actor: CardActor): boolean => item.viewer.accountId === null || item.viewer.accountId === actor.account.id;

export function toggle(item: BoardItem, actor: CardActor, action: 'like' | 'repost' | 'bookmark' | 'follow') {
  return useStreams.getState().act(item, actor.account.id, viewerIs(item, actor) ? toggleFor(item, action) : action);
}

export const removeOwn = (item: BoardItem, actor: CardActor) => useStreams.getState().act(item, actor.account.id, 'delete');

/** A direct message (Bluesky chat) is answered in its conversation, not with a post. */
export const isChatItem = (item: BoardItem) => item.uri.startsWith('chat:');

/** The panel beside the board: a post's thread, or a direct message's conversation. */
export const openThread = (item: BoardItem, actor: CardActor) =>
  void usePanel.getState().show({ kind: isChatItem(item) ? 'conversation' : 'thread', itemId: item.id, asAccountId: actor.account.id });

export const openProfile = (handle: string, actor: CardActor) =>
  void usePanel.getState().show({ kind: 'preview', workspaceId: actor.workspaceId, type: 'profile', accountId: actor.account.id, query: { handle } });

export const openTag = (tag: string, actor: CardActor) =>
  void usePanel.getState().show({ kind: 'preview', workspaceId: actor.workspaceId, type: 'search', accountId: actor.account.id, query: { tag } });

export async function copyLink(item: BoardItem) {
  const href = safeHref(item.url);
  if (!href) return;
  try {
    await navigator.clipboard.writeText(href);
    useToasts.getState().show({ message: t('board.linkCopied') });
  } catch {
    useToasts.getState().show({ tone: 'error', message: t('board.copyFailed') });
  }
}

/** Opens an http(s) address in the system browser: the shell's external-link path (a new window it denies and hands over). */
export function openInBrowser(url: string | null) {
  const href = safeHref(url);
  if (href) window.open(href, '_blank', 'noopener,noreferrer');
}
