import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { KeyRound, ShieldAlert, X } from 'lucide-react';
import { useUi } from '../../stores/ui';
import { useVault } from '../../stores/vault';

/** Non-blocking: explains what the vault needs; drafts work whatever its state. */
export function VaultBanner() {
  const { t } = useTranslation();
  const status = useVault((s) => s.status);
  const dismissed = useUi((s) => s.vaultBannerDismissed);
  const dismiss = useUi((s) => s.dismissVaultBanner);
  const openDialog = useUi((s) => s.openDialog);
  if (!status || dismissed) return null;
  if (status.state === 'ready' && !status.problem) return null;
  const kind = status.state === 'ready' ? 'problem' : status.state;
  return (
    <section className={`banner banner-${kind === 'problem' ? 'info' : 'warning'}`} aria-labelledby="vault-banner-title" data-testid="vault-banner">
      <ShieldAlert size={18} aria-hidden />
      <div className="banner-text">
        <h2 id="vault-banner-title" className="banner-title">
          {t(`vault.banner.${kind}.title`)}
        </h2>
        <p>{t(`vault.banner.${kind}.body`)}</p>
        {status.problem ? (
          <p className="banner-problem">
            {t('vault.detail')} {status.problem}
          </p>
        ) : null}
      </div>
      <div className="banner-actions">
        {status.state === 'needs_setup' ? (
          <Button className="btn btn-primary" onPress={() => openDialog({ kind: 'vaultSetup' })}>
            <KeyRound size={14} aria-hidden />
            <span>{t('vault.setupAction')}</span>
          </Button>
        ) : null}
        {status.state === 'locked' ? (
          <Button className="btn btn-primary" onPress={() => openDialog({ kind: 'vaultUnlock' })}>
            <KeyRound size={14} aria-hidden />
            <span>{t('vault.unlockOpen')}</span>
          </Button>
        ) : null}
        <Button className="btn btn-ghost btn-icon" aria-label={t('vault.later')} onPress={dismiss}>
          <X size={16} aria-hidden />
        </Button>
      </div>
    </section>
  );
}
