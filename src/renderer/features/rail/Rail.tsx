import { useTranslation } from 'react-i18next';
import { useWorkspaces } from '../../stores/workspaces';
import { AccountsSection } from './AccountsSection';
import { Places } from './Places';
import { WorkspaceList } from './WorkspaceList';

export function Rail() {
  const { t } = useTranslation();
  const selectedId = useWorkspaces((s) => s.selectedId);
  return (
    <nav className="rail" aria-label={t('rail.label')}>
      <div className="rail-brand" aria-hidden>
        Tribune
      </div>
      <WorkspaceList />
      {selectedId ? <AccountsSection workspaceId={selectedId} /> : null}
      <Places />
    </nav>
  );
}
