import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import { ExternalLink, LoaderCircle } from 'lucide-react';
import type { Account } from '../../../shared/domain';
import { getClient, type ClientError } from '../../client';
import { accountErrorText, instanceFromServiceUrl } from './accountForms';
import { AccountField, SubmitRow, VaultFix } from './AccountFormParts';

type MastodonStep = { step: 'instance' } | { step: 'waiting'; attemptId: string; authorizeUrl: string; instance: string };

/** Mastodon: the instance, then its authorization page in the browser (or a code pasted where the browser cannot come back). */
export function MastodonFlow({
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
        <AccountField
          label={t('accounts.mastodon.instance')}
          placeholder="mastodon.social"
          hint={t('accounts.mastodon.instanceHint')}
          autoCapitalize="none"
          value={instance}
          onChange={(v) => {
            setInstance(v);
            setError(null);
            setErrorCode(null);
          }}
          error={error}
          autoFocus
          maxLength={253}
        />
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
          <AccountField
            label={t('accounts.mastodon.code')}
            hint={t('accounts.mastodon.codeHint')}
            autoCapitalize="none"
            autoComplete="off"
            value={code}
            onChange={(v) => {
              setCode(v);
              setError(null);
            }}
            error={error}
            maxLength={512}
          />
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
