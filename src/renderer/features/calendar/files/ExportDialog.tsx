import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import { Download } from 'lucide-react';
import type { ExportFormat } from '../../../../shared/calendar/schemas';
import { AppDialog } from '../../../components/AppDialog';
import { getClient } from '../../../client';
import { errorText } from '../../../i18n';
import { rangeInstants, todayIn, weekStartFor } from '../../../model/calendar/calendarGrid';
import { defaultExportChoice, exportDates, shownDates } from '../../../model/calendar/exportRange';
import { useCalendar } from '../../../stores/calendar';
import { useToasts } from '../../../stores/toasts';
import { useWorkspaces } from '../../../stores/workspaces';
import { describeZone } from '../../publishing/scheduleTime';
import { downloadFile } from '../../../lib/download';
import { FormError } from '../../../components/FormError';
import { ChoiceList } from '../../../components/ChoiceList';
import { ExportRangePicker, type ExportRange } from './ExportRangePicker';

const FORMATS: ExportFormat[] = ['ics', 'csv', 'bundle'];

/**
 * Export: iCalendar, Hootsuite-layout CSV or a bundle with the images, for a range of dates
 * (this month and the next two, this month, what the calendar shows, everything planned, or
 * other dates; see model/calendar/exportRange); saved as a download.
 */
export function ExportDialog({ workspaceId, onClose }: { workspaceId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const workspace = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId));
  const zone = workspace?.timeZone ?? 'UTC';
  const [now] = useState(() => Date.now());
  const [format, setFormat] = useState<ExportFormat>('ics');
  const today = todayIn(zone, now);
  const view = useCalendar((s) => s.view);
  const anchor = useCalendar((s) => s.anchor) ?? today;
  const shown = shownDates(view, anchor, weekStartFor(i18n.language.startsWith('fr') ? 'fr-FR' : 'en-GB'));
  const [range, setRange] = useState<ExportRange>(() => {
    const choice = defaultExportChoice(today, shown);
    return { choice, ...exportDates(choice, today, shown)! };
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { first, last } = exportDates(range.choice, today, shown) ?? range;
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
        <ChoiceList<ExportFormat>
          label={t('calendar.export.format')}
          value={format}
          choices={FORMATS.map((f) => ({ value: f, title: t(`calendar.export.formats.${f}`), hint: t(`calendar.export.hints.${f}`) }))}
          onChange={setFormat}
        />
        <p className="field-hint">{t('calendar.export.zone', { zone: describeZone(zone, now) })}</p>
        <ExportRangePicker range={range} today={today} shown={shown} onChange={setRange} />
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
