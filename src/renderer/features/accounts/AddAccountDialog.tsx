import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Form, Input, Label, Tab, TabList, TabPanel, Tabs, Text, TextField } from 'react-aria-components';
import { ExternalLink, KeyRound, LoaderCircle } from 'lucide-react';
import type { Account, Network } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { NetworkGlyph } from '../../components/NetworkGlyph';
import { getClient, type ClientError } from '../../client';
import { useAccounts } from '../../stores/accounts';
import { useApp } from '../../stores/app';
import { useToasts } from '../../stores/toasts';
import { useUi } from '../../stores/ui';
import { accountErrorText, blueskyServiceToPrefill, instanceFromServiceUrl, isHttpUrl } from './accountForms';

interface AddAccountDialogProps {
  workspaceId: string;
  /** Reconnecting this account: the form is filled with what is known of it. */
  reconnectAccountId?: string;
  onClose(): void;
}

export function AddAccountDialog({ workspaceId, reconnectAccountId, onClose }: AddAccountDialogProps) {
  const { t } = useTranslation();
  const reconnecting = useAccounts((s) => (reconnectAccountId ? s.byWorkspace[workspaceId]?.find((a) => a.id === reconnectAccountId) : undefined));
  const [network, setNetwork] = useState<Network>(reconnecting?.network ?? 'bluesky');
  // A Mastodon authorisation under way: closing the dialog cancels it.
  const attempt = useRef<string | null>(null);
  const [waiting, setWaiting] = useState(false);

  const close = () => {
    const id = attempt.current;
    attempt.current = null;
    if (id) void getClient().invoke('account.cancelMastodon', { attemptId: id });
    onClose();
  };

  const connected = (account: Account) => {
    attempt.current = null;
    useAccounts.getState().upsert(account);
    useToasts.getState().show({ message: t(reconnecting ? 'accounts.reconnected' : 'accounts.connected', { handle: atHandle(account.handle) }) });
    onClose();
  };

  return (
    <AppDialog title={reconnecting ? t('accounts.reconnectTitle', { handle: atHandle(reconnecting.handle) }) : t('accounts.addTitle')} onClose={close} size="medium">
      <Tabs className="tabs" selectedKey={network} onSelectionChange={(key) => setNetwork(key as Network)} isDisabled={waiting || !!reconnecting}>
        <TabList className="tab-list" aria-label={t('accounts.networkChoice')}>
          <Tab id="bluesky" className="tab">
            <NetworkGlyph network="bluesky" />
            <span>{t('networks.bluesky')}</span>
          </Tab>
          <Tab id="mastodon" className="tab">
            <NetworkGlyph network="mastodon" />
            <span>{t('networks.mastodon')}</span>
          </Tab>
        </TabList>
        <TabPanel id="bluesky" className="tab-panel">
          <BlueskyForm workspaceId={workspaceId} reconnecting={reconnecting} onConnected={connected} onCancel={close} />
        </TabPanel>
        <TabPanel id="mastodon" className="tab-panel">
          <MastodonFlow
            workspaceId={workspaceId}
            reconnecting={reconnecting}
            setAttempt={(id) => {
              attempt.current = id;
            }}
            isCurrent={(id) => attempt.current === id}
            onWaiting={setWaiting}
            onConnected={connected}
            onCancel={close}
          />
        </TabPanel>
      </Tabs>
    </AppDialog>
  );
}

/** When the vault stops an account from being saved, the way to fix it is one click away. */
function VaultFix({ code }: { code: string | null }) {
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

function BlueskyForm({
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

type MastodonStep = { step: 'instance' } | { step: 'waiting'; attemptId: string; authorizeUrl: string; instance: string };

function MastodonFlow({
  workspaceId,
  reconnecting,
  setAttempt,
  isCurrent,
  onWaiting,
  onConnected,
  onCancel,
}: {
  workspaceId: string;
  reconnecting: Account | undefined;
  /** Remembers the attempt under way (the dialog cancels it when closed). */
  setAttempt(id: string | null): void;
  isCurrent(id: string): boolean;
  onWaiting(waiting: boolean): void;
  onConnected(account: Account): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const web = getClient().host === 'web';
  const [instance, setInstance] = useState(reconnecting?.network === 'mastodon' ? instanceFromServiceUrl(reconnecting.serviceUrl) : '');
  const [state, setState] = useState<MastodonStep>({ step: 'instance' });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const finish = (attemptId: string, result: { ok: true; value: Account } | { ok: false; error: ClientError }) => {
    // Only the first answer about the attempt still under way counts.
    if (!mounted.current || !isCurrent(attemptId)) return;
    if (result.ok) {
      onWaiting(false);
      onConnected(result.value);
      return;
    }
    setAttempt(null);
    onWaiting(false);
    setState({ step: 'instance' });
    setError(accountErrorText(result.error));
  };

  const begin = async (event: FormEvent) => {
    event.preventDefault();
    const name = instance.trim();
    if (name.length < 3) return setError(t('accounts.mastodon.instanceRequired'));
    setBusy(true);
    setError(null);
    const result = await getClient().invoke('account.beginMastodon', { workspaceId, instance: name });
    setBusy(false);
    if (!mounted.current) return;
    if (!result.ok) {
      setErrorCode(result.error.code);
      return setError(accountErrorText(result.error));
    }
    setErrorCode(null);
    const { attemptId, authorizeUrl } = result.value;
    setAttempt(attemptId);
    onWaiting(true);
    setState({ step: 'waiting', attemptId, authorizeUrl, instance: name });
    // Resolves when the browser comes back to Tribune's loopback address.
    void getClient()
      .invoke('account.completeMastodon', { attemptId })
      .then((answer) => finish(attemptId, answer));
  };

  const submitCode = async (event: FormEvent) => {
    event.preventDefault();
    if (state.step !== 'waiting') return;
    if (!code.trim()) return setError(t('accounts.mastodon.codeRequired'));
    setBusy(true);
    setError(null);
    const answer = await getClient().invoke('account.completeMastodon', { attemptId: state.attemptId, code: code.trim() });
    setBusy(false);
    if (!mounted.current || !isCurrent(state.attemptId)) return;
    if (answer.ok) finish(state.attemptId, answer);
    else setError(accountErrorText(answer.error)); // A mistyped code can be typed again.
  };

  if (state.step === 'instance') {
    return (
      <Form className="form" onSubmit={(e) => void begin(e)}>
        <TextField
          className="field"
          value={instance}
          onChange={(v) => {
            setInstance(v);
            setError(null);
            setErrorCode(null);
          }}
          isInvalid={!!error}
          autoFocus
          maxLength={253}
        >
          <Label className="field-label">{t('accounts.mastodon.instance')}</Label>
          <Input className="input" placeholder="mastodon.social" spellCheck={false} autoCapitalize="none" />
          <Text slot="description" className="field-hint">
            {t('accounts.mastodon.instanceHint')}
          </Text>
          <FieldError className="field-error">{error}</FieldError>
        </TextField>
        <VaultFix code={errorCode} />
        <SubmitRow busy={busy} label={t('accounts.mastodon.continue')} onCancel={onCancel} />
      </Form>
    );
  }

  return (
    <div className="form">
      <div className="waiting-note" role="status">
        <LoaderCircle size={16} aria-hidden className="spin" />
        <p>{web ? t('accounts.mastodon.waitingWeb', { instance: state.instance }) : t('accounts.mastodon.waitingDesktop', { instance: state.instance })}</p>
      </div>
      {web ? (
        // The web host cannot open the browser itself: the person follows the link.
        <a className="btn btn-primary authorize-link" href={state.authorizeUrl} target="_blank" rel="noopener noreferrer">
          <ExternalLink size={14} aria-hidden />
          <span>{t('accounts.mastodon.openAuthorize')}</span>
        </a>
      ) : null}
      <details className="advanced">
        <summary>{t('accounts.mastodon.pasteCode')}</summary>
        <Form className="form" onSubmit={(e) => void submitCode(e)}>
          <TextField
            className="field"
            value={code}
            onChange={(v) => {
              setCode(v);
              setError(null);
            }}
            isInvalid={!!error}
            maxLength={512}
          >
            <Label className="field-label">{t('accounts.mastodon.code')}</Label>
            <Input className="input" spellCheck={false} autoCapitalize="none" autoComplete="off" />
            <Text slot="description" className="field-hint">
              {t('accounts.mastodon.codeHint')}
            </Text>
            <FieldError className="field-error">{error}</FieldError>
          </TextField>
          <div className="form-actions">
            <Button className="btn btn-primary" type="submit" isPending={busy}>
              {t('accounts.mastodon.submitCode')}
            </Button>
          </div>
        </Form>
      </details>
      <div className="form-actions">
        <Button className="btn btn-ghost" onPress={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** Cancel, and the form's submit button with its progress. */
function SubmitRow({ busy, label, onCancel }: { busy: boolean; label: string; onCancel(): void }) {
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
