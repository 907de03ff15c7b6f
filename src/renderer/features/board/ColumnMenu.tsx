import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover, Section, Header, Separator } from 'react-aria-components';
import { ArrowLeft, ArrowRight, Bell, BellOff, Check, Ellipsis, RefreshCw, Trash2 } from 'lucide-react';
import { NOTIFICATION_KINDS, isNetworkColumn, type Column, type NotificationKind } from '../../../shared/board/schemas';
import { COLUMN_WIDTHS } from '../../model/board/columnOrder';
import { useBoards } from '../../stores/boards';
import { useStreams } from '../../stores/streams';
import { askNotificationPermission } from '../../stores/notifications';

interface ColumnMenuProps {
  column: Column;
  /** "Mentions — @brand": names the menu button. */
  name: string;
  index: number;
  count: number;
  onRemove(): void;
}

/** A column's menu: refresh, filter, notifications, width, move, remove. */
export function ColumnMenu({ column, name, index, count, onRemove }: ColumnMenuProps) {
  const { t } = useTranslation();
  const network = isNetworkColumn(column.type);
  const kinds = column.query.kinds ?? [];
  const onAction = (key: string) => {
    const boards = useBoards.getState();
    if (key === 'refresh') void useStreams.getState().refresh(column.id);
    else if (key === 'notify') {
      // A gesture: the only moment a browser lets the page ask for the permission.
      if (!column.notify) askNotificationPermission();
      void boards.updateColumn(column, { notify: !column.notify });
    }
    else if (key.startsWith('width:')) void boards.updateColumn(column, { width: key.slice(6) as Column['width'] });
    else if (key === 'left') void boards.moveColumn(column, index - 1);
    else if (key === 'right') void boards.moveColumn(column, index + 1);
    else if (key === 'remove') onRemove();
    else if (key.startsWith('kind:')) {
      const kind = key.slice(5) as NotificationKind;
      const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
      void boards.updateColumn(column, { query: { ...column.query, kinds: next } }).then(() => useStreams.getState().load(column.id));
    }
  };
  return (
    <MenuTrigger>
      <Button className="btn btn-ghost btn-icon column-menu-button" aria-label={t('board.columnMenu', { name })}>
        <Ellipsis size={16} aria-hidden />
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" onAction={(key) => onAction(String(key))}>
          {network ? (
            <MenuItem id="refresh" className="menu-item" textValue={t('board.refresh')}>
              <RefreshCw size={14} aria-hidden />
              <span>{t('board.refresh')}</span>
            </MenuItem>
          ) : null}
          {network ? (
            <MenuItem id="notify" className="menu-item" textValue={t(column.notify ? 'board.notifyOff' : 'board.notifyOn')}>
              {column.notify ? <BellOff size={14} aria-hidden /> : <Bell size={14} aria-hidden />}
              <span>{t(column.notify ? 'board.notifyOff' : 'board.notifyOn')}</span>
            </MenuItem>
          ) : null}
          {column.type === 'notifications' ? (
            <Section>
              <Header className="menu-header">{t('board.filterKinds')}</Header>
              {NOTIFICATION_KINDS.map((k) => (
                <MenuItem key={k} id={`kind:${k}`} className="menu-item" textValue={t(`board.kinds.${k}`)}>
                  <span className="menu-check" aria-hidden>
                    {kinds.includes(k) ? <Check size={14} /> : null}
                  </span>
                  <span>{t(`board.kinds.${k}`)}</span>
                  {kinds.includes(k) ? <span className="sr-only">{t('board.selected')}</span> : null}
                </MenuItem>
              ))}
            </Section>
          ) : null}
          <Section>
            <Header className="menu-header">{t('board.width')}</Header>
            {COLUMN_WIDTHS.map((w) => (
              <MenuItem key={w} id={`width:${w}`} className="menu-item" textValue={t(`board.widths.${w}`)}>
                <span className="menu-check" aria-hidden>
                  {column.width === w ? <Check size={14} /> : null}
                </span>
                <span>{t(`board.widths.${w}`)}</span>
                {column.width === w ? <span className="sr-only">{t('board.selected')}</span> : null}
              </MenuItem>
            ))}
          </Section>
          <Separator className="menu-separator" />
          {index > 0 ? (
            <MenuItem id="left" className="menu-item" textValue={t('board.moveLeft')}>
              <ArrowLeft size={14} aria-hidden />
              <span>{t('board.moveLeft')}</span>
            </MenuItem>
          ) : null}
          {index < count - 1 ? (
            <MenuItem id="right" className="menu-item" textValue={t('board.moveRight')}>
              <ArrowRight size={14} aria-hidden />
              <span>{t('board.moveRight')}</span>
            </MenuItem>
          ) : null}
          <MenuItem id="remove" className="menu-item menu-item-danger" textValue={t('board.removeColumn')}>
            <Trash2 size={14} aria-hidden />
            <span>{t('board.removeColumn')}</span>
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
