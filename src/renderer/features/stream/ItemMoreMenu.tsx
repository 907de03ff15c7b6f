import { useRef, useState, type KeyboardEvent } from 'react';
import { Header, Menu, MenuItem, Popover, Section } from 'react-aria-components';
import { Bookmark, ExternalLink, Link2, MessagesSquare, Quote, Trash2, UserCheck, UserPlus } from 'lucide-react';
import type { BoardItem } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { moderationChoices } from '../../model/moderation/choices';
import { askModeration } from '../moderation/moderate';
import { ModerationSection, moderationKey } from '../moderation/ModerationSection';
import type { CardTexts } from './cardTexts';
import { copyLink, openInBrowser, openThread, quote, removeOwn, toggle, type CardActor } from './itemActions';

interface ItemMoreMenuProps {
  item: BoardItem;
  actor: CardActor;
  texts: CardTexts;
  others: readonly Account[];
  onActAs(account: Account): void;
  tabIndex: number | undefined;
}

/**
 * The card's "more" button: a plain button until it is used, then React Aria's menu in a popover
 * (focus moves into the menu, Esc or a choice closes it and focus returns to the button). Nothing
 * of the menu is mounted for the thousands of cards whose menu is never opened.
 */
export function ItemMoreMenu({ item, actor, texts, others, onActAs, tabIndex }: ItemMoreMenuProps) {
  const { t } = texts;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // As a menu button does: the arrows open it too.
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(true);
    }
  };
  const author = atHandle(item.author.handle);
  const onAction = (key: string) => {
    setOpen(false);
    const action = moderationKey(key);
    if (action) askModeration({ workspaceId: actor.workspaceId, itemId: item.id, accountId: actor.account.id, network: actor.account.network, action, authorHandle: author });
    else if (key === 'quote') quote(item, actor);
    else if (key === 'bookmark') void toggle(item, actor, 'bookmark');
    else if (key === 'follow') void toggle(item, actor, 'follow');
    else if (key === 'delete') void removeOwn(item, actor);
    else if (key === 'copy') void copyLink(item);
    else if (key === 'browser') openInBrowser(item.url);
    else if (key === 'thread') openThread(item, actor);
    else if (key.startsWith('as:')) {
      const other = others.find((a) => a.id === key.slice(3));
      if (other) onActAs(other);
    }
  };
  // Only when open: the menu's words are not made for every card mounted.
  const follow = open ? t(item.viewer.followingAuthor ? 'board.unfollow' : 'board.follow', { handle: author }) : '';
  const bookmark = open ? t(item.viewer.bookmarked ? 'board.unbookmark' : 'board.bookmark') : '';
  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label={texts.moreActions}
        aria-haspopup="menu"
        aria-expanded={open}
        tabIndex={tabIndex}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
      >
        <span className="card-icon card-icon-more" aria-hidden />
      </button>
      {open ? (
        <Popover className="popover" placement="bottom end" triggerRef={button} isOpen onOpenChange={setOpen}>
          <Menu className="menu" aria-label={t('board.moreActions')} autoFocus="first" onAction={(key) => onAction(String(key))} onClose={() => setOpen(false)}>
            <Section>
              <MenuItem id="quote" className="menu-item" textValue={t('board.quote')}>
                <Quote size={14} aria-hidden />
                <span>{t('board.quote')}</span>
              </MenuItem>
              <MenuItem id="thread" className="menu-item" textValue={t('board.openThread')}>
                <MessagesSquare size={14} aria-hidden />
                <span>{t('board.openThread')}</span>
              </MenuItem>
              <MenuItem id="bookmark" className="menu-item" textValue={bookmark}>
                <Bookmark size={14} aria-hidden />
                <span>{bookmark}</span>
              </MenuItem>
              {!item.own ? (
                <MenuItem id="follow" className="menu-item" textValue={follow}>
                  {item.viewer.followingAuthor ? <UserCheck size={14} aria-hidden /> : <UserPlus size={14} aria-hidden />}
                  <span>{follow}</span>
                </MenuItem>
              ) : null}
              {item.url ? (
                <MenuItem id="copy" className="menu-item" textValue={t('board.copyLink')}>
                  <Link2 size={14} aria-hidden />
                  <span>{t('board.copyLink')}</span>
                </MenuItem>
              ) : null}
              {item.url ? (
                <MenuItem id="browser" className="menu-item" textValue={t('board.openInBrowser')}>
                  <ExternalLink size={14} aria-hidden />
                  <span>{t('board.openInBrowser')}</span>
                </MenuItem>
              ) : null}
              {item.own ? (
                <MenuItem id="delete" className="menu-item menu-item-danger" textValue={t('board.deleteOwn')}>
                  <Trash2 size={14} aria-hidden />
                  <span>{t('board.deleteOwn')}</span>
                </MenuItem>
              ) : null}
            </Section>
            <ModerationSection choices={moderationChoices({ network: actor.account.network, own: item.own, isReply: item.replyTo !== null, quotes: item.quote !== null })} handle={author} />
            {others.length > 1 ? (
              <Section>
                <Header className="menu-header">{t('board.actAs')}</Header>
                {others.map((a) => (
                  <MenuItem key={a.id} id={`as:${a.id}`} className="menu-item" textValue={t('board.actAsAccount', { handle: atHandle(a.handle) })}>
                    <span aria-hidden>{a.id === actor.account.id ? '✓' : ''}</span>
                    <span>{t('board.actAsAccount', { handle: atHandle(a.handle) })}</span>
                  </MenuItem>
                ))}
              </Section>
            ) : null}
          </Menu>
        </Popover>
      ) : null}
    </>
  );
}
