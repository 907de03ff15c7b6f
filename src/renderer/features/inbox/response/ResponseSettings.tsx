import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import type { InboxSettings } from '../../../../shared/inbox/schemas';
import { formOfSettings, settingsOfForm, type ResponseSettingsForm, type SettingsField } from '../../../../shared/inbox/settings-form';
import { Field } from '../../../components/Field';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The workspace's target ("answer within 2 h") and optional business hours; saved, they drive the inbox's ageing colours and the figures. */
export function ResponseSettings({ settings, onSave }: { settings: InboxSettings; onSave(patch: Pick<InboxSettings, 'targetMinutes' | 'businessHours'>): Promise<string | null> }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ResponseSettingsForm>(() => formOfSettings(settings));
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const made = settingsOfForm(form);
  const problem = (field: SettingsField) => (tried && !made.ok ? made.problems.find((p) => p.field === field) : undefined);
  const set = (patch: Partial<ResponseSettingsForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (made.ok) setRefusal(await onSave(made.settings));
  };
  const problemText = (field: SettingsField) => {
    const p = problem(field);
    return p ? t(`responseTimes.problems.${p.code}`, p.params ?? {}) : undefined;
  };
  /** A problem said for a group of fields (their fieldset names it in aria-describedby). */
  const error = (field: SettingsField) =>
    problem(field) ? (
      <span id={`response-${field}-error`} className="field-error">
        {problemText(field)}
      </span>
    ) : null;
  return (
    <form className="response-settings" onSubmit={(e) => void submit(e)} aria-labelledby="response-settings-title">
      <h3 id="response-settings-title" className="charter-editor-title">
        {t('responseTimes.settingsTitle')}
      </h3>
      <fieldset className="rule-numbers" aria-describedby={problem('target') ? 'response-target-error' : undefined}>
        <legend className="field-label">{t('responseTimes.target')}</legend>
        <Field id="response-target-hours" label={t('responseTimes.hours')} invalid={!!problem('target')}>
          {(aria) => <input {...aria} className="input input-number" type="number" inputMode="numeric" min={0} value={form.targetHours} onChange={(e) => set({ targetHours: e.target.value })} />}
        </Field>
        <Field id="response-target-minutes" label={t('responseTimes.minutes')} invalid={!!problem('target')}>
          {(aria) => <input {...aria} className="input input-number" type="number" inputMode="numeric" min={0} max={59} value={form.targetMinutes} onChange={(e) => set({ targetMinutes: e.target.value })} />}
        </Field>
        {error('target')}
      </fieldset>
      <label className="checkbox-line">
        <input type="checkbox" checked={form.businessHours} onChange={(e) => set({ businessHours: e.target.checked })} />
        <span>{t('responseTimes.businessHours')}</span>
      </label>
      {form.businessHours ? (
        <>
          <fieldset className="response-days" aria-describedby={problem('days') ? 'response-days-error' : undefined}>
            <legend className="field-label">{t('responseTimes.days')}</legend>
            {DAYS.map((day) => (
              <label key={day} className="checkbox-line">
                <input type="checkbox" checked={form.days.includes(day)} onChange={(e) => set({ days: e.target.checked ? [...form.days, day] : form.days.filter((d) => d !== day) })} />
                <span>{t(`responseTimes.weekdays.${day}`)}</span>
              </label>
            ))}
            {error('days')}
          </fieldset>
          <div className="rule-numbers">
            {(['start', 'end'] as const).map((field) => (
              <Field
                key={field}
                id={`response-${field}`}
                label={t(`responseTimes.${field}`)}
                error={problemText(field)}
                // The hint under both times describes each, unless the field's own problem says what is wrong.
                describedBy={problem(field) ? undefined : 'response-time-hint'}
              >
                {(aria) => <input {...aria} className="input" value={form[field]} placeholder="09:00" onChange={(e) => set({ [field]: e.target.value })} />}
              </Field>
            ))}
          </div>
          <span id="response-time-hint" className="field-hint">
            {t('responseTimes.timeHint')}
          </span>
        </>
      ) : null}
      {refusal ? (
        <p role="alert" className="field-error">
          {refusal}
        </p>
      ) : null}
      <div className="dialog-actions">
        <Button type="submit" className="btn btn-primary">
          {t('responseTimes.save')}
        </Button>
      </div>
    </form>
  );
}
