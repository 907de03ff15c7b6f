import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, Form, Input, Label, Text, TextField } from 'react-aria-components';
import type { Account } from '../../../shared/domain';
import { getClient } from '../../client';
import { useApp } from '../../stores/app';
import { accountErrorText, blueskyServiceToPrefill, isHttpUrl } from './accountForms';
import { SubmitRow, VaultFix } from './AccountFormParts';

/** Bluesky: a handle (or e-mail) and an app password, and a self-hosted PDS under the advanced options. */
export function BlueskyForm({
  workspaceId,
  reconnecting,
  onConnected,
  onCancel,
}: {
  workspaceId: string;
  reconnecting: Account | undefined;
  onConnected(account: Account): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [identifier, setIdentifier] = useState(reconnecting?.network === 'bluesky' ? reconnecting.handle.replace(/^@/, '') : '');
  const [password, setPassword] = useState('');
  // In the sandbox (npm run demo), its local server: the address is otherwise only in the terminal.
  const sandboxServer = useApp((s) => (s.info?.sandbox ? s.info.sandboxPdsUrl : null));
  const initialServer = reconnecting?.network === 'bluesky' ? blueskyServiceToPrefill(reconnecting.serviceUrl) : (sandboxServer ?? '');
  const [serviceUrl, setServiceUrl] = useState(initialServer);
  const [errors, setErrors] = useState<{ identifier?: string; password?: string; serviceUrl?: string; form?: string; code?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!identifier.trim()) found.identifier = t('accounts.bluesky.identifierRequired');
    if (!password) found.password = t('accounts.bluesky.passwordRequired');
    if (serviceUrl.trim() && !isHttpUrl(serviceUrl.trim())) found.serviceUrl = t('accounts.bluesky.serverInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await getClient().invoke('account.connectBluesky', {
      workspaceId,
      identifier: identifier.trim(),
      appPassword: password,
      ...(serviceUrl.trim() ? { serviceUrl: serviceUrl.trim() } : {}),
    });
    setBusy(false);
    if (result.ok) onConnected(result.value);
    else setErrors({ form: accountErrorText(result.error), code: result.error.code });
  };

  return (
    <Form className="form" onSubmit={(e) => void submit(e)}>
      <TextField
        className="field"
        value={identifier}
        onChange={(v) => {
          setIdentifier(v);
          setErrors({});
        }}
        isInvalid={!!errors.identifier}
        autoFocus
        autoComplete="username"
        maxLength={253}
      >
        <Label className="field-label">{t('accounts.bluesky.identifier')}</Label>
        <Input className="input" placeholder={t('accounts.bluesky.identifierPlaceholder')} spellCheck={false} />
        <FieldError className="field-error">{errors.identifier}</FieldError>
      </TextField>
      <TextField
        className="field"
        type="password"
        value={password}
        onChange={(v) => {
          setPassword(v);
          setErrors({});
        }}
        isInvalid={!!errors.password}
        autoComplete="current-password"
        maxLength={200}
      >
        <Label className="field-label">{t('accounts.bluesky.appPassword')}</Label>
        <Input className="input" placeholder="xxxx-xxxx-xxxx-xxxx" spellCheck={false} />
        <Text slot="description" className="field-hint">
          {t('accounts.bluesky.appPasswordHint')}
        </Text>
        <FieldError className="field-error">{errors.password}</FieldError>
      </TextField>
      <details className="advanced" open={!!initialServer || undefined}>
        <summary>{t('accounts.advanced')}</summary>
        <TextField
          className="field"
          type="url"
          value={serviceUrl}
          onChange={(v) => {
            setServiceUrl(v);
            setErrors({});
          }}
          isInvalid={!!errors.serviceUrl}
        >
          <Label className="field-label">{t('accounts.bluesky.server')}</Label>
          <Input className="input" placeholder="https://pds.example.org" spellCheck={false} />
          <Text slot="description" className="field-hint">
            {sandboxServer && serviceUrl === sandboxServer ? t('accounts.bluesky.sandboxServerHint') : t('accounts.bluesky.serverHint')}
          </Text>
          <FieldError className="field-error">{errors.serviceUrl}</FieldError>
        </TextField>
      </details>
      {errors.form ? (
        <div className="form-error" role="alert">
          <p>{errors.form}</p>
          <VaultFix code={errors.code ?? null} />
        </div>
      ) : null}
      <SubmitRow busy={busy} label={t('accounts.bluesky.connect')} onCancel={onCancel} />
    </Form>
  );
}
