import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { Download } from 'lucide-react';
import type { ExportFormat } from '../../../../shared/calendar/schemas';
import { addLocalDays } from '../../../../shared/schedule';
import { AppDialog } from '../../../components/AppDialog';
import { getClient } from '../../../client';
import { errorText } from '../../../i18n';
import { rangeInstants, todayIn } from '../../../model/calendar/calendarGrid';
import { useToasts } from '../../../stores/toasts';
import { useWorkspaces } from '../../../stores/workspaces';
import { describeZone } from '../../publishing/scheduleTime';
import { downloadFile } from '../../../lib/download';
import { FormError } from '../../../components/FormError';

const FORMATS: ExportFormat[] = ['ics', 'csv', 'bundle'];

/** Export: iCalendar, Hootsuite-layout CSV or a bundle with the images, for a range of dates; saved as a download. */
export function ExportDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const zone = workspace?.timeZone ?? 'UTC';
  const [now] = useState(() => Date.now());
  const [format, setFormat] = useState<ExportFormat>('ics');
  const [first, setFirst] = useState(() => addLocalDays(todayIn(zone, now), -30));
  const [last, setLast] = useState(() => addLocalDays(todayIn(zone, now), 365));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!first || !last || last < first) return setError(t('calendar.export.badRange'));
    setBusy(true);
    setError(null);
    const { from, to } = rangeInstants(first, last, zone);
    const result = await getClient().invoke('calendar.export', { workspaceId, from, to, format });
    setBusy(false);
    if (!result.ok) return setError(t('calendar.export.failed', { reason: errorText(result.error) }));
    downloadFile(result.value.fileName, result.value.mime, result.value.dataBase64);
    useToasts.getState().show({ message: t('calendar.export.done', { count: result.value.posts, file: result.value.fileName }) });
    onClose();
  };

  return (
    <AppDialog title={t('calendar.export.title')} onClose={onClose} size="medium">
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <RadioGroup className="choice" value={format} onChange={(v) => setFormat(v as ExportFormat)}>
          <Label className="field-label">{t('calendar.export.format')}</Label>
          <div className="radio-list">
            {FORMATS.map((f) => (
              <Radio key={f} value={f} className="radio">
                <span className="radio-dot" aria-hidden />
                <span>
                  <span className="checkbox-title">{t(`calendar.export.formats.${f}`)}</span>
                  <span className="field-hint checkbox-hint">{t(`calendar.export.hints.${f}`)}</span>
                </span>
              </Radio>
            ))}
          </div>
        </RadioGroup>
        <p className="field-hint">{t('calendar.export.zone', { zone: describeZone(zone, now) })}</p>
        <div className="schedule-fields">
          <label className="field">
            <span className="field-label">{t('calendar.export.from')}</span>
            <input className="input" type="date" required value={first} onChange={(e) => setFirst(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('calendar.export.to')}</span>
            <input className="input" type="date" required value={last} onChange={(e) => setLast(e.target.value)} />
          </label>
        </div>
        {busy ? (
          <p className="field-hint" role="status">
            {t('calendar.export.working')}
          </p>
        ) : null}
        <FormError message={error} />
        <div className="form-actions">
          <Button className="btn btn-ghost" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" className="btn btn-primary" isPending={busy}>
            <Download size={14} aria-hidden />
            <span>{t('calendar.export.submit')}</span>
          </Button>
        </div>
      </Form>
    </AppDialog>
  );
}
