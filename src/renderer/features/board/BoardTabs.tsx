import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Tab, TabList } from 'react-aria-components';
import { Columns3, Ellipsis, Pencil, Plus, Trash2 } from 'lucide-react';
import type { Board } from '../../../shared/board/schemas';
import { Tip } from '../../components/Tip';
import { useShallow } from 'zustand/react/shallow';
import { useStreams, type ColumnFeed } from '../../stores/streams';
import { useUi } from '../../stores/ui';

function unreadByColumn(s: { feeds: Record<string, ColumnFeed> }): Record<string, number> {
  const unread: Record<string, number> = {};
  for (const [id, feed] of Object.entries(s.feeds)) if (feed.status) unread[id] = feed.unread;
  return unread;
}

/**
 * The workspace's boards as tabs ("Accueil", "Veille"…), with add and the current board's menu.
 * The tabs read the columns' counts themselves: a column's page coming in re-renders the tabs,
 * not the board and its other columns (ten columns painting at start would re-render it ten times).
 */
export function BoardTabs({ workspaceId, boards, current }: { workspaceId: string; boards: readonly Board[]; current: Board }) {
  const { t } = useTranslation();
  // Only the counts: a page read further down a column re-renders nothing here.
  const unread = useStreams(useShallow(unreadByColumn));
  const openDialog = useUi((s) => s.openDialog);
  return (
    <div className="board-tabs">
      <TabList className="board-tab-list" aria-label={t('board.tabs')}>
        {boards.map((b) => {
          const count = b.columns.reduce((sum, c) => sum + (unread[c.id] ?? c.unread), 0);
          return (
            <Tab key={b.id} id={b.id} className="board-tab">
              <span>{b.name}</span>
              {count > 0 ? (
                <span className="tab-count">
                  <span aria-hidden>{count}</span>
                  <span className="sr-only">{t('board.unread', { count })}</span>
                </span>
              ) : null}
            </Tab>
          );
        })}
      </TabList>
      <Tip label={t('board.newBoard')}>
        <Button className="btn btn-ghost btn-icon" aria-label={t('board.newBoard')} onPress={() => openDialog({ kind: 'boardName', workspaceId })}>
          <Plus size={16} aria-hidden />
        </Button>
      </Tip>
      <MenuTrigger>
        <Button className="btn btn-ghost btn-icon" aria-label={t('board.boardMenu', { name: current.name })}>
          <Ellipsis size={16} aria-hidden />
        </Button>
        <Popover className="popover" placement="bottom start">
          <Menu
            className="menu"
            onAction={(key) =>
              openDialog(key === 'rename' ? { kind: 'boardName', workspaceId, boardId: current.id } : { kind: 'deleteBoard', workspaceId, boardId: current.id })
            }
          >
            <MenuItem id="rename" className="menu-item" textValue={t('board.rename')}>
              <Pencil size={14} aria-hidden />
              <span>{t('board.rename')}</span>
            </MenuItem>
            {boards.length > 1 ? (
              <MenuItem id="delete" className="menu-item menu-item-danger" textValue={t('board.delete')}>
                <Trash2 size={14} aria-hidden />
                <span>{t('board.delete')}</span>
              </MenuItem>
            ) : null}
          </Menu>
        </Popover>
      </MenuTrigger>
      <Button className="btn btn-ghost add-column-button" onPress={() => openDialog({ kind: 'addColumn', workspaceId, boardId: current.id })}>
        <Columns3 size={16} aria-hidden />
        <span>{t('board.addColumn')}</span>
      </Button>
    </div>
  );
}
