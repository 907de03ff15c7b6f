import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from 'react-aria-components';
import { Check, TriangleAlert } from 'lucide-react';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { useAccounts } from '../../stores/accounts';
import { usePosts } from '../../stores/posts';
import { useToasts } from '../../stores/toasts';
import { accountErrorText } from './accountForms';
import { useAccount } from './SlotsDialog';
import { ConfirmActions } from '../../components/ConfirmActions';

export function RemoveAccountDialog({ accountId, onClose }: { accountId: string; onClose(): void }) {
  const { t } = useTranslation();
  const account = useAccount(accountId);
  const [deleteHistory, setDeleteHistory] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!account) return null;
  const handle = atHandle(account.handle);
  const confirm = async () => {
    setBusy(true);
    const result = await useAccounts.getState().remove(account, deleteHistory);
    setBusy(false);
    if (!result.ok) return setError(accountErrorText(result.error));
    useToasts.getState().show({ message: t('accounts.removed', { handle }) });
    void usePosts.getState().loadAll(account.workspaceId);
    onClose();
  };
  return (
    <AppDialog role="alertdialog" title={t('accounts.removeTitle', { handle })} onClose={onClose}>
      <div className="danger-note">
        <TriangleAlert size={18} aria-hidden />
        <div>
          <p>{t('accounts.removeLead', { handle, network: t(`networks.${account.network}`) })}</p>
          <ul className="delete-list">
            <li>{t('accounts.removeRevoke')}</li>
            <li>{t('accounts.removeSecrets')}</li>
            <li>{t('accounts.removeScheduled')}</li>
          </ul>
          <p>{t('accounts.removeRemote')}</p>
        </div>
      </div>
      <Checkbox className="checkbox" isSelected={deleteHistory} onChange={setDeleteHistory}>
        {({ isSelected }) => (
          <>
            <span className="checkbox-box" aria-hidden>
              {isSelected ? <Check size={12} /> : null}
            </span>
            <span>{t('accounts.removeHistory')}</span>
          </>
        )}
      </Checkbox>
      <ConfirmActions error={error} busy={busy} confirmLabel={t('accounts.removeConfirm', { handle })} onCancel={onClose} onConfirm={() => void confirm()} />
    </AppDialog>
  );
}
