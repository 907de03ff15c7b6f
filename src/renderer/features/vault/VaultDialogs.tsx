import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Form } from 'react-aria-components';
import { Check, TriangleAlert } from 'lucide-react';
import { AppDialog } from '../../components/AppDialog';
import { errorText } from '../../i18n';
import { useToasts } from '../../stores/toasts';
import { useVault } from '../../stores/vault';
import { PassphraseField } from './PassphraseField';

const MIN_PASSPHRASE = 8;

export function VaultSetupDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const setup = useVault((s) => s.setupPassphrase);
  const storeUnprotected = useVault((s) => s.storeKeyUnprotected);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ passphrase?: string; confirmation?: string; form?: string }>({});
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);

  const done = (message: string) => {
    useToasts.getState().show({ message });
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (Array.from(passphrase).length < MIN_PASSPHRASE) return setErrors({ passphrase: t('issues.passphrase_too_short') });
    if (confirmation !== passphrase) return setErrors({ confirmation: t('vault.mismatch') });
    setBusy(true);
    const result = await setup(passphrase);
    setBusy(false);
    if (result.ok) done(t('vault.protected'));
    else setErrors({ form: errorText(result.error) });
  };

  const unprotected = async () => {
    setBusy(true);
    const result = await storeUnprotected();
    setBusy(false);
    if (result.ok) done(t('vault.storedUnprotected'));
    else setErrors({ form: errorText(result.error) });
  };

  return (
    <AppDialog title={t('vault.setupTitle')} onClose={onClose} size="medium">
      <p className="dialog-lead">{t('vault.setupLead')}</p>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <PassphraseField
          label={t('vault.passphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            setErrors({});
          }}
          error={errors.passphrase}
          description={t('vault.passphraseHint')}
          autoFocus
          autoComplete="new-password"
        />
        <PassphraseField
          label={t('vault.confirm')}
          value={confirmation}
          onChange={(v) => {
            setConfirmation(v);
            setErrors({});
          }}
          error={errors.confirmation}
          autoComplete="new-password"
        />
        <div className="form-actions">
          <Button className="btn btn-primary" type="submit" isPending={busy}>
            {t('vault.protect')}
          </Button>
        </div>
      </Form>
      <div className="danger-zone">
        <h3 className="danger-title">
          <TriangleAlert size={16} aria-hidden />
          <span>{t('vault.unprotectedTitle')}</span>
        </h3>
        <Checkbox className="checkbox" isSelected={acknowledged} onChange={setAcknowledged}>
          {({ isSelected }) => (
            <>
              <span className="checkbox-box" aria-hidden>
                {isSelected ? <Check size={12} /> : null}
              </span>
              <span>{t('vault.unprotectedWarning')}</span>
            </>
          )}
        </Checkbox>
        <Button className="btn btn-danger" isDisabled={!acknowledged || busy} onPress={() => void unprotected()}>
          {t('vault.storeUnprotected')}
        </Button>
      </div>
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
    </AppDialog>
  );
}

export function VaultUnlockDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const unlock = useVault((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!passphrase) return setError(t('vault.passphraseRequired'));
    setBusy(true);
    const result = await unlock(passphrase);
    setBusy(false);
    if (!result.ok) return setError(errorText(result.error));
    if (result.value.state !== 'ready') return setError(result.value.problem ?? t('vault.stillLocked'));
    useToasts.getState().show({ message: t('vault.unlocked') });
    onClose();
  };
  return (
    <AppDialog title={t('vault.unlockTitle')} onClose={onClose}>
      <p className="dialog-lead">{t('vault.unlockLead')}</p>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <PassphraseField
          label={t('vault.passphrase')}
          value={passphrase}
          onChange={(v) => {
            setPassphrase(v);
            setError(null);
          }}
          error={error}
          autoFocus
          autoComplete="current-password"
        />
        <div className="form-actions">
          <Button className="btn btn-ghost" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button className="btn btn-primary" type="submit" isPending={busy}>
            {t('vault.unlockAction')}
          </Button>
        </div>
      </Form>
    </AppDialog>
  );
}
