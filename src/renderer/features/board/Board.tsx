import { useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from 'react-aria-components';
import { isNetworkColumn, type Board as BoardModel, type Column } from '../../../shared/board/schemas';
import type { Account, Workspace } from '../../../shared/domain';
import { errorText } from '../../i18n';
import { isTextEntryTarget } from '../../lib/keys';
import { useKeysFromNowhere } from '../../lib/keysFromNowhere';
import { querySummary } from '../../model/board/columnLabel';
import { atHandle } from '../../model/board/safeLinks';
import { useAccounts } from '../../stores/accounts';
import { useApp } from '../../stores/app';
import { selectedBoard, useBoards } from '../../stores/boards';
import { usePanel } from '../../stores/panel';
import { selectCurrentWorkspace, useWorkspaces } from '../../stores/workspaces';
import { DraftsColumn } from '../drafts/DraftsColumn';
import { PostsColumn } from '../posts/PostsColumn';
import { NetworkColumn } from '../stream/NetworkColumn';
import { SidePanel } from '../stream/SidePanel';
import { NoWorkspace } from '../workspaces/NoWorkspace';
import { BoardPanel } from './BoardPanel';
import { BoardTabs } from './BoardTabs';
import { ColumnMenu } from './ColumnMenu';
import { OfflineBanner } from './OfflineBanner';
import { SortableColumns } from './SortableColumns';
import { LoadError } from '../../components/LoadError';

const LEFT = new Set(['ArrowLeft', 'h']);
const RIGHT = new Set(['ArrowRight', 'l']);
const NO_ACCOUNTS: Account[] = [];

/**
 * ←/h and →/l from a card: to the card holding the tab stop of the nearest column that has cards.
 * Returns false when there is none that way (the key is left alone).
 */
export function moveToNeighbourColumn(container: HTMLElement, from: HTMLElement, step: -1 | 1): boolean {
  const columns = Array.from(container.querySelectorAll<HTMLElement>('[data-roving-column]'));
  const current = columns.findIndex((c) => c.contains(from));
  if (current === -1) return false;
  for (let i = current + step; i >= 0 && i < columns.length; i += step) {
    const target = columns[i]!.querySelector<HTMLElement>('[data-roving-item][tabindex="0"]') ?? columns[i]!.querySelector<HTMLElement>('[data-roving-item]');
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}

const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const step = LEFT.has(event.key) ? -1 : RIGHT.has(event.key) ? 1 : 0;
  if (step === 0 || isTextEntryTarget(event.target)) return;
  // A column's drag handle uses the arrows while it carries the column.
  if ((event.target as HTMLElement).closest?.('.column-handle-button')) return;
  if (moveToNeighbourColumn(event.currentTarget, event.target as HTMLElement, step)) {
    event.preventDefault();
    event.stopPropagation();
  }
};

/** Where the keyboard last was on the board: its column and the card's row (kept while the board is away). */
let lastPlace: { columnId: string; rowKey: string | null } | null = null;

/** The card that had the keyboard last when it is still shown, else its column's current card, else the first column's. */
function cardAt(main: HTMLElement): HTMLElement | null {
  const column = lastPlace ? main.querySelector<HTMLElement>(`[data-column-id="${CSS.escape(lastPlace.columnId)}"]`) : null;
  const row = column && lastPlace?.rowKey ? column.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(lastPlace.rowKey)}"] [data-roving-item]`) : null;
  return (
    row ??
    column?.querySelector<HTMLElement>('[data-roving-item][tabindex="0"]') ??
    main.querySelector<HTMLElement>('[data-roving-item][tabindex="0"]') ??
    main.querySelector<HTMLElement>('[data-roving-item]')
  );
}

/** Remembers the card that takes the keyboard (the board's keys from nowhere go back to it). */
const rememberCard = (event: FocusEvent<HTMLElement>) => {
  const card = (event.target as HTMLElement).closest?.('[data-roving-item]');
  const columnId = card?.closest('[data-column-id]')?.getAttribute('data-column-id');
  if (columnId) lastPlace = { columnId, rowKey: card?.closest('[data-row-key]')?.getAttribute('data-row-key') ?? null };
};

function useColumnName() {
  const { t } = useTranslation();
  return (column: Column, accounts: readonly Account[]) => {
    const owner = accounts.find((a) => a.id === column.accountId);
    return [t(`board.types.${column.type}`), querySummary(column.type, column.query), owner ? atHandle(owner.handle) : null].filter(Boolean).join(' — ');
  };
}

function BoardColumns({ board, workspace, accounts }: { board: BoardModel; workspace: Workspace; accounts: readonly Account[] }) {
  const nameOf = useColumnName();
  const count = board.columns.length;
  return (
    <div className="columns" onKeyDownCapture={onKeyDownCapture}>
      <SortableColumns
        columns={board.columns}
        nameOf={(c) => nameOf(c, accounts)}
        onMove={(column, position) => void useBoards.getState().moveColumn(column, position)}
        render={(column, index, handle) => {
          const menu = <ColumnMenu column={column} name={nameOf(column, accounts)} index={index} count={count} onRemove={() => void useBoards.getState().removeColumn(column)} />;
          if (column.type === 'drafts') return <DraftsColumn workspace={workspace} menu={menu} handle={handle} />;
          if (column.type === 'scheduled' || column.type === 'sent') return <PostsColumn workspace={workspace} column={column.type} menu={menu} handle={handle} />;
          if (isNetworkColumn(column.type)) return <NetworkColumn column={column} workspace={workspace} accounts={accounts} menu={menu} handle={handle} />;
          return null;
        }}
      />
    </div>
  );
}

/** The board: the workspace's boards as tabs, each a row of columns scrolling sideways, and the panel beside them. */
export function Board() {
  const { t } = useTranslation();
  const workspace = useWorkspaces(selectCurrentWorkspace);
  const loaded = useWorkspaces((s) => s.loaded);
  const boards = useBoards((s) => (workspace ? s.byWorkspace[workspace.id] : undefined));
  const boardError = useBoards((s) => (workspace ? s.errors[workspace.id] : undefined));
  const selectedId = useBoards((s) => (workspace ? s.selected[workspace.id] : undefined));
  const accounts = useAccounts((s) => (workspace ? (s.byWorkspace[workspace.id] ?? NO_ACCOUNTS) : NO_ACCOUNTS));
  const panelOpen = usePanel((s) => s.target !== null);
  const width = useApp((s) => s.settings.columnWidth);
  const current = selectedBoard(boards, selectedId);
  const main = useRef<HTMLElement>(null);
  // j/k while nothing has the keyboard (just opened, back with b): to the card last read.
  useKeysFromNowhere(
    () => (main.current ? cardAt(main.current) : null),
    () => main.current,
  );

  useEffect(() => {
    if (workspace && !boards) void useBoards.getState().ensure(workspace.id);
  }, [workspace, boards]);

  return (
    <main ref={main} id="board" tabIndex={-1} onFocus={rememberCard} className={`board ${panelOpen ? 'with-panel' : ''}`} aria-label={t('board.title')} data-column-width={width}>
      {!loaded ? <p className="board-loading">{t('common.loading')}</p> : null}
      {loaded && !workspace ? <NoWorkspace /> : null}
      {workspace && boardError && !boards ? (
        <LoadError className="board-error" message={t('board.boardsFailed', { reason: errorText(boardError) })} onRetry={() => void useBoards.getState().load(workspace.id)} />
      ) : null}
      {workspace && boards && current ? (
        <Tabs className="board-tabs-root" selectedKey={current.id} onSelectionChange={(key) => useBoards.getState().select(workspace.id, String(key))}>
          <BoardTabs workspaceId={workspace.id} boards={boards} current={current} />
          <OfflineBanner />
          <div className="board-area">
            {boards.map((b) => (
              <BoardPanel key={b.id} boardId={b.id} empty={b.columns.length === 0} className="board-scroll">
                <BoardColumns board={b} workspace={workspace} accounts={accounts} />
              </BoardPanel>
            ))}
            <SidePanel workspace={workspace} accounts={accounts} boardId={current.id} />
          </div>
        </Tabs>
      ) : null}
    </main>
  );
}
