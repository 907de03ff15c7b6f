import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { ReportReason, type ServerRule } from '../../../shared/inbox/moderation';
import { AppDialog } from '../../components/AppDialog';
import { ConfirmActions } from '../../components/ConfirmActions';
import { getClient } from '../../client';
import type { ModerationRequest } from '../../model/moderation/choices';
import { moderate } from './moderate';

/** Confirms a block or a follower's removal; the network's refusal is shown here. */
export function ModerationDialog({ request, onClose }: { request: ModerationRequest; onClose(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (request.action === 'report') return <ReportDialog request={request} onClose={onClose} />;
  const confirm = async () => {
    setBusy(true);
    const outcome = await moderate(request);
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };
  return (
    <AppDialog role="alertdialog" title={t(`moderation.confirm.${request.action}.title`, { handle: request.authorHandle })} onClose={onClose}>
      <p>{t(`moderation.confirm.${request.action}.lead`, { handle: request.authorHandle, network: t(`networks.${request.network}`) })}</p>
      <ConfirmActions error={error} busy={busy} confirmLabel={t(`moderation.confirm.${request.action}.confirm`)} onCancel={onClose} onConfirm={() => void confirm()} />
    </AppDialog>
  );
}

/** A report: why (the network's reasons), which of the server's rules when it is a violation (Mastodon), and a comment. */
function ReportDialog({ request, onClose }: { request: ModerationRequest; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState<ReportReason>('rude');
  const [comment, setComment] = useState('');
  const [rules, setRules] = useState<ServerRule[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getClient()
      .invoke('moderation.rules', { accountId: request.accountId })
      .then((r) => {
        if (live) setRules(r.ok ? r.value : []);
      });
    return () => {
      live = false;
    };
  }, [request.accountId]);
  const withRules = reason === 'violation' && rules !== null && rules.length > 0;
  const send = async () => {
    if (withRules && picked.length === 0) return setError(t('moderation.report.pickRule'));
    setBusy(true);
    setError(null);
    const outcome = await moderate(request, { reason, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(withRules ? { ruleIds: picked } : {}) });
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };
  return (
    <AppDialog title={t('moderation.report.title', { handle: request.authorHandle })} onClose={onClose} size="medium">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${id}-reason`}>
            {t('moderation.report.reason')}
          </label>
          <select id={`${id}-reason`} className="input" value={reason} onChange={(e) => setReason(ReportReason.parse(e.target.value))} autoFocus>
            {ReportReason.options.map((r) => (
              <option key={r} value={r}>
                {t(`moderation.reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {withRules ? (
          <fieldset className="field">
            <legend className="field-label">{t('moderation.report.rules')}</legend>
            {rules.map((rule) => (
              <label key={rule.id} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={picked.includes(rule.id)}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, rule.id] : p.filter((x) => x !== rule.id)))}
                />
                <span>{rule.text}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${id}-comment`}>
            {t('moderation.report.comment')}
          </label>
          <textarea id={`${id}-comment`} className="input" rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions">
          <Button className="btn btn-ghost" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" className="btn btn-danger" isPending={busy}>
            {t('moderation.report.send')}
          </Button>
        </div>
      </form>
    </AppDialog>
  );
}
