import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { Plus, RotateCcw, X } from 'lucide-react';
import type { Account } from '../../../shared/domain';
import { atHandle } from '../../components/AccountAvatar';
import { AppDialog } from '../../components/AppDialog';
import { Field } from '../../components/Field';
import { getClient, type CommandClientResult } from '../../client';
import { errorText } from '../../i18n';
import { useAccounts } from '../../stores/accounts';
import { useToasts } from '../../stores/toasts';
import { useWorkspaces } from '../../stores/workspaces';
import { describeZone, timeZoneOptions } from '../publishing/scheduleTime';
import { addTime, defaultRows, removeTime, rowsToSlots, slotsToRows, toggleDay, weeklyCount, WEEKDAYS, type SlotRow } from './slotModel';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';

/** Weekday names in the UI's language (2024-01-01 was a Monday). */
export function weekdayName(weekday: number, language: string, width: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));
}

export function useAccount(accountId: string): Account | undefined {
  return useAccounts((s) => {
    for (const list of Object.values(s.byWorkspace)) {
      const found = list.find((a) => a.id === accountId);
      if (found) return found;
    }
    return undefined;
  });
}

export function SlotsDialog({ accountId, onClose }: { accountId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const account = useAccount(accountId);
  const workspaceZone = useWorkspaces((s) => s.workspaces.find((w) => w.id === account?.workspaceId)?.timeZone);
  const [rows, setRows] = useState<SlotRow[] | null>(null);
  const [zone, setZone] = useState<string>('UTC');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [newTime, setNewTime] = useState('09:00');
  const [addError, setAddError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [now] = useState(() => Date.now());

  const apply = useCallback(
    (result: CommandClientResult<'account.getSlots'>) => {
      if (!result.ok) return setLoadError(errorText(result.error));
      setLoadError(null);
      setRows(slotsToRows(result.value.slots));
      setZone(result.value.timeZone || workspaceZone || 'UTC');
    },
    [workspaceZone],
  );
  const load = () => void getClient().invoke('account.getSlots', { id: accountId }).then(apply);

  useEffect(() => {
    let cancelled = false;
    void getClient()
      .invoke('account.getSlots', { id: accountId })
      .then((result) => {
        if (!cancelled) apply(result);
      });
    return () => {
      cancelled = true;
    };
  }, [accountId, apply]);

  if (!account) return null;
  const handle = atHandle(account.handle);

  const add = () => {
    if (!rows) return;
    const result = addTime(rows, newTime);
    if (!result.ok) return setAddError(t(`slots.${result.error}`));
    setAddError(null);
    setRows(result.rows);
  };

  const save = async () => {
    if (!rows) return;
    setBusy(true);
    setSaveError(null);
    const result = await getClient().invoke('account.setSlots', { id: accountId, slots: rowsToSlots(rows), timeZone: zone });
    setBusy(false);
    if (!result.ok) return setSaveError(errorText(result.error));
    useToasts.getState().show({ message: t('slots.saved', { handle }) });
    onClose();
  };

  return (
    <AppDialog title={t('slots.title', { handle })} onClose={onClose} size="medium">
      <p className="dialog-lead">{t('slots.lead', { handle })}</p>
      {loadError ? (
        <LoadError message={t('slots.loadFailed', { reason: loadError })} onRetry={load} />
      ) : null}
      {!rows && !loadError ? <p>{t('common.loading')}</p> : null}
      {rows ? (
        <div className="form">
          <Field id="slots-zone" label={t('slots.timeZone')} hint={t('slots.timeZoneHint', { zone: describeZone(zone, now) })}>
            {(control) => (
              <select {...control} className="input" value={zone} onChange={(e) => setZone(e.target.value)}>
                {timeZoneOptions(zone).map((z) => (
                  <option key={z} value={z}>
                    {z.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {rows.length > 0 ? (
            <table className="slots-table">
              <caption className="sr-only">{t('slots.tableCaption', { handle })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('slots.time')}</th>
                  {WEEKDAYS.map((d) => (
                    <th key={d} scope="col">
                      <abbr title={weekdayName(d, i18n.language, 'long')}>{weekdayName(d, i18n.language, 'short')}</abbr>
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">{t('slots.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.time}>
                    <th scope="row" className="slot-time">
                      {row.time}
                    </th>
                    {WEEKDAYS.map((d) => (
                      <td key={d}>
                        <input
                          type="checkbox"
                          className="slot-check"
                          checked={row.days.includes(d)}
                          aria-label={t('slots.dayAt', { day: weekdayName(d, i18n.language, 'long'), time: row.time })}
                          onChange={() => setRows(toggleDay(rows, row.time, d))}
                        />
                      </td>
                    ))}
                    <td>
                      <Button className="btn btn-ghost btn-icon" aria-label={t('slots.removeTime', { time: row.time })} onPress={() => setRows(removeTime(rows, row.time))}>
                        <X size={14} aria-hidden />
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="field-hint">{t('slots.none')}</p>
          )}
          <Field id="slots-new-time" label={t('slots.newTime')} error={addError} alertError>
            {(control) => (
              <div className="slot-add">
                <input
                  {...control}
                  className="input"
                  type="time"
                  value={newTime}
                  onChange={(e) => {
                    setNewTime(e.target.value);
                    setAddError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add();
                    }
                  }}
                />
                <Button className="btn btn-ghost" onPress={add}>
                  <Plus size={14} aria-hidden />
                  <span>{t('slots.addTime')}</span>
                </Button>
                <Button className="btn btn-ghost" onPress={() => setRows(defaultRows())}>
                  <RotateCcw size={14} aria-hidden />
                  <span>{t('slots.reset')}</span>
                </Button>
              </div>
            )}
          </Field>
          <p className="field-hint" role="status">
            {t('slots.count', { count: weeklyCount(rows) })}
          </p>
          <FormError message={saveError ? t('slots.saveFailed', { reason: saveError }) : null} />
          <div className="form-actions">
            <Button className="btn btn-ghost" onPress={onClose}>
              {t('common.cancel')}
            </Button>
            <Button className="btn btn-primary" onPress={() => void save()} isPending={busy}>
              {t('slots.save')}
            </Button>
          </div>
        </div>
      ) : null}
    </AppDialog>
  );
}
