import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Briefcase, Plus } from 'lucide-react';
import { EmptyState } from '../../components/EmptyState';
import { useUi } from '../../stores/ui';

/** The first screen: nothing exists until a workspace does. */
export function NoWorkspace() {
  const { t } = useTranslation();
  const openDialog = useUi((s) => s.openDialog);
  return (
    <div className="no-workspace">
      <EmptyState icon={Briefcase} title={t('workspaces.emptyTitle')}>
        <p>{t('workspaces.emptyBody')}</p>
        <Button className="btn btn-primary" onPress={() => openDialog({ kind: 'createWorkspace' })}>
          <Plus size={16} aria-hidden />
          <span>{t('workspaces.createFirst')}</span>
        </Button>
      </EmptyState>
    </div>
  );
}
