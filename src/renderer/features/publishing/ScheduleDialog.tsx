import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form } from 'react-aria-components';
import { Globe } from 'lucide-react';
import { AppDialog } from '../../components/AppDialog';
import { Field } from '../../components/Field';
import { useUi } from '../../stores/ui';
import { useWorkspaces } from '../../stores/workspaces';
import { sendDraft } from './publishActions';
import { describeZone, formatInZone, readScheduleInput, suggestScheduleTime, wallTimeOf, type WallTime } from './scheduleTime';

interface ScheduleDialogProps {
  draftId: string;
  workspaceId: string;
  /** The time the post goes now, if it has one: the dialog starts from it. */
  scheduledAt?: string | null;
  /** The post is already scheduled or queued ("Reprogrammer"). */
  reschedule?: boolean;
  onClose(): void;
}

/** "Programmer…": a date and a time in the workspace's zone, whatever this computer's zone. */
export function ScheduleDialog({ draftId, workspaceId, scheduledAt, reschedule = false, onClose }: ScheduleDialogProps) {
  const { t, i18n } = useTranslation();
  const zone = useWorkspaces((s) => s.workspaces.find((w) => w.id === workspaceId)?.timeZone) ?? 'UTC';
  const [value, setValue] = useState<WallTime>(() =>
    scheduledAt && Date.parse(scheduledAt) > Date.now() ? wallTimeOf(scheduledAt, zone) : suggestScheduleTime(Date.now(), zone),
  );
  /** The person tried to schedule an impossible time: the reason under the fields becomes an alert. */
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);
  // "Now" as of the last change: the preview says whether the time is past without re-rendering every second.
  const [now, setNow] = useState(() => Date.now());
  const reading = readScheduleInput(value, zone, now);
  const invalid = refused && !reading.ok;
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const submittedAt = Date.now();
    const input = readScheduleInput(value, zone, submittedAt);
    if (!input.ok) {
      // The line under the fields says why, now as an alert: the reason is shown once.
      setNow(submittedAt);
      return setRefused(true);
    }
    setBusy(true);
    const done = await sendDraft('schedule', draftId, workspaceId, { at: input.at, timeZone: zone });
    setBusy(false);
    if (!done) return;
    onClose();
    // The composer and its "Schedule…" button are gone: focus goes to the post's card, not the page.
    useUi.getState().focusPost(draftId);
  };

  const change = (patch: Partial<WallTime>) => {
    setValue((v) => ({ ...v, ...patch }));
    setNow(Date.now());
    setRefused(false);
  };

  return (
    <AppDialog title={reschedule ? t('schedule.rescheduleTitle') : t('schedule.title')} onClose={onClose}>
      <Form className="form" onSubmit={(e) => void submit(e)}>
        <p className="zone-note">
          <Globe size={14} aria-hidden />
          <span>{t('schedule.zone', { zone: describeZone(zone, reading.ok ? reading.ms : now) })}</span>
        </p>
        <div className="schedule-fields">
          <Field id="schedule-date" label={t('schedule.date')} invalid={invalid} describedBy="schedule-preview">
            {(control) => <input {...control} className="input" type="date" value={value.date} required autoFocus onChange={(e) => change({ date: e.target.value })} />}
          </Field>
          <Field id="schedule-time" label={t('schedule.time')} invalid={invalid} describedBy="schedule-preview">
            {(control) => <input {...control} className="input" type="time" value={value.time} required onChange={(e) => change({ time: e.target.value })} />}
          </Field>
        </div>
        {/* One line says when the post goes or why it cannot; an alert once the person tried. */}
        <p id="schedule-preview" className={invalid ? 'form-error' : 'field-hint'} aria-live="polite" role={invalid ? 'alert' : undefined}>
          {reading.ok
            ? t('schedule.preview', { when: formatInZone(reading.ms, zone, i18n.language, { long: true }) }) +
              (localZone && localZone !== zone ? ` ${t('schedule.previewLocal', { when: formatInZone(reading.ms, localZone, i18n.language) })}` : '')
            : t(`schedule.errors.${reading.error}`)}
        </p>
        <div className="form-actions">
          <Button className="btn btn-ghost" onPress={onClose}>
            {t('common.cancel')}
          </Button>
          <Button className="btn btn-primary" type="submit" isPending={busy}>
            {reschedule ? t('schedule.reschedule') : t('schedule.submit')}
          </Button>
        </div>
      </Form>
    </AppDialog>
  );
}
