import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TriangleAlert } from 'lucide-react';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { errorText } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { usePosts } from '../../stores/posts';
import { useToasts } from '../../stores/toasts';
import { deleteFromNetwork } from './postActions';
import { ConfirmActions } from '../../components/ConfirmActions';

/** Confirms "Delete from the network" for one account's line of a sent post; the network's refusal is shown here. */
export function DeleteRemoteDialog({ draftId, targetId, onClose }: { draftId: string; targetId: string; onClose(): void }) {
  const { t } = useTranslation();
  const target = usePosts((s) => {
    for (const columns of Object.values(s.lists)) {
      for (const list of Object.values(columns ?? {})) {
        const found = list?.find((p) => p.draftId === draftId)?.targets.find((x) => x.id === targetId);
        if (found) return found;
      }
    }
    return undefined;
  });
  const account = useAccounts((s) => Object.values(s.byWorkspace).flat().find((a) => a.id === target?.accountId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!target) return null;
  const network = t(`networks.${target.network}`);
  const handle = account ? atHandle(account.handle) : t('publish.unknownAccount');

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await deleteFromNetwork(targetId);
    setBusy(false);
    if (!result.ok) return setError(t('remoteDelete.failed', { reason: errorText(result.error) }));
    useToasts.getState().show({ message: t('remoteDelete.done', { network }) });
    onClose();
  };

  return (
    <AppDialog role="alertdialog" title={t('remoteDelete.title', { network })} onClose={onClose}>
      <div className="danger-note">
        <TriangleAlert size={18} aria-hidden />
        <div>
          <p>{t('remoteDelete.lead', { handle, network })}</p>
          <p>{t('remoteDelete.thread', { count: target.partsSent })}</p>
          <p>{t('remoteDelete.stays')}</p>
        </div>
      </div>
      <ConfirmActions error={error} busy={busy} confirmLabel={t('remoteDelete.confirm', { network })} onCancel={onClose} onConfirm={() => void confirm()} />
    </AppDialog>
  );
}
