import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import { RefreshCw } from 'lucide-react';
import type { CalDavConfig, ImportPreview, SyncResult } from '../../../../shared/calendar/schemas';
import { AppDialog } from '../../../components/AppDialog';
import { RelativeTime } from '../../../components/RelativeTime';
import { getClient } from '../../../client';
import { errorText, i18n } from '../../../i18n';
import { useCalendar } from '../../../stores/calendar';
import { useWorkspaces } from '../../../stores/workspaces';
import { announceImport } from './importUndo';
import { mergeChoices, type Choices } from '../../../model/calendar/importChoices';
import { ImportPreviewView } from './ImportPreviewView';
import { FormError } from '../../../components/FormError';

/** The last failure's code as a sentence (errors.caldav_*), or the code itself for one this UI does not know. */
const failureText = (code: string) => (i18n.exists(`errors.${code}`) ? i18n.t(`errors.${code}`) : code);

/**
 * A shared calendar on a CalDAV server (Radicale, Nextcloud…): address, user, password (kept in
 * the vault), its state (last sync, changes waiting, last failure) and "Synchroniser maintenant";
 * conflicts open the same three-way view as a file import.
 */
export function CalDavDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const zone = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId)?.timeZone) ?? 'UTC';
  const [config, setConfig] = useState<CalDavConfig | null>(null);
  const [form, setForm] = useState({ url: '', username: '', password: '' });
  const [busy, setBusy] = useState<'save' | 'sync' | 'remove' | 'apply' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sync, setSync] = useState<SyncResult | null>(null);
  const [conflicts, setConflicts] = useState<ImportPreview | null>(null);
  const [choices, setChoices] = useState<Choices>({});

  useEffect(() => {
    let live = true;
    void getClient()
      .invoke('caldav.get', { workspaceId })
      .then((result) => {
        if (!live || !result.ok) return;
        setConfig(result.value);
        if (result.value) setForm({ url: result.value.url, username: result.value.username, password: '' });
        // Conflicts an automatic sync left wait here.
        if (result.value?.conflicts) setConflicts(result.value.conflicts);
      });
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('save');
    setError(null);
    const result = await getClient().invoke('caldav.set', { workspaceId, url: form.url, username: form.username, ...(form.password ? { password: form.password } : {}) });
    setBusy(null);
    if (!result.ok) return setError(errorText(result.error));
    setConfig(result.value);
    setForm((f) => ({ ...f, password: '' }));
  };

  const runSync = async () => {
    setBusy('sync');
    setError(null);
    const result = await getClient().invoke('caldav.sync', { workspaceId });
    setBusy(null);
    useCalendar.getState().invalidate(workspaceId);
    if (!result.ok) return setError(errorText(result.error));
    setSync(result.value);
    setConflicts(result.value.conflicts);
    setChoices({});
    const refreshed = await getClient().invoke('caldav.get', { workspaceId });
    if (refreshed.ok) setConfig(refreshed.value);
  };

  const resolve = async () => {
    if (!conflicts) return;
    setBusy('apply');
    const result = await getClient().invoke('calendar.importApply', { importId: conflicts.importId, choices: mergeChoices(choices), includeDeletes: true });
    setBusy(null);
    if (!result.ok) return setError(errorText(result.error));
    setConflicts(null);
    announceImport(result.value, workspaceId);
    await runSync();
  };

  const remove = async () => {
    setBusy('remove');
    const result = await getClient().invoke('caldav.remove', { workspaceId });
    setBusy(null);
    if (!result.ok) return setError(errorText(result.error));
    setConfig(null);
    setSync(null);
    setForm({ url: '', username: '', password: '' });
  };

  return (
    <AppDialog title={t('calendar.caldav.title')} onClose={onClose} size="large">
      <div className="form">
        <p className="field-hint">{t('calendar.caldav.lead')}</p>
        <Form className="form" onSubmit={(e) => void save(e)}>
          <label className="field">
            <span className="field-label">{t('calendar.caldav.url')}</span>
            <input className="input" type="url" required placeholder="https://cloud.example.org/remote.php/dav/calendars/camille/plan/" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
          </label>
          <div className="schedule-fields">
            <label className="field">
              <span className="field-label">{t('calendar.caldav.username')}</span>
              <input className="input" required autoComplete="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('calendar.caldav.password')}</span>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                required={!config?.hasPassword}
                placeholder={config?.hasPassword ? t('calendar.caldav.passwordKept') : ''}
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.target.value })}
              />
            </label>
          </div>
          <div className="form-actions">
            {config ? (
              <Button className="btn btn-ghost" isPending={busy === 'remove'} onPress={() => void remove()}>
                {t('calendar.caldav.remove')}
              </Button>
            ) : null}
            <Button type="submit" className="btn btn-primary" isPending={busy === 'save'}>
              {t('calendar.caldav.save')}
            </Button>
          </div>
        </Form>
        {config ? (
          <section className="caldav-status" aria-labelledby="caldav-status" data-testid="caldav-status">
            <h3 id="caldav-status" className="field-label">
              {t('calendar.caldav.status')}
            </h3>
            <p>
              {config.lastSyncAt ? <RelativeTime iso={config.lastSyncAt} prefix={t('calendar.caldav.lastSync')} /> : t('calendar.caldav.never')}
              {' · '}
              {t('calendar.caldav.pending', { count: config.pendingChanges })}
            </p>
            <p className="field-hint">{t('calendar.caldav.auto')}</p>
            {config.lastError ? <p className="form-error">{failureText(config.lastError)}</p> : null}
            {sync ? <p role="status">{t(`calendar.caldav.result.${sync.state}`, { pushed: sync.pushed, pulled: sync.pulled })}</p> : null}
            <Button className="btn btn-ghost" isPending={busy === 'sync'} onPress={() => void runSync()}>
              <RefreshCw size={14} aria-hidden />
              <span>{t('calendar.caldav.syncNow')}</span>
            </Button>
          </section>
        ) : null}
        <FormError message={error} />
        {conflicts ? (
          <section aria-labelledby="caldav-conflicts">
            <h3 id="caldav-conflicts" className="planning-title">
              {t('calendar.caldav.conflicts')}
            </h3>
            <ImportPreviewView preview={conflicts} zone={zone} choices={choices} onChoices={setChoices} />
            <div className="form-actions">
              <Button className="btn btn-primary" isPending={busy === 'apply'} onPress={() => void resolve()}>
                {t('calendar.caldav.resolve')}
              </Button>
            </div>
          </section>
        ) : null}
      </div>
    </AppDialog>
  );
}
