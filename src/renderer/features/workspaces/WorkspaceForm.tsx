import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import type { ClientResult } from '../../client';
import { errorText } from '../../i18n';

interface WorkspaceFormProps {
  initialName: string;
  submitLabel: string;
  onSubmit(name: string): Promise<ClientResult<unknown>>;
  onDone(): void;
  onCancel(): void;
  children?: ReactNode;
}

/** Name field + submit, showing the core's reason when it refuses the name. */
export function WorkspaceForm({ initialName, submitLabel, onSubmit, onDone, onCancel, children }: WorkspaceFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('issues.name_required'));
      return;
    }
    setBusy(true);
    const result = await onSubmit(name.trim());
    setBusy(false);
    if (result.ok) onDone();
    else setError(errorText(result.error));
  };
  return (
    <Form className="form" onSubmit={(e) => void submit(e)} validationErrors={error ? { name: error } : {}}>
      <TextField
        name="name"
        className="field"
        value={name}
        onChange={(v) => {
          setName(v);
          setError(null);
        }}
        maxLength={80}
        autoFocus
        isInvalid={!!error}
      >
        <Label className="field-label">{t('workspaces.name')}</Label>
        <Input className="input" placeholder={t('workspaces.namePlaceholder')} />
        <FieldError className="field-error">{error}</FieldError>
      </TextField>
      {children}
      <div className="form-actions">
        <Button className="btn btn-ghost" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button className="btn btn-primary" type="submit" isPending={busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
