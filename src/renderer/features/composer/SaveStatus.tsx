import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Check, CircleAlert, LoaderCircle, RotateCw } from 'lucide-react';
import { errorText } from '../../i18n';
import { useComposer } from '../../stores/composer';
import { useConnection } from '../../stores/connection';

/** "Enregistré" / "Enregistrement…" and, on failure, the reason with a Retry button. */
export function SaveStatus() {
  const { t } = useTranslation();
  const save = useComposer((s) => s.save);
  const retry = useComposer((s) => s.retry);
  const online = useConnection((s) => s.state === 'online');
  const busy = save.status === 'pending' || save.status === 'saving';
  const label =
    save.status === 'saved'
      ? t('composer.saved')
      : busy
        ? online
          ? t('composer.saving')
          : t('composer.waitingForConnection')
        : save.status === 'error'
          ? t('composer.notSaved')
          : t('composer.autosaveHint');
  return (
    <div className="save-status">
      <span className={`save-state save-state-${save.status}`} role="status" data-testid="save-status">
        {save.status === 'saved' ? <Check size={14} aria-hidden /> : null}
        {busy ? <LoaderCircle size={14} aria-hidden className="spin" /> : null}
        {save.status === 'error' ? <CircleAlert size={14} aria-hidden /> : null}
        <span>{label}</span>
      </span>
      {save.status === 'error' && save.error ? (
        <div className="save-error" role="alert">
          <p>{t('composer.saveFailed', { reason: errorText(save.error) })}</p>
          <Button className="btn btn-primary" onPress={() => void retry()}>
            <RotateCw size={14} aria-hidden />
            <span>{t('common.retry')}</span>
          </Button>
        </div>
      ) : null}
    </div>
  );
}
