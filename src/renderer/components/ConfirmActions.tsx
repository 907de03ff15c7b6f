import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/**
 * The foot of a destructive confirmation: the refusal if there was one, then Cancel (focused
 * first, so Enter never destroys by accident) and the dangerous action.
 */
export function ConfirmActions(props: { error: string | null; busy: boolean; confirmLabel: string; onCancel: () => void; onConfirm: () => void; errorClass?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {props.error ? (
        <p className={props.errorClass ?? 'form-error'} role="alert">
          {props.error}
        </p>
      ) : null}
      <div className="form-actions">
        <Button className="btn btn-ghost" onPress={props.onCancel} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button className="btn btn-danger" onPress={props.onConfirm} isPending={props.busy}>
          {props.confirmLabel}
        </Button>
      </div>
    </>
  );
}
