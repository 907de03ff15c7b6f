import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Section, Header } from 'react-aria-components';
import { Bookmark, Ellipsis, ExternalLink, Heart, Link2, MessageSquare, MessagesSquare, Quote, Repeat2, Trash2, UserCheck, UserPlus } from 'lucide-react';
import type { BoardItem } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { Tip } from '../../components/Tip';
import { moderationChoices } from '../../model/moderation/choices';
import { askModeration } from '../moderation/moderate';
import { ModerationSection, moderationKey } from '../moderation/ModerationSection';
import { copyLink, openInBrowser, openThread, quote, removeOwn, reply, toggle, viewerIs, type CardActor } from './itemActions';

interface ItemActionsProps {
  item: BoardItem;
  actor: CardActor;
  /** The workspace's accounts on the item's network, to act as another one. */
  others: readonly Account[];
  onActAs(account: Account): void;
  excludeFromTabOrder: boolean;
}

interface CountButtonProps {
  label: string;
  icon: typeof Heart;
  count: number;
  shortcut: string;
  on?: boolean;
  className?: string;
  isDisabled?: boolean;
  excludeFromTabOrder: boolean;
  onPress(): void;
}

/** An action with its count: the name says both ("Like as @brand, 3"). */
function CountButton({ label, icon: Icon, count, shortcut, on, className, isDisabled, excludeFromTabOrder, onPress }: CountButtonProps) {
  return (
    <Tip label={label} shortcut={shortcut}>
      <Button
        className={`btn btn-ghost item-action ${on ? 'is-on' : ''} ${className ?? ''}`}
        aria-label={`${label}, ${count}`}
        aria-pressed={on === undefined ? undefined : on}
        aria-keyshortcuts={shortcut}
        isDisabled={isDisabled}
        excludeFromTabOrder={excludeFromTabOrder}
        onPress={onPress}
      >
        <Icon size={15} aria-hidden />
        <span aria-hidden>{count}</span>
      </Button>
    </Tip>
  );
}

/** The card's action bar: reply, repost, like with their counts, then "more" (quote, bookmark, follow, act as…). */
export function ItemActions({ item, actor, others, onActAs, excludeFromTabOrder }: ItemActionsProps) {
  const { t } = useTranslation();
  const as = atHandle(actor.account.handle);
  const pending = (a: string) => item.viewer.pending.includes(a);
  const mine = viewerIs(item, actor);
  const author = atHandle(item.author.handle);
  const moderation = moderationChoices({ network: actor.account.network, own: item.own, isReply: item.replyTo !== null, quotes: item.quote !== null });
  return (
    <div className="item-actions">
      <CountButton label={t('board.replyAs', { handle: as })} icon={MessageSquare} count={item.counts.replies} shortcut="R" excludeFromTabOrder={excludeFromTabOrder} onPress={() => reply(item, actor)} />
      <CountButton
        label={t('board.repostAs', { handle: as })}
        icon={Repeat2}
        count={item.counts.reposts}
        shortcut="T"
        on={mine ? item.viewer.reposted : undefined}
        isDisabled={pending('repost') || pending('unrepost')}
        excludeFromTabOrder={excludeFromTabOrder}
        onPress={() => void toggle(item, actor, 'repost')}
      />
      <CountButton
        label={t('board.likeAs', { handle: as })}
        icon={Heart}
        count={item.counts.likes}
        shortcut="F"
        on={mine ? item.viewer.liked : undefined}
        className="is-like"
        isDisabled={pending('like') || pending('unlike')}
        excludeFromTabOrder={excludeFromTabOrder}
        onPress={() => void toggle(item, actor, 'like')}
      />
      <MenuTrigger>
        <Button className="btn btn-ghost btn-icon" aria-label={t('board.moreActions')} excludeFromTabOrder={excludeFromTabOrder}>
          <Ellipsis size={16} aria-hidden />
        </Button>
        <Popover className="popover" placement="bottom end">
          <Menu
            className="menu"
            onAction={(key) => {
              const k = String(key);
              const action = moderationKey(k);
              if (action) askModeration({ workspaceId: actor.workspaceId, itemId: item.id, accountId: actor.account.id, network: actor.account.network, action, authorHandle: author });
              else if (k === 'quote') quote(item, actor);
              else if (k === 'bookmark') void toggle(item, actor, 'bookmark');
              else if (k === 'follow') void toggle(item, actor, 'follow');
              else if (k === 'delete') void removeOwn(item, actor);
              else if (k === 'copy') void copyLink(item);
              else if (k === 'browser') openInBrowser(item.url);
              else if (k === 'thread') openThread(item, actor);
              else if (k.startsWith('as:')) {
                const other = others.find((a) => a.id === k.slice(3));
                if (other) onActAs(other);
              }
            }}
          >
            <Section>
              <MenuItem id="quote" className="menu-item" textValue={t('board.quote')}>
                <Quote size={14} aria-hidden />
                <span>{t('board.quote')}</span>
              </MenuItem>
              <MenuItem id="thread" className="menu-item" textValue={t('board.openThread')}>
                <MessagesSquare size={14} aria-hidden />
                <span>{t('board.openThread')}</span>
              </MenuItem>
              <MenuItem id="bookmark" className="menu-item" textValue={t(item.viewer.bookmarked ? 'board.unbookmark' : 'board.bookmark')}>
                <Bookmark size={14} aria-hidden />
                <span>{t(item.viewer.bookmarked ? 'board.unbookmark' : 'board.bookmark')}</span>
              </MenuItem>
              {!item.own ? (
                <MenuItem id="follow" className="menu-item" textValue={t(item.viewer.followingAuthor ? 'board.unfollow' : 'board.follow', { handle: atHandle(item.author.handle) })}>
                  {item.viewer.followingAuthor ? <UserCheck size={14} aria-hidden /> : <UserPlus size={14} aria-hidden />}
                  <span>{t(item.viewer.followingAuthor ? 'board.unfollow' : 'board.follow', { handle: atHandle(item.author.handle) })}</span>
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
            <ModerationSection choices={moderation} handle={author} />
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
      </MenuTrigger>
    </div>
  );
}
