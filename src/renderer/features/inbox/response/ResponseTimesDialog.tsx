import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxSettings, ResponseTimes } from '../../../../shared/inbox/schemas';
import { AppDialog } from '../../../components/AppDialog';
import { getClient } from '../../../client';
import { errorText } from '../../../i18n';
import { durationText } from '../../../model/inbox/inboxModel';
import { useAccounts } from '../../../stores/accounts';
import { useInbox } from '../../../stores/inbox';
import { ResponseSettings } from './ResponseSettings';

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

type Figure = ResponseTimes['workspace'];

/**
 * How fast the brand answers: median and 90th percentile from arrival to the first reply, per
 * workspace, account and day over a period, "done without reply" counted apart, in business
 * hours when the workspace has them; and the settings (target, business hours) that drive it.
 */
export function ResponseTimesDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const accounts = useAccounts((s) => s.byWorkspace[workspaceId]);
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [settings, setSettings] = useState<InboxSettings | null>(null);
  const [figures, setFigures] = useState<ResponseTimes | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const loadFigures = useCallback(() => {
    const to = Date.now();
    void getClient()
      .invoke('inbox.responseTimes', { workspaceId, from: new Date(to - days * DAY_MS).toISOString(), to: new Date(to + 60_000).toISOString() })
      .then((r) => (r.ok ? setFigures(r.value) : setMessage(errorText(r.error))));
  }, [workspaceId, days]);
  useEffect(() => {
    void getClient()
      .invoke('inbox.getSettings', { workspaceId })
      .then((r) => r.ok && setSettings(r.value));
  }, [workspaceId]);
  useEffect(loadFigures, [loadFigures]);

  const save = async (patch: Pick<InboxSettings, 'targetMinutes' | 'businessHours'>) => {
    const r = await getClient().invoke('inbox.setSettings', { workspaceId, ...patch });
    if (!r.ok) return errorText(r.error);
    setSettings(r.value);
    setMessage(t('responseTimes.saved', { target: durationText(t, r.value.targetMinutes) }));
    loadFigures();
    void useInbox.getState().load(workspaceId);
    return null;
  };
  const time = (minutes: number | null) => (minutes === null ? t('responseTimes.none') : durationText(t, minutes));
  const cells = (f: Figure) => (
    <>
      <td>{time(f.medianMinutes)}</td>
      <td>{time(f.p90Minutes)}</td>
      <td>{f.answered}</td>
      <td>{f.doneWithoutReply}</td>
    </>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('responseTimes.median')}</th>
        <th scope="col">{t('responseTimes.p90')}</th>
        <th scope="col">{t('responseTimes.answered')}</th>
        <th scope="col">{t('responseTimes.doneWithoutReply')}</th>
      </tr>
    </thead>
  );
  const handle = (accountId: string) => {
    const a = accounts?.find((x) => x.id === accountId);
    return a ? `@${a.handle}` : t('responseTimes.removedAccount');
  };

  return (
    <AppDialog title={t('responseTimes.title')} onClose={onClose} size="large">
      <div className="field">
        <label className="field-label" htmlFor="response-period">
          {t('responseTimes.period')}
        </label>
        <select id="response-period" className="input" value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t('responseTimes.lastDays', { count: p })}
            </option>
          ))}
        </select>
      </div>
      {figures ? (
        <>
          <p className="dialog-note">{figures.businessHours ? t('responseTimes.inBusinessHours') : t('responseTimes.allHours')}</p>
          <table className="audit-table" aria-label={t('responseTimes.workspaceTable')}>
            {head(t('responseTimes.scope'))}
            <tbody>
              <tr>
                <th scope="row">{t('responseTimes.workspace')}</th>
                {cells(figures.workspace)}
              </tr>
              {figures.byAccount.map((f) => (
                <tr key={f.accountId}>
                  <th scope="row">{handle(f.accountId)}</th>
                  {cells(f)}
                </tr>
              ))}
            </tbody>
          </table>
          {figures.byDay.length > 0 ? (
            <table className="audit-table" aria-label={t('responseTimes.dayTable')}>
              {head(t('responseTimes.day'))}
              <tbody>
                {figures.byDay.map((f) => (
                  <tr key={f.day}>
                    <th scope="row">{f.day}</th>
                    {cells(f)}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="dialog-note">{t('responseTimes.empty')}</p>
          )}
        </>
      ) : null}
      {settings ? <ResponseSettings key={JSON.stringify(settings)} settings={settings} onSave={save} /> : null}
      {message ? <p role="status">{message}</p> : null}
    </AppDialog>
  );
}
