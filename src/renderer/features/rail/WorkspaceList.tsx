import { useTranslation } from 'react-i18next';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { Ellipsis, Pencil, Plus, Send, Trash2 } from 'lucide-react';
import type { Workspace } from '../../../shared/domain';
import { IconButton } from '../../components/IconButton';
import { Tip } from '../../components/Tip';
import { WorkspaceChip } from '../../components/WorkspaceChip';
import { useComposer } from '../../stores/composer';
import { useUi } from '../../stores/ui';
import { useUnread, workspaceUnread } from '../../stores/unread';
import { useWorkspaces } from '../../stores/workspaces';

function WorkspaceRow({ workspace, selected }: { workspace: Workspace; selected: boolean }) {
  const { t } = useTranslation();
  const select = useWorkspaces((s) => s.select);
  const openDialog = useUi((s) => s.openDialog);
  const unread = useUnread((s) => workspaceUnread(s.columns, workspace.id));
  const unreadId = `ws-unread-${workspace.id}`;
  const onSelect = async () => {
    if (selected) return;
    // The open draft belongs to the workspace being left: save it and close it first.
    if (await useComposer.getState().close(false)) select(workspace.id);
  };
  return (
    <li className={`ws-row ${selected ? 'is-selected' : ''}`}>
      <Tip label={workspace.name} placement="end">
        <Button className="ws-select" aria-current={selected ? 'true' : undefined} aria-describedby={unread > 0 ? unreadId : undefined} onPress={() => void onSelect()}>
          <WorkspaceChip workspace={workspace} />
          <span className="ws-name">{workspace.name}</span>
          {unread > 0 ? (
            <span className="ws-unread" data-testid="workspace-unread" aria-hidden>
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </Button>
      </Tip>
      <MenuTrigger>
        <Button className="btn btn-ghost btn-icon ws-more" aria-label={t('workspaces.actionsFor', { name: workspace.name })}>
          <Ellipsis size={16} aria-hidden />
        </Button>
        <Popover className="popover" placement="bottom end">
          <Menu
            className="menu"
            onAction={(key) =>
              openDialog(
                key === 'rename'
                  ? { kind: 'renameWorkspace', workspaceId: workspace.id }
                  : key === 'publishing'
                    ? { kind: 'publishingSettings', workspaceId: workspace.id }
                    : { kind: 'deleteWorkspace', workspaceId: workspace.id },
              )
            }
          >
            <MenuItem id="rename" className="menu-item" textValue={t('workspaces.rename')}>
              <Pencil size={14} aria-hidden />
              <span>{t('workspaces.rename')}</span>
            </MenuItem>
            <MenuItem id="publishing" className="menu-item" textValue={t('publishing.menu')}>
              <Send size={14} aria-hidden />
              <span>{t('publishing.menu')}</span>
            </MenuItem>
            <MenuItem id="delete" className="menu-item menu-item-danger" textValue={t('workspaces.delete')}>
              <Trash2 size={14} aria-hidden />
              <span>{t('workspaces.delete')}</span>
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
      {unread > 0 ? (
        <span id={unreadId} className="sr-only">
          {t('board.unread', { count: unread })}
        </span>
      ) : null}
    </li>
  );
}

export function WorkspaceList() {
  const { t } = useTranslation();
  const workspaces = useWorkspaces((s) => s.workspaces);
  const selectedId = useWorkspaces((s) => s.selectedId);
  const openDialog = useUi((s) => s.openDialog);
  return (
    <div className="rail-section">
      <div className="rail-heading-row">
        <h2 className="rail-heading" id="rail-workspaces">
          {t('workspaces.title')}
        </h2>
        <IconButton label={t('workspaces.new')} icon={Plus} tooltipPlacement="end" onPress={() => openDialog({ kind: 'createWorkspace' })} />
      </div>
      {workspaces.length > 0 ? (
        <ul className="ws-list" aria-labelledby="rail-workspaces">
          {workspaces.map((w) => (
            <WorkspaceRow key={w.id} workspace={w} selected={w.id === selectedId} />
          ))}
        </ul>
      ) : (
        <p className="rail-hint">{t('workspaces.noneYet')}</p>
      )}
    </div>
  );
}
