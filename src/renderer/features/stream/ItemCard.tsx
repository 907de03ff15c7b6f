import { memo, useState } from 'react';
import { AtSign, Heart, MessageSquareReply, Quote, Repeat2, UserPlus } from 'lucide-react';
import type { Actor, BoardItem, ColumnEntry } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import { FlagBadges } from '../../components/FlagBadges';
import { TimeAgo } from '../../components/RelativeTime';
import { clampText, atHandle } from '../../model/board/safeLinks';
import { ItemActions } from './ItemActions';
import type { CardTexts } from './cardTexts';
import { ChatReply, isChatItem } from './ChatReply';
import { MediaGrid, sameOrigin } from './MediaGrid';
import { RichText } from './RichText';
import { openProfile, openTag, type CardActor } from './itemActions';

const NAME_MAX = 80;

/** Avatars that failed to load in this window: a card scrolled back into view shows the initial at once instead of asking again. */
const brokenAvatars = new Set<string>();

function ActorAvatar({ actor }: { actor: Actor }) {
  const src = sameOrigin(actor.avatar);
  const [broken, setBroken] = useState(() => src !== null && brokenAvatars.has(src));
  // Not loading="lazy": only cards near the view are mounted, and lazy images cost an intersection check each frame.
  return (
    <span className="item-avatar" aria-hidden>
      {src && !broken ? (
        <img
          src={src}
          alt=""
          decoding="async"
          onError={() => {
            brokenAvatars.add(src);
            setBroken(true);
          }}
        />
      ) : (
        <span>{Array.from(actor.displayName || actor.handle)[0]?.toUpperCase() ?? '?'}</span>
      )}
    </span>
  );
}

const NOTIFICATION_ICONS = { mention: AtSign, reply: MessageSquareReply, quote: Quote, like: Heart, repost: Repeat2, follow: UserPlus, poll: AtSign, update: AtSign } as const;

interface ItemCardProps {
  entry: Exclude<ColumnEntry, { kind: 'gap' }>;
  actor: CardActor;
  /** The workspace's accounts on this network ("act as"). */
  accounts: readonly Account[];
  active: boolean;
  /** The list's shared texts (useCardTexts): a new language or acting account renders the card again. */
  texts: CardTexts;
  /** Called with the entry's key (a stable function keeps the memoized card from re-rendering). */
  onFocus(key: string): void;
  onActAs(account: Account): void;
  onOpen(item: BoardItem): void;
}

/**
 * One post or notification from a network (memoized: a column with thousands of entries
 * re-renders only the cards whose entry or state changed). Everything shown comes from structured fields and
 * spans as text and elements (never HTML); images are same-origin paths; names are clamped.
 */
export const ItemCard = memo(function ItemCard({ entry, actor, accounts, active, texts, onFocus: onFocusKey, onActAs, onOpen }: ItemCardProps) {
  const { t, language } = texts;
  const item = entry.item;
  const [showHidden, setShowHidden] = useState(false);
  const tabIndex = active ? 0 : -1;
  const onFocus = () => onFocusKey(entry.key);
  const context =
    entry.kind === 'notification' ? (
      <p className="item-context">
        {(() => {
          const Icon = NOTIFICATION_ICONS[entry.type] ?? AtSign;
          return <Icon size={13} aria-hidden />;
        })()}
        <span>{t(`board.notification.${entry.type}`, { name: clampText(entry.actor.displayName || atHandle(entry.actor.handle), NAME_MAX) })}</span>
        {!item ? <TimeAgo iso={entry.at} language={language} compact /> : null}
      </p>
    ) : entry.repostedBy ? (
      <p className="item-context">
        <Repeat2 size={13} aria-hidden />
        <span>{t('board.repostedBy', { name: clampText(entry.repostedBy.displayName || atHandle(entry.repostedBy.handle), NAME_MAX) })}</span>
      </p>
    ) : null;

  if (!item) {
    return (
      <div className="card item-card" data-entry-key={entry.key} onFocus={onFocus}>
        <article className="card-open card-static" data-roving-item tabIndex={tabIndex} aria-label={entry.kind === 'notification' ? t(`board.notification.${entry.type}`, { name: entry.actor.displayName || atHandle(entry.actor.handle) }) : ''}>
          {context}
        </article>
      </div>
    );
  }

  const nameId = `item-${entry.key}-name`;
  const folded = !!item.contentWarning && !showHidden;
  const displayName = clampText(item.author.displayName || item.author.handle, NAME_MAX);
  return (
    <div className={`card item-card ${active ? 'is-active' : ''} ${item.deleted ? 'is-deleted' : ''}`} data-entry-key={entry.key} data-item-id={item.id} onFocus={onFocus}>
      {context}
      <article
        className="card-open card-static item-body"
        data-roving-item
        tabIndex={tabIndex}
        aria-labelledby={nameId}
        aria-keyshortcuts="Enter R Q F T O"
        lang={item.language ?? undefined}
        onDoubleClick={() => onOpen(item)}
      >
        <header className="item-header">
          <ActorAvatar actor={item.author} />
          <span className="item-names" id={nameId}>
            <span className="item-name" title={item.author.displayName}>
              {displayName}
            </span>{' '}
            <span className="item-handle">{clampText(atHandle(item.author.handle), NAME_MAX)}</span>
          </span>
          <TimeAgo iso={item.createdAt} language={language} compact />
        </header>
        {item.replyTo ? (
          <p className="item-reply-to">{item.replyTo.handle ? t('board.replyingTo', { handle: atHandle(item.replyTo.handle) }) : t('board.replyingToPost')}</p>
        ) : null}
        {item.deleted ? <p className="item-deleted">{t('board.deleted')}</p> : null}
        {item.flags?.length ? <FlagBadges flags={item.flags} /> : null}
        {item.contentWarning ? (
          <div className="item-cw">
            <span className="item-cw-label">{t('board.contentWarning')}</span> <span>{item.contentWarning}</span>{' '}
            <button type="button" className="btn btn-link" tabIndex={tabIndex} aria-expanded={!folded} onClick={() => setShowHidden(!showHidden)}>
              {folded ? t('board.showMore') : t('board.showLess')}
            </button>
          </div>
        ) : null}
        {folded ? null : (
          <>
            <p className="item-text">
              <RichText spans={item.spans} tabIndex={tabIndex} onMention={(h) => openProfile(h, actor)} onTag={(tag) => openTag(tag, actor)} />
            </p>
            <MediaGrid media={item.media} tabIndex={tabIndex} />
            {item.quote ? (
              <blockquote className="item-quote">
                {item.quote.unavailable || !item.quote.author ? (
                  <p className="item-deleted">{t('board.quoteUnavailable')}</p>
                ) : (
                  <>
                    <p className="item-names">
                      <span className="item-name">{clampText(item.quote.author.displayName || item.quote.author.handle, NAME_MAX)}</span>{' '}
                      <span className="item-handle">{clampText(atHandle(item.quote.author.handle), NAME_MAX)}</span>
                    </p>
                    <p className="item-text">
                      <RichText spans={item.quote.spans} tabIndex={tabIndex} onMention={(h) => openProfile(h, actor)} onTag={(tag) => openTag(tag, actor)} />
                    </p>
                  </>
                )}
              </blockquote>
            ) : null}
          </>
        )}
        {item.language && !language.startsWith(item.language) ? (
          <span className="item-lang" title={t('board.language', { lang: item.language })}>
            {item.language.toUpperCase()}
          </span>
        ) : null}
      </article>
      {item.deleted ? null : isChatItem(item) ? <ChatReply item={item} actor={actor} /> : <ItemActions item={item} actor={actor} texts={texts} others={accounts} onActAs={onActAs} excludeFromTabOrder={!active} />}
    </div>
  );
});
