import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import type { Account } from '../../../shared/domain';
import { getClient } from '../../client';
import { useApp } from '../../stores/app';
import { accountErrorText, blueskyServiceToPrefill, isHttpUrl } from './accountForms';
import { AccountField, SubmitRow, VaultFix } from './AccountFormParts';

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
      <AccountField
        label={t('accounts.bluesky.identifier')}
        placeholder={t('accounts.bluesky.identifierPlaceholder')}
        value={identifier}
        onChange={(v) => {
          setIdentifier(v);
          setErrors({});
        }}
        error={errors.identifier}
        autoFocus
        autoComplete="username"
        maxLength={253}
      />
      <AccountField
        label={t('accounts.bluesky.appPassword')}
        placeholder="xxxx-xxxx-xxxx-xxxx"
        hint={t('accounts.bluesky.appPasswordHint')}
        type="password"
        value={password}
        onChange={(v) => {
          setPassword(v);
          setErrors({});
        }}
        error={errors.password}
        autoComplete="current-password"
        maxLength={200}
      />
      <details className="advanced" open={!!initialServer || undefined}>
        <summary>{t('accounts.advanced')}</summary>
        <AccountField
          label={t('accounts.bluesky.server')}
          placeholder="https://pds.example.org"
          hint={sandboxServer && serviceUrl === sandboxServer ? t('accounts.bluesky.sandboxServerHint') : t('accounts.bluesky.serverHint')}
          type="url"
          value={serviceUrl}
          onChange={(v) => {
            setServiceUrl(v);
            setErrors({});
          }}
          error={errors.serviceUrl}
        />
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
