import type { BoardItem } from '../../../shared/board/schemas';
import type { Account } from '../../../shared/domain';
import type { CardTexts } from './cardTexts';
import { ItemMoreMenu } from './ItemMoreMenu';
import { reply, toggle, viewerIs, type CardActor } from './itemActions';

interface ItemActionsProps {
  item: BoardItem;
  actor: CardActor;
  /** The action names as the acting account (made once for the list). */
  texts: CardTexts;
  /** The workspace's accounts on the item's network, to act as another one. */
  others: readonly Account[];
  onActAs(account: Account): void;
  excludeFromTabOrder: boolean;
}

interface CountButtonProps {
  label: string;
  /** Its icon, drawn by card-icons.css (no inline SVG: cards are mounted at every scrolled frame). */
  icon: 'reply' | 'repost' | 'like';
  count: number;
  shortcut: string;
  on?: boolean;
  className?: string;
  isDisabled?: boolean;
  tabIndex: number | undefined;
  onPress(): void;
}

/**
 * An action with its count: the name says both ("Like as @brand, 3"). A plain button: its tooltip
 * (label and shortcut) is the column's one shared tooltip (`TipScope`), read from data-tip.
 */
function CountButton({ label, icon, count, shortcut, on, className, isDisabled, tabIndex, onPress }: CountButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn-ghost item-action ${on ? 'is-on' : ''} ${className ?? ''}`}
      aria-label={`${label}, ${count}`}
      aria-pressed={on === undefined ? undefined : on}
      aria-keyshortcuts={shortcut}
      data-tip={label}
      data-tip-keys={shortcut}
      disabled={isDisabled}
      tabIndex={tabIndex}
      onClick={onPress}
    >
      <span className={`card-icon card-icon-${icon}`} aria-hidden />
      <span aria-hidden>{count}</span>
    </button>
  );
}

/** The card's action bar: reply, repost, like with their counts, then "more" (quote, bookmark, follow, act as…). */
export function ItemActions({ item, actor, texts, others, onActAs, excludeFromTabOrder }: ItemActionsProps) {
  const pending = (a: string) => item.viewer.pending.includes(a);
  const mine = viewerIs(item, actor);
  const tabIndex = excludeFromTabOrder ? -1 : undefined;
  return (
    <div className="item-actions">
      <CountButton label={texts.replyAs} icon="reply" count={item.counts.replies} shortcut="R" tabIndex={tabIndex} onPress={() => reply(item, actor)} />
      <CountButton
        label={texts.repostAs}
        icon="repost"
        count={item.counts.reposts}
        shortcut="T"
        on={mine ? item.viewer.reposted : undefined}
        isDisabled={pending('repost') || pending('unrepost')}
        tabIndex={tabIndex}
        onPress={() => void toggle(item, actor, 'repost')}
      />
      <CountButton
        label={texts.likeAs}
        icon="like"
        count={item.counts.likes}
        shortcut="F"
        on={mine ? item.viewer.liked : undefined}
        className="is-like"
        isDisabled={pending('like') || pending('unlike')}
        tabIndex={tabIndex}
        onPress={() => void toggle(item, actor, 'like')}
      />
      <ItemMoreMenu item={item} actor={actor} texts={texts} others={others} onActAs={onActAs} tabIndex={tabIndex} />
    </div>
  );
}
