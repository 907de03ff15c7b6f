import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Input, Label, Text, TextField } from 'react-aria-components';
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

/** One text field of an account form: its label, input (no spell check), hint and error. */
export function AccountField({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  autoCapitalize,
  ...field
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | null | undefined;
  hint?: ReactNode;
  placeholder?: string;
  autoCapitalize?: 'none';
  type?: 'password' | 'url';
  autoFocus?: boolean;
  autoComplete?: string;
  maxLength?: number;
}) {
  return (
    <TextField className="field" value={value} onChange={onChange} isInvalid={!!error} {...field}>
      <Label className="field-label">{label}</Label>
      <Input className="input" placeholder={placeholder} spellCheck={false} autoCapitalize={autoCapitalize} />
      {hint ? (
        <Text slot="description" className="field-hint">
          {hint}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
