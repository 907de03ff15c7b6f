import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from 'react-aria-components';
import { RotateCw } from 'lucide-react';
import type { BoardItem, Column as BoardColumn, ColumnEntry } from '../../../shared/board/schemas';
import type { Account, Workspace } from '../../../shared/domain';
import { Column } from '../../components/Column';
import { EmptyState } from '../../components/EmptyState';
import { TipScope } from '../../components/TipScope';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList';
import { errorText } from '../../i18n';
import { navigateBoard } from '../../lib/boardNavigation';
import { querySummary, statusLine } from '../../model/board/columnLabel';
import { atHandle } from '../../model/board/safeLinks';
import { useConnection } from '../../stores/connection';
import { useStreams, type ColumnFeed } from '../../stores/streams';
import { useUi } from '../../stores/ui';
import { useCardTexts } from './cardTexts';
import { useReadPosition } from './useReadPosition';
import { ColumnStatusLine, LiveMode, LoadingMore } from './ColumnStatusLine';
import { COLUMN_ICONS } from './columnIcons';
import { ItemCard } from './ItemCard';
import { isChatItem, openThread, quote, reply, toggle, type CardActor } from './itemActions';

const EMPTY_FEED: ColumnFeed = { entries: [], nextCursor: null, readCursor: null, unread: 0, status: null, loading: true, loadingMore: false, error: null };
const feedShown = ({ entries, nextCursor, readCursor, unread, status, loading, error }: ColumnFeed) => ({ entries, nextCursor, readCursor, unread, status, loading, error });

interface NetworkColumnProps {
  column: BoardColumn;
  workspace: Workspace;
  accounts: readonly Account[];
  menu?: ReactNode;
  handle?: ReactNode;
}

/** A column read from a network as one account: painted from the cache at once, refreshed by the core. */
export function NetworkColumn({ column, workspace, accounts, menu, handle }: NetworkColumnProps) {
  const { t } = useTranslation();
  // Every field but loadingMore (the foot's LoadingMore reads it): a page asked for does not re-render the column.
  const feed = useStreams(useShallow((s) => feedShown(s.feeds[column.id] ?? EMPTY_FEED)));
  const online = useConnection((s) => s.networkOnline);
  const owner = accounts.find((a) => a.id === column.accountId) ?? null;
  const [actAsId, setActAsId] = useState<string | null>(null);
  const actingAccount = accounts.find((a) => a.id === actAsId) ?? owner;
  const sameNetwork = useMemo(() => accounts.filter((a) => a.network === owner?.network), [accounts, owner?.network]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const list = useRef<VirtualListHandle>(null);
  const entries = feed.entries;
  // Once per list or focus change, not at every render (a column may hold thousands of entries).
  const activeIndex = useMemo(() => Math.max(entries.findIndex((e) => e.key === activeKey), 0), [entries, activeKey]);

  useEffect(() => {
    void useStreams.getState().load(column.id);
  }, [column.id]);

  // A notification was clicked: its card takes the focus once shown.
  const focusRequest = useStreams((s) => (s.focusRequest?.columnId === column.id ? s.focusRequest : null));
  // It opens under the column's own account, whoever the person was acting as.
  const [focusSeen, setFocusSeen] = useState(focusRequest);
  if (focusRequest !== focusSeen) {
    setFocusSeen(focusRequest);
    if (focusRequest) setActAsId(null);
  }
  useEffect(() => {
    if (!focusRequest || !entries.some((e) => e.key === focusRequest.key)) return;
    list.current?.focusKey(focusRequest.key);
    useStreams.getState().requestFocus(null);
  }, [focusRequest, entries]);

  const onFirstShownChange = useReadPosition(column.id, feed, list);

  // A new callback when the next page's cursor comes back (older posts read from the network in
  // the background after the cache ran out): the list asks again if its end is still in view.
  const nextCursor = feed.nextCursor;
  const onEndReached = useCallback(() => void (nextCursor && useStreams.getState().loadMore(column.id)), [column.id, nextCursor]);

  // Stable props: the cards are memoized (thousands of entries per column).
  const actor: CardActor | null = useMemo(() => (actingAccount ? { workspaceId: workspace.id, account: actingAccount } : null), [workspace.id, actingAccount]);
  const onActAs = useCallback((account: Account) => setActAsId(account.id), []);
  const texts = useCardTexts(actingAccount?.handle ?? null);
  const onOpen = useCallback((item: BoardItem) => actor && openThread(item, actor), [actor]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moved = navigateBoard({ column: 0, row: activeIndex }, event.key, [entries.length]);
    if (moved && !['ArrowLeft', 'ArrowRight', 'h', 'l'].includes(event.key)) {
      event.preventDefault();
      const entry = entries[moved.row];
      if (entry) list.current?.focusKey(entry.key);
      return;
    }
    const entry = entries[activeIndex];
    if (!entry || (event.target as HTMLElement).dataset.rovingItem === undefined || !actor) return;
    if (entry.kind === 'gap') {
      if (event.key === 'Enter') void useStreams.getState().fillGap(column.id, entry.gapId);
      return;
    }
    const item = entry.item;
    if (!item) return;
    const key = event.key.toLowerCase();
    // A direct message has no post actions: it opens its conversation, or is answered in the field under it.
    if (isChatItem(item)) {
      if ((key === 'enter' || key === 'o') && !event.shiftKey) {
        event.preventDefault();
        openThread(item, actor);
      }
      return;
    }
    const run: Record<string, () => void> = {
      enter: () => openThread(item, actor),
      o: () => openThread(item, actor),
      r: () => reply(item, actor),
      q: () => quote(item, actor),
      f: () => void toggle(item, actor, 'like'),
      t: () => void toggle(item, actor, 'repost'),
    };
    if (run[key] && !event.shiftKey) {
      event.preventDefault();
      run[key]();
    }
  };

  const Icon = COLUMN_ICONS[column.type];
  const title = t(`board.types.${column.type}`);
  const subtitle = querySummary(column.type, column.query);
  const line = statusLine(feed.status ?? column.status, { online, reconnectNeeded: owner?.health === 'reconnect_needed' });
  const ownerHandle = owner ? atHandle(owner.handle) : '';
  const unread = feed.status ? feed.unread : column.unread;

  const renderEntry = (entry: ColumnEntry, index: number) => {
    if (entry.kind === 'gap') {
      return (
        <div className="card gap-row" onFocus={() => setActiveKey(entry.key)}>
          <button type="button" className="btn btn-ghost gap-button" data-roving-item tabIndex={index === activeIndex ? 0 : -1} onClick={() => void useStreams.getState().fillGap(column.id, entry.gapId)}>
            {t('board.loadMissing')}
          </button>
        </div>
      );
    }
    if (!actor) return null;
    return (
      <ItemCard
        entry={entry}
        actor={actor}
        accounts={sameNetwork}
        active={index === activeIndex}
        texts={texts}
        onFocus={setActiveKey}
        onActAs={onActAs}
        onOpen={onOpen}
      />
    );
  };

  return (
    <Column
      id={column.id}
      testId={`column-${column.type}`}
      icon={Icon}
      title={title}
      label={[title, subtitle, ownerHandle].filter(Boolean).join(' — ')}
      subtitle={subtitle}
      owner={owner}
      count={unread}
      hideZero
      countLabel={t('board.unread', { count: unread })}
      color={workspace.color}
      menu={menu}
      handle={handle}
      status={
        line ? (
          <ColumnStatusLine
            line={line}
            handle={ownerHandle}
            onReconnect={() => useUi.getState().openDialog({ kind: 'addAccount', workspaceId: workspace.id, reconnectAccountId: owner?.id })}
            onRetry={() => void useStreams.getState().refresh(column.id)}
          />
        ) : (
          <LiveMode streaming={(feed.status ?? column.status).streaming} />
        )
      }
    >
      {actAsId && actingAccount && actingAccount.id !== owner?.id ? (
        <p className="act-as-note" role="status">
          {t('board.actingAs', { handle: atHandle(actingAccount.handle) })}{' '}
          <Button className="btn btn-link" onPress={() => setActAsId(null)}>
            {t('board.actAsBack', { handle: ownerHandle })}
          </Button>
        </p>
      ) : null}
      {feed.error ? (
        <div className="column-error" role="alert">
          <p>{t('board.loadFailed', { reason: errorText(feed.error) })}</p>
          <Button className="btn btn-ghost" onPress={() => void useStreams.getState().load(column.id)}>
            <RotateCw size={14} aria-hidden />
            <span>{t('common.retry')}</span>
          </Button>
        </div>
      ) : null}
      {feed.loading && entries.length === 0 && !feed.error ? <p className="column-loading">{t('common.loading')}</p> : null}
      {!feed.loading && entries.length === 0 && !feed.error ? (
        <div className="column-empty">
          <EmptyState icon={Icon} title={t('board.emptyTitle')}>
            <p>{t(`board.empty.${column.type}`, { handle: ownerHandle })}</p>
          </EmptyState>
        </div>
      ) : null}
      {entries.length > 0 ? (
        <TipScope>
          <VirtualList
            handle={list}
            items={entries}
            getKey={(e) => e.key}
            label={[title, subtitle].filter(Boolean).join(' ')}
            activeKey={entries[activeIndex]?.key ?? null}
            onKeyDown={onKeyDown}
            onEndReached={onEndReached}
            onFirstShownChange={onFirstShownChange}
            newLabel={(count) => t('board.newItems', { count })}
            estimateSize={150}
            renderItem={renderEntry}
            testId={`feed-${column.id}`}
          />
        </TipScope>
      ) : null}
      {/* Over the column's foot: a page coming in does not resize the list (and lay it out again). */}
      <LoadingMore columnId={column.id} />
    </Column>
  );
}
