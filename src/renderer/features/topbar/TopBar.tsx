import { useTranslation } from 'react-i18next';
import { Keyboard, Plus } from 'lucide-react';
import { IconButton } from '../../components/IconButton';
import { WorkspaceChip } from '../../components/WorkspaceChip';
import { useComposer } from '../../stores/composer';
import { useUi } from '../../stores/ui';
import { selectCurrentWorkspace, useWorkspaces } from '../../stores/workspaces';
import { ConnectionStatus } from './ConnectionStatus';

export function TopBar() {
  const { t } = useTranslation();
  const workspace = useWorkspaces(selectCurrentWorkspace);
  const openDialog = useUi((s) => s.openDialog);
  const openNew = useComposer((s) => s.openNew);
  const place = useUi((s) => s.place);
  return (
    <header className="topbar">
      <div className="topbar-title">
        {workspace ? <WorkspaceChip workspace={workspace} size="small" /> : null}
        <h1>{workspace ? `${workspace.name} · ${place === 'calendar' ? t('calendar.title') : place === 'inbox' ? t('inbox.title') : t('board.title')}` : 'Tribune'}</h1>
      </div>
      <div className="topbar-actions">
        {workspace ? (
          <IconButton
            label={t('drafts.new')}
            text={t('drafts.new')}
            icon={Plus}
            shortcut="N"
            variant="primary"
            onPress={() => void openNew(workspace.id)}
          />
        ) : null}
        <ConnectionStatus />
        <IconButton label={t('shortcuts.title')} icon={Keyboard} shortcut="?" onPress={() => openDialog({ kind: 'shortcuts' })} />
      </div>
    </header>
  );
}
