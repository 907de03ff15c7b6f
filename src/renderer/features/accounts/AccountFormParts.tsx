import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { KeyRound, LoaderCircle } from 'lucide-react';
import { useUi } from '../../stores/ui';

/** When the vault stops an account from being saved, the way to fix it is one click away. */
export function VaultFix({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const openDialog = useUi((s) => s.openDialog);
  if (code !== 'vault_unavailable' && code !== 'vault_locked') return null;
  return (
    <Button className="btn btn-ghost" onPress={() => openDialog({ kind: code === 'vault_locked' ? 'vaultUnlock' : 'vaultSetup' })}>
      <KeyRound size={14} aria-hidden />
      <span>{code === 'vault_locked' ? t('vault.unlockOpen') : t('vault.setupAction')}</span>
    </Button>
  );
}

/** Cancel, and the form's submit button with its progress. */
export function SubmitRow({ busy, label, onCancel }: { busy: boolean; label: string; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button className="btn btn-ghost" onPress={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button className="btn btn-primary" type="submit" isPending={busy}>
        {busy ? <LoaderCircle size={14} aria-hidden className="spin" /> : null}
        <span>{label}</span>
      </Button>
    </div>
  );
}
