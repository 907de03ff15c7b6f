import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useDraggable } from '@dnd-kit/core';
import { GripVertical, MessageSquare } from 'lucide-react';
import type { CalendarItem } from '../../../shared/calendar/schemas';
import { AccountAvatar, atHandle } from '../../components/AccountAvatar';
import { wallClock } from '../../model/calendar/calendarGrid';
import { openItem } from './calendarActions';
import { useCalendarContext } from './calendarContext';

/** "@a, @b" for screen readers (the avatars are pictures). */
function useAccountsLabel(): (item: CalendarItem) => string {
  const { t } = useTranslation();
  const { accounts } = useCalendarContext();
  return (item) => {
    const handles = item.targets.map((target) => {
      const account = accounts.get(target.accountId);
      return account ? atHandle(account.handle) : t(`networks.${target.network}`);
    });
    return handles.length > 0 ? handles.join(', ') : t('calendar.item.noAccount');
  };
}

/** What a post shows: colour, time, status, start of the text, its accounts as avatars. */
export function ItemBody({ item, showTime = true }: { item: CalendarItem; showTime?: boolean }) {
  const { t } = useTranslation();
  const { zone, accounts } = useCalendarContext();
  const accountsLabel = useAccountsLabel();
  return (
    <>
      <span className="cal-item-line">
        {showTime ? <span className="cal-item-time">{wallClock(item.at, zone).time}</span> : null}
        <span className={`cal-status cal-status-${item.status}`}>{t(`calendar.status.${item.status}`)}</span>
        {item.reviewState === 'in_review' && item.status !== 'in_review' ? (
          // Scheduled but not approved yet: it will be held at its time.
          <span className="cal-status cal-status-in_review">{t('calendar.status.in_review')}</span>
        ) : null}
        {item.commentCount > 0 ? (
          <span className="cal-item-comments">
            <MessageSquare size={11} aria-hidden />
            {item.commentCount}
            <span className="sr-only"> {t('calendar.item.comments', { count: item.commentCount })}</span>
          </span>
        ) : null}
        {item.targets.length > 0 ? (
          <span className="cal-item-avatars">
            {item.targets.slice(0, 4).map((target) => {
              const account = accounts.get(target.accountId);
              return account ? <AccountAvatar key={target.accountId} account={account} size="small" /> : null;
            })}
            {item.targets.length > 4 ? <span className="cal-item-more">+{item.targets.length - 4}</span> : null}
          </span>
        ) : null}
      </span>
      <span className="cal-item-text">{item.excerpt || t('calendar.item.untitled')}</span>
      <span className="sr-only"> ({accountsLabel(item)})</span>
    </>
  );
}

interface ItemChipProps {
  item: CalendarItem;
  showTime?: boolean;
  /** The keyboard reaches it (its cell holds the cursor, or it is the list's). */
  tabbable: boolean;
  style?: CSSProperties;
  className?: string;
}

/**
 * A post on the calendar. Click or Enter opens it in the composer; it can be dragged with the
 * mouse from anywhere on it, or with the keyboard from its handle (Space or Enter picks it up,
 * arrows move it, Enter drops it, Escape cancels: useKeyboardMove).
 */
export function ItemChip({ item, showTime = true, tabbable, style, className }: ItemChipProps) {
  const { t } = useTranslation();
  const { colorOf, draggingId, justDropped, keyboardMove, pickUp } = useCalendarContext();
  const { setNodeRef, listeners } = useDraggable({ id: item.draftId, data: { item }, disabled: !item.movable });
  const held = keyboardMove?.item.draftId === item.draftId;
  const dragging = draggingId === item.draftId || held;
  return (
    <div
      ref={setNodeRef}
      className={`cal-item ${dragging ? 'is-dragging' : ''} ${className ?? ''}`}
      style={{ ...style, '--item-color': colorOf(item) } as CSSProperties}
      data-draft-id={item.draftId}
      data-status={item.status}
      data-review={item.reviewState}
      {...(item.movable ? listeners : {})}
    >
      <button
        type="button"
        className="cal-item-open"
        tabIndex={tabbable ? 0 : -1}
        onClick={() => {
          if (!justDropped()) void openItem(item);
        }}
      >
        <ItemBody item={item} showTime={showTime} />
      </button>
      {item.movable ? (
        <button
          type="button"
          className="cal-item-handle"
          tabIndex={tabbable || held ? 0 : -1}
          aria-pressed={held}
          aria-describedby="cal-move-help"
          onKeyDown={(event) => {
            if (keyboardMove || (event.key !== ' ' && event.key !== 'Enter')) return;
            event.preventDefault();
            event.stopPropagation();
            pickUp(item);
          }}
          aria-label={t('calendar.item.move', { text: item.excerpt || t('calendar.item.untitled') })}
        >
          <GripVertical size={12} aria-hidden />
        </button>
      ) : null}
    </div>
  );
}
