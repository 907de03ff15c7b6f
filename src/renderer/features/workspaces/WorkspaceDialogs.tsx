import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import { AppDialog } from '../../components/AppDialog';
import { getClient } from '../../client';
import { errorText } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { useToasts } from '../../stores/toasts';
import { nextWorkspaceColor, useWorkspaces } from '../../stores/workspaces';
import { ColorPicker, type WorkspaceColorValue } from './ColorPicker';
import { WorkspaceForm } from './WorkspaceForm';
import { ConfirmActions } from '../../components/ConfirmActions';

export function CreateWorkspaceDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const workspaces = useWorkspaces((s) => s.workspaces);
  const create = useWorkspaces((s) => s.create);
  const [color, setColor] = useState<WorkspaceColorValue>(() => nextWorkspaceColor(workspaces));
  return (
    <AppDialog title={t('workspaces.new')} onClose={onClose}>
      <p className="dialog-lead">{t('workspaces.newLead')}</p>
      <WorkspaceForm
        initialName=""
        submitLabel={t('workspaces.create')}
        onSubmit={async (name) => {
          await useComposer.getState().close(false);
          return create(name, color);
        }}
        onDone={onClose}
        onCancel={onClose}
      >
        <ColorPicker value={color} onChange={setColor} />
      </WorkspaceForm>
    </AppDialog>
  );
}

export function RenameWorkspaceDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const rename = useWorkspaces((s) => s.rename);
  if (!workspace) return null;
  return (
    <AppDialog title={t('workspaces.renameTitle', { name: workspace.name })} onClose={onClose}>
      <WorkspaceForm
        initialName={workspace.name}
        submitLabel={t('workspaces.rename')}
        onSubmit={(name) => rename(workspace.id, name)}
        onDone={onClose}
        onCancel={onClose}
      />
    </AppDialog>
  );
}

/** Counts what goes away with the workspace, so the confirmation can name it. */
function useWorkspaceContents(workspaceId: string) {
  const [counts, setCounts] = useState<{ drafts: number; accounts: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void Promise.all([getClient().invoke('draft.list', { workspaceId }), getClient().invoke('account.list', { workspaceId })]).then(
      ([drafts, accounts]) => {
        if (!cancelled) setCounts({ drafts: drafts.ok ? drafts.value.length : 0, accounts: accounts.ok ? accounts.value.length : 0 });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);
  return counts;
}

export function DeleteWorkspaceDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const remove = useWorkspaces((s) => s.remove);
  const counts = useWorkspaceContents(workspaceId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!workspace) return null;
  const confirm = async () => {
    setBusy(true);
    if (useComposer.getState().workspaceId === workspaceId) await useComposer.getState().close(false);
    const result = await remove(workspaceId);
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error));
    useToasts.getState().show({ message: t('workspaces.deleted', { name: workspace.name }) });
    onClose();
  };
  return (
    <AppDialog role="alertdialog" title={t('workspaces.deleteTitle', { name: workspace.name })} onClose={onClose}>
      <div className="danger-note">
        <TriangleAlert size={18} aria-hidden />
        <div>
          <p>{t('workspaces.deleteLead', { name: workspace.name })}</p>
          <ul className="delete-list">
            <li>{counts ? t('workspaces.deleteDrafts', { count: counts.drafts }) : t('common.counting')}</li>
            <li>{counts ? t('workspaces.deleteAccounts', { count: counts.accounts }) : t('common.counting')}</li>
          </ul>
          <p>{t('workspaces.deleteFinal')}</p>
        </div>
      </div>
      <ConfirmActions error={error} busy={busy} confirmLabel={t('workspaces.deleteConfirm', { name: workspace.name })} onCancel={onClose} onConfirm={() => void confirm()} errorClass="field-error" />
    </AppDialog>
  );
}
